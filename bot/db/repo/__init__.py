"""The repository: every query Loa Xã runs. Handlers and services never build SQL themselves.

Everything here is portable between SQLite and PostgreSQL except full-text search and
insert-or-ignore, which branch on the dialect in one place each (`search`, `_common`).

One module per aggregate; every public name is re-exported here, so callers write `repo.<name>`.
"""

from __future__ import annotations

from bot.db.repo import admin, assignments, directives, evidence, officers, outbox, reports, search, units
from bot.db.repo.admin import *
from bot.db.repo.assignments import *
from bot.db.repo.directives import *
from bot.db.repo.evidence import *
from bot.db.repo.officers import *
from bot.db.repo.outbox import *
from bot.db.repo.reports import *
from bot.db.repo.search import *
from bot.db.repo.units import *

__all__ = sorted(
    {
        *admin.__all__,
        *assignments.__all__,
        *directives.__all__,
        *evidence.__all__,
        *officers.__all__,
        *outbox.__all__,
        *reports.__all__,
        *search.__all__,
        *units.__all__,
    }
)
