"""Implementations of the CLI commands (argument parsing lives in `bot.__main__`).

Only the standard library is imported at module level: each command imports what it needs when it runs.
`parse` and `classify` load nothing but the parser or the classifier, the database commands load
SQLAlchemy, and only `run` and `chat` load aiogram (several seconds on a small machine).

`run` checks what an operator can get wrong before it starts (`check_run_settings`, then the ports, the
database and the Bot API), and `describe_failure` turns whatever still goes wrong into one line in
Vietnamese with the English cause after it, never showing the token.
"""

from __future__ import annotations

import errno
import glob
import json
import re
import socket
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast
from urllib.parse import urlsplit

from bot import texts

if TYPE_CHECKING:
    from bot.app import App
    from bot.config import Settings
    from bot.db.database import Database

__all__ = [
    "StartupFailure",
    "check_run_settings",
    "cmd_chat",
    "cmd_classify",
    "cmd_db_upgrade",
    "cmd_export",
    "cmd_import",
    "cmd_invite",
    "cmd_officer",
    "cmd_outbox",
    "cmd_parse",
    "cmd_radio",
    "cmd_run",
    "cmd_search",
    "cmd_stats",
    "cmd_units",
    "describe_failure",
    "expand_files",
]

_GLOB_CHARS = re.compile(r"[*?\[]")


class StartupFailure(Exception):
    """Something the operator must fix (a setting, a port, a file); `str()` is the one line to show
    (Vietnamese, then the cause)."""


