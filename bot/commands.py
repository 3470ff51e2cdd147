"""Implementations of the CLI commands (argument parsing lives in `bot.__main__`)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from bot import directives as parsing
from bot.config import Settings
from bot.db.models import Unit
from bot.services import directives as directive_service
from bot.services.search import SearchService
from bot.services.setup import open_database
from bot.services.units import resolve_provinces

__all__ = ["cmd_classify", "cmd_db_upgrade", "cmd_import", "cmd_parse", "cmd_search", "cmd_units"]


def _dump(obj: Any, out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def cmd_classify(lines: TextIO, out: TextIO = sys.stdout) -> int:
    """`classify`: one JSON object per input line: {text, intent, score, count}."""
    from bot.understanding.intents import classify

    for raw in lines:
        text = raw.rstrip("\r\n")
        if not text.strip():
            continue
        out.write(json.dumps(classify(text).to_contract(text), ensure_ascii=False) + "\n")
    out.flush()
    return 0


def cmd_parse(files: Sequence[str], as_json: bool, out: TextIO = sys.stdout) -> int:
    """`parse FILE... [--json]`: one object per file; a file that cannot be read gives {file, error}."""
    results: list[dict[str, Any]] = []
    status = 0
    for name in files:
        try:
            results.append(parsing.parse_file(name).to_contract(Path(name).name))
        except (parsing.DocumentError, parsing.ParseError) as exc:
            results.append({"file": Path(name).name, "error": str(exc)})
            status = 1
    if as_json:
        _dump(results, out)
        return status
    for item in results:
        if "error" in item:
            out.write(f"✗ {item['file']}: {item['error']}\n")
            continue
        out.write(
            f"✓ {item['file']}\n  Số: {item['number'] or '(trống)'} — {item['issuer'] or '?'}, {item['issued_on'] or '?'}\n"
        )
        out.write(f"  V/v {item['subject'] or '?'}\n")
        for topic in item["topics"]:
            out.write(f"   {topic['ordinal']}. {topic['title']}\n")
    return status


async def cmd_import(
    settings: Settings, files: Sequence[str], publish: bool, targets: Sequence[str], out: TextIO = sys.stdout
) -> int:
    """`import FILE... [--publish] [--to all|UNIT...]`: store directives (idempotent), optionally publish."""
    db = await open_database(settings)
    status = 0
    try:
        created = existing = 0
        async with db.sessions.begin() as session:
            units: list[Unit] = []
            unknown: list[str] = []
            if publish:
                units, unknown = await directive_service.resolve_targets(session, settings.province, targets)
                if unknown:
                    out.write("✗ Không tìm thấy đơn vị: " + ", ".join(unknown) + "\n")
                    return 1
            for name in files:
                try:
                    result = await directive_service.import_file(session, name)
                except (parsing.DocumentError, parsing.ParseError) as exc:
                    out.write(f"✗ {Path(name).name}: {exc}\n")
                    status = 1
                    continue
                d = result.directive
                created += result.created
                existing += not result.created
                tag = "mới" if result.created else "đã có"
                out.write(f"✓ #{d.id} {d.number or '(chưa số)'} — {(d.subject or '')[:90]} [{tag}]\n")
                if publish:
                    pub = await directive_service.publish(session, d, units)
                    out.write(
                        f"  → phát hành tới {pub.units} xã/phường ({pub.new_assignments} giao mới), "
                        f"{pub.queued} tin nhắn chờ gửi\n"
                    )
        out.write(f"Tổng: {created} công văn mới, {existing} đã có.\n")
    finally:
        await db.close()
    return status


async def cmd_db_upgrade(settings: Settings, out: TextIO = sys.stdout) -> int:
    """`db upgrade`: apply migrations, load units (and samples into an empty database)."""
    db = await open_database(settings)
    await db.close()
    out.write("Cơ sở dữ liệu đã được cập nhật.\n")
    return 0


async def cmd_units(settings: Settings, as_json: bool, out: TextIO = sys.stdout) -> int:
    """`units [--json]`: the provinces and communes in scope, from the official list."""
    from bot.services.units import commune_units

    db = await open_database(settings)
    try:
        async with db.sessions() as session:
            communes = await commune_units(session, settings.province)
    finally:
        await db.close()
    provinces = {f"{int(p.code):02d}": p.name for p in resolve_provinces(settings.province)}
    if as_json:
        _dump([{"code": u.code, "name": u.name, "kind": u.kind} for u in communes], out)
        return 0
    out.write(f"{', '.join(provinces.values())}: {len(communes)} xã/phường/đặc khu\n")
    for u in communes:
        out.write(f"{u.code}  {u.name}\n")
    return 0


async def cmd_search(
    settings: Settings, query: str, as_json: bool, limit: int, out: TextIO = sys.stdout
) -> int:
    """`search QUERY [--json] [--limit N]`."""
    db = await open_database(settings)
    try:
        async with db.sessions() as session:
            results = await SearchService().search(session, query, limit=limit)
    finally:
        await db.close()
    if as_json:
        _dump([r.to_contract() for r in results], out)
        return 0
    if not results:
        out.write("Không tìm thấy công văn phù hợp.\n")
    for r in results:
        out.write(f"#{r.directive_id} {r.number or '(chưa số)'} — {(r.subject or '')[:80]} ({r.score:.2f})\n")
        if r.topic:
            out.write(f"    ↳ {r.topic[:100]}\n")
    return 0
