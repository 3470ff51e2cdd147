"""Search over the seed directives: diacritics, đ, typos, numbers, and input that must not break MATCH."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Settings
from bot.services import directives as service
from bot.services.search import SearchService
from bot.services.setup import Database
from bot.understanding.search import Corrector, query_terms
from tests.helpers.settings import SAMPLES


async def _seeded(db: Database) -> dict[str, int]:
    ids = {}
    async with db.write() as session:
        for path in sorted(SAMPLES.glob("*.txt")):
            ids[path.name[:3]] = (await service.import_file(session, path)).directive.id
    return ids


async def _top(db: Database, query: str) -> int | None:
    async with db.read() as session:
        results = await SearchService().search(session, query)
    return results[0].directive_id if results else None


QUERIES = [
    ("phòng cháy chữa cháy rừng", "002"),
    ("phong chay chua chay rung", "002"),
    ("PHÒNG CHÁY RỪNG", "002"),
    ("đại hội đảng bộ", "003"),
    ("dai hoi dang bo", "003"),
    ("Ðại hội", "003"),  # Ð (U+00D0) typed for Đ
    ("cai cach hanh chin", "002"),  # misspelt
    ("toan dan doan kett", "000"),
    ("dai hoi dai bieu dangbo", "003"),  # missing space
    ("nghị quyết 67", "000"),
    ("kế hoạch 113", "004"),
    ("chỉ thị 27", "001"),
    ("nq 43", "001"),
    ("lần thứ 17 đại hội", "003"),
]

HOSTILE = [
    "phòng cháy - rừng",
    "12/CT-UBND",
    "gì?",
    '"',
    "NOT AND OR",
    "a*",
    "(rừng",
    "col:phát",
    "'; DROP TABLE directives; --",
    "^",
    "",
]


async def test_queries_find_the_right_directive(any_db: tuple[Settings, Database]) -> None:
    _, db = any_db
    ids = await _seeded(db)
    found = {query: await _top(db, query) for query, _ in QUERIES}
    assert found == {query: ids[seed] for query, seed in QUERIES}


async def test_user_text_never_breaks_match(any_db: tuple[Settings, Database]) -> None:
    _, db = any_db
    ids = await _seeded(db)
    for query in HOSTILE:
        async with db.read() as session:
            results = await SearchService().search(session, query)
        assert all(r.directive_id in ids.values() for r in results), query
    assert await _top(db, "phòng cháy rừng") == ids["002"]  # nothing stored was harmed


async def test_results_carry_the_best_topic(any_db: tuple[Settings, Database]) -> None:
    _, db = any_db
    ids = await _seeded(db)
    async with db.read() as session:
        results = await SearchService().search(session, "sau khi kết thúc đại hội", limit=3)
    assert results[0].directive_id == ids["003"]
    assert results[0].topic == "Sau khi kết thúc Đại hội" and results[0].topic_ordinal == 3
    assert results[0].source == "003_f355f8ad106b5bf4.txt"
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)


async def test_nothing_matches(any_db: tuple[Settings, Database]) -> None:
    _, db = any_db
    await _seeded(db)
    async with db.read() as session:
        assert await SearchService().search(session, "xyzzy qwertz") == []


def test_query_terms_and_correction() -> None:
    assert query_terms("tìm văn bản về đại hội").terms == ["dai", "hoi"]
    assert query_terms("đại hội lần thứ 17").terms == ["dai", "hoi", "lan", "thu", "xvii"]
    assert query_terms("kh 113").terms == ["ke", "hoach", "113"]
    corrector = Corrector({"phong": 3, "chay": 3, "rung": 2, "dang": 5, "bo": 5})
    assert corrector.correct_all(["phongg", "chay", "rungg", "dangbo", "zzzzzz"]) == [
        "phong",
        "chay",
        "rung",
        "dang",
        "bo",
    ]


@pytest.mark.slow
def test_cli_search_contract(tmp_path: Path) -> None:
    env = {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 's.db'}",
        "PATH": "/usr/bin:/bin",
        "LOAD_SAMPLES": "true",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "search", "phòng", "cháy", "rừng", "--json", "--limit", "2"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    rows = json.loads(proc.stdout)
    assert len(rows) == 2
    assert set(rows[0]) == {"directive_id", "number", "subject", "source", "topic", "score"}
    assert rows[0]["source"] == "002_ef0d770650401283.txt"
    assert "chữa cháy rừng" in rows[0]["topic"]


def test_rare_terms_are_rarest_first_within_a_document_budget() -> None:
    corrector = Corrector({"tinh": 900, "doan": 300, "xay": 250, "thanh": 40, "nien": 35, "song": 600})
    # share 0.2 of 1,000 documents leaves out "tinh" and "song"; the budget (100 documents) keeps the
    # two rarest, whose 75 documents fit, and stops before "xay" would add 250
    assert corrector.rare(["tinh", "doan", "xay", "thanh", "nien", "song"], 1000) == ["nien", "thanh"]
    # nothing under the budget: still the single rarest word
    assert corrector.rare(["tinh", "doan", "xay"], 1000) == ["xay"]
    # none rare enough: the known words (rarest first, within the budget), unknown ones dropped
    assert corrector.rare(["tinh", "song", "khongco"], 1000) == ["song"]
    assert corrector.rare(["tinh", "tinh"], 1000) == ["tinh"]
