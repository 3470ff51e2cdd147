"""A Telegram Bot API server on loopback (aiohttp), for the offline chat, the tests and the benchmarks.

Three jobs, one mixin each: the Bot API methods (`methods.BotMethods`), the simulated users
(`users.SimulatedUsers`), and what makes it behave like the real, far-away Telegram (`faults.Faults`:
round-trip latency, injected 5xx/timeouts/429/403, flood control). This module wires them into an aiohttp
application, also driven over HTTP through /_sim/… when it runs in a process of its own.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import time
from collections import defaultdict
from typing import Any

from aiohttp import web

from bot.localapi.faults import Fault, FaultKind, Limits, Network, TokenBucket, abort_connection
from bot.localapi.methods import BotMethods, as_int
from bot.localapi.telegram_rules import ApiError
from bot.localapi.users import BotEvent

__all__ = ["BotEvent", "Fault", "Limits", "LocalBotAPI", "Network"]


class LocalBotAPI(BotMethods):
    """The server. `await start()` returns its base URL, for TELEGRAM_API_BASE."""

    def __init__(
        self,
        token: str = "123456:LOCAL-LOAXA",
        username: str = "loaxa_bot",
        limits: Limits | None = None,
        timeout_delay: float = 30.0,
        network: Network | None = None,
        seed: int = 7,
    ) -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.username = username
        self.limits = limits or Limits()
        self.network = network or Network()
        self.timeout_delay = timeout_delay
        self.base_url = ""
        self.events: list[BotEvent] = []
        self.faults: list[Fault] = []
        self.blocked: set[int] = set()
        self.deactivated: set[int] = set()
        self.missing_chats: set[int] = set()
        self.delivered: defaultdict[int, int] = defaultdict(int)  # successful sends per chat
        self.rejected_429 = 0
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.files: dict[str, tuple[bytes, str, str]] = {}  # file_id -> (data, file_path, mime)
        self.webhook_deleted = 0
        self.webhook: dict[str, Any] = {}
        self.requests: defaultdict[str, int] = defaultdict(int)
        self._updates: list[dict[str, Any]] = []
        self._next_update = 1
        self._acked = 0  # highest update_id confirmed by an offset
        self._messages: dict[int, dict[int, dict[str, Any]]] = defaultdict(dict)
        self._message_ids: dict[int, itertools.count[int]] = defaultdict(lambda: itertools.count(1))
        self._file_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._users: dict[int, dict[str, Any]] = {}
        self._changed = asyncio.Condition()
        self._closing = False  # long polls in progress answer at once: the server stops without waiting
        self._global = TokenBucket(self.limits.rate, self.limits.rate * self.limits.burst_seconds)
        self._chats: dict[int, TokenBucket] = {}
        self._runner: web.AppRunner | None = None
        self._rng = random.Random(seed)

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
        site = web.TCPSite(self._runner, host, port, backlog=2048)
        await site.start()
        sockets = site._server.sockets if site._server else []  # type: ignore[attr-defined]
        real_port = sockets[0].getsockname()[1] if sockets else port
        self.base_url = f"http://{host}:{real_port}"
        return self.base_url

    async def close(self) -> None:
        if self._runner:
            self._closing = True
            self._notify()
            await asyncio.sleep(0)
            await self._runner.cleanup()
            self._runner = None

    # ------------------------------------------------------------------ the Bot API over HTTP

    async def _handle_method(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        self.requests[method] += 1
        self._notify()
        params = await self._params(request)
        round_trip = self.network.round_trip(self._rng)
        if round_trip:
            await asyncio.sleep(round_trip / 2)
        try:
            outcome = await self._apply_faults(method, as_int(params.get("chat_id")), request)
            handler = getattr(self, f"_m_{method}", None)
            if handler is None:
                raise ApiError(404, "Not Found: method not found")
            result = await handler(params)
        except ApiError as exc:
            response = web.json_response(exc.payload(), status=exc.status)
        except ConnectionResetError:
            return web.Response(status=500)
        else:
            if outcome == FaultKind.LOST_ANSWER:
                abort_connection(request)
                return web.Response(status=500)
            response = web.json_response({"ok": True, "result": result})
        if round_trip:
            await asyncio.sleep(round_trip / 2)
        return response

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

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        path = request.match_info["path"]
        for data, file_path, mime in self.files.values():
            if file_path == path:
                return web.Response(body=data, content_type=mime.split(";")[0])
        return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)

    # ------------------------------------------------------------------ the simulated user over HTTP

    def stats(self, prefix: str | None = None) -> dict[str, Any]:
        """Sends per chat (of messages whose text starts with `prefix`, when given), 429s, requests."""
        delivered: dict[int, int] = dict(self.delivered)
        if prefix is not None:
            delivered = {}
            for e in self.events:
                if e.kind == "send" and e.chat_id is not None and (e.text or "").startswith(prefix):
                    delivered[e.chat_id] = delivered.get(e.chat_id, 0) + 1
        return {
            "delivered": {str(k): v for k, v in delivered.items()},
            "rejected_429": self.rejected_429,
            "requests": dict(self.requests),
        }

    async def _handle_sim(self, request: web.Request) -> web.StreamResponse:
        action = request.match_info["action"]
        body: dict[str, Any] = (
            await request.json()
            if request.method == "POST" and request.can_read_body
            else dict(request.query)
        )
        try:
            result = self._sim(action, body)
        except (KeyError, ValueError, TypeError) as exc:
            return web.json_response({"ok": False, "description": str(exc)}, status=400)
        if result is None:
            return web.json_response({"ok": False, "description": "unknown action"}, status=404)
        return web.json_response(result)

    def _sim(self, action: str, body: dict[str, Any]) -> Any:
        if action == "send":
            return {
                "update_id": self.send_text(
                    int(body["user_id"]),
                    body["text"],
                    reply_to=as_int(body.get("reply_to")),
                    first_name=body.get("first_name"),
                )
            }
        if action == "press":
            return {"update_id": self.press(int(body["user_id"]), int(body["message_id"]), body["data"])}
        if action == "messages":
            return self.messages(int(body["chat_id"]))
        if action == "stats":
            return self.stats(body.get("prefix"))
        if action == "fault":
            self.faults.append(Fault(**body))
            return {"ok": True}
        if action == "clear_faults":
            self.faults.clear()
            return {"ok": True}
        if action == "limits":
            self.set_limits(Limits(**body))
            return {"ok": True}
        if action == "network":
            self.set_network(Network(**body))
            return {"ok": True}
        if action == "block":
            self.blocked.add(int(body["chat_id"]))
            return {"ok": True}
        if action == "pending":
            return {"pending": self.pending_updates, "acked": self._acked}
        if action == "burst":  # many users write at the same moment
            mark = len(self.events)
            at = time.monotonic()
            ids = [self.send_text(int(u), str(t), first_name=f"CB {u}") for u, t in body["messages"]]
            return {"update_ids": ids, "at": at, "mark": mark}
        if action == "first_replies":  # when each chat got its first message after `mark`
            first: dict[str, list[Any]] = {}
            for e in self.events[int(body.get("mark", 0)) :]:
                if e.kind == "send" and e.chat_id is not None and str(e.chat_id) not in first:
                    first[str(e.chat_id)] = [e.at, e.text]
            return {"now": time.monotonic(), "first": first}
        return None
