"""A push to set up: officers spread over the communes and one directive published to all of them, for the
delivery and the stop tests."""

from __future__ import annotations

from sqlalchemy import insert

from bot import texts
from bot.config import Settings
from bot.db.models import Officer
from bot.services import directives as service
from bot.services.setup import Database
from bot.services.units import commune_units
from tests.helpers.settings import SAMPLES

SEED = SAMPLES / "003_f355f8ad106b5bf4.txt"
BASE_CHAT = 700_000


async def setup_push(db: Database, settings: Settings, officers: int) -> int:
    """`officers` officers spread over the communes, one directive published to all: returns its id."""
    async with db.write() as session:
        communes = await commune_units(session, settings.province)
        await session.execute(
            insert(Officer),
            [
                {
                    "telegram_id": BASE_CHAT + i,
                    "chat_id": BASE_CHAT + i,
                    "name": f"CB {i}",
                    "unit_id": communes[i % len(communes)].id,
                    "role": "officer",
                    "active": True,
                }
                for i in range(officers)
            ],
        )
        directive = (await service.import_file(session, SEED)).directive
        result = await service.publish(session, directive, communes)
        assert result.queued == officers
        return directive.id


PUSH_PREFIX = texts.PUSH_DIRECTIVE.split("{")[0]  # counts the directive's pushes, not digests beside them
