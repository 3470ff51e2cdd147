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


def test_samples_are_left_to_the_command_unless_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LOAD_SAMPLES", raising=False)
    assert Settings(_env_file=None).load_samples is None  # type: ignore[call-arg]
    monkeypatch.setenv("LOAD_SAMPLES", "")  # `LOAD_SAMPLES=` as in .env.example
    assert Settings(_env_file=None).load_samples is None  # type: ignore[call-arg]
    monkeypatch.setenv("LOAD_SAMPLES", "true")
    assert Settings(_env_file=None).load_samples is True  # type: ignore[call-arg]


def test_empty_values_mean_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BOT_TOKEN", "WEBHOOK_URL", "ADMIN_IDS", "TELEGRAM_API_BASE", "CHAT_DIR", "DELIVERY_RATE"):
        monkeypatch.setenv(name, "")
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert s.bot_token is None and s.webhook_url is None and s.admin_ids == [] and s.delivery_rate == 25.0
    assert s.telegram_api_base == "https://api.telegram.org"


def test_the_demo_lives_in_its_own_folder(tmp_path: Path) -> None:
    default = Settings(_env_file=None)  # type: ignore[call-arg]
    assert default.chat_home == ROOT / "data"
    moved = Settings(_env_file=None, chat_dir=tmp_path)  # type: ignore[call-arg]
    assert moved.chat_database_url == f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"
    assert (moved.chat_files_dir, moved.chat_log) == (tmp_path / "chat-files", tmp_path / "chat.log")
    assert moved.chat_database_url != moved.database_url


def test_api_base_must_be_a_web_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_API_BASE", "http://127.0.0.1:8081/")
    assert Settings(_env_file=None).telegram_api_base == "http://127.0.0.1:8081"  # type: ignore[call-arg]
    monkeypatch.setenv("TELEGRAM_API_BASE", "api.telegram.org")
    with pytest.raises(ValidationError):
        Settings(_env_file=None)  # type: ignore[call-arg]


def test_token_shape() -> None:
    from bot.config import token_shape_ok

    assert token_shape_ok("123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw9")
    for bad in (
        "abc",
        "123:abc",
        "bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw9",
        "123456789:AAH dqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
    ):
        assert not token_shape_ok(bad), bad
    # another Bot API server (the local one) hands out its own tokens
    assert token_shape_ok("123456:LOCAL-LOAXA", "http://127.0.0.1:8081")
    assert not token_shape_ok("123456:LOCAL LOAXA", "http://127.0.0.1:8081")
