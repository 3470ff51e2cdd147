"""Sample directives are for trying the product (issue 10, point 8): `chat` loads them into its own
database, `run` does not unless LOAD_SAMPLES is set — and then only as drafts, never published to officers."""

from __future__ import annotations

import asyncio
import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.commands import chat_settings, reset_chat_database
from bot.db.models import Officer
from bot.localapi.process import ApiProcess
from bot.services.setup import open_database
from bot.services.units import commune_units
from tests.helpers.settings import make_settings

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier

ROOT = Path(__file__).resolve().parent.parent


def _count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(sql).fetchone()[0])


def _run_until_polling(tmp_path: Path, db: Path, **env: str) -> str:
    """`python -m bot run` against the local Bot API until it polls for updates, then SIGTERM."""
    with ApiProcess() as api:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            env={
                "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                "DATABASE_URL": f"sqlite+aiosqlite:///{db}",
                "BOT_TOKEN": api.token,
                "TELEGRAM_API_BASE": api.base_url,
                **env,
            },
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            deadline = time.monotonic() + 120
            while api.stats()["requests"].get("getUpdates", 0) == 0:
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                assert time.monotonic() < deadline, "the bot never started polling"
                time.sleep(0.2)
            time.sleep(1.0)  # a worker tick: anything queued would go out now
            delivered = api.delivered()
        finally:
            proc.send_signal(signal.SIGTERM)
            out, _ = proc.communicate(timeout=30)
    assert sum(delivered.values()) == 0, delivered
    return out


async def _database_with_an_officer(path: Path) -> None:
    settings = make_settings(database_url=f"sqlite+aiosqlite:///{path}")
    db = await open_database(settings)
    try:
        async with db.write() as session:
            unit = next(u for u in await commune_units(session, settings.province) if u.name == "Xã Thất Khê")
            session.add(
                Officer(telegram_id=42, chat_id=42, name="Cán bộ thật", unit_id=unit.id, role="officer")
            )
    finally:
        await db.close()


def test_run_does_not_load_the_samples(tmp_path: Path) -> None:
    db = tmp_path / "prod.db"
    asyncio.run(_database_with_an_officer(db))
    _run_until_polling(tmp_path, db)
    assert _count(db, "SELECT count(*) FROM directives") == 0


def test_run_with_load_samples_keeps_them_as_drafts(tmp_path: Path) -> None:
    db = tmp_path / "prod.db"
    asyncio.run(_database_with_an_officer(db))
    out = _run_until_polling(tmp_path, db, LOAD_SAMPLES="true")
    assert _count(db, "SELECT count(*) FROM directives") == 5
    assert _count(db, "SELECT count(*) FROM directives WHERE status != 'draft'") == 0
    assert _count(db, "SELECT count(*) FROM assignments") == 0
    assert _count(db, "SELECT count(*) FROM deliveries") == 0
    assert "loaded 5 sample directives as drafts" in out


def test_other_commands_leave_the_database_without_samples(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DATABASE_URL": f"sqlite+aiosqlite:///{db}"}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "db", "upgrade"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"Cơ sở dữ liệu đã được cập nhật: sqlite+aiosqlite:///{db} (65 xã/phường")
    assert _count(db, "SELECT count(*) FROM directives") == 0


def test_chat_has_its_own_database_with_the_samples(tmp_path: Path) -> None:
    settings = make_settings(load_samples=None, chat_dir=tmp_path / "demo")
    chat = chat_settings(settings)
    assert chat.load_samples is True
    assert chat.database_url == f"sqlite+aiosqlite:///{tmp_path / 'demo' / 'chat.db'}"
    assert settings.database_url != chat.database_url
    assert chat_settings(make_settings(load_samples=False, chat_dir=tmp_path)).load_samples is False


def test_chat_reset_asks_first_at_a_terminal(tmp_path: Path) -> None:
    settings = make_settings(chat_dir=tmp_path)
    (tmp_path / "chat.db").write_bytes(b"demo")
    (tmp_path / "chat.db-wal").write_bytes(b"wal")
    out = io.StringIO()
    assert reset_chat_database(settings, True, io.StringIO("k\n"), out) is False
    assert (tmp_path / "chat.db").exists()
    assert out.getvalue().endswith("[c/K] Không xóa gì.\n")
    out = io.StringIO()
    assert reset_chat_database(settings, True, io.StringIO("c\n"), out) is True
    assert not (tmp_path / "chat.db").exists() and not (tmp_path / "chat.db-wal").exists()
    assert f"Đã xóa {tmp_path / 'chat.db'}; bắt đầu lại với các công văn mẫu." in out.getvalue()
    out = io.StringIO()
    assert reset_chat_database(settings, False, io.StringIO(""), out) is True  # nothing there: nothing asked
    assert "Chưa có cơ sở dữ liệu thử nghiệm" in out.getvalue()
