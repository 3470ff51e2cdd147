"""Backups that lose nothing, taken while the bot runs, and restoring them (issue 16.1).

SQLite: the online backup API (`sqlite3.Connection.backup`), in one step, in a thread. One step is one read
transaction: in WAL mode the bot's writer goes on meanwhile and the copy is the database as it was when the
step began — every transaction committed before the backup started is in it, and no half of a later one.
The copy is a single self-contained file (journal mode DELETE, no -wal beside it) checked with
`PRAGMA integrity_check` before it replaces the output file (written beside it, then renamed).

PostgreSQL: `pg_dump --format=custom` (one REPEATABLE READ snapshot: the same guarantee) of the schema in use
(`?search_path=` in DATABASE_URL, `public` otherwise); `pg_restore` puts it back. The connection is given to
the tools through PG* environment variables, so no password shows in the process list.

Restore goes into an empty database; over one holding officers, directives, reports or outbox rows it
refuses unless forced, and when forced it first saves what was there (`loaxa-before-restore-*.db|.dump`).
Migrations then bring an older backup to the current schema (`open_database` runs `alembic upgrade head`).

`BackupJob` is the scheduled daily backup with retention (BACKUP_DIR, BACKUP_KEEP, BACKUP_HOUR).

No aiogram here: `python -m bot backup` and `restore` stay cheap to start.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from bot import texts
from bot.config import Settings
from bot.db.engine import BUSY_TIMEOUT_MS, resolve_url

__all__ = [
    "BACKUP_NAME_RE",
    "BackupError",
    "BackupJob",
    "BackupResult",
    "RestoreResult",
    "backup",
    "backup_sqlite",
    "data_counts",
    "describe_counts",
    "pg_environment",
    "restore",
    "sqlite_path",
]

log = logging.getLogger(__name__)

# Tables that do not make a database "non-empty": the schema version and the official unit list (loaded
# again from vietnam-provinces at every start). Everything else of the models counts.
REFERENCE_TABLES = frozenset({"alembic_version", "units"})
SUMMARY_TABLES = ("officers", "directives", "assignments", "reports", "deliveries")
BACKUP_NAME_RE = re.compile(r"^loaxa-(\d{8})-(\d{6})\.(db|dump)$")
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
TOOL_TIMEOUT = 3600.0


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is for the operator (Vietnamese)."""


@dataclass
class BackupResult:
    path: Path
    size: int
    seconds: float
    engine: str  # "sqlite" | "postgresql"


@dataclass
class RestoreResult:
    path: Path
    counts: dict[str, int] = field(default_factory=dict)
    safety_copy: Path | None = None


def _data_tables() -> set[str]:
    from bot.db.models import Base

    return {name for name in Base.metadata.tables if name not in REFERENCE_TABLES}


def _dialect(settings: Settings) -> str:
    return make_url(settings.database_url).get_backend_name()


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"  # pragma: no cover


# ---------------------------------------------------------------------------------------------- SQLite


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


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _tmp_beside(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")


def _finish(tmp: Path, output: Path) -> int:
    """fsync `tmp`, rename it over `output`, fsync the directory; returns the size."""
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, output)
    _fsync_dir(output.parent)
    return output.stat().st_size


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _head(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(16)


def _expand(path: Path | str) -> Path:
    return Path(path).expanduser()


def _mkdir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)


def _is_file(path: Path) -> bool:
    return path.is_file()


def _write_listing(lines: list[str]) -> Path:
    with tempfile.NamedTemporaryFile("w", suffix=".list", prefix="loaxa-restore-", delete=False) as fh:
        fh.write("\n".join(lines) + "\n")
        return Path(fh.name)


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


# ------------------------------------------------------------------------------------------ PostgreSQL


