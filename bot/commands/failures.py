"""Whatever goes wrong, in one line: what to do in Vietnamese, then the English cause; never the token.
"""

from __future__ import annotations

import errno
import re
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bot import texts

if TYPE_CHECKING:
    from bot.config import Settings
from bot.commands.base import StartupFailure, _cause, _clean


def _ports(settings: Settings) -> list[tuple[str, str, int]]:
    """(setting, host, port) of every port `run` will listen on."""
    if settings.webhook_url:
        return [("WEBHOOK_PORT", settings.webhook_host, settings.webhook_port)] if settings.webhook_port else []
    host = str(getattr(settings, "ops_host", "127.0.0.1") or "127.0.0.1")
    ports: list[tuple[str, str, int]] = []
    for name in ("metrics_port", "health_port"):  # long polling: the operations endpoints, when set
        port = getattr(settings, name, None)
        if port and all(port != p for _, _, p in ports):
            ports.append((name.upper(), host, int(port)))
    return ports


def _port_failure(exc: OSError, setting: str, host: str, port: int | str) -> StartupFailure:
    cause = _cause(exc)
    if exc.errno == errno.EADDRINUSE:
        return StartupFailure(
            texts.CLI_PORT_TAKEN.format(port=port, setting=setting, cause=f"address already in use: {host}:{port}")
        )
    if exc.errno == errno.EACCES:
        return StartupFailure(texts.CLI_PORT_DENIED.format(port=port, setting=setting, cause=cause))
    return StartupFailure(texts.CLI_PORT_BAD_HOST.format(port=port, host=host, setting=setting, cause=cause))


