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

No aiogram here: `python -m bot backup` and `restore` stay cheap to start. The engines' own parts live in
`bot.ops.backup_sqlite` and `bot.ops.backup_pg`, what they share in `bot.ops.backup_common`.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from bot import texts
from bot.config import Settings
from bot.ops.backup_common import (
    BACKUP_NAME_RE,
    SUMMARY_TABLES,
    BackupError,
    BackupResult,
    RestoreResult,
    _dialect,
    _expand,
    _is_file,
    _mkdir,
    _not_empty,
    describe_counts,
    human_size,
)
from bot.ops.backup_pg import _pg_prepare, _restore_pg, backup_pg, pg_environment
from bot.ops.backup_sqlite import (
    _check_sqlite_backup,
    _restore_sqlite_file,
    _sqlite_data_counts,
    backup_sqlite,
    sqlite_path,
)

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
