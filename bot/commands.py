"""Implementations of the CLI commands (argument parsing lives in `bot.__main__`)."""

from __future__ import annotations

import asyncio
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
    """`parse FILE... [--json]`: one object per file, in order; a file that cannot be read gives {file, error}.

    Whatever goes wrong with one file (even an unexpected exception, which is logged) becomes
    that file's error entry, so the JSON is always complete and valid; exit status 1 if any failed.
    """
    import logging

    log = logging.getLogger(__name__)
    results: list[dict[str, Any]] = []
    read_by_ocr: list[bool] = []
    status = 0
    for name in files:
        try:
            read = parsing.read_document_ex(name)
            item = parsing.parse_text(read.text).to_contract(Path(name).name)
        except (parsing.DocumentError, parsing.ParseError) as exc:
            item, read = {"file": Path(name).name, "error": str(exc)}, None
        except Exception as exc:  # a bug or an input nobody foresaw: this file fails, the others go on
            log.error(
                "parse %s: unexpected %s", name, type(exc).__name__, exc_info=log.isEnabledFor(logging.INFO)
            )
            item, read = (
                {
                    "file": Path(name).name,
                    "error": f"Lỗi không lường trước khi đọc tệp ({type(exc).__name__}).",
                },
                None,
            )
        status |= "error" in item
        results.append(item)
        read_by_ocr.append(bool(read and read.ocr))
    if as_json:
        _dump(results, out)
        return status

    def day(value: str | None) -> str | None:
        """ISO (possibly partial) to dd/mm/yyyy, mm/yyyy or yyyy."""
        return "/".join(reversed(value.split("-"))) if value else None

    labels = {
        "number": "Số",
        "issuer": "Cơ quan ban hành",
        "issued_on": "Ngày ban hành",
        "place": "Nơi ban hành",
        "subject": "V/v",
        "signer": "Người ký",
    }
    for item, by_ocr in zip(results, read_by_ocr, strict=True):
        if "error" in item:
            out.write(f"✗ {item['file']}: {item['error']}\n")
            continue
        out.write(
            f"✓ {item['file']}"
            + (" (đọc bằng OCR từ bản scan/ảnh — cần kiểm tra lại)" if by_ocr else "")
            + "\n"
        )
        missing: list[str] = []

        def field(label: str, value: str | None, missing: list[str] = missing) -> None:
            if value:
                out.write(f"  {label}: {value}\n")
            else:
                missing.append(label)

        for key in ("number", "issuer", "issued_on", "place", "subject"):
            field(labels[key], day(item[key]) if key == "issued_on" else item[key])
        field("Kính gửi", "; ".join(item["recipients"]))
        if item["topics"]:
            out.write(f"  Nội dung tuyên truyền ({len(item['topics'])}):\n")
            for topic in item["topics"]:
                out.write(f"    {topic['ordinal']}. {topic['title']}\n")
        else:
            missing.append("Nội dung tuyên truyền")
        field("Căn cứ", "; ".join(item["references"]))
        start, end = day(item["broadcast_from"]), day(item["broadcast_to"])
        field("Thời gian phát", " ".join(p for p in (start and f"từ {start}", end and f"đến {end}") if p))
        field("Hạn báo cáo", day(item["report_due"]))
        field(labels["signer"], item["signer"])
        if missing:
            out.write("  Không tìm thấy: " + ", ".join(missing) + "\n")
    return status


async def cmd_import(
    settings: Settings, files: Sequence[str], publish: bool, targets: Sequence[str], out: TextIO = sys.stdout
) -> int:
    """`import FILE... [--publish] [--to all|UNIT...]`: store directives (idempotent), optionally publish.

    Each file is parsed before its own short transaction, so a running bot keeps answering."""
    db = await open_database(settings)
    service = directive_service.DirectiveService(db, settings)
    status = 0
    try:
        created = existing = 0
        units: list[Unit] = []
        if publish:
            units, unknown = await service.targets(targets)
            if unknown:
                out.write("✗ Không tìm thấy đơn vị: " + ", ".join(unknown) + "\n")
                return 1
        for name in files:
            try:
                result = await service.import_file(name)
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
                pub = await service.publish(d.id, units)
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
    """`search QUERY [--json] [--limit N]`."""
    db = await open_database(settings)
    try:
        async with db.read() as session:
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