def pg_environment(url: str) -> tuple[dict[str, str], str]:
    """libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE) for a DATABASE_URL, and
    the schema in use (`search_path` option, `public` otherwise)."""
    parsed = make_url(url)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    query = {k: (v[0] if isinstance(v, tuple) else v) for k, v in parsed.query.items()}
    host = parsed.host or query.get("host")
    if host:
        env["PGHOST"] = str(host)
    if parsed.port:
        env["PGPORT"] = str(parsed.port)
    elif query.get("port"):
        env["PGPORT"] = str(query["port"])
    if parsed.username:
        env["PGUSER"] = parsed.username
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    if parsed.database:
        env["PGDATABASE"] = parsed.database
    ssl = str(query.get("sslmode") or query.get("ssl") or "").lower()
    if ssl in {"true", "1", "on"}:
        ssl = "require"
    if ssl in {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}:
        env["PGSSLMODE"] = ssl
    env["PGAPPNAME"] = "loaxa-backup"
    schema = str(query.get("search_path") or "public").split(",")[0].strip().strip('"') or "public"
    return env, schema


async def _run_tool(args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        *args,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(proc.communicate(), TOOL_TIMEOUT)
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            proc.kill()
        await proc.wait()
        raise
    return int(proc.returncode or 0), out.decode(errors="replace"), err.decode(errors="replace")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(texts.BACKUP_NO_PG_DUMP if name == "pg_dump" else texts.BACKUP_NO_PG_RESTORE)
    return path


def _tool_failed(tool: str, code: int, stderr: str) -> BackupError:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return BackupError(texts.BACKUP_TOOL_FAILED.format(tool=tool, code=code, detail=" | ".join(lines[-3:])))


async def backup_pg(url: str, output: Path) -> int:
    """`pg_dump -Fc` of the schema in use into `output` (written beside it, then renamed)."""
    exe = _tool("pg_dump")
    env, schema = pg_environment(url)
    tmp = _tmp_beside(output)
    try:
        _mkdir(output.parent)
        code, _, err = await _run_tool([exe, "--format=custom", f"--schema={schema}", f"--file={tmp}"], env)
        if code != 0:
            raise _tool_failed("pg_dump", code, err)
        return _finish(tmp, output)
    except OSError as exc:
        raise BackupError(texts.BACKUP_WRITE_FAILED.format(path=output, detail=exc.strerror or exc)) from exc
    finally:
        _unlink(tmp)


_TOC_ENTRY = re.compile(r"^\d+; \d+ \d+ (?P<desc>[A-Z][A-Z ]*?) (?P<schema>\S+) (?P<name>\S+) \S*$")


@dataclass
class _Archive:
    toc: list[str]
    tables: dict[str, str]  # table name -> schema


async def _read_archive(file: Path, env: dict[str, str]) -> _Archive:
    head = _head(file)
    if head == SQLITE_MAGIC:
        raise BackupError(texts.RESTORE_WRONG_KIND.format(path=file, found="SQLite", target="PostgreSQL"))
    if not head.startswith(PG_DUMP_MAGIC):
        raise BackupError(texts.RESTORE_NOT_PG_DUMP.format(path=file))
    code, out, _ = await _run_tool([_tool("pg_restore"), "--list", str(file)], env)
    if code != 0:
        raise BackupError(texts.RESTORE_NOT_PG_DUMP.format(path=file))
    toc = out.splitlines()
    tables: dict[str, str] = {}
    for line in toc:
        m = _TOC_ENTRY.match(line.strip())
        if m and m["desc"] == "TABLE":
            tables[m["name"]] = m["schema"]
    if "alembic_version" not in tables:
        raise BackupError(texts.RESTORE_NOT_LOAXA.format(path=file))
    return _Archive(toc, tables)


async def _pg_prepare(url: str, schema: str, drop: set[str] | None) -> dict[str, int]:
    """Counts of the data tables in `schema` (created when missing); with `drop`, then drops those of the
    named tables that exist (our tables, the backup's, alembic_version), dependencies first."""
    from sqlalchemy import MetaData, func, inspect, select
    from sqlalchemy.schema import CreateSchema

    from bot.db.engine import create_engine

    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(CreateSchema(schema, if_not_exists=True))
            present = set(await conn.run_sync(lambda c: inspect(c).get_table_names(schema=schema)))
            meta = MetaData(schema=schema)
            wanted = sorted(present & (_data_tables() | (drop or set())))
            await conn.run_sync(lambda c: meta.reflect(c, only=wanted))
            counts: dict[str, int] = {}
            for name in sorted(present & _data_tables()):
                table = meta.tables[f"{schema}.{name}"]
                counts[name] = int((await conn.execute(select(func.count()).select_from(table))).scalar_one())
            if drop is not None:
                await conn.run_sync(meta.drop_all)
        return counts
    finally:
        await engine.dispose()


async def _restore_pg(settings: Settings, file: Path, force: bool, safety_dir: Path) -> Path | None:
    env, schema = pg_environment(settings.database_url)
    archive = await _read_archive(file, env)
    found = sorted(set(archive.tables.values()))
    if found != [schema]:
        raise BackupError(texts.RESTORE_SCHEMA_MISMATCH.format(found=", ".join(found), target=schema))
    _tool("pg_dump")
    counts = await _pg_prepare(settings.database_url, schema, None)
    safety: Path | None = None
    if any(counts.values()):
        if not force:
            raise _not_empty(counts)
        safety = safety_dir / f"loaxa-before-restore-{datetime.now():%Y%m%d-%H%M%S}.dump"
        await backup_pg(settings.database_url, safety)
    # Into an empty schema: our tables (and the backup's) go first, then the archive goes in, in one
    # transaction. The schema itself is left alone (never dropped): only table-level entries are restored.
    await _pg_prepare(settings.database_url, schema, set(archive.tables) | {"alembic_version"})
    keep = [line for line in archive.toc if not re.match(r"^\d+; \d+ \d+ (SCHEMA|COMMENT - SCHEMA) ", line)]
    listing = _write_listing(keep)
    dbname = env.get("PGDATABASE") or env.get("PGUSER") or "postgres"
    try:
        code, _, err = await _run_tool(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--use-list={listing}",
                f"--dbname={dbname}",
                str(file),
            ],
            env,
        )
    finally:
        _unlink(listing)
    if code != 0:
        raise _tool_failed("pg_restore", code, err)
    return safety


