"""Logs that carry no secrets and no personal data (issue 10.6), in text or JSON lines (issue 16.4).

- `RedactingFilter`, installed on every handler of the root logger by `configure_logging`, rewrites each
  record before it is written: the bot token (known ones, registered with `register_secret`, and anything
  shaped like one, `\\d{6,}:[A-Za-z0-9_-]{30,}`, as in Bot API URLs `/bot<token>/method`), the webhook
  secret, passwords in database URLs, and the values SQLAlchemy and PostgreSQL put in error messages
  (`[parameters: …]`, `Key (telegram_id)=(…)`: names, Telegram ids). Message, arguments, exception text
  (aiogram's and aiohttp's included) and stack are all covered.
- Officers appear in logs by internal id only: `officer_ref(officer)` → "officer#12".
- `LOG_FORMAT=json`: one JSON object per line (time, level, logger, message, the update fields, exception).
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
from datetime import UTC, datetime
from typing import Any, TextIO
from urllib.parse import quote

from bot.config import Settings

__all__ = [
    "UPDATE_FIELDS",
    "JsonFormatter",
    "RedactingFilter",
    "TextFormatter",
    "configure_logging",
    "install_redaction",
    "officer_ref",
    "redact",
    "register_secret",
]

TOKEN_RE = re.compile(r"(?<![0-9])([0-9]{6,}):[A-Za-z0-9_-]{30,}")
URL_PASSWORD_RE = re.compile(r"([a-z][a-z0-9+.-]*://[^:/@\s]*:)[^@\s/]+@", re.I)
SQL_PARAMETERS_RE = re.compile(r"\[parameters: .*?\](?=\s*(?:\(Background on this error|$))", re.S)
PG_KEY_DETAIL_RE = re.compile(r"(Key \((?:[^()]|\([^()]*\))*\))=\((?:[^()]|\([^()]*\))*\)")
REDACTED = "***"
UPDATE_FIELDS = ("update_id", "kind", "ms", "outcome", "officer")

_secrets: set[str] = set()
_secrets_lock = threading.Lock()
_secret_list: tuple[str, ...] = ()


def register_secret(value: str | None) -> None:
    """Redact `value` (and its URL-encoded form) from every log record from now on."""
    global _secret_list
    if not value or len(value) < 6:
        return
    with _secrets_lock:
        _secrets.update({value, quote(value, safe="")})
        _secret_list = tuple(sorted(_secrets, key=len, reverse=True))


def redact(text: str) -> str:
    """`text` without secrets, tokens, database passwords or SQL parameter values."""
    for secret in _secret_list:
        if secret in text:
            text = text.replace(secret, REDACTED)
    text = TOKEN_RE.sub(lambda m: f"{m[1]}:{REDACTED}", text)
    if "://" in text:
        text = URL_PASSWORD_RE.sub(lambda m: f"{m[1]}{REDACTED}@", text)
    if "[parameters: " in text:
        text = SQL_PARAMETERS_RE.sub("[parameters: hidden]", text)
    if "Key (" in text:
        text = PG_KEY_DETAIL_RE.sub(lambda m: f"{m[1]}=(hidden)", text)
    return text


def officer_ref(officer: Any) -> str:
    """How a log line names an officer: by internal id ("officer#12"), never by name or Telegram id.
    Takes an Officer (anything with `.id`), an id, or None."""
    if officer is None:
        return "officer#-"
    ident = getattr(officer, "id", officer)
    return f"officer#{ident}" if isinstance(ident, int) else "officer#?"


_plain = logging.Formatter()


class RedactingFilter(logging.Filter):
    """Rewrites a record's message, exception text and stack without secrets (see `redact`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what we can, redacted
            message = f"{record.msg!s} {record.args!r}"
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = _plain.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def formatException(self, ei: Any) -> str:
        return redact(super().formatException(ei))


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, the update fields when
    present (update_id, kind, ms, outcome, officer), exception and stack when present."""

    def format(self, record: logging.LogRecord) -> str:
        obj: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        for name in UPDATE_FIELDS:
            value = record.__dict__.get(name)
            if value is not None:
                obj[name] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            obj["exception"] = redact(record.exc_text)
        if record.stack_info:
            obj["stack"] = redact(self.formatStack(record.stack_info))
        return json.dumps(obj, ensure_ascii=False, default=str)


def install_redaction(logger: logging.Logger | None = None) -> RedactingFilter:
    """Put one RedactingFilter on every handler of `logger` (the root logger by default)."""
    target = logger or logging.getLogger()
    existing = next((f for h in target.handlers for f in h.filters if isinstance(f, RedactingFilter)), None)
    flt = existing or RedactingFilter()
    for handler in target.handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(flt)
    return flt


def _register_settings_secrets(settings: Settings) -> None:
    if settings.bot_token is not None:
        token = settings.bot_token.get_secret_value().strip()
        register_secret(token)
        if ":" in token and len(token.split(":", 1)[1]) >= 20:
            register_secret(token.split(":", 1)[1])  # the secret half, wherever it shows up alone
    if settings.webhook_secret is not None:
        register_secret(settings.webhook_secret.get_secret_value())
    for url in (settings.database_url, settings.redis_url):
        if url and "://" in url:
            from sqlalchemy.engine import make_url

            try:
                password = make_url(url).password
            except Exception:
                password = None
            if password:
                register_secret(str(password))


def configure_logging(
    settings: Settings | None, verbose: bool = False, *, service: bool = False, stream: TextIO | None = None
) -> logging.Handler:
    """Logging for the whole process: one handler on the root logger (stderr), text or JSON by LOG_FORMAT,
    with the redacting filter; level LOG_LEVEL, else INFO for the running bot (`service`) or with `-v`,
    WARNING otherwise. aiogram's own per-update line and aiohttp's access log are left to WARNING: the
    bot writes its own line per update (kind, ms, outcome — never the text). `settings` None (commands
    that read no settings): text format, the level from `verbose`/`service`."""
    level = (settings.log_level if settings else None) or ("INFO" if verbose or service else "WARNING")
    handler = logging.StreamHandler(stream or sys.stderr)
    json_lines = settings is not None and settings.log_format == "json"
    handler.setFormatter(JsonFormatter() if json_lines else TextFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    if settings is not None:
        _register_settings_secrets(settings)
    install_redaction(root)
    for name in ("aiogram.event", "aiohttp.access"):
        logging.getLogger(name).setLevel(logging.DEBUG if level == "DEBUG" else logging.WARNING)
    return handler