def _dump(obj: Any, out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _day(value: date | datetime | str | None) -> str | None:
    """dd/mm/yyyy (mm/yyyy, yyyy for partial ISO dates), as the office writes dates."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return "/".join(reversed(value.split("-")))


def _role(role: object) -> str:
    return texts.CLI_ROLE_ADMIN if str(role) == "admin" else texts.CLI_ROLE_OFFICER


# ---------------------------------------------------------------------------- files named on the command line


@dataclass(frozen=True)
class NamedFile:
    """One file the user named: its path, or why there is none (the message names the full path)."""

    name: str
    path: Path | None
    error: str | None = None


def expand_files(names: Sequence[str]) -> list[NamedFile]:
    """The files NAMES stand for, in order: a pattern the shell left unexpanded (nothing matched, or quoted)
    is expanded here; a name that matches nothing gets an error naming the full path or folder."""
    found: list[NamedFile] = []
    for name in names:
        path = Path(name).expanduser()
        if path.exists():
            if path.is_dir():
                found.append(NamedFile(name, None, texts.CLI_NOT_A_FILE.format(path=path.resolve())))
            else:
                found.append(NamedFile(name, path))
            continue
        if _GLOB_CHARS.search(name):
            matches = sorted(Path(m) for m in glob.glob(str(path)) if Path(m).is_file())
            if matches:
                found.extend(NamedFile(str(m), m) for m in matches)
                continue
            pattern = path.absolute()
            folder = next((p for p in pattern.parents if not _GLOB_CHARS.search(str(p))), Path("/"))
            template = texts.CLI_GLOB_NO_MATCH if folder.is_dir() else texts.CLI_GLOB_NO_FOLDER
            found.append(NamedFile(name, None, template.format(pattern=pattern.parent.resolve() / pattern.name, folder=folder.resolve())))
            continue
        found.append(NamedFile(name, None, texts.CLI_FILE_NOT_FOUND.format(path=_tidy(path))))
    return found


def _shown(name: str) -> Path:
    """The full path of a file the user named, to print."""
    return _tidy(Path(name).expanduser())


def _write_failure(exc: OSError, name: str) -> StartupFailure:
    """The one line for an output file (-o) that could not be written, naming its full path."""
    path = Path(name).expanduser()
    if isinstance(exc, FileNotFoundError) and not path.parent.is_dir():
        reason = texts.CLI_WRITE_NO_FOLDER.format(folder=_tidy(path).parent)
    elif isinstance(exc, PermissionError):
        reason = texts.CLI_WRITE_DENIED
    elif isinstance(exc, IsADirectoryError) or path.is_dir():
        reason = texts.CLI_WRITE_IS_DIR
    else:
        reason = exc.strerror or type(exc).__name__
    return StartupFailure(texts.CLI_WRITE_FAILED.format(path=_tidy(path), reason=reason, cause=_cause(exc)))


def _write_output(name: str, write: Callable[[Path], object]) -> None:
    """Write the file the user asked for (-o); a failure is one line naming the full path, in Vietnamese."""
    try:
        write(Path(name).expanduser())
    except OSError as exc:
        raise _write_failure(exc, name) from exc


def _check_output(name: str) -> None:
    """Before any work: the folder of an output file (-o) must exist."""
    path = Path(name).expanduser()
    if not path.parent.is_dir():
        raise StartupFailure(
            texts.CLI_WRITE_FAILED.format(
                path=_tidy(path),
                reason=texts.CLI_WRITE_NO_FOLDER.format(folder=_tidy(path).parent),
                cause="no such directory",
            )
        )


def _tidy(path: Path) -> Path:
    """An absolute path without `..` (the folder part resolved, the name kept as typed)."""
    return path.absolute().parent.resolve() / path.name


# ---------------------------------------------------------------------------- parse, classify, radio (no database)


def cmd_classify(lines: TextIO, out: TextIO = sys.stdout) -> int:
    """`classify`: reads lines from stdin and writes one JSON object per non-empty line:
    `{"text", "intent", "score", "count", "confirm"}` — `intent` one of report_done, report_not_done,
    undo_report, ask_week, ask_pending, help, greeting, search; `count` the number of broadcasts stated
    ("đã phát 3 buổi" → 3) or null; `confirm` true when the bot would ask before recording a "done"."""
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
    Imports nothing but `bot.directives`.
    """
    import logging

    from bot import directives as parsing

    log = logging.getLogger(__name__)
    results: list[dict[str, Any]] = []
    read_by_ocr: list[bool] = []
    status = 0
    for named in expand_files(files):
        file_name = named.path.name if named.path else Path(named.name).name
        read = None
        if named.path is None:
            item: dict[str, Any] = {"file": file_name, "error": named.error}
        else:
            try:
                read = parsing.read_document_ex(named.path)
                item = parsing.parse_text(read.text).to_contract(file_name)
            except (parsing.DocumentError, parsing.ParseError) as exc:
                item = {"file": file_name, "error": str(exc)}
            except Exception as exc:  # a bug or an input nobody foresaw: this file fails, the others go on
                log.error(
                    "parse %s: unexpected %s", named.path, type(exc).__name__, exc_info=log.isEnabledFor(logging.INFO)
                )
                item = {"file": file_name, "error": f"Lỗi không lường trước khi đọc tệp ({type(exc).__name__})."}
        status |= "error" in item
        results.append(item)
        read_by_ocr.append(bool(read and read.ocr))
    if as_json:
        _dump(results, out)
        return status

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
            field(labels[key], _day(item[key]) if key == "issued_on" else item[key])
        field("Kính gửi", "; ".join(item["recipients"]))
        if item["topics"]:
            out.write(f"  Nội dung tuyên truyền ({len(item['topics'])}):\n")
            for topic in item["topics"]:
                out.write(f"    {topic['ordinal']}. {topic['title']}\n")
        else:
            missing.append("Nội dung tuyên truyền")
        field("Căn cứ", "; ".join(item["references"]))
        start, end = _day(item["broadcast_from"]), _day(item["broadcast_to"])
        field("Thời gian phát", " ".join(p for p in (start and f"từ {start}", end and f"đến {end}") if p))
        field("Hạn báo cáo", _day(item["report_due"]))
        field(labels["signer"], item["signer"])
        if missing:
            out.write("  Không tìm thấy: " + ", ".join(missing) + "\n")
        out.flush()
    return status


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


def _unit_not_found(name: str, suggestions: Sequence[str]) -> str:
    hint = texts.CLI_UNIT_SUGGEST.format(names=", ".join(suggestions)) if suggestions else ""
    return texts.CLI_UNIT_NOT_FOUND.format(name=name, hint=hint)


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

    from bot import directives as parsing
    from bot.services.radio import RadioSource, format_duration, write_script
    from bot.services.radio_words import WORDS_PER_MINUTE
    from bot.services.units import UnitNotFound

    try:
        unit = _radio_unit(province, unit_name)
    except UnitNotFound as exc:
        out.write(_unit_not_found(unit_name, exc.suggestions) + "\n")
        return 2
    status = 0
    results: list[dict[str, Any]] = []
    scripts = []
    for named in expand_files(files):
        file_name = named.path.name if named.path else Path(named.name).name
        if named.path is None:
            results.append({"file": file_name, "error": named.error})
            status = 1
            continue
        try:
            script = write_script(RadioSource.from_parsed(parsing.parse_file(named.path)), unit)
        except (parsing.DocumentError, parsing.ParseError) as exc:
            results.append({"file": file_name, "error": str(exc)})
            status = 1
            continue
        except Exception as exc:  # an input nobody foresaw: this file fails, the others go on
            log = logging.getLogger(__name__)
            # the traceback only with -v
            log.warning("radio %s: %r", named.path, exc, exc_info=log.isEnabledFor(logging.INFO))
            results.append({"file": file_name, "error": f"Không viết được bản tin ({type(exc).__name__})."})
            status = 1
            continue
        results.append(script.to_contract(file_name, full=full))
        scripts.append((file_name, script))
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


# ---------------------------------------------------------------------------- the database


async def _open(settings: Settings) -> Database:
    """The database of DATABASE_URL, migrated, with the units of PROVINCE (and the samples when
    LOAD_SAMPLES is set explicitly)."""
    from bot.services.setup import open_database

    return await open_database(settings)


def _head_revision() -> str | None:
    """The newest migration, read from the migration files (without importing Alembic)."""
    versions = Path(__file__).resolve().parent / "db" / "migrations" / "versions"
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in versions.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        rev = re.search(r'^revision\s*(?::\s*str\s*)?=\s*["\']([^"\']+)["\']', source, re.M)
        down = re.search(r'^down_revision\s*(?::[^=]+)?=\s*["\']([^"\']+)["\']', source, re.M)
        if rev:
            revisions.add(rev.group(1))
        if down:
            parents.add(down.group(1))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


async def _open_for_reading(settings: Settings) -> Database:
    """For the commands that only read (stats, search): the database as it is when it is already at the
    newest migration — no Alembic, no unit list, no parser to load —, else opened as every command opens it."""
    if settings.load_samples:
        return await _open(settings)
    from sqlalchemy import text

    from bot.db.database import Database

    db = Database(settings.database_url)
    try:
        async with db.read() as session:
            version = (await session.execute(text("SELECT version_num FROM alembic_version"))).scalar()
        if version is not None and version == _head_revision():
            return db
    except Exception:  # no such table, an older schema, a file that is not there yet: migrate first
        pass
    await db.close()
    return await _open(settings)


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


# ---------------------------------------------------------------------------- run: checks before starting


def check_run_settings(settings: Settings) -> str | None:
    """What is wrong with the settings `run` needs, checked before anything heavy is imported: the one
    line to show, or None. Never includes the token."""
    from bot.config import token_shape_ok

    token = settings.bot_token.get_secret_value().strip() if settings.bot_token else ""
    if not token:
        return texts.CLI_NO_TOKEN
    if not token_shape_ok(token, settings.telegram_api_base):
        if any(c.isspace() for c in token):
            detail = "it contains spaces"
        elif ":" not in token:
            detail = "no ':' between the bot id and the secret"
        elif not token.split(":", 1)[0].isdigit():
            detail = "the part before ':' is not the bot's numeric id"
        else:
            detail = f"expected <bot id>:<35 letters, digits, - or _>, got {len(token.split(':', 1)[1])} characters after ':'"
        return texts.CLI_BAD_TOKEN.format(detail=detail)
    return None


def _ports(settings: Settings) -> list[tuple[str, str, int]]:
    """(setting, host, port) of every port `run` will listen on."""
    if settings.webhook_url:
        return [("WEBHOOK_PORT", settings.webhook_host, settings.webhook_port)] if settings.webhook_port else []
    host = str(getattr(settings, "ops_host", "127.0.0.1") or "127.0.0.1")
    ports: list[tuple[str, str, int]] = []
    for name in ("metrics_port", "health_port"):  # long polling: the operations endpoints, when set
        port = getattr(settings, name, None)
        if port and all(port != p for _, _, p in ports):
            ports.append((name.upper(), host, int(port)))
    return ports


def _port_failure(exc: OSError, setting: str, host: str, port: int | str) -> StartupFailure:
    cause = _cause(exc)
    if exc.errno == errno.EADDRINUSE:
        return StartupFailure(
            texts.CLI_PORT_TAKEN.format(port=port, setting=setting, cause=f"address already in use: {host}:{port}")
        )
    if exc.errno == errno.EACCES:
        return StartupFailure(texts.CLI_PORT_DENIED.format(port=port, setting=setting, cause=cause))
    return StartupFailure(texts.CLI_PORT_BAD_HOST.format(port=port, host=host, setting=setting, cause=cause))


def check_ports(settings: Settings) -> None:
    """Raise StartupFailure when a port `run` must listen on is taken (before the database and Telegram)."""
    for setting, host, port in _ports(settings):
        try:
            family, kind, proto, _, address = socket.getaddrinfo(
                host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
            )[0]
            with socket.socket(family, kind, proto) as probe:
                # as asyncio does for a server: a port left in TIME_WAIT is free, one with a listener is not
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                probe.bind(address)
        except OSError as exc:
            raise _port_failure(exc, setting, host, port) from exc


async def check_bot_api(settings: Settings, token: str, within: float = 20.0) -> str:
    """getMe on TELEGRAM_API_BASE, straight through aiohttp (no retries, nothing logged): the bot's
    username, or StartupFailure saying whether the token was refused, the server unreachable, or not a
    Bot API at all."""
    import aiohttp

    base = settings.telegram_api_base.rstrip("/")
    host = urlsplit(base).netloc or base
    try:
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=within)) as http,
            http.get(f"{base}/bot{token}/getMe") as response,
        ):
            status, reason = response.status, response.reason or ""
            content_type = response.content_type
            body = await response.content.read(65536)
    except (aiohttp.ClientError, OSError, TimeoutError, ValueError) as exc:
        cause = _cause(exc, token) if str(exc) else f"{type(exc).__name__}: no answer in {within:g} s"
        raise StartupFailure(
            texts.CLI_NO_ROUTE.format(host=host, cause=f"no route to the Bot API: {cause}")
        ) from exc
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if not isinstance(data, dict) or "ok" not in data:
        looks = "HTML" if b"<html" in body[:4096].lower() or content_type == "text/html" else content_type
        raise StartupFailure(
            texts.CLI_NOT_BOT_API.format(
                base=base, cause=f"not a Bot API: HTTP {status} {reason}, {looks or 'no content type'}".strip()
            )
        )
    if data.get("ok"):
        result = data.get("result")
        return str(result.get("username", "")) if isinstance(result, dict) else ""
    code = data.get("error_code", status)
    description = _clean(str(data.get("description") or reason), token)
    if code == 401:
        raise StartupFailure(texts.CLI_TOKEN_REFUSED.format(cause=f"token rejected: 401 {description}"))
    if code == 404:
        raise StartupFailure(
            texts.CLI_NOT_BOT_API.format(base=base, cause=f"not a Bot API, or not this token's: 404 {description}")
        )
    raise StartupFailure(
        texts.CLI_BOT_API_ERROR.format(base=base, description=description, cause=f"getMe failed: {code} {description}")
    )


