"""`import`, `db upgrade`, `units` and `search`: the directives and the units in the database.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from bot import texts

if TYPE_CHECKING:
    from bot.config import Settings
from bot.commands.base import _dump, _open, _open_for_reading
from bot.commands.failures import display_url
from bot.commands.files import expand_files


async def cmd_import(
    settings: Settings, files: Sequence[str], publish: bool, targets: Sequence[str], out: TextIO = sys.stdout
) -> int:
    """`import FILE... [--publish] [--to all|UNIT...]`: store directives (idempotent), optionally publish.

    Each file is parsed before its own short transaction, so a running bot keeps answering."""
    from bot import directives as parsing
    from bot.services import directives as directive_service

    named = expand_files(files)
    db = await _open(settings)
    service = directive_service.DirectiveService(db, settings)
    status = 0
    queued = 0
    try:
        created = existing = 0
        units: list[Any] = []
        if publish:
            units, unknown = await service.targets(targets)
            if unknown:
                out.write(texts.CLI_UNITS_NOT_FOUND.format(names=", ".join(unknown)) + "\n")
                return 1
        for item in named:
            if item.path is None:
                out.write(f"✗ {item.error}\n")
                status = 1
                continue
            try:
                result = await service.import_file(item.path)
            except (parsing.DocumentError, parsing.ParseError) as exc:
                out.write(f"✗ {item.path.name}: {exc}\n")
                status = 1
                continue
            d = result.directive
            created += result.created
            existing += not result.created
            out.write(
                texts.CLI_IMPORTED.format(
                    id=d.id,
                    number=d.number or texts.CLI_NO_NUMBER,
                    subject=(d.subject or "")[:90],
                    tag=texts.CLI_IMPORTED_NEW if result.created else texts.CLI_IMPORTED_EXISTS,
                )
                + "\n"
            )
            if publish:
                pub = await service.publish(d.id, units)
                queued += pub.queued
                out.write(
                    texts.CLI_PUBLISHED.format(
                        units=pub.units, assignments=pub.new_assignments, queued=pub.queued
                    )
                    + "\n"
                )
            out.flush()
        out.write(texts.CLI_IMPORT_TOTAL.format(created=created, existing=existing) + "\n")
        if queued:
            out.write(texts.CLI_QUEUED_NOTE + "\n")
    finally:
        await db.close()
    return status


async def cmd_db_upgrade(settings: Settings, out: TextIO = sys.stdout) -> int:
    """`db upgrade`: apply migrations and load the units of PROVINCE (the samples only with LOAD_SAMPLES=true)."""
    from bot.db import repo
    from bot.services.units import commune_units

    db = await _open(settings)
    try:
        async with db.read() as session:
            communes = await commune_units(session, settings.province)
            directives = await repo.count_directives(session) if settings.load_samples else 0
    finally:
        await db.close()
    out.write(texts.CLI_DB_READY.format(url=display_url(settings.database_url), units=len(communes)) + "\n")
    if directives:
        out.write(texts.CLI_DB_SAMPLES.format(n=directives) + "\n")
    return 0


async def cmd_units(settings: Settings, as_json: bool, out: TextIO = sys.stdout) -> int:
    """`units [--json]`: the provinces and communes in scope, from the official list."""
    from bot.services.units import commune_units, resolve_provinces

    db = await _open(settings)
    try:
        async with db.read() as session:
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
    """`search QUERY [--json] [--limit N]`: best first; JSON `{directive_id, number, subject, source, topic, score}`."""
    from bot.services.search import SearchService

    db = await _open_for_reading(settings)
    try:
        async with db.read() as session:
            results = await SearchService().search(session, query, limit=limit)
    finally:
        await db.close()
    if as_json:
        _dump([r.to_contract() for r in results], out)
        return 0
    if not results:
        out.write(texts.CLI_SEARCH_NONE + "\n")
    for r in results:
        out.write(
            f"#{r.directive_id} {r.number or texts.CLI_NO_NUMBER} — {(r.subject or '')[:80]} ({r.score:.2f})\n"
        )
        if r.topic:
            out.write(f"    ↳ {r.topic[:100]}\n")
    return 0
