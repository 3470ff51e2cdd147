"""SQLite backups through the online backup API, and restoring them (see `bot.ops.backup`).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

from bot import texts
from bot.config import Settings
from bot.db.engine import BUSY_TIMEOUT_MS, resolve_url
from bot.ops.backup_common import (
    PG_DUMP_MAGIC,
    SQLITE_MAGIC,
    BackupError,
    _data_tables,
    _finish,
    _head,
    _tmp_beside,
    _unlink,
)


def sqlite_path(settings: Settings) -> Path:
    """The file of a SQLite DATABASE_URL (relative paths from the project root, as the bot opens it)."""
    database = make_url(resolve_url(settings.database_url)).database
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        raise BackupError(texts.BACKUP_MEMORY)
    return Path(database)


def _connect_existing(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection to a database file that must exist (never creates one)."""
    mode = "ro" if readonly else "rw"
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode={mode}",
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
    )
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn


def _integrity(conn: sqlite3.Connection) -> str:
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    return "; ".join(str(r[0]) for r in rows[:5])


def backup_sqlite(source: Path, output: Path) -> int:
    """Copy the SQLite database `source` to `output` through the online backup API, consistently while
    other connections (the bot) keep writing. Blocking: run it in a thread. Returns the size in bytes."""
    if not source.is_file():
        raise BackupError(texts.BACKUP_NO_DATABASE.format(path=source))
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp_beside(output)
    try:
        src = _connect_existing(source)
        try:
            src.execute("PRAGMA query_only=ON")
            dst = sqlite3.connect(tmp, isolation_level=None, check_same_thread=False)
            try:
                # pages=-1: everything in one step, hence one read transaction on the source (a snapshot)
                src.backup(dst, pages=-1)
                dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
                check = _integrity(dst)
                if check != "ok":
                    raise BackupError(texts.BACKUP_CORRUPT.format(detail=check))
            finally:
                dst.close()
        finally:
            src.close()
        return _finish(tmp, output)
    except sqlite3.Error as exc:
        raise BackupError(texts.BACKUP_WRITE_FAILED.format(path=output, detail=exc)) from exc
    except OSError as exc:
        raise BackupError(texts.BACKUP_WRITE_FAILED.format(path=output, detail=exc.strerror or exc)) from exc
    finally:
        _unlink(tmp)


def _sqlite_tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _sqlite_counts(conn: sqlite3.Connection, tables: set[str]) -> dict[str, int]:
    present = _sqlite_tables(conn)
    return {
        name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
        for name in sorted(tables & present)
    }


def _sqlite_data_counts(path: Path) -> dict[str, int]:
    if not path.exists() or path.stat().st_size == 0:
        return {}
    conn = _connect_existing(path, readonly=True)
    try:
        return _sqlite_counts(conn, _data_tables())
    finally:
        conn.close()


def _check_sqlite_backup(file: Path) -> None:
    head = _head(file)
    if head.startswith(PG_DUMP_MAGIC):
        raise BackupError(texts.RESTORE_WRONG_KIND.format(path=file, found="PostgreSQL", target="SQLite"))
    if head != SQLITE_MAGIC:
        raise BackupError(texts.RESTORE_NOT_SQLITE.format(path=file))
    try:
        conn = _connect_existing(file, readonly=True)
        try:
            check = _integrity(conn)
            if check != "ok":
                raise BackupError(texts.RESTORE_CORRUPT.format(path=file, detail=check))
            if "alembic_version" not in _sqlite_tables(conn):
                raise BackupError(texts.RESTORE_NOT_LOAXA.format(path=file))
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(texts.RESTORE_CORRUPT.format(path=file, detail=exc)) from exc


def _restore_sqlite_file(file: Path, target: Path) -> None:
    """Put the backup `file` into `target` with the backup API: one write transaction on the target, so a
    crash half-way leaves the old content (its rollback journal), never a mix."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = _connect_existing(file, readonly=True)
    try:
        dst = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            # Leaving WAL needs every other connection gone: a running bot makes this fail, cleanly.
            mode = dst.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
            if str(mode).lower() != "delete":
                raise BackupError(texts.RESTORE_BUSY.format(detail=f"journal_mode={mode}"))
            src.backup(dst, pages=-1)
            check = _integrity(dst)
            if check != "ok":  # pragma: no cover - the source passed the same check
                raise BackupError(texts.RESTORE_CORRUPT.format(path=file, detail=check))
            dst.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as exc:
            raise BackupError(texts.RESTORE_BUSY.format(detail=exc)) from exc
        finally:
            dst.close()
    finally:
        src.close()
