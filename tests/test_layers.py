"""The layers, read from the imports (ast, every `import`, also inside functions and TYPE_CHECKING):
handlers parse the update, call a service and render — they never reach the repository, SQLAlchemy or
the database; services never see aiogram; the two pure packages (the parser, the understanding) lean on
neither each other nor the database nor the services (what both need lives in `bot.lang`)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _imports(source: str) -> set[str]:
    """Every module SOURCE imports, by full name (`from a.b import c` gives a.b and a.b.c), wherever the
    import stands (module level, a function, an `if TYPE_CHECKING:` block)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _offences(package: str, forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    offences: dict[str, list[str]] = {}
    for path in _modules(package):
        bad = sorted(n for n in _imports(path.read_text(encoding="utf-8")) if any(_within(n, f) for f in forbidden))
        if bad:
            offences[str(path.relative_to(ROOT))] = bad
    return offences


RULES = {
    "handlers": ("bot.db.repo", "bot.db.database", "sqlalchemy"),
    "bot/services": ("aiogram", "handlers"),
    "bot/directives": ("bot.understanding", "bot.db", "bot.services"),
    "bot/understanding": ("bot.directives", "bot.db", "bot.services"),
    "bot/lang": ("bot.directives", "bot.understanding", "bot.db", "bot.services", "aiogram", "sqlalchemy"),
}


@pytest.mark.parametrize("package", sorted(RULES))
def test_layer_imports(package: str) -> None:
    assert _modules(package), f"no modules under {package}"
    assert _offences(package, RULES[package]) == {}


def test_the_reader_sees_every_import() -> None:
    """The rule reader itself: an import inside a function or under TYPE_CHECKING counts too; a relative one
    is read as what it is not (the project writes absolute imports)."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "import sqlalchemy.orm\n"
        "if TYPE_CHECKING:\n"
        "    from bot.db.database import Database\n"
        "def f():\n"
        "    from bot.db import repo\n"
    )
    names = _imports(source)
    assert {"sqlalchemy.orm", "bot.db.database", "bot.db.repo"} <= names
    assert _within("bot.db.repo", "bot.db") and not _within("bot.dbx", "bot.db")


def test_relative_imports_are_not_used() -> None:
    """The rules read absolute imports only: a relative import would slip past them."""
    relative = []
    for package in ("bot", "handlers"):
        for path in _modules(package):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            if any(isinstance(n, ast.ImportFrom) and n.level for n in ast.walk(tree)):
                relative.append(str(path.relative_to(ROOT)))
    assert relative == []
