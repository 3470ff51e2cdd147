"""Audience, intent and message-shape filters.

All are async `Filter` classes: aiogram runs a plain callable filter, magic `F` filters included, through
`asyncio.to_thread`, a worker-thread round trip for each check. Routers that every officer message
crosses use these instead.
"""

from __future__ import annotations

from typing import Any

from aiogram.filters import Filter
from aiogram.types import Message, TelegramObject

from bot.db.models import Officer, utcnow
from bot.services.registration import find_code
from bot.understanding.admin_questions import parse_admin_question
from bot.understanding.intents import Intent

__all__ = [
    "ADMIN_COMMANDS",
    "AdminQuestionIs",
    "HasChoice",
    "HasDocument",
    "HasEvidence",
    "HasEvidenceDocument",
    "HasInviteCode",
    "IntentIs",
    "IsAdmin",
    "IsAdminCommand",
    "IsCommand",
    "IsOfficer",
    "IsReplyToBot",
    "IsSticker",
    "IsStranger",
    "PageOf",
    "TextLongerThan",
]

ADMIN_COMMANDS = frozenset(
    {"thongke", "chuabaocao", "xuatbaocao", "moi", "canbo", "nhacnho", "banthao", "ngung", "kichhoat", "minhchung"}
)


class IsStranger(Filter):
    """Nobody registered (or a deactivated account)."""

    async def __call__(self, event: TelegramObject, officer: Officer | None = None, **_: Any) -> bool:
        return officer is None


class IsOfficer(Filter):
    """An active registered user (commune officer, or an admin using officer features)."""

    async def __call__(self, event: TelegramObject, officer: Officer | None = None, **_: Any) -> bool:
        return officer is not None


class IsAdmin(Filter):
    async def __call__(self, event: TelegramObject, is_admin: bool = False, **_: Any) -> bool:
        return is_admin


class AdminQuestionIs(Filter):
    """An admin's question in free text ("thống kê công văn 2345", "xã nào chưa báo cáo"): passes it to the
    handler as `question`."""

    async def __call__(self, event: TelegramObject, settings: Any = None, **_: Any) -> bool | dict[str, Any]:
        text = event.text if isinstance(event, Message) else None
        if not text:
            return False
        tz = getattr(settings, "tz", None)
        found = parse_admin_question(text, utcnow().astimezone(tz).date())
        return {"question": found} if found is not None else False


class IntentIs(Filter):
    def __init__(self, *intents: str) -> None:
        self.intents = intents

    async def __call__(self, event: TelegramObject, intent: Intent | None = None, **_: Any) -> bool:
        return intent is not None and intent.intent in self.intents


class IsReplyToBot(Filter):
    """A message that replies to one of the bot's messages."""

    async def __call__(self, event: TelegramObject) -> bool:
        replied = event.reply_to_message if isinstance(event, Message) else None
        return bool(replied and replied.from_user and replied.from_user.is_bot)


EVIDENCE_SUFFIXES = (
    ".pdf",
    ".docx",
    ".doc",
    ".txt",
    ".jpg",
    ".jpeg",
    ".png",
    ".heic",
    ".mp3",
    ".m4a",
    ".ogg",
    ".wav",
    ".amr",
    ".aac",
    ".mp4",
    ".mov",
    ".3gp",
)


def is_evidence_document(message: Message) -> bool:
    """A file an officer may send as a written report or as evidence (no executables, no archives)."""
    doc = message.document
    if doc is None:
        return False
    mime = (doc.mime_type or "").split("/")[0]
    return mime in ("image", "audio", "video") or (doc.file_name or "").lower().endswith(EVIDENCE_SUFFIXES)


class HasEvidence(Filter):
    """A photo, voice note, audio file, video, video note, or a document of a kind evidence comes in."""

    async def __call__(self, event: TelegramObject) -> bool:
        return isinstance(event, Message) and bool(
            event.photo
            or event.voice
            or event.audio
            or event.video
            or event.video_note
            or is_evidence_document(event)
        )


class HasEvidenceDocument(Filter):
    async def __call__(self, event: TelegramObject) -> bool:
        return isinstance(event, Message) and is_evidence_document(event)


class HasInviteCode(Filter):
    """A text that carries an invite code: the code alone, a pasted link, or a sentence with it."""

    async def __call__(self, event: TelegramObject) -> bool:
        text = event.text if isinstance(event, Message) else None
        return bool(text) and len(text or "") <= 500 and find_code(text or "") is not None


class HasDocument(Filter):
    async def __call__(self, event: TelegramObject) -> bool:
        return isinstance(event, Message) and event.document is not None


class IsSticker(Filter):
    async def __call__(self, event: TelegramObject) -> bool:
        return isinstance(event, Message) and bool(event.sticker or event.animation or event.dice)


class TextLongerThan(Filter):
    def __init__(self, limit: int) -> None:
        self.limit = limit

    async def __call__(self, event: TelegramObject) -> bool:
        return isinstance(event, Message) and len(event.text or "") > self.limit


def _command(event: TelegramObject) -> str | None:
    text = event.text if isinstance(event, Message) else None
    if not text or not text.startswith("/") or len(text) < 2:
        return None
    return text[1:].split(maxsplit=1)[0].split("@")[0].lower()


class IsCommand(Filter):
    """Any /command."""

    async def __call__(self, event: TelegramObject) -> bool:
        return _command(event) is not None


class IsAdminCommand(Filter):
    """One of the admin commands (reached by someone who is not an admin)."""

    async def __call__(self, event: TelegramObject) -> bool:
        return _command(event) in ADMIN_COMMANDS


class PageOf(Filter):
    """A page button of one of these lists (after PageCb.filter() has unpacked it)."""

    def __init__(self, *views: str) -> None:
        self.views = frozenset(views)

    async def __call__(self, event: TelegramObject, callback_data: Any = None, **_: Any) -> bool:
        return getattr(callback_data, "view", None) in self.views


class HasChoice(Filter):
    """A message that is just a list number ("2", "số 2")."""

    async def __call__(self, event: TelegramObject, intent: Intent | None = None, **_: Any) -> bool:
        return intent is not None and intent.choice is not None
