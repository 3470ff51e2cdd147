"""Opening the database for any entry point: migrations, units of PROVINCE, sample directives."""

from __future__ import annotations

import logging

from bot.config import SAMPLES_DIR, Settings
from bot.db import repo
from bot.db.database import Database
from bot.db.migrate import upgrade
from bot.directives import SUPPORTED_SUFFIXES, parse_file
from bot.services import directives as directive_service
from bot.services.units import commune_units, sync_units

__all__ = ["Database", "load_samples", "open_database"]

log = logging.getLogger(__name__)


async def load_samples(db: Database, settings: Settings, *, publish: bool = True) -> int:
    """Import the sample directives (data/samples) into an empty database, published to every commune in
    scope (the demo) or as drafts published to nobody."""
    async with db.read() as session:
        if await repo.count_directives(session) > 0:
            return 0
    files = sorted(p for p in SAMPLES_DIR.glob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES)
    for path in files:
        parsed = parse_file(path)
        async with db.write() as session:
            result = await directive_service.import_parsed(session, parsed, path.name)
            if publish:
                communes = await commune_units(session, settings.province)
                await directive_service.publish(session, result.directive, communes)
    return len(files)


async def open_database(settings: Settings, *, prepare: bool = True) -> Database:
    """The database of DATABASE_URL; with `prepare`, migrated, with the units of PROVINCE (and the samples
    in an empty database when LOAD_SAMPLES is set)."""
    db = Database(settings.database_url)
    if not prepare:
        return db
    try:
        await upgrade(db.write_engine)
        async with db.write() as session:
            added = await sync_units(session, settings.province)
        if added:
            log.info("loaded %d units for PROVINCE=%s", added, settings.province)
        if settings.load_samples:
            await load_samples(db, settings)
    except BaseException:
        await db.close()
        raise
    return db
