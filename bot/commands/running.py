"""`run` and `chat`: what `run` checks before it starts (settings, ports, the database, the Bot API), and
the offline chat on its own database.
"""

from __future__ import annotations

import json
import socket
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from urllib.parse import urlsplit

from bot import texts

if TYPE_CHECKING:
    from bot.app import App
    from bot.config import Settings
from bot.commands.base import StartupFailure, _cause, _clean, _open
from bot.commands.failures import _port_failure, _ports, describe_database_failure

# ---------------------------------------------------------------------------- run: checks before starting


def check_run_settings(settings: Settings) -> str | None:
    """What is wrong with the settings `run` needs, checked before anything heavy is imported: the one
    line to show, or None. Never includes the token."""
    from bot.config import token_shape_ok

    token = settings.bot_token.get_secret_value().strip() if settings.bot_token else ""
    if not token:
        return texts.CLI_NO_TOKEN
    if not token_shape_ok(token, settings.telegram_api_base):
        if any(c.isspace() for c in token):
            detail = "it contains spaces"
        elif ":" not in token:
            detail = "no ':' between the bot id and the secret"
        elif not token.split(":", 1)[0].isdigit():
            detail = "the part before ':' is not the bot's numeric id"
        else:
            detail = f"expected <bot id>:<35 letters, digits, - or _>, got {len(token.split(':', 1)[1])} characters after ':'"
        return texts.CLI_BAD_TOKEN.format(detail=detail)
    return None


def check_ports(settings: Settings) -> None:
    """Raise StartupFailure when a port `run` must listen on is taken (before the database and Telegram)."""
    for setting, host, port in _ports(settings):
        try:
            family, kind, proto, _, address = socket.getaddrinfo(
                host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
            )[0]
            with socket.socket(family, kind, proto) as probe:
                # as asyncio does for a server: a port left in TIME_WAIT is free, one with a listener is not
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                probe.bind(address)
        except OSError as exc:
            raise _port_failure(exc, setting, host, port) from exc


async def check_bot_api(settings: Settings, token: str, within: float = 20.0) -> str:
    """getMe on TELEGRAM_API_BASE, straight through aiohttp (no retries, nothing logged): the bot's
    username, or StartupFailure saying whether the token was refused, the server unreachable, or not a
    Bot API at all."""
    import aiohttp

    base = settings.telegram_api_base.rstrip("/")
    host = urlsplit(base).netloc or base
    try:
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=within)) as http,
            http.get(f"{base}/bot{token}/getMe") as response,
        ):
            status, reason = response.status, response.reason or ""
            content_type = response.content_type
            body = await response.content.read(65536)
    except (aiohttp.ClientError, OSError, TimeoutError, ValueError) as exc:
        cause = _cause(exc, token) if str(exc) else f"{type(exc).__name__}: no answer in {within:g} s"
        raise StartupFailure(
            texts.CLI_NO_ROUTE.format(host=host, cause=f"no route to the Bot API: {cause}")
        ) from exc
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if not isinstance(data, dict) or "ok" not in data:
        looks = "HTML" if b"<html" in body[:4096].lower() or content_type == "text/html" else content_type
        raise StartupFailure(
            texts.CLI_NOT_BOT_API.format(
                base=base, cause=f"not a Bot API: HTTP {status} {reason}, {looks or 'no content type'}".strip()
            )
        )
    if data.get("ok"):
        result = data.get("result")
        return str(result.get("username", "")) if isinstance(result, dict) else ""
    code = data.get("error_code", status)
    description = _clean(str(data.get("description") or reason), token)
    if code == 401:
        raise StartupFailure(texts.CLI_TOKEN_REFUSED.format(cause=f"token rejected: 401 {description}"))
    if code == 404:
        raise StartupFailure(
            texts.CLI_NOT_BOT_API.format(base=base, cause=f"not a Bot API, or not this token's: 404 {description}")
        )
    raise StartupFailure(
        texts.CLI_BOT_API_ERROR.format(base=base, description=description, cause=f"getMe failed: {code} {description}")
    )