async def cmd_run(settings: Settings) -> int:
    """`run`: long polling, or webhook when WEBHOOK_URL is set."""
    from bot.polling import run_polling
    from bot.webhook import run_webhook

    await (run_webhook(settings) if settings.webhook_url else run_polling(settings))
    return 0


async def cmd_chat(settings: Settings, admin: bool) -> int:
    """`chat [--admin]`: the offline conversation on the local Bot API."""
    from bot.chat import run_chat

    interactive = sys.stdin.isatty()
    return await run_chat(settings, admin=admin, stdin=sys.stdin, out=sys.stdout, interactive=interactive)


async def cmd_invite(
    settings: Settings, unit_name: str, role: str, as_json: bool, output: str | None, out: TextIO = sys.stdout
) -> int:
    """`invite --unit NAME [--role] [--json]`, or `--unit all -o FILE` for every commune in scope."""
    from bot.services.registration import create_invite, invite_link
    from bot.services.units import UnitNotFound, commune_units, match_units

    db = await open_database(settings)
    try:
        async with db.write() as session:
            communes = await commune_units(session, settings.province)
            if unit_name.strip().lower() == "all":
                if not output:
                    out.write("✗ Với --unit all cần -o TỆP.xlsx\n")
                    return 2
                invites = [
                    (u, await create_invite(session, u, role, settings.invite_ttl_days)) for u in communes
                ]
            else:
                try:
                    units = match_units(communes, unit_name)
                except UnitNotFound as exc:
                    hint = f" Có phải: {', '.join(exc.suggestions)}?" if exc.suggestions else ""
                    out.write(f"✗ Không tìm thấy đơn vị “{unit_name}”.{hint}\n")
                    return 1
                invites = [(units[0], await create_invite(session, units[0], role, settings.invite_ttl_days))]
    finally:
        await db.close()
    items = [
        {
            "code": inv.code,
            "link": invite_link(settings.bot_username, inv.code),
            "unit": unit.name,
            "role": inv.role,
            "expires_at": inv.expires_at.isoformat(),
        }
        for unit, inv in invites
    ]
    if output:
        from bot.services.invites_sheet import write_invite_sheet

        write_invite_sheet(items, output)
        out.write(f"Đã tạo {len(items)} mã mời, ghi vào {output}\n")
        return 0
    if as_json:
        out.write(json.dumps(items[0], ensure_ascii=False) + "\n")
        return 0
    item = items[0]
    out.write(
        f"Mã mời cho {item['unit']} ({item['role']}): {item['code']}\n{item['link']}\nHết hạn: {item['expires_at']}\n"
    )
    return 0


