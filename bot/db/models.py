"""SQLAlchemy 2 models: the whole data model of DESIGN.md."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, ClassVar, TypeVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "Assignment",
    "AssignmentStatus",
    "Base",
    "Delivery",
    "DeliveryStatus",
    "Directive",
    "DirectiveStatus",
    "Evidence",
    "EvidenceKind",
    "InviteCode",
    "Officer",
    "ProgressWatch",
    "Report",
    "ReportOutcome",
    "ReportVia",
    "Role",
    "SearchDoc",
    "Topic",
    "UTCDateTime",
    "Unit",
    "utcnow",
]


class Role(StrEnum):
    OFFICER = "officer"
    ADMIN = "admin"


class DirectiveStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"


class AssignmentStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"


class DeliveryStatus(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"
    DEAD = "dead"


class ReportVia(StrEnum):
    BUTTON = "button"
    REPLY = "reply"
    TEXT = "text"
    DOCUMENT = "document"  # a written report sent as a .docx


class ReportOutcome(StrEnum):
    DONE = "done"  # broadcast: the assignment is done
    MORE = "more"  # more broadcasts (or evidence) on an assignment already done
    NOT_DONE = "not_done"  # not broadcast, with the reason


class EvidenceKind(StrEnum):
    PHOTO = "photo"
    VOICE = "voice"
    AUDIO = "audio"
    VIDEO = "video"
    DOCUMENT = "document"


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes stored as naive UTC (SQLite has no time zones), read back as aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


E = TypeVar("E", bound=StrEnum)


class EnumText(TypeDecorator[E]):
    """A StrEnum stored as its plain text value (no database enum type), read back as the enum."""

    impl = String(16)
    cache_ok = True

    def __init__(self, enum: type[E]) -> None:
        super().__init__()
        self.enum = enum

    def process_bind_param(self, value: E | str | None, dialect: Any) -> str | None:
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: str | None, dialect: Any) -> E | None:
        return None if value is None else self.enum(value)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


class Unit(Base):
    """An administrative unit: a province or a commune/ward (a tree, codes from vietnam-provinces)."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    level: Mapped[int] = mapped_column(Integer)  # 1 province, 2 commune/ward
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    folded_name: Mapped[str] = mapped_column(String(200), index=True)

    parent: Mapped[Unit | None] = relationship(remote_side=[id], lazy="raise")


class Officer(Base):
    """A Telegram user bound to a unit: a commune officer or an admin."""

    __tablename__ = "officers"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    name: Mapped[str] = mapped_column(String(200), default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    role: Mapped[Role] = mapped_column(EnumText(Role), default=Role.OFFICER)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    deactivated_at: Mapped[datetime | None] = mapped_column(default=None)
    deactivated_reason: Mapped[str | None] = mapped_column(String(200), default=None)
    updated_at: Mapped[datetime] = mapped_column(
        default=utcnow, onupdate=utcnow, index=True
    )  # caches check it

    unit: Mapped[Unit | None] = relationship(lazy="raise")


class InviteCode(Base):
    """A single-use registration code for one unit and role."""

    __tablename__ = "invite_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    role: Mapped[Role] = mapped_column(EnumText(Role), default=Role.OFFICER)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column(default=None)
    used_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), default=None)


class Directive(Base):
    """An imported directive (công văn), deduplicated by content hash."""

    __tablename__ = "directives"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(100))
    issuer: Mapped[str | None] = mapped_column(String(300))
    issued_on: Mapped[str | None] = mapped_column(String(10))
    place: Mapped[str | None] = mapped_column(String(100))
    subject: Mapped[str | None] = mapped_column(Text)
    recipients: Mapped[list[str]] = mapped_column(default=list)
    references: Mapped[list[str]] = mapped_column("refs", default=list)
    topic_titles: Mapped[list[str]] = mapped_column(default=list)  # for lists, without loading the topics
    signer: Mapped[str | None] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    source_name: Mapped[str] = mapped_column(String(300))
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[DirectiveStatus] = mapped_column(EnumText(DirectiveStatus), default=DirectiveStatus.DRAFT)
    broadcast_from: Mapped[date | None] = mapped_column(Date)
    broadcast_to: Mapped[date | None] = mapped_column(Date)
    report_due: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(default=None)
    published_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)  # +1 for each correction (đính chính)
    ocr: Mapped[bool] = mapped_column(Boolean, default=False)  # read from a scan: check before publishing
    scheduled_at: Mapped[datetime | None] = mapped_column(default=None)  # publish at this time
    recalled_at: Mapped[datetime | None] = mapped_column(default=None)
    owner_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), default=None)  # a unit admin's
    created_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), default=None)

    topics: Mapped[list[Topic]] = relationship(
        back_populates="directive", order_by="Topic.ordinal", lazy="raise", cascade="all, delete-orphan"
    )


