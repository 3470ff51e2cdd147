"""`invite`, `stats`, `export`, `outbox` and `officer`: the office's work from the terminal.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO, cast

from bot import texts

if TYPE_CHECKING:
    from bot.config import Settings
from bot.commands.base import _day, _dump, _open, _open_for_reading, _role, _unit_not_found
from bot.commands.files import _check_output, _shown, _write_failure, _write_output


async def cmd_invite(
    settings: Settings, unit_name: str, role: str, as_json: bool, output: str | None, out: TextIO = sys.stdout
) -> int:
    """`invite --unit NAME [--role] [--json]`, or `--unit all -o FILE` for every commune in scope.

    JSON: `{"code", "link", "unit", "role", "expires_at"}` (role officer|admin, expires_at ISO); the text
    for people says the role in Vietnamese and the expiry as dd/mm/yyyy."""
    from bot.services.registration import create_invite, invite_link
    from bot.services.units import UnitNotFound, commune_units, match_units

    if unit_name.strip().lower() == "all" and not output:
        out.write(texts.CLI_INVITE_ALL_NEEDS_FILE + "\n")
        return 2
    if output:
        _check_output(output)
    db = await _open(settings)
    try:
        async with db.write() as session:
            communes = await commune_units(session, settings.province)
            if unit_name.strip().lower() == "all":
                invites = [
                    (u, await create_invite(session, u, role, settings.invite_ttl_days)) for u in communes
                ]
            else:
                try:
                    units = match_units(communes, unit_name)
                except UnitNotFound as exc:
                    out.write(_unit_not_found(unit_name, exc.suggestions) + "\n")
                    return 1
                invites = [(units[0], await create_invite(session, units[0], role, settings.invite_ttl_days))]
    finally:
        await db.close()
    items = [
        {
            "code": inv.code,
            "link": invite_link(settings.bot_username, inv.code),
            "unit": unit.name,
            "role": str(inv.role),
            "expires_at": inv.expires_at.isoformat(),
        }
        for unit, inv in invites
    ]
    expires = invites[0][1].expires_at.astimezone(settings.tz).strftime("%d/%m/%Y") if invites else ""
    if output:
        from bot.services.invites_sheet import write_invite_sheet

        _write_output(output, lambda path: write_invite_sheet(items, str(path), settings.tz))
        out.write(
            texts.CLI_INVITES_WRITTEN.format(
                n=len(items), role=_role(role), expires=expires, path=_shown(output)
            )
            + "\n"
        )
        return 0
    if as_json:
        out.write(json.dumps(items[0], ensure_ascii=False) + "\n")
        return 0
    item = items[0]
    out.write(
        texts.CLI_INVITE.format(
            unit=item["unit"], role=_role(item["role"]), code=item["code"], link=item["link"], expires=expires
        )
        + "\n"
    )
    return 0


async def cmd_stats(settings: Settings, as_json: bool, out: TextIO = sys.stdout, header: bool = True) -> int:
    """`stats [--json]`: per published directive, communes assigned / done / pending.

    JSON: `[{directive_id, number, subject, total, done, pending, report_due}]` (report_due ISO).
    The text starts with its heading, written at once (the command line writes it before the settings
    are even read, and passes header=False)."""
    if header and not as_json:
        out.write(texts.CLI_STATS_HEADER + "\n")
        out.flush()
    from bot.db import repo

    db = await _open_for_reading(settings)
    try:
        async with db.read() as session:
            rows = await repo.directive_stats(session)
    finally:
        await db.close()
    items: list[dict[str, Any]] = [
        {
            "directive_id": r.directive_id,
            "number": r.number,
            "subject": r.subject,
            "total": r.total,
            "done": r.done,
            "pending": r.pending,
            "report_due": r.report_due.isoformat() if r.report_due else None,
        }
        for r in rows
    ]
    if as_json:
        _dump(items, out)
        return 0
    if not items:
        out.write(texts.CLI_STATS_NONE + "\n")
    for item in items:
        due = _day(item["report_due"])
        out.write(
            texts.CLI_STATS_ITEM.format(
                id=item["directive_id"],
                number=item["number"] or texts.CLI_NO_NUMBER,
                subject=(item["subject"] or "")[:70],
                done=item["done"],
                total=item["total"],
                due=texts.CLI_STATS_DUE.format(due=due) if due else "",
            )
            + "\n"
        )
    return 0


async def cmd_export(
    settings: Settings,
    fmt: str,
    output: str,
    start: date | None = None,
    end: date | None = None,
    directive: str | None = None,
    out: TextIO = sys.stdout,
) -> int:
    """`export --format xlsx|csv|docx -o FILE [--from DATE] [--to DATE] [--directive N]`: the report upward,
    province-wide, streamed to FILE (the directives published in the period; dates typed dd/mm/yyyy)."""
    from bot.services.export import ExportRequest, Format, export_to_file
    from bot.services.labels import Period
    from bot.services.scope import Ambiguous, DirectiveNotFound

    _check_output(output)
    request = ExportRequest(period=Period(start, end), directive=directive)
    db = await _open(settings)
    try:
        data = await export_to_file(db, settings, _shown(output), cast("Format", fmt), request)
    except (DirectiveNotFound, Ambiguous) as exc:
        matches = getattr(exc, "choices", [])
        detail = "; ".join(f"{d.number or texts.CLI_NO_NUMBER} (#{d.id})" for d in matches[:5])
        template = texts.CLI_EXPORT_AMBIGUOUS if matches else texts.CLI_EXPORT_NO_DIRECTIVE
        out.write(template.format(query=directive, choices=detail) + "\n")
        return 1
    except OSError as exc:
        raise _write_failure(exc, output) from exc
    finally:
        await db.close()
    out.write(texts.CLI_EXPORTED.format(n=len(data), path=_shown(output)) + "\n")
    return 0


async def cmd_outbox(settings: Settings, retry_failed: bool, as_json: bool, out: TextIO = sys.stdout) -> int:
    """`outbox [--retry-failed] [--json]`: queue figures, and queue failed rows again."""
    from bot.db import repo
    from bot.db.models import utcnow

    db = await _open(settings)
    try:
        async with db.write() as session:
            retried = await repo.retry_failed(session, utcnow()) if retry_failed else 0
            counts = await repo.outbox_counts(session)
    finally:
        await db.close()
    if as_json:
        out.write(json.dumps({**counts, "retried": retried}) + "\n")
        return 0
    out.write(texts.CLI_OUTBOX.format(**counts) + "\n")
    if retry_failed:
        out.write(texts.CLI_OUTBOX_RETRIED.format(n=retried) + "\n")
    return 0


async def cmd_officer(settings: Settings, active: bool, who: str, out: TextIO = sys.stdout) -> int:
    """`officer deactivate|activate WHO`: province-wide; ADMIN_IDS admins cannot be deactivated."""
    from bot.services.staff import describe, switch_officer

    db = await _open(settings)
    try:
        result = await switch_officer(db, who, active, admin_ids=settings.admin_ids)
    finally:
        await db.close()
    text, status = describe(result, active, who)
    out.write(text + "\n")
    return status
