"""What every command shares: the one-line failure, JSON and dates for the terminal, opening the database.

Only the standard library at module level (see `bot.commands`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot import texts

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.db.database import Database


class StartupFailure(Exception):
    """Something the operator must fix (a setting, a port, a file); `str()` is the one line to show
    (Vietnamese, then the cause)."""


def _dump(obj: Any, out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _day(value: date | datetime | str | None) -> str | None:
    """dd/mm/yyyy (mm/yyyy, yyyy for partial ISO dates), as the office writes dates."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return "/".join(reversed(value.split("-")))


def _role(role: object) -> str:
    return texts.CLI_ROLE_ADMIN if str(role) == "admin" else texts.CLI_ROLE_OFFICER


def _clean(text: str, *secrets: str) -> str:
    """One line, short, with every secret replaced."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    text = re.sub(r"/bot[^/\s]+/", "/bot***/", text)  # a Bot API URL carries the token
    text = re.sub(r"(://[^:/@\s]*:)[^@/\s]*@", r"\1***@", text)  # and a database URL its password
    text = " ".join(text.split())
    return text if len(text) <= 300 else text[:297] + "…"


def _cause(exc: BaseException, *secrets: str) -> str:
    message = str(exc)
    return _clean(f"{type(exc).__name__}: {message}" if message else type(exc).__name__, *secrets)


def _unit_not_found(name: str, suggestions: Sequence[str]) -> str:
    hint = texts.CLI_UNIT_SUGGEST.format(names=", ".join(suggestions)) if suggestions else ""
    return texts.CLI_UNIT_NOT_FOUND.format(name=name, hint=hint)


# ---------------------------------------------------------------------------- the database


async def _open(settings: Settings) -> Database:
    """The database of DATABASE_URL, migrated, with the units of PROVINCE (and the samples when
    LOAD_SAMPLES is set explicitly)."""
    from bot.services.setup import open_database

    return await open_database(settings)


def _head_revision() -> str | None:
    """The newest migration, read from the migration files (without importing Alembic)."""
    versions = Path(__file__).resolve().parent.parent / "db" / "migrations" / "versions"
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in versions.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        rev = re.search(r'^revision\s*(?::\s*str\s*)?=\s*["\']([^"\']+)["\']', source, re.M)
        down = re.search(r'^down_revision\s*(?::[^=]+)?=\s*["\']([^"\']+)["\']', source, re.M)
        if rev:
            revisions.add(rev.group(1))
        if down:
            parents.add(down.group(1))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


async def _open_for_reading(settings: Settings) -> Database:
    """For the commands that only read (stats, search): the database as it is when it is already at the
    newest migration — no Alembic, no unit list, no parser to load —, else opened as every command opens it."""
    if settings.load_samples:
        return await _open(settings)
    from sqlalchemy import text

    from bot.db.database import Database

    db = Database(settings.database_url)
    try:
        async with db.read() as session:
            version = (await session.execute(text("SELECT version_num FROM alembic_version"))).scalar()
        if version is not None and version == _head_revision():
            return db
    except Exception:  # no such table, an older schema, a file that is not there yet: migrate first
        pass
    await db.close()
    return await _open(settings)