class Topic(Base):
    """One item to broadcast within a directive."""

    __tablename__ = "topics"
    __table_args__ = (UniqueConstraint("directive_id", "ordinal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    directive_id: Mapped[int] = mapped_column(ForeignKey("directives.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)

    directive: Mapped[Directive] = relationship(back_populates="topics", lazy="raise")


class Assignment(Base):
    """A directive assigned to one commune."""

    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("directive_id", "unit_id"),
        Index("ix_assignments_unit_status", "unit_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    directive_id: Mapped[int] = mapped_column(ForeignKey("directives.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    status: Mapped[AssignmentStatus] = mapped_column(
        EnumText(AssignmentStatus), default=AssignmentStatus.PENDING
    )
    due: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(default=None)

    directive: Mapped[Directive] = relationship(lazy="raise")
    unit: Mapped[Unit] = relationship(lazy="raise")


class Report(Base):
    """One report-back by an officer on an assignment."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    raw_text: Mapped[str] = mapped_column(Text, default="")
    count: Mapped[int | None] = mapped_column(Integer, default=None)
    evidence_file_id: Mapped[str | None] = mapped_column(String(300), default=None)
    evidence_kind: Mapped[str | None] = mapped_column(String(16), default=None)
    via: Mapped[ReportVia] = mapped_column(EnumText(ReportVia), default=ReportVia.TEXT)
    undone_at: Mapped[datetime | None] = mapped_column(default=None)
    outcome: Mapped[ReportOutcome] = mapped_column(EnumText(ReportOutcome), default=ReportOutcome.DONE)
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    batch: Mapped[str | None] = mapped_column(String(32), default=None, index=True)  # one message, one undo


class Evidence(Base):
    """A photo, voice note, video or document an officer sent for an assignment (kept by Telegram file id)."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id", ondelete="SET NULL"), default=None)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    file_id: Mapped[str] = mapped_column(String(300))
    kind: Mapped[EvidenceKind] = mapped_column(EnumText(EvidenceKind))
    caption: Mapped[str | None] = mapped_column(Text, default=None)
    file_name: Mapped[str | None] = mapped_column(String(300), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column(default=None)


class Delivery(Base):
    """The outbox: one message to one chat, unique per kind + ref + chat."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("kind", "ref", "chat_id", name="uq_deliveries_kind_ref_chat"),
        Index("ix_deliveries_status_not_before", "status", "not_before"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), default=None, index=True)
    kind: Mapped[str] = mapped_column(String(32))
    ref: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[DeliveryStatus] = mapped_column(EnumText(DeliveryStatus), default=DeliveryStatus.QUEUED)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_until: Mapped[datetime | None] = mapped_column(default=None)
    claim_token: Mapped[str | None] = mapped_column(String(32), default=None)
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger, default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)


class ProgressWatch(Base):
    """An admin's progress message for a push, edited until the push is finished (kept across restarts)."""

    __tablename__ = "progress_watches"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    directive_id: Mapped[int] = mapped_column(ForeignKey("directives.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(200))
    last_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(default=None, index=True)


class SearchDoc(Base):
    """Pre-folded search text of a directive (topic_id null) or one of its topics."""

    __tablename__ = "search_docs"

    id: Mapped[int] = mapped_column(primary_key=True)
    directive_id: Mapped[int] = mapped_column(ForeignKey("directives.id", ondelete="CASCADE"), index=True)
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"), default=None)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
