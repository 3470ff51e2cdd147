"""The simulated Telegram users of the local Bot API: they send texts, files and photos, reply, press
buttons, and read what the bot sent them."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["BotEvent", "SimulatedUsers"]


@dataclass(slots=True)
class BotEvent:
    """Something the bot did: send, edit, answer_callback, set_commands …"""

    kind: str
    chat_id: int | None
    message_id: int | None = None
    text: str | None = None
    reply_markup: dict[str, Any] | None = None
    data: dict[str, Any] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)

    def buttons(self) -> list[tuple[str, str]]:
        """(text, callback_data) of every inline button, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [(b["text"], b.get("callback_data") or b.get("url") or "") for row in rows for b in row]


class SimulatedUsers:
    """Mixin of LocalBotAPI: the users' side of the conversation."""

    bot_id: int
    events: list[BotEvent]
    files: dict[str, tuple[bytes, str, str]]
    _updates: list[dict[str, Any]]
    _next_update: int
    _acked: int
    _messages: dict[int, dict[int, dict[str, Any]]]
    _message_ids: dict[int, itertools.count[int]]
    _file_ids: itertools.count[int]
    _callback_ids: itertools.count[int]
    _users: dict[int, dict[str, Any]]
    _changed: asyncio.Condition

    def _user(self, user_id: int, first_name: str | None = None) -> dict[str, Any]:
        if user_id not in self._users:
            self._users[user_id] = {
                "id": user_id,
                "is_bot": False,
                "first_name": first_name or f"Người dùng {user_id}",
                "language_code": "vi",
            }
        elif first_name:
            self._users[user_id]["first_name"] = first_name
        return self._users[user_id]

    def _chat(self, chat_id: int) -> dict[str, Any]:
        if chat_id < 0:
            return {"id": chat_id, "type": "group", "title": "Nhóm"}
        user = self._user(chat_id)
        return {"id": chat_id, "type": "private", "first_name": user["first_name"]}

    def _push_update(self, payload: dict[str, Any]) -> int:
        update_id = self._next_update
        self._next_update += 1
        self._updates.append({"update_id": update_id, **payload})
        self._notify()
        return update_id

    def _notify(self) -> None:
        async def _wake() -> None:
            async with self._changed:
                self._changed.notify_all()

        with contextlib.suppress(RuntimeError):
            asyncio.get_running_loop().create_task(_wake())

    def _user_message(
        self, user_id: int, reply_to: int | None, chat_id: int | None = None, **content: Any
    ) -> dict[str, Any]:
        chat = chat_id if chat_id is not None else user_id
        message_id = next(self._message_ids[chat])
        message: dict[str, Any] = {
            "message_id": message_id,
            "from": self._user(user_id),
            "chat": self._chat(chat),
            "date": int(time.time()),
            **content,
        }
        if reply_to is not None:
            replied = self._messages[chat].get(reply_to)
            if replied is not None:
                message["reply_to_message"] = {k: v for k, v in replied.items() if k != "reply_to_message"}
        self._messages[chat][message_id] = message
        return message

    def send_text(
        self,
        user_id: int,
        text: str,
        *,
        reply_to: int | None = None,
        first_name: str | None = None,
        chat_id: int | None = None,
    ) -> int:
        """The user sends a text (a /command gets its bot_command entity), in their private chat or in the
        group `chat_id`. Returns the update id."""
        self._user(user_id, first_name)
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split()[0]
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(command.encode("utf-16-le")) // 2}
            ]
        message = self._user_message(user_id, reply_to, chat_id, **content)
        return self._push_update({"message": message})

    def _store_file(self, data: bytes, path: str, mime: str) -> dict[str, Any]:
        number = next(self._file_ids)
        file_id = f"F{number:06d}"
        self.files[file_id] = (data, f"{path}/{file_id}", mime)
        return {"file_id": file_id, "file_unique_id": f"U{number:06d}", "file_size": len(data)}

    def _with_caption(self, content: dict[str, Any], caption: str | None) -> dict[str, Any]:
        if caption:
            content["caption"] = caption
        return content

    def send_document(
        self,
        user_id: int,
        data: bytes,
        file_name: str,
        *,
        mime: str = "application/octet-stream",
        caption: str | None = None,
        reply_to: int | None = None,
    ) -> int:
        doc = {**self._store_file(data, "documents", mime), "file_name": file_name, "mime_type": mime}
        content = self._with_caption({"document": doc}, caption)
        return self._push_update({"message": self._user_message(user_id, reply_to, **content)})

    def send_photo(
        self,
        user_id: int,
        data: bytes = b"\xff\xd8photo",
        *,
        caption: str | None = None,
        reply_to: int | None = None,
    ) -> int:
        info = self._store_file(data, "photos", "image/jpeg")
        content = self._with_caption({"photo": [{**info, "width": 640, "height": 480}]}, caption)
        return self._push_update({"message": self._user_message(user_id, reply_to, **content)})

    def send_voice(
        self,
        user_id: int,
        data: bytes = b"OggS voice",
        *,
        caption: str | None = None,
        reply_to: int | None = None,
    ) -> int:
        info = self._store_file(data, "voice", "audio/ogg")
        content = self._with_caption({"voice": {**info, "duration": 12, "mime_type": "audio/ogg"}}, caption)
        return self._push_update({"message": self._user_message(user_id, reply_to, **content)})

    def send_video(
        self, user_id: int, data: bytes = b"\x00\x00\x00 ftypmp4", *, caption: str | None = None
    ) -> int:
        info = self._store_file(data, "videos", "video/mp4")
        video = {**info, "width": 640, "height": 360, "duration": 20, "mime_type": "video/mp4"}
        content = self._with_caption({"video": video}, caption)
        return self._push_update({"message": self._user_message(user_id, None, **content)})

    def send_sticker(self, user_id: int) -> int:
        info = self._store_file(b"RIFF sticker", "stickers", "image/webp")
        sticker = {
            **info,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
        }
        return self._push_update({"message": self._user_message(user_id, None, sticker=sticker)})

    def press(self, user_id: int, message_id: int, data: str, *, chat_id: int | None = None) -> int:
        """The user presses an inline button carrying `data` under a bot message. Returns the update id."""
        message = self._messages[chat_id if chat_id is not None else user_id].get(message_id)
        if message is None:
            raise KeyError(f"no message {message_id} in chat {user_id}")
        query = {
            "id": str(next(self._callback_ids)),
            "from": self._user(user_id),
            "message": message,
            "chat_instance": str(user_id),
            "data": data,
        }
        return self._push_update({"callback_query": query})

    def raw_update(self, payload: dict[str, Any]) -> int:
        """Queue an update exactly as given (tampered or unusual updates in tests)."""
        return self._push_update(payload)

    # ------------------------------------------------------------------ reading what the bot did

    def messages(self, chat_id: int) -> list[dict[str, Any]]:
        """The bot's messages in a chat, in their current state (after edits)."""
        return [m for m in self._messages[chat_id].values() if m.get("from", {}).get("id") == self.bot_id]

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        return self._messages[chat_id].get(message_id)

    def events_for(
        self, chat_id: int, since: int = 0, kinds: tuple[str, ...] = ("send", "edit")
    ) -> list[BotEvent]:
        return [e for e in self.events[since:] if e.chat_id == chat_id and e.kind in kinds]

    async def wait_until(self, predicate: Callable[[], bool], within: float = 10.0) -> bool:
        deadline = time.monotonic() + within
        async with self._changed:
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                try:
                    await asyncio.wait_for(self._changed.wait(), remaining)
                except TimeoutError:
                    return predicate()
        return True

    async def wait_processed(self, update_id: int, within: float = 15.0) -> bool:
        """True once the bot has asked for updates past `update_id` (with sequential polling: handled)."""
        return await self.wait_until(lambda: self._acked >= update_id, within)

    @property
    def pending_updates(self) -> int:
        return sum(1 for u in self._updates if u["update_id"] > self._acked)
