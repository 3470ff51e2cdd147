"""Benchmark: search quality (hit@1, MRR) over the labelled queries and latency with 2,000 directives.

Usage: python bench/search.py [--directives 2000] [--database-url URL]
Prints JSON. Targets (issue 3): hit@1 >= 0.9, p95 <= 20 ms with 2,000 directives.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text

from bot.config import SAMPLES_DIR, Settings
from bot.directives import parse_text
from bot.services import directives as service
from bot.services.search import SearchService
from bot.services.setup import Database, open_database
from tests.helpers.synth import directive_text

QUERIES = ROOT / "tests" / "data" / "search_queries.tsv"


def load_queries() -> list[tuple[str, str]]:
    rows = []
    for line in QUERIES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, expected = line.split("\t")
            rows.append((query, expected))
    return rows


async def quality(db: Database, search: SearchService, queries: list[tuple[str, str]]) -> dict[str, object]:
    hits = 0
    rr = 0.0
    misses = []
    async with db.read() as session:
        for query, expected in queries:
            results = await search.search(session, query, limit=10)
            sources = [r.source for r in results]
            if sources[:1] == [expected]:
                hits += 1
            if expected in sources:
                rr += 1 / (sources.index(expected) + 1)
            if sources[:1] != [expected]:
                misses.append(f"{query} -> {sources[:1]}")
    return {
        "queries": len(queries),
        "hit_at_1": round(hits / len(queries), 4),
        "mrr": round(rr / len(queries), 4),
        "misses": misses,
    }


async def latency(
    db: Database, search: SearchService, queries: list[tuple[str, str]], rounds: int
) -> dict[str, float]:
    times = []
    async with db.read() as session:
        await search.search(session, "khởi động")
        for _ in range(rounds):
            for query, _ in queries:
                start = time.perf_counter()
                await search.search(session, query, limit=5)
                times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "searches": len(times),
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
        "max_ms": round(times[-1], 2),
    }


async def run(n_directives: int, database_url: str | None) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        url = database_url or f"sqlite+aiosqlite:///{tmp}/bench.db"
        settings = Settings(_env_file=None, database_url=url, load_samples=False)  # type: ignore[call-arg]
        db = await open_database(settings)
        try:
            queries = load_queries()
            async with db.write() as session:
                for path in sorted(SAMPLES_DIR.glob("*.txt")):
                    await service.import_file(session, path)
            search = SearchService()
            seeds_only = await quality(db, search, queries)
            rng = random.Random(20261122)
            start = time.perf_counter()
            async with db.write() as session:
                for i in range(n_directives):
                    await service.import_parsed(
                        session, parse_text(directive_text(rng, 1000 + i)), f"synth_{i:05d}.txt"
                    )
            load_seconds = time.perf_counter() - start
            crowded = await quality(db, search, queries)
            lat = await latency(db, search, queries, rounds=3)
            vacuumed = None
            if db.engine.dialect.name == "postgresql":
                # what autovacuum does within a minute or so of a bulk import
                async with db.engine.connect() as conn:
                    autocommit = await conn.execution_options(isolation_level="AUTOCOMMIT")
                    await autocommit.execute(text("VACUUM ANALYZE search_docs"))
                vacuumed = await latency(db, search, queries, rounds=3)
        finally:
            await db.close()
    return {
        "bench": "search",
        "backend": url.split(":", 1)[0],
        "seeds_only": seeds_only,
        "with_generated": {
            "directives": n_directives + 5,
            "import_seconds": round(load_seconds, 1),
            **crowded,
            **lat,
        },
        **({"after_vacuum_analyze": vacuumed} if vacuumed else {}),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--directives", type=int, default=2000)
    parser.add_argument("--database-url")
    parser.add_argument("-v", action="store_true", help="list the queries that missed")
    args = parser.parse_args()
    result = asyncio.run(run(args.directives, args.database_url))
    if not args.v:
        for key in ("seeds_only", "with_generated"):
            result[key]["misses"] = len(result[key]["misses"])  # type: ignore[index]
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
