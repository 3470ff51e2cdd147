"""The bot in webhook mode on the local Bot API, with a token of the right shape: what the webhook and
the log tests drive (`webhook_bot`), and an update as Telegram would post it (`text_update`)."""

from __future__ import annotations

import contextlib
import itertools
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from bot.app import App, build_app
from bot.db.models import Unit
from bot.localapi import LocalBotAPI
from bot.services.registration import create_invite
from bot.services.units import commune_units
from bot.webhook import SECRET_HEADER, WebhookServer, start_webhook, webhook_path
from tests.helpers.settings import make_settings

# shaped like a real token, so that the pattern-based redaction is exercised as well
TOKEN = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ"
update_ids = itertools.count(1000)


@dataclass
class Hook:
    api: LocalBotAPI
    app: App
    server: WebhookServer
    base: str
    http: aiohttp.ClientSession

    @property
    def url(self) -> str:
        return self.base + webhook_path(self.app.settings.webhook_url or "")

    async def post(self, body: Any, secret: str | None = "right") -> aiohttp.ClientResponse:
        headers = {"Content-Type": "application/json"}
        if secret == "right":
            secret = self.server.secret
        if secret is not None:
            headers[SECRET_HEADER] = secret
        data = body if isinstance(body, bytes | str) else json.dumps(body)
        async with self.http.post(self.url, data=data, headers=headers) as response:
            await response.read()
            return response

    async def get(self, path: str) -> tuple[int, str, str]:
        async with self.http.get(self.base + path) as response:
            return response.status, response.headers.get("Content-Type", ""), await response.text()

    async def unit(self) -> Unit:
        async with self.app.db.read() as session:
            return (await commune_units(session, self.app.settings.province))[0]

    async def invite(self, unit: Unit) -> str:
        async with self.app.db.write() as session:
            return (await create_invite(session, unit)).code


def text_update(user_id: int, text: str) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": next(update_ids),
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private", "first_name": f"Cán bộ {user_id}"},
        "from": {"id": user_id, "is_bot": False, "first_name": f"Cán bộ {user_id}", "language_code": "vi"},
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": next(update_ids), "message": message}


@contextlib.asynccontextmanager
async def webhook_bot(tmp_path: Path, **overrides: object) -> AsyncIterator[Hook]:
    api = LocalBotAPI(token=TOKEN)
    base = await api.start()
    values: dict[str, object] = {
        "database_url": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "telegram_api_base": base,
        "webhook_url": "https://loaxa.example.vn/tg/hook",
        "delivery_poll_interval": 0.1,
        "delivery_chat_interval": 0.0,
    }
    values.update(overrides)
    app = await build_app(make_settings(**values), token=api.token, scheduler=False, parse_in_process=False)
    server = await start_webhook(app, host="127.0.0.1", port=0)
    try:
        async with aiohttp.ClientSession() as http:
            yield Hook(api, app, server, f"http://127.0.0.1:{server.port}", http)
    finally:
        await server.close()
        await app.close()
        await api.close()