# --------------------------------------------------------------------------------------------- common


def describe_counts(counts: dict[str, int], *, skip_zero: bool = False) -> str:
    """Counts for the operator: "cán bộ: 12, công văn: 5, …"."""
    shown = [f"{texts.TABLE_LABELS.get(name, name)}: {n}" for name, n in counts.items() if n or not skip_zero]
    return ", ".join(shown) or texts.RESTORE_EMPTY_TABLES


def _not_empty(counts: dict[str, int]) -> BackupError:
    return BackupError(texts.RESTORE_NOT_EMPTY.format(tables=describe_counts(counts, skip_zero=True)))


async def backup(settings: Settings, output: Path) -> BackupResult:
    """A consistent copy of DATABASE_URL into `output`, taken while the bot runs."""
    started = time.monotonic()
    dialect = _dialect(settings)
    output = _expand(output)
    if dialect == "sqlite":
        size = await asyncio.to_thread(backup_sqlite, sqlite_path(settings), output)
    elif dialect == "postgresql":
        size = await backup_pg(settings.database_url, output)
    else:
        raise BackupError(texts.BACKUP_UNSUPPORTED.format(dialect=dialect))
    return BackupResult(output, size, time.monotonic() - started, dialect)


async def data_counts(settings: Settings) -> dict[str, int]:
    """Rows per data table of DATABASE_URL (units and the schema version not counted); {} when absent."""
    if _dialect(settings) == "sqlite":
        return await asyncio.to_thread(_sqlite_data_counts, sqlite_path(settings))
    _, schema = pg_environment(settings.database_url)
    return await _pg_prepare(settings.database_url, schema, None)


