"""Backups and restores (issue 16.1): consistent while the bot writes, refusing to overwrite data without
--force, migrating an older backup; the daily job and its retention; the same round trip on PostgreSQL."""

from __future__ import annotations

import asyncio
import io
import shutil
import sqlite3
import uuid
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert

from bot.config import Settings
from bot.db.database import Database
from bot.db.migrate import upgrade
from bot.db.models import InviteCode, Role, Unit, utcnow
from bot.ops.backup import BackupJob, backup, data_counts, restore
from bot.ops.cli import cmd_backup, cmd_restore
from bot.services.setup import open_database
from tests.helpers.settings import PG_URL, REQUIRE_SERVICES, make_settings, pg_available

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier


def sqlite_settings(path: Path, **overrides: object) -> Settings:
    return make_settings(database_url=f"sqlite+aiosqlite:///{path}", **overrides)


async def a_unit(db: Database) -> int:
    from sqlalchemy import select

    async with db.read() as session:
        return int((await session.scalars(select(Unit.id).limit(1))).one())


async def add_invites(db: Database, unit_id: int, codes: list[str]) -> None:
    expires = utcnow() + timedelta(days=14)
    async with db.write() as session:
        await session.execute(
            insert(InviteCode),
            [{"code": c, "unit_id": unit_id, "role": Role.OFFICER, "expires_at": expires} for c in codes],
        )


async def writer(
    db: Database, unit_id: int, committed: list[str], stop: asyncio.Event, going: asyncio.Event, after: int
) -> None:
    """Commits one row at a time, as the bot does, and notes each code once it is committed; sets `going`
    after `after` commits."""
    i = 0
    while not stop.is_set():
        code = f"w{i:07d}"
        await add_invites(db, unit_id, [code])
        committed.append(code)
        i += 1
        if i >= after:
            going.set()
        await asyncio.sleep(0)


