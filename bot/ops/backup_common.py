"""What the SQLite and PostgreSQL backups share: the errors, the results, the files written beside
their target then renamed, and the counts shown to the operator. No aiogram here.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import make_url

from bot import texts
from bot.config import Settings

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


# --------------------------------------------------------------------------------------------- common


def describe_counts(counts: dict[str, int], *, skip_zero: bool = False) -> str:
    """Counts for the operator: "cán bộ: 12, công văn: 5, …"."""
    shown = [f"{texts.TABLE_LABELS.get(name, name)}: {n}" for name, n in counts.items() if n or not skip_zero]
    return ", ".join(shown) or texts.RESTORE_EMPTY_TABLES


def _not_empty(counts: dict[str, int]) -> BackupError:
    return BackupError(texts.RESTORE_NOT_EMPTY.format(tables=describe_counts(counts, skip_zero=True)))
