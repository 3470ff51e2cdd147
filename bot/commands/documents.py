"""`parse`, `classify` and `radio`: documents and words, no database.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    pass
from bot.commands.base import _day, _dump, _unit_not_found
from bot.commands.files import expand_files

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
