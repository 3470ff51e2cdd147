"""`python -m bot chat`: the real bot, polling a local Bot API on loopback, talked to from the terminal.

No token and no internet: the embedded SQLite database with the sample directives. Buttons are shown
numbered and pressed by typing their number; "> text" replies to the latest message with buttons;
"/tep PATH" sends a file. With standard input not a terminal it reads one message per line, prints
the bot's replies and exits at end of input.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import re
from pathlib import Path
from typing import TextIO

from bot.app import build_app
from bot.config import Settings
from bot.db import repo
from bot.db.database import Database
from bot.db.models import Role
from bot.localapi import BotEvent, LocalBotAPI
from bot.services.registration import create_invite
from bot.services.units import commune_units

__all__ = ["DEMO_UNIT", "run_chat"]

OFFICER_ID = 900001
ADMIN_ID = 900002
DEMO_UNIT = "Xã Thất Khê"
_TAG = re.compile(r"<[^>]+>")

INTRO = (
    "Loa Xã — trò chuyện ngoại tuyến với bot ({who}).\n"
    "Gõ tin nhắn rồi Enter. Gõ số để bấm nút; “> nội dung” để trả lời tin có nút; "
    "“/tep đường/dẫn.docx” để gửi tệp; Ctrl-D để thoát.\n"
)


def _plain(text: str | None) -> str:
    return html.unescape(_TAG.sub("", text or ""))


class ChatSession:
    def __init__(self, api: LocalBotAPI, user_id: int, out: TextIO) -> None:
        self.api = api
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
        buttons = event.buttons()
        if buttons and event.message_id is not None:
            self.buttons = [(event.message_id, data) for _, data in buttons]
            self.last_markup_message = event.message_id
            labels = [f"[{n}] {text}" for n, (text, _) in enumerate(buttons, start=1)]
            self.out.write(("   (nút mới) " if same_text else "   ") + "  ".join(labels) + "\n")
        self.out.write("\n")

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
            path = Path(text[5:].strip()).expanduser()
            try:
                content = path.read_bytes()
            except OSError as exc:
                self.out.write(f"  (không đọc được tệp: {exc})\n")
                return None
            return self.api.send_document(self.user_id, content, path.name)
        return self.api.send_text(
            self.user_id, text, first_name="Cán bộ" if self.user_id == OFFICER_ID else "Quản trị"
        )


async def _ensure_registered(
    api: LocalBotAPI, chat: ChatSession, db: Database, settings: Settings, admin: bool
) -> None:
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


async def run_chat(settings: Settings, *, admin: bool, stdin: TextIO, out: TextIO, interactive: bool) -> int:
    api = LocalBotAPI(username=settings.bot_username)
    base = await api.start()
    settings = settings.model_copy(update={"telegram_api_base": base})
    app = await build_app(settings, token=api.token)
    polling = asyncio.create_task(
        app.dp.start_polling(app.bot, handle_signals=False, handle_as_tasks=False, polling_timeout=1)
    )
    chat = ChatSession(api, ADMIN_ID if admin else OFFICER_ID, out)
    try:
        if interactive:
            out.write(INTRO.format(who="quản trị viên" if admin else f"cán bộ {DEMO_UNIT}"))
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