def sqlite_codes(path: Path) -> set[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT code FROM invite_codes")}
    finally:
        conn.close()


async def test_sqlite_backup_while_a_writer_commits(tmp_path: Path) -> None:
    settings = sqlite_settings(tmp_path / "live.db")
    db = await open_database(settings)
    try:
        unit_id = await a_unit(db)
        await add_invites(db, unit_id, [f"filler-{i:06d}-{'x' * 40}" for i in range(40_000)])  # a few MB
        committed: list[str] = []
        stop, going = asyncio.Event(), asyncio.Event()
        task = asyncio.create_task(writer(db, unit_id, committed, stop, going, 50))
        await going.wait()
        before = list(committed)  # everything committed before the backup begins
        result = await backup(settings, tmp_path / "copy.db")
        during = len(committed) - len(before)
        await asyncio.sleep(0.05)
        stop.set()
        await task
    finally:
        await db.close()
    assert during > 0, "the writer went on while the backup ran (it holds no lock against writers)"
    copy = tmp_path / "copy.db"
    assert result.path == copy and result.size == copy.stat().st_size and result.engine == "sqlite"
    assert not (tmp_path / "copy.db-wal").exists()
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    codes = sqlite_codes(copy)
    assert set(before) <= codes
    # consistent: the copy is a prefix of the writer's commits, with no hole
    written = [c for c in committed if c in codes]
    assert written == committed[: len(written)]
    reopened = await open_database(sqlite_settings(copy))
    try:
        async with reopened.read() as session:
            from sqlalchemy import func, select

            assert await session.scalar(select(func.count(InviteCode.id))) == 40_000 + len(written)
    finally:
        await reopened.close()


async def test_restore_refuses_a_database_with_data_unless_forced(tmp_path: Path) -> None:
    source = sqlite_settings(tmp_path / "source.db")
    db = await open_database(source)
    await add_invites(db, await a_unit(db), ["from-backup"])
    await db.close()
    out, err = io.StringIO(), io.StringIO()
    assert await cmd_backup(source, tmp_path / "b.db", out=out, err=err) == 0
    assert "Đã sao lưu" in out.getvalue()

    # into an empty (absent) database: no --force needed
    fresh = sqlite_settings(tmp_path / "fresh" / "loaxa.db")
    assert await cmd_restore(fresh, tmp_path / "b.db", out=out, err=err) == 0
    assert sqlite_codes(tmp_path / "fresh" / "loaxa.db") == {"from-backup"}

    # a database the bot has already prepared (units only) counts as empty
    prepared = sqlite_settings(tmp_path / "prepared.db")
    await (await open_database(prepared)).close()
    assert await cmd_restore(prepared, tmp_path / "b.db", out=io.StringIO(), err=io.StringIO()) == 0

    target = sqlite_settings(tmp_path / "target.db", backup_dir=tmp_path / "safety")
    db = await open_database(target)
    await add_invites(db, await a_unit(db), ["already-here"])
    await db.close()
    err = io.StringIO()
    assert await cmd_restore(target, tmp_path / "b.db", out=io.StringIO(), err=err) == 1
    assert "--force" in err.getvalue() and "mã mời: 1" in err.getvalue()
    assert sqlite_codes(tmp_path / "target.db") == {"already-here"}, "nothing touched"

    out = io.StringIO()
    assert await cmd_restore(target, tmp_path / "b.db", force=True, out=out, err=io.StringIO()) == 0
    assert sqlite_codes(tmp_path / "target.db") == {"from-backup"}
    safety = list((tmp_path / "safety").glob("loaxa-before-restore-*.db"))
    assert len(safety) == 1 and sqlite_codes(safety[0]) == {"already-here"}
    assert str(safety[0]) in out.getvalue()
    db = await open_database(target)  # the bot opens the restored database
    await db.close()


async def test_restore_refuses_what_is_not_a_backup(tmp_path: Path) -> None:
    target = sqlite_settings(tmp_path / "t.db")
    for name, content in (("notes.txt", b"hello"), ("x.dump", b"PGDMP\x01\x0e\x00")):
        (tmp_path / name).write_bytes(content)
        err = io.StringIO()
        assert await cmd_restore(target, tmp_path / name, out=io.StringIO(), err=err) == 1
        assert err.getvalue().strip() and "Traceback" not in err.getvalue()
    other = sqlite3.connect(tmp_path / "other.db")
    other.execute("CREATE TABLE t (x)")
    other.commit()
    other.close()
    err = io.StringIO()
    assert await cmd_restore(target, tmp_path / "other.db", out=io.StringIO(), err=err) == 1
    assert "alembic_version" in err.getvalue()
    err = io.StringIO()
    assert await cmd_restore(target, tmp_path / "absent.db", out=io.StringIO(), err=err) == 1
    assert "Không tìm thấy" in err.getvalue()
    assert not (tmp_path / "t.db").exists()


async def test_backup_of_a_missing_database_is_one_line(tmp_path: Path) -> None:
    err = io.StringIO()
    assert await cmd_backup(sqlite_settings(tmp_path / "none.db"), tmp_path / "b.db", err=err) == 1
    assert "Không tìm thấy cơ sở dữ liệu" in err.getvalue()
    assert not (tmp_path / "none.db").exists() and not (tmp_path / "b.db").exists()


async def test_an_older_backup_is_migrated_on_restore(tmp_path: Path) -> None:
    from alembic.script import ScriptDirectory

    from bot.db.migrate import alembic_config

    old = Database(f"sqlite+aiosqlite:///{tmp_path / 'old.db'}")
    await upgrade(old.write_engine, "0002")
    await old.close()
    assert await cmd_backup(sqlite_settings(tmp_path / "old.db"), tmp_path / "old-backup.db") == 0
    target = sqlite_settings(tmp_path / "new.db")
    assert await cmd_restore(target, tmp_path / "old-backup.db", out=io.StringIO()) == 0
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    conn = sqlite3.connect(tmp_path / "new.db")
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head != "0002"
    finally:
        conn.close()


async def test_pg_dump_missing_is_a_clear_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    settings = make_settings(database_url="postgresql+asyncpg://loaxa:pw@127.0.0.1:5432/loaxa")
    err = io.StringIO()
    assert await cmd_backup(settings, tmp_path / "b.dump", err=err) == 1
    assert "pg_dump" in err.getvalue() and "postgresql-client" in err.getvalue()
    err = io.StringIO()
    (tmp_path / "b.dump").write_bytes(b"PGDMP")
    assert await cmd_restore(settings, tmp_path / "b.dump", err=err) == 1
    assert "pg_restore" in err.getvalue()


async def test_daily_backup_job_and_retention(tmp_path: Path) -> None:
    source = sqlite_settings(tmp_path / "live.db")
    await (await open_database(source)).close()
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "keep-me.txt").write_text("not a backup")
    job = BackupJob(sqlite_settings(tmp_path / "live.db", backup_dir=folder, backup_keep=2, backup_hour=2))
    assert not BackupJob(source).enabled and await BackupJob(source).tick(utcnow()) is None
    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    day = datetime(2025, 9, 1, 1, 30, tzinfo=tz)
    assert await job.tick(day) is None, "before BACKUP_HOUR"
    first = await job.tick(day.replace(hour=2, minute=5))
    assert first is not None and first.name == "loaxa-20250901-020500.db" and first.exists()
    assert await job.tick(day.replace(hour=23)) is None, "once a day"
    assert await BackupJob(job.settings).tick(day.replace(hour=23)) is None, (
        "a restarted bot sees today's file"
    )
    made = [first]
    for n in range(1, 4):
        path = await job.tick((day + timedelta(days=n)).replace(hour=3))
        assert path is not None
        made.append(path)
    assert [p.name for p in job.backups()] == [p.name for p in made[-2:]]
    assert (folder / "keep-me.txt").exists()
    conn = sqlite3.connect(made[-1])
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


