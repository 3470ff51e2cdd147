"""A command line in the office's language and habits: every option described with an example per
command, `--to` that leaves file names alone, dates as dd/mm/yyyy and roles in Vietnamese for people (JSON
keeps ISO and the contract's values), full paths for missing files, Vietnamese errors, a publish that says
when its messages go out; and a `chat` demo that keeps the documents it is sent and starts over on demand."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.__main__ import _split_targets, build_parser
from bot.db.models import Officer
from bot.services.setup import open_database
from bot.services.units import commune_units
from tests.helpers.settings import SAMPLES, make_settings

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier

SEED = SAMPLES / "003_f355f8ad106b5bf4.txt"


def _cli(
    tmp_path: Path, *args: str, stdin: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}",
            "CHAT_DIR": str(tmp_path / "demo"),
            **env,
        },
        cwd=tmp_path,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_option_is_described_and_every_command_has_an_example() -> None:
    commands = _subparsers(build_parser())
    assert {
        "parse",
        "import",
        "search",
        "classify",
        "stats",
        "export",
        "invite",
        "units",
        "db",
        "radio",
    } <= set(commands)
    assert {"run", "chat", "outbox"} <= set(commands)
    for name, sub in commands.items():
        assert sub.epilog and sub.epilog.startswith("ví dụ:\n  "), name
        assert f"python -m bot {name}" in sub.epilog, name
        assert isinstance(sub.formatter_class, type) and issubclass(
            sub.formatter_class, argparse.RawDescriptionHelpFormatter
        )
        for action in sub._actions:
            assert action.help and action.help.strip(), f"{name} {action.option_strings or action.dest}"
        text = sub.format_help()
        assert "usage:" not in text and "show this help" not in text and "options:" not in text, name
        assert text.startswith("cách dùng: python -m bot " + name)


def _import_args(*argv: str) -> argparse.Namespace:
    args = build_parser().parse_args(["import", *argv])
    _split_targets(args)
    return args


def test_to_leaves_the_file_names_alone() -> None:
    args = _import_args("--publish", "--to", "Bình Gia", "cv.docx")
    assert (args.files, args.to) == (["cv.docx"], ["Bình Gia"])
    args = _import_args("--publish", "--to", "Bình Gia", "--to", "Thất Khê", "a.txt", "b.pdf")
    assert (args.files, args.to) == (["a.txt", "b.pdf"], ["Bình Gia", "Thất Khê"])
    args = _import_args("a.txt", "--publish", "--to", "Bình Gia, xa doan ket")
    assert (args.files, args.to) == (["a.txt"], ["Bình Gia", "xa doan ket"])
    args = _import_args("a.txt", "--publish", "--to", "Thất Khê", "xa doan ket")  # the old way still works
    assert (args.files, args.to) == (["a.txt"], ["Thất Khê", "xa doan ket"])
    args = _import_args("--publish", "--to", "06979", "../cong-van/*.docx")
    assert (args.files, args.to) == (["../cong-van/*.docx"], ["06979"])
    assert _import_args("a.txt", "--publish").to == ["all"]


async def _officer_in_that_khe(path: Path) -> None:
    settings = make_settings(database_url=f"sqlite+aiosqlite:///{path}")
    db = await open_database(settings)
    try:
        async with db.write() as session:
            unit = next(u for u in await commune_units(session, settings.province) if u.name == "Xã Thất Khê")
            session.add(Officer(telegram_id=7, chat_id=7, name="Cán bộ", unit_id=unit.id, role="officer"))
    finally:
        await db.close()


def test_import_publish_with_to_before_the_file_says_when_messages_go_out(tmp_path: Path) -> None:
    asyncio.run(_officer_in_that_khe(tmp_path / "cli.db"))
    proc = _cli(tmp_path, "import", "--publish", "--to", "Thất Khê", "--to", "Bình Gia", str(SEED))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "  → phát hành tới 2 xã/phường (2 giao mới), 1 tin nhắn chờ gửi\n" in proc.stdout
    assert proc.stdout.endswith(
        "Tin nhắn chờ gửi đi qua bot: bot đang chạy sẽ gửi trong vài giây; nếu bot chưa chạy, tin sẽ được gửi "
        "khi chạy python -m bot run.\n"
    )


def test_missing_files_are_named_in_full(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    proc = _cli(tmp_path, "import", "khong-co.docx", "seeds/*.txt", "../nowhere/*.txt", LOAD_SAMPLES="false")
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == f"✗ Không tìm thấy tệp {tmp_path / 'khong-co.docx'}"
    assert (
        lines[1]
        == f"✗ Không tìm thấy tệp nào khớp {tmp_path / 'seeds' / '*.txt'} (thư mục {tmp_path / 'seeds'})"
    )
    assert lines[2] == (
        f"✗ Không tìm thấy tệp nào khớp {tmp_path.parent / 'nowhere' / '*.txt'}: "
        f"thư mục {tmp_path.parent / 'nowhere'} không tồn tại"
    )
    parsed = json.loads(_cli(tmp_path, "parse", "khong-co.docx", str(SEED), "--json").stdout)
    assert parsed[0] == {"file": "khong-co.docx", "error": f"Không tìm thấy tệp {tmp_path / 'khong-co.docx'}"}
    assert parsed[1]["number"]


def test_a_quoted_pattern_is_expanded(tmp_path: Path) -> None:
    proc = _cli(tmp_path, "parse", str(SAMPLES / "00[34]_*.txt"))
    assert proc.returncode == 0
    assert [line for line in proc.stdout.splitlines() if line.startswith("✓")] == [
        "✓ 003_f355f8ad106b5bf4.txt",
        "✓ 004_14b33d5069775a79.txt",
    ]


def test_invite_speaks_vietnamese_and_json_keeps_the_contract(tmp_path: Path) -> None:
    text = _cli(tmp_path, "invite", "--unit", "that", "khe").stdout
    assert re.fullmatch(
        r"Mã mời cho Xã Thất Khê \(cán bộ\): (\w+)\nhttps://t\.me/loaxa_bot\?start=\1\nHết hạn: \d\d/\d\d/\d{4}\n",
        text,
    ), text
    admin = _cli(tmp_path, "invite", "--unit", "Đoàn Kết", "--role", "quản trị viên").stdout
    assert admin.startswith("Mã mời cho Xã Đoàn Kết (quản trị viên): ")
    item = json.loads(_cli(tmp_path, "invite", "--unit", "Đoàn Kết", "--role", "quan tri", "--json").stdout)
    assert item["role"] == "admin" and re.fullmatch(r"\d{4}-\d\d-\d\dT.*", item["expires_at"])


def test_stats_for_people_and_for_scripts(tmp_path: Path) -> None:
    text = _cli(tmp_path, "stats", LOAD_SAMPLES="true").stdout.splitlines()
    assert text[0] == "Thống kê báo cáo (số xã/phường đã báo cáo / được giao):"
    assert len(text) == 6 and all(re.match(r"#\d+ .* — .*: 0/65 xã đã báo cáo", line) for line in text[1:])
    due = [line for line in text[1:] if ", hạn " in line]
    assert all(re.search(r", hạn \d\d/\d\d/\d{4}$", line) for line in due)
    data = json.loads(_cli(tmp_path, "stats", "--json").stdout)
    assert all(d["report_due"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", d["report_due"]) for d in data)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("import",), "python -m bot import: lỗi: thiếu tham số bắt buộc: TỆP"),
        (("stats", "--bogus"), "python -m bot: lỗi: không hiểu tham số: --bogus"),
        (("search", "x", "--limit", "0"), "lỗi: tham số --limit: cần một số nguyên dương, không phải '0'"),
        (("export", "--format", "pdf", "-o", "x"), "lỗi: tham số --format: giá trị không hợp lệ: 'pdf'"),
        (("invite", "--unit", "x", "--role", "boss"), "lỗi: tham số --role: vai trò không hợp lệ: 'boss'"),
        ((), "lỗi: thiếu tham số bắt buộc: LỆNH"),
        (
            ("export", "--from", "2025-13-01", "-o", "x"),
            "lỗi: tham số --from: ngày không hợp lệ: '2025-13-01'",
        ),
        (("export", "--from", "31/10/2025", "--to", "01/10/2025", "-o", "x"), "lỗi: --from phải trước --to"),
    ],
)
def test_errors_are_in_vietnamese(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    proc = _cli(tmp_path, *args)
    assert proc.returncode == 2
    assert message in proc.stderr, proc.stderr


def test_chat_reset_starts_over_and_keeps_what_the_bot_sends(tmp_path: Path) -> None:
    demo = tmp_path / "demo"
    demo.mkdir()
    (demo / "chat.db").write_bytes(b"not a database: only --reset gets past this")
    # the week's list, the first directive's full text, then its printable bản tin (.docx)
    proc = _cli(tmp_path, "chat", "--reset", stdin="tuần này phát gì\n1\n2\n")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    assert out.startswith(
        f"Đã xóa {demo / 'chat.db'}; bắt đầu lại với các công văn mẫu. "
        f"Các tệp đã lưu trong {demo / 'chat-files'} vẫn giữ nguyên.\n"
    )
    assert "🤖 📢 Tuyên truyền tuần này" in out  # the samples are back
    saved = re.findall(r"^   📎 Đã lưu tệp: (.+)$", out, re.M)
    assert len(saved) == 1 and Path(saved[0]).parent == demo / "chat-files"
    assert Path(saved[0]).suffix == ".docx" and Path(saved[0]).read_bytes()[:2] == b"PK"
    assert "🤖 🖨 Bản tin để in và đọc trên loa.\n   📎 Đã lưu tệp: " in out
    # log lines never in the conversation: they go to CHAT_DIR/chat.log
    assert not re.search(r"^(DEBUG|INFO|WARNING|ERROR)\b", out, re.M)
    assert (demo / "chat.log").is_file()
    assert proc.stderr.startswith("Đang khởi động Loa Xã…\n") and "Traceback" not in proc.stderr


def test_an_output_file_that_cannot_be_written(tmp_path: Path) -> None:
    target = tmp_path / "khong-co" / "bao-cao.xlsx"
    for args in (("export", "-o", str(target)), ("invite", "--unit", "all", "-o", str(target))):
        proc = _cli(tmp_path, *args)
        assert proc.returncode == 1 and proc.stdout == ""
        assert proc.stderr == (
            f"Không ghi được tệp {target}: thư mục {tmp_path / 'khong-co'} không tồn tại (no such directory)\n"
        )


def test_export_takes_the_period_as_the_office_writes_it(tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.csv"
    proc = _cli(
        tmp_path,
        "export",
        "--format",
        "csv",
        "--from",
        "01/01/2020",
        "--to",
        "31/12/2030",
        "-o",
        str(target),
        LOAD_SAMPLES="true",
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"Đã xuất {5 * 65} dòng vào {target}\n"
    none = _cli(tmp_path, "export", "--format", "csv", "--to", "31/12/1999", "-o", str(target))
    assert none.returncode == 0 and none.stdout == f"Đã xuất 0 dòng vào {target}\n"
    missing = _cli(tmp_path, "export", "--directive", "9999", "-o", str(target))
    assert missing.returncode == 1 and missing.stdout.startswith("✗ Không tìm thấy công văn “9999”")
