"""Fast to first sight: the commands that don't talk to Telegram never import aiogram, and `parse` imports
nothing but the parser (checked with `python -X importtime`, which lists every module a run imported)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.settings import SAMPLES

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier

SAMPLE = SAMPLES / "003_f355f8ad106b5bf4.txt"


def _imported(
    tmp_path: Path, *args: str, stdin: str = ""
) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bot", *args],
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'x.db'}",
            "LOAD_SAMPLES": "false",
        },
        cwd=tmp_path,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    modules = {
        line.rsplit("|", 1)[-1].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return modules, proc


COMMANDS: dict[str, tuple[str, ...]] = {
    "parse": ("parse", str(SAMPLE)),
    "radio": ("radio", str(SAMPLE), "--unit", "Thất Khê"),
    "import": ("import", str(SAMPLE)),
    "search": ("search", "đại hội"),
    "classify": ("classify",),
    "stats": ("stats",),
    "export": ("export", "--format", "csv", "-o", "bc.csv"),
    "invite": ("invite", "--unit", "Thất Khê"),
    "units": ("units",),
    "db": ("db", "upgrade"),
    "outbox": ("outbox",),
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_no_aiogram_without_telegram(tmp_path: Path, name: str) -> None:
    modules, proc = _imported(tmp_path, *COMMANDS[name], stdin="da thuc hien\n")
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    assert modules, "no import times: is -X importtime working?"
    assert not {m for m in modules if m.split(".")[0] == "aiogram"}


def test_parse_imports_only_the_parser(tmp_path: Path) -> None:
    """`parse` loads bot.directives (and what it needs) and the command line, nothing else of ours."""
    baseline = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import bot.directives"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    parser_needs = {line.rsplit("|", 1)[-1].strip() for line in baseline.splitlines() if "|" in line}
    modules, proc = _imported(tmp_path, "parse", str(SAMPLE), "--json")
    assert proc.returncode == 0
    ours = {m for m in modules if m.split(".")[0] in {"bot", "handlers"}}
    cli = {"bot.__main__", "bot.cli_args", "bot.commands", "bot.texts"}
    extra = {m for m in ours - parser_needs if m not in cli and m.rsplit(".", 1)[0] not in {"bot.commands", "bot.texts"}}
    assert not extra, extra
    heavy = {m.split(".")[0] for m in modules} & {"sqlalchemy", "alembic", "pydantic", "aiohttp", "aiogram"}
    assert not heavy


def test_run_checks_the_token_before_loading_anything(tmp_path: Path) -> None:
    modules, proc = _imported(tmp_path, "run")
    assert proc.returncode == 2 and "Chưa có BOT_TOKEN" in proc.stderr
    assert not {m.split(".")[0] for m in modules} & {"aiogram", "sqlalchemy", "aiohttp"}
