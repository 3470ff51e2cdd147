"""The CLI contracts around the bot: chat (piped), invite, stats, export."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier

ROOT = Path(__file__).resolve().parent.parent


def _run(
    tmp_path: Path, *args: str, stdin: str | None = None, timeout: float = 120, **extra: str
) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}",
        "CHAT_DIR": str(tmp_path / "chat"),
        **extra,
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
        cwd=ROOT,
    )


def test_chat_piped_reads_lines_and_exits(tmp_path: Path) -> None:
    proc = _run(
        tmp_path, "chat", stdin="tuần này phát gì\nđã thực hiện\n1\nhủy báo cáo\n1\ncó gì mới không\n"
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "🤖 ✅ Đăng ký thành công! Anh/chị là cán bộ của Xã Thất Khê." in out
    assert "Bạn: tuần này phát gì\n🤖 📢 Tuyên truyền tuần này" in out
    assert "Bạn: đã thực hiện\n🤖 Anh/chị báo cáo đã thực hiện công văn nào? Chọn bên dưới:" in out
    assert "[6] ✅ Tất cả" in out
    assert "🤖 ✅ Đã ghi nhận: Xã Thất Khê đã thực hiện" in out
    assert "🤖 ↩️ Đã hủy báo cáo" in out
    assert "Traceback" not in proc.stderr
    # the demo keeps to its own database: the one `run` would use is untouched
    assert (tmp_path / "chat" / "chat.db").is_file() and not (tmp_path / "cli.db").exists()


def test_chat_admin(tmp_path: Path) -> None:
    proc = _run(tmp_path, "chat", "--admin", stdin="/thongke\n")
    assert proc.returncode == 0, proc.stderr
    assert "quản trị viên" in proc.stdout and "📊 Thống kê báo cáo" in proc.stdout


def test_invite_json_and_sheet(tmp_path: Path) -> None:
    proc = _run(tmp_path, "invite", "--unit", "that khe", "--json")
    item = json.loads(proc.stdout)
    assert set(item) == {"code", "link", "unit", "role", "expires_at"}
    assert (
        item["unit"] == "Xã Thất Khê"
        and item["role"] == "officer"
        and item["link"] == f"https://t.me/loaxa_bot?start={item['code']}"
    )
    admin = json.loads(_run(tmp_path, "invite", "--unit", "Đoàn Kết", "--role", "admin", "--json").stdout)
    assert admin["role"] == "admin" and admin["code"] != item["code"]
    missing = _run(tmp_path, "invite", "--unit", "Nowhere")
    assert missing.returncode == 1 and "Không tìm thấy đơn vị" in missing.stdout
    sheet = tmp_path / "moi.xlsx"
    assert _run(tmp_path, "invite", "--unit", "all", "-o", str(sheet)).returncode == 0
    ws = load_workbook(sheet).active
    assert ws is not None and ws.max_row == 66 and len(ws._images) == 65  # one QR per commune


def test_stats_and_export(tmp_path: Path) -> None:
    stats = json.loads(_run(tmp_path, "stats", "--json", LOAD_SAMPLES="true").stdout)
    assert len(stats) == 5
    assert set(stats[0]) == {"directive_id", "number", "subject", "total", "done", "pending", "report_due"}
    assert all((s["total"], s["done"], s["pending"]) == (65, 0, 65) for s in stats)
    out = tmp_path / "bc.csv"
    assert _run(tmp_path, "export", "--format", "csv", "-o", str(out)).returncode == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert {"Xã/Phường", "Trích yếu"} <= set(rows[0]) and len(rows) == 1 + 5 * 65  # commune × directive
    xlsx = tmp_path / "bc.xlsx"
    done = _run(tmp_path, "export", "--format", "xlsx", "-o", str(xlsx))
    assert done.returncode == 0 and done.stdout == f"Đã xuất {len(rows) - 1} dòng vào {xlsx}\n"
    assert {"Tổng hợp", "Chi tiết"} <= set(load_workbook(xlsx).sheetnames)
