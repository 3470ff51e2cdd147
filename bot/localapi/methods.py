"""The Bot API methods Loa Xã uses, with Telegram's answers and error shapes and its limits
(4096 characters, 64-byte callback_data, HTML that must parse, 50 MB uploads, 20 MB downloads)."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from typing import Any

from aiohttp import web

from bot.localapi.faults import Faults
from bot.localapi.telegram_rules import MAX_CAPTION, ApiError, check_markup, check_text
from bot.localapi.users import BotEvent, SimulatedUsers

__all__ = ["BotMethods", "as_int"]


def as_int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class BotMethods(SimulatedUsers, Faults):
    """Mixin of LocalBotAPI: one `_m_<method>` coroutine per Bot API method."""

    username: str
    blocked: set[int]
    deactivated: set[int]
    missing_chats: set[int]
    delivered: defaultdict[int, int]
    commands: dict[str, list[dict[str, Any]]]
    webhook_deleted: int
    webhook: dict[str, Any]
    _closing: bool

    def _target(self, params: dict[str, Any]) -> int:
        chat_id = as_int(params.get("chat_id"))
        if chat_id is None:
            raise ApiError(400, "Bad Request: chat_id is empty")
        if chat_id in self.missing_chats:
            raise ApiError(400, "Bad Request: chat not found")
        if chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if chat_id in self.deactivated:
            raise ApiError(403, "Forbidden: user is deactivated")
        return chat_id

    def _bot_user(self) -> dict[str, Any]:
        return {"id": self.bot_id, "is_bot": True, "first_name": "Loa Xã", "username": self.username}

    def _new_bot_message(
        self, chat_id: int, params: dict[str, Any], markup: dict[str, Any] | None, **content: Any
    ) -> dict[str, Any]:
        """Store and record a message the bot sent; `markup` is its reply_markup, already checked."""
        message_id = next(self._message_ids[chat_id])
        message: dict[str, Any] = {
            "message_id": message_id,
            "from": self._bot_user(),
            "chat": self._chat(chat_id),
            "date": int(time.time()),
            **content,
        }
        if markup:
            message["reply_markup"] = markup
        reply = params.get("reply_parameters")
        reply_to = (
            as_int(json.loads(reply).get("message_id"))
            if isinstance(reply, str) and reply
            else as_int(params.get("reply_to_message_id"))
        )
        if reply_to and reply_to in self._messages[chat_id]:
            message["reply_to_message"] = {
                k: v for k, v in self._messages[chat_id][reply_to].items() if k != "reply_to_message"
            }
        self._messages[chat_id][message_id] = message
        self.delivered[chat_id] += 1
        self.events.append(
            BotEvent(
                "send",
                chat_id,
                message_id,
                content.get("text") or content.get("caption"),
                markup,
                {"kind": next(iter(content), "")},
            )
        )
        self._notify()
        return message

    async def _m_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            **self._bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _m_deleteWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook_deleted += 1
        self.webhook = {}
        return True

    async def _m_setWebhook(self, params: dict[str, Any]) -> bool:
        if not str(params.get("url", "")).startswith("https://"):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook = {"url": params["url"], "secret_token": params.get("secret_token")}
        return True

    async def _m_setMyCommands(self, params: dict[str, Any]) -> bool:
        commands = (
            json.loads(params["commands"])
            if isinstance(params.get("commands"), str)
            else params.get("commands", [])
        )
        scope = params.get("scope") or '{"type": "default"}'
        self.commands[scope if isinstance(scope, str) else json.dumps(scope)] = commands
        for c in commands:
            if not (1 <= len(c["command"]) <= 32) or not 1 <= len(c["description"]) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        self.events.append(BotEvent("set_commands", None, data={"scope": scope, "commands": commands}))
        return True

    async def _m_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = as_int(params.get("offset")) or 0
        limit = as_int(params.get("limit")) or 100
        timeout = float(params.get("timeout") or 0)
        if offset:
            self._acked = max(self._acked, offset - 1)
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            self._notify()

        def ready() -> list[dict[str, Any]]:
            return [u for u in self._updates if u["update_id"] > self._acked][:limit]

        if not ready() and timeout > 0:
            await self.wait_until(lambda: bool(ready()) or self._closing, timeout)
        return ready()

    async def _m_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._target(params)
        text = params.get("text")
        check_text(text, params.get("parse_mode"))
        markup = check_markup(params.get("reply_markup"))
        self._flood_check(chat_id)
        return self._new_bot_message(chat_id, params, markup, text=text)

    def _own_message(self, chat_id: int, params: dict[str, Any]) -> dict[str, Any]:
        message = self._messages[chat_id].get(as_int(params.get("message_id")) or 0)
        if message is None or message.get("from", {}).get("id") != self.bot_id:
            raise ApiError(400, "Bad Request: message to edit not found")
        return message

    async def _m_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._target(params)
        message = self._own_message(chat_id, params)
        text = params.get("text")
        check_text(text, params.get("parse_mode"))
        markup = check_markup(params.get("reply_markup"))
        if text == message.get("text") and markup == message.get("reply_markup"):
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
            )
        message["text"] = text
        if markup is not None:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        message["edit_date"] = int(time.time())
        self.events.append(BotEvent("edit", chat_id, message["message_id"], text, markup))
        self._notify()
        return message

    async def _m_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._target(params)
        message = self._own_message(chat_id, params)
        markup = check_markup(params.get("reply_markup"))
        if markup == message.get("reply_markup"):
            raise ApiError(400, "Bad Request: message is not modified")
        if markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        self.events.append(BotEvent("edit", chat_id, message["message_id"], message.get("text"), markup))
        self._notify()
        return message

    async def _m_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        text = params.get("text")
        if text and len(text) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self.events.append(
            BotEvent(
                "answer_callback",
                None,
                text=text,
                data={"id": params.get("callback_query_id"), "show_alert": params.get("show_alert")},
            )
        )
        self._notify()
        return True

    async def _m_sendChatAction(self, params: dict[str, Any]) -> bool:
        self._target(params)
        return True

    async def _m_deleteMessage(self, params: dict[str, Any]) -> bool:
        chat_id = self._target(params)
        self._messages[chat_id].pop(as_int(params.get("message_id")) or 0, None)
        return True

    async def _file_message(self, params: dict[str, Any], field_name: str, kind: str) -> dict[str, Any]:
        chat_id = self._target(params)
        caption = params.get("caption")
        check_text(caption, params.get("parse_mode"), limit=MAX_CAPTION, caption=True)
        markup = check_markup(params.get("reply_markup"))
        upload = params.get(field_name)
        if isinstance(upload, web.FileField):
            data = upload.file.read()
            name = upload.filename or field_name
            mime = upload.content_type or "application/octet-stream"
        elif isinstance(upload, str) and upload in self.files:
            data, _, mime = self.files[upload]
            name = upload
        else:
            raise ApiError(400, f"Bad Request: there is no {field_name} in the request")
        if len(data) > 50 * 1024 * 1024:
            raise ApiError(413, "Request Entity Too Large")
        self._flood_check(chat_id)
        info = self._store_file(data, f"{kind}s", mime)
        content: dict[str, Any]
        if kind == "photo":
            content = {"photo": [{**info, "width": 800, "height": 600}]}
        elif kind == "video":  # Telegram's Video always has its size
            content = {kind: {**info, "duration": 10, "width": 640, "height": 360, "mime_type": mime}}
        elif kind in ("voice", "audio"):
            content = {kind: {**info, "duration": 10, "mime_type": mime}}
        else:
            content = {"document": {**info, "file_name": name, "mime_type": mime}}
        if caption:
            content["caption"] = caption
        return self._new_bot_message(chat_id, params, markup, **content)

    async def _m_sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        return await self._file_message(params, "document", "document")

    async def _m_sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        return await self._file_message(params, "photo", "photo")

    async def _m_sendVoice(self, params: dict[str, Any]) -> dict[str, Any]:
        return await self._file_message(params, "voice", "voice")

    async def _m_sendVideo(self, params: dict[str, Any]) -> dict[str, Any]:
        return await self._file_message(params, "video", "video")

    async def _m_sendAudio(self, params: dict[str, Any]) -> dict[str, Any]:
        return await self._file_message(params, "audio", "audio")

    async def _m_getFile(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = params.get("file_id", "")
        if file_id not in self.files:
            raise ApiError(400, "Bad Request: invalid file_id")
        data, path, _ = self.files[file_id]
        if len(data) > 20 * 1024 * 1024:
            raise ApiError(400, "Bad Request: file is too big")
        return {
            "file_id": file_id,
            "file_unique_id": "U" + file_id[1:],
            "file_size": len(data),
            "file_path": path,
        }
