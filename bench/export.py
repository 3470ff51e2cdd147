"""Benchmark: the report upward at the country's scale (prints JSON).

Builds a SQLite database with every commune of the country (PROVINCE=all: 3,321) and 200 published
directives assigned to all of them (664,200 commune × directive rows), with officers in 85% of the
communes, reports on 60% of the assignments (a "more" report on some, broadcast counts), "not done"
reports with reasons on 5%, and photos or voice notes on a fifth of the done ones. Then writes the XLSX
(and, for reference, the .docx summary and the CSV) in a child process, measuring its wall time and its
peak memory. The peak is read by a small launcher with os.wait4 around that one child: Linux carries
ru_maxrss across fork and exec, so measuring from this (big) process would report its own size.

Target (issue 13): the XLSX in under 30 s and under 500 MB.

    python bench/export.py [--directives 200] [--keep DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers.synth import directive_text

_LAUNCHER = """
import json, os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(json.dumps({"status": os.waitstatus_to_exitcode(status), "maxrss_kb": usage.ru_maxrss}))
"""
REASONS = ["Loa hỏng, đang chờ sửa", "Mất điện cả tuần", "Cán bộ đi tập huấn", "Chưa nhận được tài liệu"]


def _settings(db_path: Path):  # type: ignore[no-untyped-def]
    from bot.config import Settings

    return Settings(  # type: ignore[call-arg]
        _env_file=None, database_url=f"sqlite+aiosqlite:///{db_path}", province="all", load_samples=False
    )


async def build(db_path: Path, directives: int, seed: int = 13) -> dict[str, int]:
    """The database: units of the whole country, directives, assignments, officers, reports, evidence."""
    from sqlalchemy import insert

    from bot.db.models import Assignment, AssignmentStatus, DirectiveStatus, Evidence, Officer, Report
    from bot.directives import parse_text
    from bot.services import directives as service
    from bot.services.setup import open_database
    from bot.services.units import commune_units

    rng = random.Random(seed)
    db = await open_database(_settings(db_path))
    start = datetime(2025, 10, 1, 1, tzinfo=UTC)
    async with db.write() as session:
        communes = await commune_units(session, "all")
        ids = []
        for i in range(directives):
            d = (
                await service.import_parsed(session, parse_text(directive_text(rng, 2000 + i)), f"g{i}.txt")
            ).directive
            d.status = DirectiveStatus.PUBLISHED
            d.published_at = start + timedelta(hours=3 * i)
            ids.append(d.id)
        await session.flush()
        officers: dict[int, int] = {}
        rows = []
        for n, unit in enumerate(communes):
            if rng.random() < 0.85:
                rows.append(
                    {
                        "telegram_id": 10**9 + n,
                        "chat_id": 10**9 + n,
                        "name": f"Cán bộ {n}",
                        "unit_id": unit.id,
                        "active": True,
                        "role": "officer",
                        "created_at": start,
                    }
                )
        await session.execute(insert(Officer), rows)
    async with db.read() as session:
        from sqlalchemy import select

        for oid, uid in (await session.execute(select(Officer.id, Officer.unit_id))).all():
            officers[uid] = oid
    counts = {"communes": len(communes), "directives": directives, "officers": len(officers)}
    aid = 0
    reports = evidence = 0
    for d_index, did in enumerate(ids):
        published = start + timedelta(hours=3 * d_index)
        a_rows, r_rows, e_rows = [], [], []
        for unit in communes:
            aid += 1
            officer = officers.get(unit.id)
            done = officer is not None and rng.random() < 0.7
            at = published + timedelta(hours=rng.randint(1, 300))
            a_rows.append(
                {
                    "id": aid,
                    "directive_id": did,
                    "unit_id": unit.id,
                    "status": AssignmentStatus.DONE if done else AssignmentStatus.PENDING,
                    "due": None,
                    "created_at": published,
                    "done_at": at if done else None,
                }
            )
            if done:
                r_rows.append(
                    {
                        "assignment_id": aid,
                        "officer_id": officer,
                        "created_at": at,
                        "raw_text": "đã phát",
                        "count": rng.choice([None, 1, 2, 3]),
                        "via": "text",
                        "outcome": "done",
                    }
                )
                if rng.random() < 0.1:
                    r_rows.append(
                        {
                            "assignment_id": aid,
                            "officer_id": officer,
                            "created_at": at + timedelta(days=1),
                            "raw_text": "phát thêm",
                            "count": 2,
                            "via": "text",
                            "outcome": "more",
                        }
                    )
                if rng.random() < 0.2:
                    e_rows.append(
                        {
                            "assignment_id": aid,
                            "officer_id": officer,
                            "file_id": f"F{aid}",
                            "kind": rng.choice(["photo", "voice"]),
                            "created_at": at,
                        }
                    )
            elif officer is not None and rng.random() < 0.07:
                r_rows.append(
                    {
                        "assignment_id": aid,
                        "officer_id": officer,
                        "created_at": at,
                        "raw_text": "chưa phát được",
                        "via": "text",
                        "outcome": "not_done",
                        "reason": rng.choice(REASONS),
                    }
                )
        async with db.write() as session:
            await session.execute(insert(Assignment), a_rows)
            await session.execute(insert(Report), r_rows)
            if e_rows:
                await session.execute(insert(Evidence), e_rows)
        reports += len(r_rows)
        evidence += len(e_rows)
    await db.close()
    counts.update(assignments=aid, reports=reports, evidence=evidence)
    return counts


async def write(db_path: Path, fmt: str, out: Path) -> None:
    """In the child: the report, as `python -m bot export` writes it."""
    from bot.services.export import export_to_file
    from bot.services.setup import open_database

    settings = _settings(db_path)
    db = await open_database(settings, prepare=False)
    try:
        await export_to_file(db, settings, out, fmt)  # type: ignore[arg-type]
    finally:
        await db.close()


def measure(db_path: Path, fmt: str, out: Path) -> dict[str, object]:
    started = time.perf_counter()
    launched = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, sys.executable, __file__, "--write", str(db_path), fmt, str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    child = json.loads(launched.stdout)
    return {
        "format": fmt,
        "seconds": round(seconds, 2),
        "peak_mb": round(child["maxrss_kb"] / 1024, 1),
        "exit_status": child["status"],
        "file_mb": round(out.stat().st_size / 1e6, 1) if out.exists() else None,
    }


def main() -> dict[str, object]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--directives", type=int, default=200)
    parser.add_argument("--keep", help="build the database in this folder (reused when it exists)")
    parser.add_argument("--write", nargs=3, metavar=("DB", "FORMAT", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--formats", default="xlsx,docx,csv")
    args = parser.parse_args()
    if args.write:
        db_path, fmt, out = args.write
        asyncio.run(write(Path(db_path), fmt, Path(out)))
        return {}
    result: dict[str, object] = {"bench": "export"}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        db_path = folder / "export-bench.db"
        if not db_path.exists():
            started = time.perf_counter()
            result["data"] = asyncio.run(build(db_path, args.directives))
            result["build_seconds"] = round(time.perf_counter() - started, 1)
        runs = [measure(db_path, fmt, folder / f"bao-cao.{fmt}") for fmt in args.formats.split(",")]
        result["runs"] = runs
        xlsx = next((r for r in runs if r["format"] == "xlsx"), None)
        if xlsx is not None:
            result["xlsx_within_target"] = bool(float(xlsx["seconds"]) < 30 and float(xlsx["peak_mb"]) < 500)  # type: ignore[arg-type]
    return result


if __name__ == "__main__":
    out = main()
    if out:
        print(json.dumps(out, ensure_ascii=False, indent=2))
