"""Use cases. Services own their database transactions and never talk to Telegram; handlers call one
service, then answer. `build_services` wires them for the Dispatcher's workflow_data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.db.database import Database
    from bot.services.admin import AdminService
    from bot.services.desk import DeskService
    from bot.services.identity import IdentityService
    from bot.services.parsing import DocumentParser
    from bot.services.registration import RegistrationService
    from bot.services.reports import ReportService
    from bot.services.search import SearchService
    from bot.services.work import WorkService

__all__ = ["Services", "build_services"]


@dataclass(slots=True)
class Services:
    identities: IdentityService
    registration: RegistrationService
    work: WorkService
    reports: ReportService
    admin: AdminService
    desk: DeskService

    def as_workflow_data(self) -> dict[str, Any]:
        """Injected into handlers by name (aiogram passes workflow_data entries as keyword arguments)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def build_services(
    db: Database,
    settings: Settings,
    *,
    parser: DocumentParser | None = None,
    search: SearchService | None = None,
) -> Services:
    """Every service over one database (imports kept local: the CLI imports this package cheaply)."""
    from bot.services.admin import AdminService
    from bot.services.desk import DeskService
    from bot.services.identity import IdentityService
    from bot.services.registration import RegistrationService
    from bot.services.reports import ReportService
    from bot.services.work import WorkService

    identities = IdentityService(db, settings)
    return Services(
        identities=identities,
        registration=RegistrationService(db, identities, ttl_days=settings.invite_ttl_days),
        work=WorkService(db, settings, search),
        reports=ReportService(db, parser),
        admin=AdminService(db, settings, parser),
        desk=DeskService(db, settings, parser),
    )
