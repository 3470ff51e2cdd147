"""The five real directives in ../shared/seeds parse to gold.json, field by field."""

from __future__ import annotations

import json
import re

import pytest

from bot.directives import parse_file
from bot.understanding.fold import fold_plain
from tests.conftest import SAMPLES, SEEDS

SEED_DIR = SEEDS if (SEEDS / "gold.json").exists() else SAMPLES
GOLD = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8")) if (SEEDS / "gold.json").exists() else {}
FIELDS = ("number", "issuer", "issued_on", "subject", "broadcast_from", "broadcast_to", "report_due")


def _opening(title: str) -> list[str]:
    words = fold_plain(title).split()
    while words and re.fullmatch(r"\d+|[ivxl]+|[a-z]", words[0]):
        words.pop(0)
    return words


def test_gold_is_present() -> None:
    assert len(GOLD) == 5, "../shared/seeds/gold.json must be beside the project"


@pytest.mark.parametrize("name", sorted(GOLD))
def test_seed_matches_gold(name: str) -> None:
    gold = GOLD[name]
    parsed = parse_file(SEED_DIR / name).to_contract(name)
    for field in FIELDS:
        assert parsed[field] == gold[field], f"{name}: {field}"
    titles = [t["title"] for t in parsed["topics"]]
    assert len(titles) == len(gold["topics"]), f"{name}: {titles}"
    for ours, expected in zip(titles, gold["topics"], strict=True):
        want = _opening(expected)
        assert _opening(ours)[: len(want)] == want, f"{name}: {ours!r} does not open with {expected!r}"
    assert [t["ordinal"] for t in parsed["topics"]] == list(range(1, len(titles) + 1))
    assert all(t["body"].strip() for t in parsed["topics"])


def test_samples_are_the_seeds() -> None:
    for name in GOLD:
        assert (SAMPLES / name).read_bytes() == (SEEDS / name).read_bytes()
