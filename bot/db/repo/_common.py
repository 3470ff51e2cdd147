"""Private helpers shared by the repository modules: the session's dialect name, and an INSERT of the
right dialect (for insert-or-ignore)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

__all__ = ["_dialect", "_insert"]


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


def _insert(session: AsyncSession, table: Any) -> Any:
    return (postgresql.insert if _dialect(session) == "postgresql" else sqlite.insert)(table)