async def cmd_run(settings: Settings, ready: Callable[[], object] | None = None) -> int:
    """`run`: long polling, or webhook when WEBHOOK_URL is set.

    Before aiogram is even imported: the ports it will listen on, the database (migrated; the samples only
    with LOAD_SAMPLES=true, and then as drafts, never published to officers) and getMe on the Bot API.
    `ready` is called once they passed (the command line raises the log level to the running bot's)."""
    import logging

    problem = check_run_settings(settings)
    if problem:
        raise StartupFailure(problem)
    token = settings.bot_token.get_secret_value().strip() if settings.bot_token else ""
    check_ports(settings)
    run_settings = settings.model_copy(update={"load_samples": False})
    try:
        db = await _open(run_settings)
    except Exception as exc:
        raise StartupFailure(describe_database_failure(exc, settings.database_url)) from exc
    try:
        if settings.load_samples is True:
            from bot.services.setup import load_samples

            loaded = await load_samples(db, run_settings, publish=False)
            if loaded:
                logging.getLogger(__name__).warning(
                    "loaded %d sample directives as drafts (LOAD_SAMPLES=true); they are published to nobody", loaded
                )
    finally:
        await db.close()
    await check_bot_api(run_settings, token)
    if ready is not None:
        ready()

    from bot.polling import run_polling
    from bot.webhook import run_webhook

    if run_settings.webhook_url:
        await run_webhook(run_settings)
        return 0

    async def operations(app: App) -> Callable[[], Awaitable[None]]:
        from bot.ops.server import start_ops  # per-update log line and metrics, /metrics and /healthz ports

        return (await start_ops(app)).close

    await run_polling(run_settings, extras=operations)
    return 0