# ------------------------------------------------------------------------------------------ PostgreSQL


async def _require_pg() -> None:
    reason = await pg_available()
    if reason is None and (shutil.which("pg_dump") is None or shutil.which("pg_restore") is None):
        reason = "pg_dump/pg_restore not on PATH"
    if reason:
        if REQUIRE_SERVICES:
            pytest.fail(f"LOAXA_REQUIRE_SERVICES=1 but {reason}")
        pytest.skip(reason)


def _admin_dsn() -> str:
    return PG_URL.split("?")[0].replace("postgresql+asyncpg://", "postgresql://")


async def _fresh_database() -> str:
    import asyncpg

    name = f"loaxa_t_{uuid.uuid4().hex[:10]}"
    conn = await asyncpg.connect(_admin_dsn())
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return name


async def _drop_database(name: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(_admin_dsn())
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def _db_url(name: str, query: str = "") -> str:
    base = PG_URL.split("?")[0].rsplit("/", 1)[0]
    return f"{base}/{name}{query}"


async def _pg_codes(name: str) -> set[str]:
    import asyncpg

    conn = await asyncpg.connect(_db_url(name).replace("postgresql+asyncpg://", "postgresql://"))
    try:
        return {r["code"] for r in await conn.fetch("SELECT code FROM invite_codes")}
    finally:
        await conn.close()


@pytest.fixture
async def pg_databases() -> AsyncIterator[list[str]]:
    await _require_pg()
    names: list[str] = []
    try:
        yield names
    finally:
        for name in names:
            await _drop_database(name)


@pytest.mark.postgres
async def test_pg_round_trip(tmp_path: Path, pg_databases: list[str]) -> None:
    source_name, target_name = await _fresh_database(), await _fresh_database()
    pg_databases += [source_name, target_name]
    source = make_settings(database_url=_db_url(source_name))
    db = await open_database(source)
    try:
        unit_id = await a_unit(db)
        await add_invites(db, unit_id, [f"filler-{i:05d}" for i in range(5_000)])
        committed: list[str] = []
        stop, going = asyncio.Event(), asyncio.Event()
        task = asyncio.create_task(writer(db, unit_id, committed, stop, going, 30))
        await going.wait()
        before = list(committed)
        out = io.StringIO()
        assert await cmd_backup(source, tmp_path / "pg.dump", out=out) == 0
        stop.set()
        await task
    finally:
        await db.close()
    assert (tmp_path / "pg.dump").read_bytes()[:5] == b"PGDMP"

    # into a fresh database the bot has prepared (units only): no --force needed, then migrated
    target = make_settings(database_url=_db_url(target_name), backup_dir=tmp_path / "safety")
    await (await open_database(target)).close()
    out = io.StringIO()
    assert await cmd_restore(target, tmp_path / "pg.dump", out=out, err=io.StringIO()) == 0, out.getvalue()
    codes = await _pg_codes(target_name)
    assert set(before) <= codes
    written = [c for c in committed if c in codes]
    assert written == committed[: len(written)]
    assert (await data_counts(target))["invite_codes"] == 5_000 + len(written)

    # the restored database works for the bot: sequences restored, new rows insert
    db = await open_database(target)
    try:
        await add_invites(db, await a_unit(db), ["after-restore"])
    finally:
        await db.close()

    err = io.StringIO()
    assert await cmd_restore(target, tmp_path / "pg.dump", out=io.StringIO(), err=err) == 1
    assert "--force" in err.getvalue()
    assert "after-restore" in await _pg_codes(target_name)

    out = io.StringIO()
    assert await cmd_restore(target, tmp_path / "pg.dump", force=True, out=out, err=io.StringIO()) == 0
    assert "after-restore" not in await _pg_codes(target_name)
    safety = list((tmp_path / "safety").glob("loaxa-before-restore-*.dump"))
    assert len(safety) == 1 and safety[0].read_bytes()[:5] == b"PGDMP"

    # a backup of schema "public" does not go into another schema
    other = make_settings(database_url=_db_url(target_name, "?search_path=elsewhere"))
    err = io.StringIO()
    assert await cmd_restore(other, tmp_path / "pg.dump", out=io.StringIO(), err=err) == 1
    assert "schema" in err.getvalue()


@pytest.mark.postgres
async def test_pg_backup_restore_of_a_schema(tmp_path: Path, pg_databases: list[str]) -> None:
    """DATABASE_URL with ?search_path=S: the backup holds schema S and goes back into schema S."""
    source_name, target_name = await _fresh_database(), await _fresh_database()
    pg_databases += [source_name, target_name]
    source = make_settings(database_url=_db_url(source_name, "?search_path=loaxa"))
    import asyncpg

    conn = await asyncpg.connect(_db_url(source_name).replace("postgresql+asyncpg://", "postgresql://"))
    await conn.execute("CREATE SCHEMA loaxa")
    await conn.execute("CREATE TABLE public.not_ours (x int)")
    await conn.close()
    db = await open_database(source)
    await add_invites(db, await a_unit(db), ["in-schema"])
    await db.close()
    assert await backup(source, tmp_path / "s.dump")
    target = make_settings(database_url=_db_url(target_name, "?search_path=loaxa"))
    result = await restore(target, tmp_path / "s.dump")
    assert result.counts["officers"] == 0
    conn = await asyncpg.connect(_db_url(target_name).replace("postgresql+asyncpg://", "postgresql://"))
    try:
        assert [r["code"] for r in await conn.fetch("SELECT code FROM loaxa.invite_codes")] == ["in-schema"]
        assert await conn.fetchval("SELECT to_regclass('public.not_ours')") is None
    finally:
        await conn.close()
