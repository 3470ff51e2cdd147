"""Settings read from the environment and `.env` (see `.env.example`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = [
    "DEFAULT_DATABASE_URL",
    "PROJECT_ROOT",
    "SAMPLES_DIR",
    "TELEGRAM_API",
    "WEBHOOK_SECRET_RE",
    "Settings",
    "token_shape_ok",
]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = PROJECT_ROOT / "data" / "samples"
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/loaxa.db"
WEBHOOK_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
TELEGRAM_API = "https://api.telegram.org"

# @BotFather's tokens: the bot's numeric id, a colon, 35 characters of [A-Za-z0-9_-]. Another Bot API
# server (TELEGRAM_API_BASE) may hand out other ones, e.g. the local one's "123456:LOCAL-LOAXA".
_TELEGRAM_TOKEN = re.compile(r"\d{3,}:[A-Za-z0-9_-]{30,}")
_ANY_TOKEN = re.compile(r"\d+:[A-Za-z0-9_-]+")


def token_shape_ok(token: str, api_base: str = TELEGRAM_API) -> bool:
    """Whether TOKEN looks like a bot token for API_BASE (checked before anything talks to the network)."""
    telegram = api_base.rstrip("/").lower() == TELEGRAM_API
    return bool((_TELEGRAM_TOKEN if telegram else _ANY_TOKEN).fullmatch(token))


class Settings(BaseSettings):
    """Every setting of Loa Xã. Build it in `main()`; tests pass `_env_file=None`.

    An empty variable (`WEBHOOK_URL=` as in .env.example) means its default.
    """

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True
    )

    bot_token: SecretStr | None = None
    bot_username: str = "loaxa_bot"
    agency: str | None = None  # "UBND TỈNH LẠNG SƠN|SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH": the report's heading
    database_url: str = DEFAULT_DATABASE_URL
    telegram_api_base: str = TELEGRAM_API
    telegram_timeout: float = 15.0  # seconds a Bot API call may take before it is retried
    webhook_url: str | None = None
    webhook_host: str = "0.0.0.0"
    webhook_port: int = 8080
    webhook_secret: SecretStr | None = None
    redis_url: str | None = None
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    province: str = "lang_son"
    timezone: str = "Asia/Ho_Chi_Minh"
    delivery_rate: float = 25.0
    delivery_paid_rate: float = 0.0
    delivery_chat_interval: float = 1.0
    delivery_max_attempts: int = 5
    delivery_poll_interval: float = 1.0
    delivery_lease: float = 30.0
    delivery_max_in_flight: int = 0  # 0: one second of sending at the rate
    reminder_days_before: Annotated[list[int], NoDecode] = Field(default_factory=lambda: [2])
    reminder_hour: int = 8
    digest_weekday: int = 0
    digest_hour: int = 7
    admin_digest_hour: int = 16
    quiet_start_hour: int = 21
    quiet_end_hour: int = 7
    invite_ttl_days: int = 14
    # The sample directives (data/samples) in an empty database. None (unset) lets the command decide:
    # `chat` loads them, everything else does not; `run` never publishes them (see bot/commands/running.py).
    load_samples: bool | None = None
    # `chat` is a demo with a home of its own (default data/): chat.db, its database (samples, simulated
    # officers), never the one `run` serves officers from; chat-files/, the documents the bot sent; chat.log
    chat_dir: Path | None = None
    max_upload_mb: int = 10
    # operations (issue 16): backups, metrics and health endpoints, logs
    backup_dir: Path | None = None  # off by default
    backup_keep: int = Field(default=7, ge=1)
    backup_hour: int = Field(default=2, ge=0, le=23)
    metrics_port: int | None = Field(default=None, ge=0, le=65535)
    health_port: int | None = Field(default=None, ge=0, le=65535)
    ops_host: str = "127.0.0.1"
    log_format: Literal["text", "json"] = "text"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] | None = None

    @field_validator("admin_ids", "reminder_days_before", mode="before")
    @classmethod
    def _split_ints(cls, value: object) -> object:
        if isinstance(value, str):
            return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator(
        "backup_dir", "metrics_port", "health_port", "log_level", "webhook_secret", mode="before"
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        # `NAME=` in .env (as .env.example shows) means "not set"
        if isinstance(value, str) and not value.strip():
            return None
        if isinstance(value, SecretStr) and not value.get_secret_value().strip():
            return None
        return value

    @field_validator("log_format", "log_level", mode="before")
    @classmethod
    def _case(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip()
            return value.upper() if value.lower() in {"debug", "info", "warning", "error"} else value.lower()
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _check_webhook_secret(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram accepts 1-256 characters among A-Z, a-z, 0-9, _ and - for setWebhook's secret_token
        if value is not None and not WEBHOOK_SECRET_RE.fullmatch(value.get_secret_value()):
            raise ValueError("WEBHOOK_SECRET: 1-256 ký tự, chỉ gồm A-Z, a-z, 0-9, _ và -")
        return value

    @field_validator("timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("telegram_api_base")
    @classmethod
    def _check_api_base(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not re.fullmatch(r"https?://[^/\s]+(/\S*)?", value):
            raise ValueError("must be an http:// or https:// address, e.g. https://api.telegram.org")
        return value

    @property
    def chat_home(self) -> Path:
        return (self.chat_dir or PROJECT_ROOT / "data").expanduser().absolute()

    @property
    def chat_database_url(self) -> str:
        return f"sqlite+aiosqlite:///{self.chat_home / 'chat.db'}"

    @property
    def chat_files_dir(self) -> Path:
        return self.chat_home / "chat-files"

    @property
    def chat_log(self) -> Path:
        return self.chat_home / "chat.log"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def effective_rate(self) -> float:
        """Messages per second the delivery worker may send (paid broadcast overrides)."""
        return self.delivery_paid_rate if self.delivery_paid_rate > 0 else self.delivery_rate
