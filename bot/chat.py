"""`python -m bot chat`: the real bot, polling a local Bot API on loopback, talked to from the terminal.

No token and no internet: a SQLite database of its own (data/chat.db; CHAT_DIR moves data/) with the
sample directives. Buttons are shown numbered and pressed by typing their number; "> text" replies to the
latest message with buttons; "/tep PATH" sends a file. Every document the bot sends (a report, an invite
sheet, a bản tin) is saved under data/chat-files/ and its path printed. With standard input not a terminal it
reads one message per line, prints the bot's replies and exits at end of input.

aiogram and the database layer are imported inside `run_chat`, so the command line can print its first
line before they load.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot import texts
from bot.config import Settings

if TYPE_CHECKING:
    from bot.db.database import Database
    from bot.localapi import BotEvent, LocalBotAPI

__all__ = ["DEMO_UNIT", "intro", "run_chat", "save_document"]

OFFICER_ID = 900001
ADMIN_ID = 900002
DEMO_UNIT = "Xã Thất Khê"
_TAG = re.compile(r"<[^>]+>")



def intro(settings: Settings, admin: bool) -> str:
    who = texts.CLI_CHAT_WHO_ADMIN if admin else texts.CLI_CHAT_WHO_OFFICER.format(unit=DEMO_UNIT)
    return texts.CLI_CHAT_INTRO.format(who=who, files=settings.chat_files_dir, log=settings.chat_log)


def save_document(data: bytes, name: str, folder: Path) -> Path:
    """Keep a document the bot sent: FOLDER/NAME, or NAME (2), (3)… beside an earlier one."""
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r'[\x00-\x1f/\\:*?"<>|]+', "_", Path(name).name).strip(" .") or "tep"
    target = folder / safe
    stem, suffix = target.stem, target.suffix
    n = 2
    while target.exists():
        target = folder / f"{stem} ({n}){suffix}"
        n += 1
    target.write_bytes(data)
    return target


def _plain(text: str | None) -> str:
    return html.unescape(_TAG.sub("", text or ""))


class ChatSession:
    def __init__(self, api: LocalBotAPI, user_id: int, out: TextIO, files: Path) -> None:
        self.api = api
        self.files = files
        self.user_id = user_id
        self.out = out
        self.seen = 0
        self.buttons: list[tuple[int, str]] = []  # (message_id, callback_data) of the numbered buttons
        self.texts: dict[int, str | None] = {}
        self.last_markup_message: int | None = None

    def _print_event(self, event: BotEvent) -> None:
        if event.kind == "answer_callback":
            if event.text:
                self.out.write(f"  ℹ️  {event.text}\n")
            return
        if event.chat_id != self.user_id or event.kind not in ("send", "edit"):
            return
        same_text = event.kind == "edit" and self.texts.get(event.message_id or 0) == event.text
        self.texts[event.message_id or 0] = event.text
        if not same_text:
            prefix = "🤖" if event.kind == "send" else "🤖 (sửa tin)"
            body = _plain(event.text) if event.text else f"[{event.data.get('kind', 'tệp')}]"
            self.out.write(f"{prefix} {body}\n")
            if event.kind == "send" and event.message_id is not None:
                self._keep_document(event.message_id)
        buttons = event.buttons()
        if buttons and event.message_id is not None:
            self.buttons = [(event.message_id, data) for _, data in buttons]
            self.last_markup_message = event.message_id
            labels = [f"[{n}] {text}" for n, (text, _) in enumerate(buttons, start=1)]
            self.out.write(("   (nút mới) " if same_text else "   ") + "  ".join(labels) + "\n")
        self.out.write("\n")

    def _keep_document(self, message_id: int) -> None:
        """A document the bot sent is saved where the user can open it, and the path printed."""
        message = self.api.message(self.user_id, message_id) or {}
        document = message.get("document")
        if not isinstance(document, dict):
            return
        name = str(document.get("file_name") or "tep")
        stored = self.api.files.get(str(document.get("file_id", "")))
        if stored is None:
            return
        try:
            path = save_document(stored[0], name, self.files)
        except OSError as exc:
            self.out.write(texts.CLI_CHAT_SAVE_FAILED.format(name=name, reason=exc.strerror or exc) + "\n")
            return
        self.out.write(texts.CLI_CHAT_SAVED.format(path=path) + "\n")

    def flush_events(self) -> None:
        for event in self.api.events[self.seen :]:
            self._print_event(event)
        self.seen = len(self.api.events)
        self.out.flush()

    async def settle(self, update_id: int | None, quiet: float = 0.35, limit: float = 15.0) -> None:
        """Wait until the bot has handled the update and has been quiet for a moment."""
        if update_id is not None:
            await self.api.wait_processed(update_id, within=limit)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        count = len(self.api.events)
        last_change = loop.time()
        while loop.time() < deadline:
            await asyncio.sleep(0.05)
            if len(self.api.events) != count:
                count = len(self.api.events)
                last_change = loop.time()
            elif loop.time() - last_change >= quiet:
                break
        self.flush_events()

    def send(self, line: str) -> int | None:
        text = line.strip()
        if not text:
            return None
        if text.isdigit() and self.buttons:
            index = int(text) - 1
            if 0 <= index < len(self.buttons):
                message_id, data = self.buttons[index]
                return self.api.press(self.user_id, message_id, data)
        if text.startswith(">") and self.last_markup_message is not None:
            return self.api.send_text(self.user_id, text[1:].strip(), reply_to=self.last_markup_message)
        if text.startswith("/tep "):
            path = Path(text[5:].strip().strip('"').strip("'")).expanduser()
            full = path.absolute().parent.resolve() / path.name
            if not path.is_file():
                self.out.write(texts.CLI_CHAT_NO_FILE.format(path=full) + "\n")
                return None
            try:
                content = path.read_bytes()
            except OSError as exc:
                reason = "không có quyền đọc" if isinstance(exc, PermissionError) else f"lỗi {exc.errno}"
                self.out.write(texts.CLI_CHAT_FILE_UNREADABLE.format(path=full, reason=reason) + "\n")
                return None
            return self.api.send_document(self.user_id, content, path.name)
        return self.api.send_text(
            self.user_id, text, first_name="Cán bộ" if self.user_id == OFFICER_ID else "Quản trị"
        )


async def _ensure_registered(
    api: LocalBotAPI, chat: ChatSession, db: Database, settings: Settings, admin: bool
) -> None:
    from bot.db import repo
    from bot.db.models import Role
    from bot.services.registration import create_invite
    from bot.services.units import commune_units

    async with db.write() as session:
        if await repo.officer_by_telegram(session, chat.user_id) is not None:
            return
        communes = await commune_units(session, settings.province)
        unit = next((u for u in communes if u.name == DEMO_UNIT), communes[0])
        invite = await create_invite(session, unit, Role.ADMIN if admin else Role.OFFICER)
        code = invite.code
    update = api.send_text(chat.user_id, f"/start {code}", first_name="Quản trị" if admin else "Cán bộ")
    chat.out.write(f"Bạn: /start {code}\n")
    await chat.settle(update)


async def run_chat(
    settings: Settings,
    *,
    admin: bool,
    stdin: TextIO,
    out: TextIO,
    interactive: bool,
) -> int:
    """The conversation on SETTINGS' database (the caller picks the demo one: `commands.chat_settings`);
    documents the bot sends are saved under CHAT_DIR/chat-files."""
    from bot.app import build_app
    from bot.localapi import LocalBotAPI

    api = LocalBotAPI(username=settings.bot_username)
    base = await api.start()
    settings = settings.model_copy(update={"telegram_api_base": base})
    app = await build_app(settings, token=api.token)
    polling = asyncio.create_task(
        app.dp.start_polling(app.bot, handle_signals=False, handle_as_tasks=False, polling_timeout=1)
    )
    chat = ChatSession(api, ADMIN_ID if admin else OFFICER_ID, out, settings.chat_files_dir)
    try:
        await _ensure_registered(api, chat, app.db, settings, admin)
        while True:
            try:
                line = (
                    await asyncio.to_thread(input, "Bạn: ")
                    if interactive
                    else await asyncio.to_thread(stdin.readline)
                )
            except EOFError:
                break
            if not interactive:
                if line == "":
                    break
                line = line.rstrip("\n")
                if line.strip():
                    out.write(f"Bạn: {line}\n")
            update = chat.send(line)
            if update is not None:
                await chat.settle(update)
        await chat.settle(None, quiet=0.2, limit=2.0)
    finally:
        with contextlib.suppress(Exception):
            await app.dp.stop_polling()
        polling.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await polling
        await app.close()
        await api.close()
    return 0