# ---------------------------------------------------------------------------- chat


def chat_settings(settings: Settings) -> Settings:
    """`chat` runs on its own database (CHAT_DIR/chat.db), with the samples unless LOAD_SAMPLES=false."""
    return settings.model_copy(
        update={
            "database_url": settings.chat_database_url,
            "load_samples": True if settings.load_samples is None else settings.load_samples,
        }
    )


def _sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL (relative paths from the project root, as the engine takes them)."""
    match = re.match(r"sqlite(\+\w+)?:///(.*?)(\?.*)?$", url)
    if not match or not match.group(2) or match.group(2) == ":memory:":
        return None
    from bot.config import PROJECT_ROOT

    path = Path(match.group(2))
    return path if path.is_absolute() else PROJECT_ROOT / path


def reset_chat_database(settings: Settings, interactive: bool, stdin: TextIO, out: TextIO) -> bool:
    """`chat --reset`: delete the demo database (after a confirmation when a person is at the terminal).
    The documents saved in chat-files/ stay. Returns False when the user said no."""
    path = settings.chat_home / "chat.db"
    if not path.exists():
        out.write(texts.CLI_CHAT_RESET_NOTHING.format(path=path) + "\n")
        return True
    if interactive:
        out.write(texts.CLI_CHAT_RESET_ASK.format(path=path))
        out.flush()
        answer = stdin.readline().strip().lower()
        if answer not in {"c", "có", "co", "y", "yes"}:
            out.write(texts.CLI_CHAT_RESET_KEPT + "\n")
            return False
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    out.write(texts.CLI_CHAT_RESET_DONE.format(path=path, files=settings.chat_files_dir) + "\n")
    return True


async def cmd_chat(settings: Settings, admin: bool, reset: bool = False) -> int:
    """`chat [--admin] [--reset]`: the offline conversation on the local Bot API, on the demo database."""
    interactive = sys.stdin.isatty()
    if reset and not reset_chat_database(settings, interactive, sys.stdin, sys.stdout):
        return 1
    # a line at once, before aiogram loads: on the terminal the introduction, piped a note on stderr
    from bot.chat import intro, run_chat

    if interactive:
        sys.stdout.write(intro(settings, admin) + texts.CLI_STARTING + "\n")
        sys.stdout.flush()
    else:
        sys.stderr.write(texts.CLI_STARTING + "\n")
        sys.stderr.flush()
    return await run_chat(
        chat_settings(settings), admin=admin, stdin=sys.stdin, out=sys.stdout, interactive=interactive
    )


# ---------------------------------------------------------------------------- failures, in one line


def display_url(url: str) -> str:
    """DATABASE_URL without its password."""
    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)


def _secrets_of(settings: Settings | None) -> list[str]:
    found: list[str] = []
    if settings is None:
        return found
    for name in ("bot_token", "webhook_secret"):
        value = getattr(settings, name, None)
        secret = value.get_secret_value() if value is not None and hasattr(value, "get_secret_value") else None
        if secret:
            found.append(secret)
            if name == "bot_token" and ":" in secret:
                found.append(secret.split(":", 1)[1])
    return found


def _clean(text: str, *secrets: str) -> str:
    """One line, short, with every secret replaced."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    text = re.sub(r"/bot[^/\s]+/", "/bot***/", text)  # a Bot API URL carries the token
    text = re.sub(r"(://[^:/@\s]*:)[^@/\s]*@", r"\1***@", text)  # and a database URL its password
    text = " ".join(text.split())
    return text if len(text) <= 300 else text[:297] + "…"


