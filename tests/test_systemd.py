"""The deployment files kept in the repository (issue 16.5): the systemd unit passes `systemd-analyze
verify`, the nginx sample matches the webhook's contract, the operator's guide covers every setting."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Settings

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
UNIT = DOCS / "loaxa.service"
PYTHON_IN_UNIT = "/opt/loaxa/.venv/bin/python"


def test_unit_runs_the_bot_and_stops_it_cleanly() -> None:
    text = UNIT.read_text(encoding="utf-8")
    assert f"ExecStart={PYTHON_IN_UNIT} -m bot run" in text
    assert "KillSignal=SIGTERM" in text
    stop = int(re.search(r"^TimeoutStopSec=(\d+)", text, re.M)[1])  # type: ignore[index]
    assert stop >= 15, "room for the bot's own bounded stop before systemd kills it"
    assert re.search(r"^Restart=on-failure", text, re.M)
    assert re.search(r"^EnvironmentFile=/etc/loaxa/loaxa.env", text, re.M)
    assert re.search(r"^WantedBy=multi-user.target", text, re.M)


@pytest.mark.slow
def test_unit_verifies(tmp_path: Path) -> None:
    tool = shutil.which("systemd-analyze")
    if tool is None:
        pytest.skip("systemd-analyze is not installed")
    # ExecStart must name an executable that exists where the check runs: this interpreter
    copy = tmp_path / "loaxa.service"
    copy.write_text(
        UNIT.read_text(encoding="utf-8").replace(PYTHON_IN_UNIT, sys.executable), encoding="utf-8"
    )
    proc = subprocess.run([tool, "verify", str(copy)], capture_output=True, text=True, timeout=120)
    complaints = [line for line in (proc.stdout + proc.stderr).splitlines() if "loaxa.service" in line]
    assert proc.returncode == 0, proc.stderr
    assert complaints == [], complaints


def test_nginx_sample_matches_the_webhook() -> None:
    conf = (DOCS / "nginx-loaxa.conf").read_text(encoding="utf-8")
    path = re.search(r"^\s*#\s*WEBHOOK_URL=https://[^/\s]+(/\S*)", conf, re.M)
    assert path is not None
    assert f"location = {path[1]} " in conf, "the proxied location is the WEBHOOK_URL path"
    assert conf.count("{") == conf.count("}")
    assert "proxy_pass http://loaxa_bot;" in conf
    assert "X-Telegram-Bot-Api-Secret-Token" in conf  # explained, and not stripped


# the settings an operator must know about (every one of them is in .env.example, see test_config)
OPERATOR_SETTINGS = [
    "BOT_TOKEN",
    "DATABASE_URL",
    "TELEGRAM_API_BASE",
    "WEBHOOK_URL",
    "WEBHOOK_HOST",
    "WEBHOOK_PORT",
    "WEBHOOK_SECRET",
    "REDIS_URL",
    "ADMIN_IDS",
    "PROVINCE",
    "TIMEZONE",
    "DELIVERY_RATE",
    "DELIVERY_CHAT_INTERVAL",
    "DELIVERY_LEASE",
    "LOAD_SAMPLES",
    "BACKUP_DIR",
    "BACKUP_KEEP",
    "BACKUP_HOUR",
    "METRICS_PORT",
    "HEALTH_PORT",
    "OPS_HOST",
    "LOG_FORMAT",
    "LOG_LEVEL",
]


def test_operations_guide_covers_the_settings_that_matter() -> None:
    guide = (DOCS / "operations.md").read_text(encoding="utf-8")
    assert set(OPERATOR_SETTINGS) <= {name.upper() for name in Settings.model_fields}
    missing = [name for name in OPERATOR_SETTINGS if name not in guide]
    assert missing == []
    for topic in ("systemd", "nginx", "db upgrade", "backup", "restore", "/metrics", "/healthz", "Tesseract"):
        assert topic in guide, topic
    assert "docs/loaxa.service" in guide and "docs/nginx-loaxa.conf" in guide