async def cmd_run(settings: Settings, ready: Callable[[], object] | None = None) -> int:
    """`run`: long polling, or webhook when WEBHOOK_URL is set.

    Before aiogram is even imported: the ports it will listen on, the database (migrated; the samples only
    with LOAD_SAMPLES=true, and then as drafts, never published to officers) and getMe on the Bot API.
    `ready` is called once they passed (the command line raises the log level to the running bot's)."""
    import logging

    problem = check_run_settings(settings)
    if problem:
        raise StartupFailure(problem)
    token = settings.bot_token.get_secret_value().strip() if settings.bot_token else ""
    check_ports(settings)
    run_settings = settings.model_copy(update={"load_samples": False})
    try:
        db = await _open(run_settings)
    except Exception as exc:
        raise StartupFailure(describe_database_failure(exc, settings.database_url)) from exc
    try:
        if settings.load_samples is True:
            from bot.services.setup import load_samples

            loaded = await load_samples(db, run_settings, publish=False)
            if loaded:
                logging.getLogger(__name__).warning(
                    "loaded %d sample directives as drafts (LOAD_SAMPLES=true); they are published to nobody", loaded
                )
    finally:
        await db.close()
    await check_bot_api(run_settings, token)
    if ready is not None:
        ready()

    from bot.polling import run_polling
    from bot.webhook import run_webhook

    if run_settings.webhook_url:
        await run_webhook(run_settings)
        return 0

    async def operations(app: App) -> Callable[[], Awaitable[None]]:
        from bot.ops.server import start_ops  # per-update log line and metrics, /metrics and /healthz ports

        return (await start_ops(app)).close

    await run_polling(run_settings, extras=operations)
    return 0


# ---------------------------------------------------------------------------- chat


def chat_settings(settings: Settings) -> Settings:
    """`chat` runs on its own database (CHAT_DIR/chat.db), with the samples unless LOAD_SAMPLES=false."""
    return settings.model_copy(
        update={
            "database_url": settings.chat_database_url,
            "load_samples": True if settings.load_samples is None else settings.load_samples,
        }
    )


def reset_chat_database(settings: Settings, interactive: bool, stdin: TextIO, out: TextIO) -> bool:
    """`chat --reset`: delete the demo database (after a confirmation when a person is at the terminal).
    The documents saved in chat-files/ stay. Returns False when the user said no."""
    path = settings.chat_home / "chat.db"
    if not path.exists():
        out.write(texts.CLI_CHAT_RESET_NOTHING.format(path=path) + "\n")
        return True
    if interactive:
        out.write(texts.CLI_CHAT_RESET_ASK.format(path=path))
        out.flush()
        answer = stdin.readline().strip().lower()
        if answer not in {"c", "có", "co", "y", "yes"}:
            out.write(texts.CLI_CHAT_RESET_KEPT + "\n")
            return False
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    out.write(texts.CLI_CHAT_RESET_DONE.format(path=path, files=settings.chat_files_dir) + "\n")
    return True


async def cmd_chat(settings: Settings, admin: bool, reset: bool = False) -> int:
    """`chat [--admin] [--reset]`: the offline conversation on the local Bot API, on the demo database."""
    interactive = sys.stdin.isatty()
    if reset and not reset_chat_database(settings, interactive, sys.stdin, sys.stdout):
        return 1
    # a line at once, before aiogram loads: on the terminal the introduction, piped a note on stderr
    from bot.chat import intro, run_chat

    if interactive:
        sys.stdout.write(intro(settings, admin) + texts.CLI_STARTING + "\n")
        sys.stdout.flush()
    else:
        sys.stderr.write(texts.CLI_STARTING + "\n")
        sys.stderr.flush()
    return await run_chat(
        chat_settings(settings), admin=admin, stdin=sys.stdin, out=sys.stdout, interactive=interactive
    )