def _cause(exc: BaseException, *secrets: str) -> str:
    message = str(exc)
    return _clean(f"{type(exc).__name__}: {message}" if message else type(exc).__name__, *secrets)


def _innermost_library(exc: BaseException) -> str:
    """The module of the innermost frame outside the standard library where EXC was raised."""
    tb = exc.__traceback__
    name = ""
    while tb is not None:
        module = str(tb.tb_frame.f_globals.get("__name__", ""))
        if module.split(".")[0] not in sys.stdlib_module_names:
            name = module
        tb = tb.tb_next
    return name


_DB_MODULES = ("sqlalchemy", "asyncpg", "aiosqlite", "alembic", "bot.db", "sqlite3", "psycopg")


def _is_database_failure(exc: BaseException) -> bool:
    sqla = sys.modules.get("sqlalchemy.exc")
    if sqla is not None and isinstance(exc, sqla.SQLAlchemyError):
        return True
    if isinstance(exc, ModuleNotFoundError) and exc.name in {"MySQLdb", "pymysql", "psycopg2", "cx_Oracle"}:
        return True
    asyncpg = sys.modules.get("asyncpg")
    if asyncpg is not None and isinstance(exc, asyncpg.PostgresError):
        return True
    return _innermost_library(exc).startswith(_DB_MODULES)


