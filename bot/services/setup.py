"""Opening the database for any entry point: migrations, units of PROVINCE, sample directives."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import SAMPLES_DIR, Settings
from bot.db import repo
from bot.db.engine import create_engine, session_factory
from bot.db.migrate import upgrade
from bot.directives import SUPPORTED_SUFFIXES
from bot.services import directives as directive_service
from bot.services.units import commune_units, sync_units

__all__ = ["Database", "load_samples", "open_database"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Database:
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]

    async def close(self) -> None:
        await self.engine.dispose()


async def load_samples(session: AsyncSession, settings: Settings) -> int:
    """Import and publish the sample directives (data/samples) into an empty database."""
    if await repo.count_directives(session) > 0:
        return 0
    files = sorted(p for p in SAMPLES_DIR.glob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES)
    communes = await commune_units(session, settings.province)
    for path in files:
        result = await directive_service.import_file(session, path)
        await directive_service.publish(session, result.directive, communes)
    return len(files)


async def open_database(settings: Settings, *, prepare: bool = True) -> Database:
    """Engine + session factory for DATABASE_URL; with `prepare`, migrate and load units and samples."""
    engine = create_engine(settings.database_url)
    db = Database(engine, session_factory(engine))
    if prepare:
        await upgrade(engine)
        async with db.sessions.begin() as session:
            added = await sync_units(session, settings.province)
            if added:
                log.info("loaded %d units for PROVINCE=%s", added, settings.province)
            if settings.load_samples:
                await load_samples(session, settings)
    return db
