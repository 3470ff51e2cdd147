"""A Telegram Bot API server on loopback (aiohttp), for the offline chat, the tests and the benchmarks.

It implements the methods Loa Xã uses with Telegram's answers and error shapes, enforces
Telegram's limits (4096 characters, 64-byte callback_data, HTML that must parse, flood control
with 429 + retry_after), can inject faults (429, 5xx, timeouts, 403), and lets a simulated user
send messages, reply, press buttons and read what the bot sent — in process or over HTTP (/_sim/…).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import math
import random
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.localapi.telegram_rules import MAX_CAPTION, ApiError, check_markup, check_text

__all__ = ["BotEvent", "Fault", "Limits", "LocalBotAPI"]

SEND_METHODS = {"sendMessage", "sendDocument", "sendPhoto", "copyMessage", "forwardMessage"}


@dataclass(slots=True)
class Limits:
    """Flood control as Telegram applies it; `enforce=False` turns it off (interactive tests)."""

    enforce: bool = False
    rate: float = 30.0  # messages per second for the whole bot
    burst_seconds: float = 1.0
    chat_rate: float = 1.0  # messages per second to one chat
    chat_burst: int = 3


@dataclass(slots=True)
class Fault:
    """An injected failure: `kind` is 429, 500, 502, timeout, 403, drop (connection closed)."""

    kind: str
    method: str = "sendMessage"
    times: int | None = 1
    probability: float | None = None
    retry_after: int = 1
    chat_id: int | None = None


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


class _Bucket:
    def __init__(self, rate: float, capacity: float) -> None:
        self.rate = rate
        self.capacity = max(1.0, capacity)
        self.tokens = self.capacity
        self.stamp = time.monotonic()

    def take(self) -> float:
        """Take one token; returns 0 when allowed, else the seconds until one is available."""
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / self.rate


class LocalBotAPI:
    """The server. `await start()` returns its base URL, for TELEGRAM_API_BASE."""

    def __init__(
        self,
        token: str = "123456:LOCAL-LOAXA",
        username: str = "loaxa_bot",
        limits: Limits | None = None,
        timeout_delay: float = 30.0,
    ) -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.username = username
        self.limits = limits or Limits()
        self.timeout_delay = timeout_delay
        self.base_url = ""
        self.events: list[BotEvent] = []
        self.faults: list[Fault] = []
        self.blocked: set[int] = set()
        self.deactivated: set[int] = set()
        self.missing_chats: set[int] = set()
        self.delivered: dict[int, int] = defaultdict(int)  # successful sends per chat
        self.rejected_429 = 0
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.files: dict[str, tuple[bytes, str, str]] = {}  # file_id -> (data, file_path, mime)
        self.webhook_deleted = 0
        self._updates: list[dict[str, Any]] = []
        self._next_update = 1
        self._acked = 0  # highest update_id confirmed by an offset
        self._messages: dict[int, dict[int, dict[str, Any]]] = defaultdict(dict)
        self._message_ids: dict[int, itertools.count[int]] = defaultdict(lambda: itertools.count(1))
        self._file_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._users: dict[int, dict[str, Any]] = {}
        self._changed = asyncio.Condition()
        self._global = _Bucket(self.limits.rate, self.limits.rate * self.limits.burst_seconds)
        self._chats: dict[int, _Bucket] = {}
        self._runner: web.AppRunner | None = None
        self._rng = random.Random(7)
        self.requests: dict[str, int] = defaultdict(int)

    # ------------------------------------------------------------------ lifecycle

    def app(self) -> web.Application:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._handle_method)
        app.router.add_get("/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.*}", self._handle_file)
        app.router.add_post("/_sim/{action}", self._handle_sim)
        app.router.add_get("/_sim/{action}", self._handle_sim)
        return app

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        sockets = site._server.sockets if site._server else []  # type: ignore[attr-defined]
        real_port = sockets[0].getsockname()[1] if sockets else port
        self.base_url = f"http://{host}:{real_port}"
        return self.base_url

    async def close(self) -> None:
        if self._runner:
            await self._runner.cleanup()
            self._runner = None

    def set_limits(self, limits: Limits) -> None:
        self.limits = limits
        self._global = _Bucket(limits.rate, limits.rate * limits.burst_seconds)
        self._chats.clear()

    # ------------------------------------------------------------------ simulated users

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

    def _chat(self, user_id: int) -> dict[str, Any]:
        user = self._user(user_id)
        return {"id": user_id, "type": "private", "first_name": user["first_name"]}

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

    def _user_message(self, user_id: int, reply_to: int | None, **content: Any) -> dict[str, Any]:
        message_id = next(self._message_ids[user_id])
        message: dict[str, Any] = {
            "message_id": message_id,
            "from": self._user(user_id),
            "chat": self._chat(user_id),
            "date": int(time.time()),
            **content,
        }
        if reply_to is not None:
            replied = self._messages[user_id].get(reply_to)
            if replied is not None:
                message["reply_to_message"] = {k: v for k, v in replied.items() if k != "reply_to_message"}
        self._messages[user_id][message_id] = message
        return message

    def send_text(
        self, user_id: int, text: str, *, reply_to: int | None = None, first_name: str | None = None
    ) -> int:
        """The user sends a text (a /command gets its bot_command entity). Returns the update id."""
        self._user(user_id, first_name)
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split()[0]
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(command.encode("utf-16-le")) // 2}
            ]
        message = self._user_message(user_id, reply_to, **content)
        return self._push_update({"message": message})

    def _store_file(self, data: bytes, path: str, mime: str) -> dict[str, Any]:
        number = next(self._file_ids)
        file_id = f"F{number:06d}"
        self.files[file_id] = (data, f"{path}/{file_id}", mime)
        return {"file_id": file_id, "file_unique_id": f"U{number:06d}", "file_size": len(data)}

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
        content: dict[str, Any] = {"document": doc}
        if caption:
            content["caption"] = caption
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
        content: dict[str, Any] = {"photo": [{**info, "width": 640, "height": 480}]}
        if caption:
            content["caption"] = caption
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
        content: dict[str, Any] = {"voice": {**info, "duration": 12, "mime_type": "audio/ogg"}}
        if caption:
            content["caption"] = caption
        return self._push_update({"message": self._user_message(user_id, reply_to, **content)})

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

    def press(self, user_id: int, message_id: int, data: str) -> int:
        """The user presses an inline button carrying `data` under a bot message. Returns the update id."""
        message = self._messages[user_id].get(message_id)
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

    # ------------------------------------------------------------------ the Bot API

    async def _handle_method(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        self.requests[method] += 1
        self._notify()
        params = await self._params(request)
        try:
            await self._apply_faults(method, params, request)
            handler = getattr(self, f"_m_{method}", None)
            if handler is None:
                raise ApiError(404, "Not Found: method not found")
            result = await handler(params)
        except ApiError as exc:
            return web.json_response(exc.payload(), status=exc.status)
        except ConnectionResetError:
            return web.Response(status=500)
        return web.json_response({"ok": True, "result": result})

    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.method != "POST" or not request.can_read_body:
            return params
        if request.content_type == "application/json":
            params.update(await request.json())
            return params
        post = await request.post()
        uploads: dict[str, Any] = {}
        for key, value in post.items():
            if isinstance(value, web.FileField):
                uploads[key] = value
            else:
                params[key] = value
        for key, value in list(params.items()):
            if isinstance(value, str) and value.startswith("attach://"):
                upload = uploads.get(value[len("attach://") :])
                if upload is not None:
                    params[key] = upload
        for key, upload in uploads.items():
            params.setdefault(key, upload)
        return params

    async def _apply_faults(
        self, method: str, params: dict[str, Any], request: web.Request | None = None
    ) -> None:
        chat_id = _int(params.get("chat_id"))
        for fault in list(self.faults):
            if fault.method not in (method, "*"):
                continue
            if fault.chat_id is not None and fault.chat_id != chat_id:
                continue
            if fault.probability is not None and self._rng.random() >= fault.probability:
                continue
            if fault.times is not None:
                fault.times -= 1
                if fault.times <= 0:
                    self.faults.remove(fault)
            if fault.kind == "429":
                self.rejected_429 += 1
                raise ApiError(
                    429,
                    f"Too Many Requests: retry after {fault.retry_after}",
                    {"retry_after": fault.retry_after},
                )
            if fault.kind in ("500", "502", "503"):
                raise ApiError(
                    int(fault.kind), "Internal Server Error" if fault.kind == "500" else "Bad Gateway"
                )
            if fault.kind == "403":
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            if fault.kind == "timeout":
                await asyncio.sleep(self.timeout_delay)
                raise ApiError(504, "Gateway Timeout")
            if fault.kind == "drop":
                if request is not None and request.transport is not None:
                    request.transport.abort()  # the client sees the connection die mid-request
                raise ConnectionResetError("dropped by fault injection")

    def _flood_check(self, chat_id: int) -> None:
        if not self.limits.enforce:
            return
        bucket = self._chats.get(chat_id)
        if bucket is None:
            bucket = self._chats[chat_id] = _Bucket(self.limits.chat_rate, self.limits.chat_burst)
        wait_chat = bucket.take()
        if wait_chat:
            self.rejected_429 += 1
            retry = max(1, math.ceil(wait_chat))
            raise ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})
        wait_all = self._global.take()
        if wait_all:
            bucket.tokens = min(bucket.capacity, bucket.tokens + 1)  # give the chat token back
            self.rejected_429 += 1
            retry = max(1, math.ceil(wait_all))
            raise ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})

    def _target(self, params: dict[str, Any]) -> int:
        chat_id = _int(params.get("chat_id"))
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
            "chat": self._chat(chat_id) if chat_id > 0 else {"id": chat_id, "type": "group", "title": "Nhóm"},
            "date": int(time.time()),
            **content,
        }
        if markup:
            message["reply_markup"] = markup
        reply = params.get("reply_parameters")
        reply_to = (
            _int(json.loads(reply).get("message_id"))
            if isinstance(reply, str) and reply
            else _int(params.get("reply_to_message_id"))
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
        offset = _int(params.get("offset")) or 0
        limit = _int(params.get("limit")) or 100
        timeout = float(params.get("timeout") or 0)
        if offset:
            self._acked = max(self._acked, offset - 1)
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            self._notify()

        def ready() -> list[dict[str, Any]]:
            return [u for u in self._updates if u["update_id"] > self._acked][:limit]

        if not ready() and timeout > 0:
            await self.wait_until(lambda: bool(ready()), timeout)
        return ready()

    async def _m_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._target(params)
        text = params.get("text")
        check_text(text, params.get("parse_mode"))
        markup = check_markup(params.get("reply_markup"))
        self._flood_check(chat_id)
        return self._new_bot_message(chat_id, params, markup, text=text)

    async def _m_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._target(params)
        message = self._messages[chat_id].get(_int(params.get("message_id")) or 0)
        if message is None or message.get("from", {}).get("id") != self.bot_id:
            raise ApiError(400, "Bad Request: message to edit not found")
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
        message = self._messages[chat_id].get(_int(params.get("message_id")) or 0)
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
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
        self._messages[chat_id].pop(_int(params.get("message_id")) or 0, None)
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
        else:
            content = {"document": {**info, "file_name": name, "mime_type": mime}}
        if caption:
            content["caption"] = caption
        return self._new_bot_message(chat_id, params, markup, **content)

    async def _m_sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        return await self._file_message(params, "document", "document")

    async def _m_sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        return await self._file_message(params, "photo", "photo")

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

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        path = request.match_info["path"]
        for data, file_path, mime in self.files.values():
            if file_path == path:
                return web.Response(body=data, content_type=mime.split(";")[0])
        return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)

    # ------------------------------------------------------------------ the simulated user over HTTP

    async def _handle_sim(self, request: web.Request) -> web.StreamResponse:
        action = request.match_info["action"]
        body: dict[str, Any] = (
            await request.json()
            if request.method == "POST" and request.can_read_body
            else dict(request.query)
        )
        try:
            if action == "send":
                update = self.send_text(
                    int(body["user_id"]), body["text"], reply_to=_int(body.get("reply_to"))
                )
                return web.json_response({"update_id": update})
            if action == "press":
                return web.json_response(
                    {"update_id": self.press(int(body["user_id"]), int(body["message_id"]), body["data"])}
                )
            if action == "messages":
                return web.json_response(self.messages(int(body["chat_id"])))
            if action == "stats":
                return web.json_response(
                    {
                        "delivered": {str(k): v for k, v in self.delivered.items()},
                        "rejected_429": self.rejected_429,
                        "requests": dict(self.requests),
                    }
                )
            if action == "fault":
                self.faults.append(Fault(**body))
                return web.json_response({"ok": True})
            if action == "limits":
                self.set_limits(Limits(**body))
                return web.json_response({"ok": True})
            if action == "block":
                self.blocked.add(int(body["chat_id"]))
                return web.json_response({"ok": True})
        except (KeyError, ValueError, TypeError) as exc:
            return web.json_response({"ok": False, "description": str(exc)}, status=400)
        return web.json_response({"ok": False, "description": "unknown action"}, status=404)


def _int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