async def restore(settings: Settings, file: Path, *, force: bool = False) -> RestoreResult:
    """Put the backup `file` into DATABASE_URL, then migrate it to the current schema.

    Refuses a database that holds data unless `force`; forced, what was there is saved first (BACKUP_DIR, or
    beside the database / the backup file)."""
    from bot.services.setup import open_database

    file = _expand(file)
    if not _is_file(file):
        raise BackupError(texts.RESTORE_NO_FILE.format(path=file))
    dialect = _dialect(settings)
    safety: Path | None = None
    if dialect == "sqlite":
        target = sqlite_path(settings)
        safety_dir = settings.backup_dir or target.parent
        await asyncio.to_thread(_check_sqlite_backup, file)
        counts = await asyncio.to_thread(_sqlite_data_counts, target)
        if any(counts.values()):
            if not force:
                raise _not_empty(counts)
            safety = Path(safety_dir) / f"loaxa-before-restore-{datetime.now():%Y%m%d-%H%M%S}.db"
            await asyncio.to_thread(backup_sqlite, target, safety)
        await asyncio.to_thread(_restore_sqlite_file, file, target)
    elif dialect == "postgresql":
        safety = await _restore_pg(settings, file, force, Path(settings.backup_dir or file.parent))
    else:
        raise BackupError(texts.BACKUP_UNSUPPORTED.format(dialect=dialect))
    # An older backup is brought to the current schema; the samples are never loaded into a restore.
    db = await open_database(settings.model_copy(update={"load_samples": False}))
    await db.close()
    counts = await data_counts(settings)
    return RestoreResult(file, {k: counts.get(k, 0) for k in SUMMARY_TABLES}, safety)


# ------------------------------------------------------------------------------------ scheduled backup


class BackupJob:
    """The daily backup: once a day at or after BACKUP_HOUR (TIMEZONE) into BACKUP_DIR as
    `loaxa-YYYYMMDD-HHMMSS.db|.dump`, keeping the BACKUP_KEEP newest such files. Off when BACKUP_DIR is
    unset. `tick(now)` is plain and idempotent (a day is done when its file exists), so it survives restarts
    and, with a lock file, several processes sharing BACKUP_DIR."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.directory = Path(settings.backup_dir).expanduser() if settings.backup_dir else None
        self.keep = settings.backup_keep
        self.hour = settings.backup_hour
        self.suffix = ".db" if settings.is_sqlite else ".dump"
        self.last: Path | None = None
        self._done: date | None = None

    @property
    def enabled(self) -> bool:
        return self.directory is not None

    def backups(self) -> list[Path]:
        """Our backup files in BACKUP_DIR, oldest first."""
        if self.directory is None or not self.directory.is_dir():
            return []
        return sorted(p for p in self.directory.iterdir() if BACKUP_NAME_RE.match(p.name))

    def _has_backup_of(self, day: date) -> bool:
        stamp = day.strftime("%Y%m%d")
        return any(BACKUP_NAME_RE.match(p.name)[1] == stamp for p in self.backups())  # type: ignore[index]

    def prune(self) -> list[Path]:
        """Delete all but the `keep` newest backups; returns what was deleted."""
        files = self.backups()
        removed = files[: max(0, len(files) - self.keep)]
        for path in removed:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        return removed

    @contextlib.contextmanager
    def _lock(self) -> Iterator[bool]:
        assert self.directory is not None
        with open(self.directory / ".loaxa-backup.lock", "a+") as fh:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    async def tick(self, now: datetime) -> Path | None:
        """Make today's backup when it is due and not made yet; returns its path (None when nothing done)."""
        if self.directory is None:
            return None
        local = now.astimezone(self.settings.tz)
        day = local.date()
        if local.hour < self.hour or self._done == day:
            return None
        _mkdir(self.directory)
        with self._lock() as mine:
            if not mine:  # another process sharing BACKUP_DIR is making it
                return None
            if self._has_backup_of(day):
                self._done = day
                return None
            path = self.directory / f"loaxa-{local:%Y%m%d-%H%M%S}{self.suffix}"
            result = await backup(self.settings, path)
            self.prune()
        self._done = day
        self.last = path
        log.info("daily backup %s (%s, %.1f s)", path.name, human_size(result.size), result.seconds)
        return path

    async def run(self, interval: float = 300.0) -> None:
        """Tick every `interval` seconds until cancelled (a failed backup is logged and tried again)."""
        from bot.db.models import utcnow
        from bot.services.periodic import run_every

        async def tick() -> None:
            await self.tick(utcnow())

        await run_every(interval, tick, "daily backup")
