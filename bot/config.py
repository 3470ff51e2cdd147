"""Settings read from the environment and `.env` (see `.env.example`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = ["DEFAULT_DATABASE_URL", "PROJECT_ROOT", "SAMPLES_DIR", "Settings"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = PROJECT_ROOT / "data" / "samples"
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/loaxa.db"


class Settings(BaseSettings):
    """Every setting of Loa Xã. Build it in `main()`; tests pass `_env_file=None`."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = None
    bot_username: str = "loaxa_bot"
    database_url: str = DEFAULT_DATABASE_URL
    telegram_api_base: str = "https://api.telegram.org"
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
    load_samples: bool = True
    max_upload_mb: int = 10

    @field_validator("admin_ids", "reminder_days_before", mode="before")
    @classmethod
    def _split_ints(cls, value: object) -> object:
        if isinstance(value, str):
            return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

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