async def cmd_stats(settings: Settings, as_json: bool, out: TextIO = sys.stdout) -> int:
    """`stats [--json]`: per published directive, communes assigned / done / pending."""
    from bot.db import repo

    db = await open_database(settings)
    try:
        async with db.read() as session:
            rows = await repo.directive_stats(session)
    finally:
        await db.close()
    items = [
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
    for item in items:
        out.write(
            f"#{item['directive_id']} {item['number'] or '(chưa số)'}: {item['done']}/{item['total']} xã đã báo cáo\n"
        )
    return 0


async def cmd_export(settings: Settings, fmt: str, output: str, out: TextIO = sys.stdout) -> int:
    """`export --format xlsx|csv -o FILE`."""
    from bot.db.models import utcnow
    from bot.services.export import export_csv, export_rows, export_xlsx

    db = await open_database(settings)
    try:
        async with db.read() as session:
            rows = await export_rows(session, settings.tz)
    finally:
        await db.close()
    data = export_xlsx(rows, utcnow().astimezone(settings.tz)) if fmt == "xlsx" else export_csv(rows)
    await asyncio.to_thread(Path(output).write_bytes, data)
    out.write(f"Đã xuất {len(rows)} dòng vào {output}\n")
    return 0


async def cmd_outbox(settings: Settings, retry_failed: bool, as_json: bool, out: TextIO = sys.stdout) -> int:
    """`outbox [--retry-failed] [--json]`: queue figures, and queue failed rows again."""
    from bot.db import repo
    from bot.db.models import utcnow

    db = await open_database(settings)
    try:
        async with db.write() as session:
            retried = await repo.retry_failed(session, utcnow()) if retry_failed else 0
            counts = await repo.outbox_counts(session)
    finally:
        await db.close()
    if as_json:
        out.write(json.dumps({**counts, "retried": retried}) + "\n")
        return 0
    out.write(
        f"Chờ gửi: {counts['queued']}  Đã gửi: {counts['sent']}  Lỗi: {counts['failed']}  Bỏ: {counts['dead']}\n"
    )
    if retry_failed:
        out.write(f"Đã xếp lại {retried} tin lỗi để gửi lại.\n")
    return 0


def _radio_unit(province: str, name: str) -> str:
    """The official name of the commune NAME (diacritics-insensitive), in PROVINCE's scope, else anywhere."""
    from bot.db.models import Unit
    from bot.services.units import UnitNotFound, match_units, province_rows

    suggestions: list[str] = []
    for scope in (province, "all"):
        rows = [r for r in province_rows(scope) if r["level"] == 2]
        units = [
            Unit(id=i, code=r["code"], name=r["name"], kind=r["kind"], level=2, folded_name=r["folded_name"])
            for i, r in enumerate(rows)
        ]
        try:
            return match_units(units, name)[0].name
        except UnitNotFound as exc:
            suggestions = suggestions or exc.suggestions
    raise UnitNotFound(name, suggestions)


def cmd_radio(
    province: str,
    files: Sequence[str],
    unit_name: str,
    as_json: bool,
    full: bool = False,
    out: TextIO = sys.stdout,
) -> int:
    """`radio FILE... --unit NAME [--json] [--full]`: the bản tin for listeners, one per directive.

    JSON: [{file, title, text, seconds}] with the version to read on air (the short one when the full
    one runs past five minutes; `--full` gives the full one); {file, error} for a file that cannot be read.
    """
    import logging

    from bot.services.radio import RadioSource, format_duration, write_script
    from bot.services.radio_words import WORDS_PER_MINUTE
    from bot.services.units import UnitNotFound

    try:
        unit = _radio_unit(province, unit_name)
    except UnitNotFound as exc:
        hint = f" Có phải: {', '.join(exc.suggestions)}?" if exc.suggestions else ""
        out.write(f"✗ Không tìm thấy đơn vị “{unit_name}”.{hint}\n")
        return 2
    status = 0
    results: list[dict[str, Any]] = []
    scripts = []
    for name in files:
        try:
            script = write_script(RadioSource.from_parsed(parsing.parse_file(name)), unit)
        except (parsing.DocumentError, parsing.ParseError) as exc:
            results.append({"file": Path(name).name, "error": str(exc)})
            status = 1
            continue
        except Exception as exc:  # an input nobody foresaw: this file fails, the others go on
            log = logging.getLogger(__name__)
            # the traceback only with -v
            log.warning("radio %s: %r", name, exc, exc_info=log.isEnabledFor(logging.INFO))
            results.append({"file": Path(name).name, "error": f"Không viết được bản tin: {exc}"})
            status = 1
            continue
        results.append(script.to_contract(Path(name).name, full=full))
        scripts.append((Path(name).name, script))
    if as_json:
        _dump(results, out)
        return status
    for item in results:
        if "error" in item:
            out.write(f"✗ {item['file']}: {item['error']}\n")
    for file, script in scripts:
        pace = f"{WORDS_PER_MINUTE} tiếng/phút"
        out.write(f"═══ {file}\n📻 {script.title}\n")
        if script.short_text and not full:
            out.write(
                f"Bản rút gọn — khoảng {format_duration(script.on_air_seconds)} ({pace}); "
                f"bản đầy đủ {format_duration(script.seconds)}: thêm --full\n\n{script.on_air_text}\n\n"
            )
        else:
            out.write(f"Khoảng {format_duration(script.seconds)} đọc ({pace})\n\n{script.text}\n\n")
    return status