def _sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL (relative paths from the project root, as the engine takes them)."""
    match = re.match(r"sqlite(\+\w+)?:///(.*?)(\?.*)?$", url)
    if not match or not match.group(2) or match.group(2) == ":memory:":
        return None
    from bot.config import PROJECT_ROOT

    path = Path(match.group(2))
    return path if path.is_absolute() else PROJECT_ROOT / path


# ---------------------------------------------------------------------------- failures, in one line


def display_url(url: str) -> str:
    """DATABASE_URL without its password."""
    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)


def _secrets_of(settings: Settings | None) -> list[str]:
    found: list[str] = []
    if settings is None:
        return found
    for name in ("bot_token", "webhook_secret"):
        value = getattr(settings, name, None)
        secret = value.get_secret_value() if value is not None and hasattr(value, "get_secret_value") else None
        if secret:
            found.append(secret)
            if name == "bot_token" and ":" in secret:
                found.append(secret.split(":", 1)[1])
    return found


def _innermost_library(exc: BaseException) -> str:
    """The module of the innermost frame outside the standard library where EXC was raised."""
    tb = exc.__traceback__
    name = ""
    while tb is not None:
        module = str(tb.tb_frame.f_globals.get("__name__", ""))
        if module.split(".")[0] not in sys.stdlib_module_names:
            name = module
        tb = tb.tb_next
    return name


_DB_MODULES = ("sqlalchemy", "asyncpg", "aiosqlite", "alembic", "bot.db", "sqlite3", "psycopg")


def _is_database_failure(exc: BaseException) -> bool:
    sqla = sys.modules.get("sqlalchemy.exc")
    if sqla is not None and isinstance(exc, sqla.SQLAlchemyError):
        return True
    if isinstance(exc, ModuleNotFoundError) and exc.name in {"MySQLdb", "pymysql", "psycopg2", "cx_Oracle"}:
        return True
    asyncpg = sys.modules.get("asyncpg")
    if asyncpg is not None and isinstance(exc, asyncpg.PostgresError):
        return True
    return _innermost_library(exc).startswith(_DB_MODULES)


def describe_database_failure(exc: BaseException, url: str) -> str:
    """The one line for a database that cannot be opened."""
    orig = getattr(exc, "orig", None)
    cause = "database cannot be opened: " + _cause(orig if isinstance(orig, BaseException) else exc)
    scheme = url.split(":", 1)[0].lower()
    path = _sqlite_path(url) if scheme.startswith("sqlite") else None
    if not (scheme.startswith("sqlite") or scheme.startswith("postgresql")) or type(exc).__name__ in {
        "ArgumentError",
        "NoSuchModuleError",
    }:
        hint = texts.CLI_DB_HINT_SCHEME
    elif path is not None and path.is_dir():
        hint = texts.CLI_DB_HINT_IS_DIR.format(path=path)
    elif path is not None and not path.parent.is_dir():
        missing = next((p for p in reversed(path.parents) if not p.is_dir()), path.parent)
        template = texts.CLI_DB_HINT_FILE_IN_PATH if missing.exists() else texts.CLI_DB_HINT_NO_DIR
        hint = template.format(path=missing)
    elif scheme.startswith("postgresql"):
        hint = texts.CLI_DB_HINT_PG
    else:
        hint = texts.CLI_DB_HINT_SQLITE
    return texts.CLI_DB_FAILED.format(url=display_url(url), hint=hint, cause=cause)


_NETWORK_ERRNOS = {
    errno.ECONNREFUSED,
    errno.ECONNRESET,
    errno.EHOSTUNREACH,
    errno.ENETUNREACH,
    errno.ETIMEDOUT,
}


def describe_failure(exc: BaseException, settings: Settings | None, database_url: str | None = None) -> str:
    """The one line to show for EXC: what to do in Vietnamese, then the English cause. Never the token."""
    if isinstance(exc, StartupFailure):
        return str(exc)
    secrets = _secrets_of(settings)
    base = settings.telegram_api_base if settings is not None else "https://api.telegram.org"
    host = urlsplit(base).netloc or base
    url = database_url or (settings.database_url if settings is not None else "")
    if _is_database_failure(exc):
        return describe_database_failure(exc, url)
    if isinstance(exc, OSError) and exc.errno in {errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL}:
        bound = re.search(r"\(['\"]?([^'\",]*)['\"]?, (\d+)\)", str(exc))
        port = bound.group(2) if bound else "?"
        setting = next(
            (name for name, _, p in _ports(settings) if str(p) == port), "WEBHOOK_PORT"
        ) if settings is not None else "WEBHOOK_PORT"
        return str(_port_failure(exc, setting, bound.group(1) if bound else "", port))
    aiogram = sys.modules.get("aiogram.exceptions")
    if aiogram is not None:
        if isinstance(exc, aiogram.TelegramUnauthorizedError):
            return texts.CLI_TOKEN_REFUSED.format(cause="token rejected: 401 Unauthorized")
        if isinstance(exc, aiogram.TelegramNetworkError):
            return texts.CLI_NO_ROUTE.format(host=host, cause="no route to the Bot API: " + _cause(exc, *secrets))
        if isinstance(exc, aiogram.ClientDecodeError):
            return texts.CLI_NOT_BOT_API.format(base=base, cause="not a Bot API: the answer is not JSON")
        if isinstance(exc, aiogram.TelegramNotFound):
            return texts.CLI_NOT_BOT_API.format(base=base, cause="not a Bot API: 404 Not Found")
        if isinstance(exc, aiogram.TelegramBadRequest) and type(getattr(exc, "method", None)).__name__ == "SetWebhook":
            return texts.CLI_WEBHOOK_REFUSED.format(
                url=settings.webhook_url if settings is not None else "",
                cause="setWebhook refused: " + _clean(str(getattr(exc, "message", exc)), *secrets),
            )
    token_module = sys.modules.get("aiogram.utils.token")
    if token_module is not None and isinstance(exc, token_module.TokenValidationError):
        return texts.CLI_BAD_TOKEN.format(detail="refused by aiogram")
    aiohttp = sys.modules.get("aiohttp")
    if (
        (aiohttp is not None and isinstance(exc, aiohttp.ClientConnectionError))
        or isinstance(exc, socket.gaierror | TimeoutError)
        or (isinstance(exc, OSError) and exc.errno in _NETWORK_ERRNOS)
    ):
        return texts.CLI_NO_ROUTE.format(host=host, cause="no route to the Bot API: " + _cause(exc, *secrets))
    return texts.CLI_UNEXPECTED.format(cause=_cause(exc, *secrets))