def describe_database_failure(exc: BaseException, url: str) -> str:
    """The one line for a database that cannot be opened."""
    orig = getattr(exc, "orig", None)
    cause = "database cannot be opened: " + _cause(orig if isinstance(orig, BaseException) else exc)
    scheme = url.split(":", 1)[0].lower()
    path = _sqlite_path(url) if scheme.startswith("sqlite") else None
    if not (scheme.startswith("sqlite") or scheme.startswith("postgresql")) or type(exc).__name__ in {
        "ArgumentError",
        "NoSuchModuleError",
    }:
        hint = texts.CLI_DB_HINT_SCHEME
    elif path is not None and path.is_dir():
        hint = texts.CLI_DB_HINT_IS_DIR.format(path=path)
    elif path is not None and not path.parent.is_dir():
        missing = next((p for p in reversed(path.parents) if not p.is_dir()), path.parent)
        template = texts.CLI_DB_HINT_FILE_IN_PATH if missing.exists() else texts.CLI_DB_HINT_NO_DIR
        hint = template.format(path=missing)
    elif scheme.startswith("postgresql"):
        hint = texts.CLI_DB_HINT_PG
    else:
        hint = texts.CLI_DB_HINT_SQLITE
    return texts.CLI_DB_FAILED.format(url=display_url(url), hint=hint, cause=cause)


_NETWORK_ERRNOS = {
    errno.ECONNREFUSED,
    errno.ECONNRESET,
    errno.EHOSTUNREACH,
    errno.ENETUNREACH,
    errno.ETIMEDOUT,
}


def describe_failure(exc: BaseException, settings: Settings | None, database_url: str | None = None) -> str:
    """The one line to show for EXC: what to do in Vietnamese, then the English cause. Never the token."""
    if isinstance(exc, StartupFailure):
        return str(exc)
    secrets = _secrets_of(settings)
    base = settings.telegram_api_base if settings is not None else "https://api.telegram.org"
    host = urlsplit(base).netloc or base
    url = database_url or (settings.database_url if settings is not None else "")
    if _is_database_failure(exc):
        return describe_database_failure(exc, url)
    if isinstance(exc, OSError) and exc.errno in {errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL}:
        bound = re.search(r"\(['\"]?([^'\",]*)['\"]?, (\d+)\)", str(exc))
        port = bound.group(2) if bound else "?"
        setting = next(
            (name for name, _, p in _ports(settings) if str(p) == port), "WEBHOOK_PORT"
        ) if settings is not None else "WEBHOOK_PORT"
        return str(_port_failure(exc, setting, bound.group(1) if bound else "", port))
    aiogram = sys.modules.get("aiogram.exceptions")
    if aiogram is not None:
        if isinstance(exc, aiogram.TelegramUnauthorizedError):
            return texts.CLI_TOKEN_REFUSED.format(cause="token rejected: 401 Unauthorized")
        if isinstance(exc, aiogram.TelegramNetworkError):
            return texts.CLI_NO_ROUTE.format(host=host, cause="no route to the Bot API: " + _cause(exc, *secrets))
        if isinstance(exc, aiogram.ClientDecodeError):
            return texts.CLI_NOT_BOT_API.format(base=base, cause="not a Bot API: the answer is not JSON")
        if isinstance(exc, aiogram.TelegramNotFound):
            return texts.CLI_NOT_BOT_API.format(base=base, cause="not a Bot API: 404 Not Found")
        if isinstance(exc, aiogram.TelegramBadRequest) and type(getattr(exc, "method", None)).__name__ == "SetWebhook":
            return texts.CLI_WEBHOOK_REFUSED.format(
                url=settings.webhook_url if settings is not None else "",
                cause="setWebhook refused: " + _clean(str(getattr(exc, "message", exc)), *secrets),
            )
    token_module = sys.modules.get("aiogram.utils.token")
    if token_module is not None and isinstance(exc, token_module.TokenValidationError):
        return texts.CLI_BAD_TOKEN.format(detail="refused by aiogram")
    aiohttp = sys.modules.get("aiohttp")
    if (
        (aiohttp is not None and isinstance(exc, aiohttp.ClientConnectionError))
        or isinstance(exc, socket.gaierror | TimeoutError)
        or (isinstance(exc, OSError) and exc.errno in _NETWORK_ERRNOS)
    ):
        return texts.CLI_NO_ROUTE.format(host=host, cause="no route to the Bot API: " + _cause(exc, *secrets))
    return texts.CLI_UNEXPECTED.format(cause=_cause(exc, *secrets))



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
