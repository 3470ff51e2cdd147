"""Settings: every variable of DESIGN.md, read from the environment, documented in .env.example."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_defaults_without_env_file(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert s.database_url == "sqlite+aiosqlite:///data/loaxa.db"
    assert s.bot_token is None and s.admin_ids == []
    assert (s.province, s.timezone, s.delivery_rate, s.delivery_chat_interval) == (
        "lang_son",
        "Asia/Ho_Chi_Minh",
        25.0,
        1.0,
    )


def test_environment_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", "123:abc")
    monkeypatch.setenv("ADMIN_IDS", "11, 22;33")
    monkeypatch.setenv("REMINDER_DAYS_BEFORE", "3,1")
    monkeypatch.setenv("DELIVERY_PAID_RATE", "1000")
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert s.bot_token is not None and s.bot_token.get_secret_value() == "123:abc"
    assert "123:abc" not in repr(s)
    assert s.admin_ids == [11, 22, 33] and s.reminder_days_before == [3, 1]
    assert s.effective_rate == 1000


def test_bad_timezone_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMEZONE", "Mars/Olympus")
    with pytest.raises(ValidationError):
        Settings(_env_file=None)  # type: ignore[call-arg]


def test_env_example_documents_every_setting() -> None:
    names = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(encoding="utf-8"), re.M))
    assert names == {name.upper() for name in Settings.model_fields}
