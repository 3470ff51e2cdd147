"""Folding: NFC/NFD, marks, đ, legacy encodings, Telex leftovers, abbreviations, look-alikes."""

from __future__ import annotations

import unicodedata

import pytest

from bot.lang.fold import (
    fold,
    fold_plain,
    has_marks,
    is_syllable,
    repair_encoding,
    strip_marks,
    telex_to_unicode,
)


def test_marks_and_d_are_removed() -> None:
    assert fold("Đã THỰC HIỆN") == "da thuc hien"
    assert strip_marks("Đường Đồng Đăng") == "duong dong dang"
    assert fold("đ Đ") == "d d"  # đ has no Unicode decomposition: mapped by hand


def test_nfd_folds_like_nfc() -> None:
    text = "Tuần này phát gì? Đã thực hiện 3 buổi."
    assert fold(unicodedata.normalize("NFD", text)) == fold(text) == "tuan nay phat gi da thuc hien 3 buoi"


def test_punctuation_and_spacing() -> None:
    assert fold("  xong!!!   rồi...\n\tạ 🙂 ") == "xong roi a"
    assert fold_plain("67-NQ/TU, ngày 27/01/2022") == "67 nq tu ngay 27 01 2022"


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("®· thùc hiÖn", "đã thực hiện"),  # TCVN3 (ABC)
        ("Tuyªn truyÒn phßng ch¸y", "Tuyên truyền phòng cháy"),
        ("ñaõ thöïc hieän", "đã thực hiện"),  # VNI
        ("khoâng thöïc hieän ñöôïc", "không thực hiện được"),
        ("Nghò quyeát soá 67", "Nghị quyết số 67"),  # VNI made only of letters Vietnamese also uses
    ],
)
def test_legacy_encodings_are_repaired(legacy: str, unicode: str) -> None:
    assert repair_encoding(legacy) == unicode


def test_unicode_text_is_left_alone() -> None:
    for text in ("hoà bình", "Nguyễn Thị Hoa", "thuở ấy", "khuya", "Đài truyền thanh xã"):
        assert repair_encoding(text) == text


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("ddax", "đã"),
        ("thuwcj", "thực"),
        ("hieenj", "hiện"),
        ("tuaafn", "tuần"),
        ("nayf", "này"),
        ("dduowcj", "được"),
        ("rooif", "rồi"),
    ],
)
def test_telex_leftovers(typed: str, word: str) -> None:
    assert telex_to_unicode(typed) == word


def test_telex_only_when_not_a_syllable() -> None:
    assert fold("ddax thuwcj hieenj") == "da thuc hien"
    assert fold("tuaafn nayf phats gif") == "tuan nay phat gi"
    # real syllables that look like Telex are kept: "as", "ex" are not, "xong", "thanh" are
    assert fold("xong thanh phong") == "xong thanh phong"
    assert is_syllable("nghieng") and not is_syllable("phaut") and not is_syllable("hieenj")


def test_abbreviations() -> None:
    assert fold("e ko lm dc") == "em khong lam duoc"
    assert fold("đc r") == "duoc roi"
    assert fold("hnay phat j") == "hom nay phat gi"
    assert fold("pccc") == "phong chay chua chay"
    assert fold("cchc") == "cai cach hanh chinh"
    assert fold("khg k") == "khong khong"


def test_look_alikes_keep_their_marks() -> None:
    # "hỏng" (broken) is not the slang "hong" (= không); "dạ" (yes) is not "đã" (done)
    assert fold("hong") == "khong"
    assert fold("hỏng") == "hong"
    assert has_marks("dạ") and fold("dạ") == "da"
