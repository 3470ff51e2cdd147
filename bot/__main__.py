"""The command line: `python -m bot …` (also installed as `loaxa`). No logic: argument parsing, settings,
logging, and one line for whatever fails (the parser itself is built in `bot.cli_args`).

Only the standard library and `bot.texts` are imported here. Settings (pydantic) are read once a command
needs them, and each command imports its own machinery (`bot.commands`), so `parse` starts in a fraction of
a second and the commands that don't talk to Telegram never load aiogram.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot import texts
from bot.cli_args import build_parser

if TYPE_CHECKING:
    from bot.config import Settings

__all__ = ["build_parser", "main"]

# ---------------------------------------------------------------------------- the parts of main()

_DOCUMENT_SUFFIXES = (".txt", ".docx", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".bmp")


def _looks_like_file(value: str) -> bool:
    return (
        any(sep in value for sep in ("/", "\\", "*", "?"))
        or value.lower().endswith(_DOCUMENT_SUFFIXES)
        or Path(value).is_file()
    )


def _split_targets(args: argparse.Namespace) -> None:
    """`import`: `--to` takes commune names (repeated, or comma-separated); file names after it are files."""
    targets: list[str] = []
    for value in args.to or []:
        if _looks_like_file(value):
            args.files.append(value)
            continue
        targets.extend(part.strip() for part in value.split(",") if part.strip())
    args.to = targets or ["all"]


def _configure_logging(verbose: bool, log_file: Path | None = None) -> Callable[[], int]:
    """Log lines go to stderr (WARNING, INFO with -v), or to LOG_FILE (`chat`: never into the
    conversation). Returns how many warnings were logged."""
    counter = _Counter()
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    if log_file is not None:
        sink: logging.Handler
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            sink = logging.FileHandler(log_file, encoding="utf-8")
        except OSError:
            sink = logging.NullHandler()
        sink.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(sink)
        if verbose:
            root.addHandler(logging.StreamHandler(sys.stderr))
        root.setLevel(logging.INFO)
    else:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(stream)
        root.setLevel(logging.INFO if verbose else logging.WARNING)
    root.addHandler(counter)
    return lambda: counter.count


def _settings_logging(settings: Settings, verbose: bool, *, service: bool = False) -> None:
    """Once the settings are read: LOG_FORMAT, LOG_LEVEL and the filter that keeps the token and other
    secrets out of every log line (bot.ops.logs); `service` is the running bot's level (INFO)."""
    try:
        from bot.ops.logs import configure_logging
    except ImportError:  # pragma: no cover - the operations package is part of the project
        return
    configure_logging(settings, verbose, service=service)


def _redact_chat_log() -> None:
    try:
        from bot.ops.logs import install_redaction
    except ImportError:  # pragma: no cover
        return
    install_redaction()


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _load_settings() -> Settings:
    """Settings from the environment and .env; an invalid value is one line naming the variable."""
    from pydantic import ValidationError

    from bot.config import Settings

    try:
        return Settings()
    except ValidationError as exc:
        names = []
        causes = []
        for error in exc.errors(include_url=False, include_input=False):
            name = str(error["loc"][0]).upper() if error.get("loc") else "?"
            names.append(name)
            causes.append(f"{name}: {error['msg']}")
        raise _Exit(
            texts.CLI_BAD_SETTINGS.format(
                names=", ".join(dict.fromkeys(names)), cause="invalid setting " + "; ".join(causes)
            ),
            2,
        ) from exc


class _Exit(Exception):
    def __init__(self, line: str, status: int = 1) -> None:
        super().__init__(line)
        self.line = line
        self.status = status


def _run(args: argparse.Namespace, state: dict[str, Any]) -> int:
    import asyncio

    from bot import commands

    def run(coro: Coroutine[Any, Any, int]) -> int:
        """asyncio.run, except that a failure silences the process's last words (see `_quiet_exit`)
        before the event loop closes, not after: a database driver's thread may find it closed."""
        runner = asyncio.Runner()
        try:
            return runner.run(coro)
        except (Exception, KeyboardInterrupt) as exc:
            if not args.verbose and not isinstance(exc, _Exit):
                _quiet_exit()
            raise
        finally:
            runner.close()

    name = args.command
    if name == "parse":
        return commands.cmd_parse(args.files, args.json)
    if name == "classify":
        return commands.cmd_classify(sys.stdin, sys.stdout)
    if (
        name == "stats" and not args.json
    ):  # the table's heading at once: reading settings and the database takes a while
        sys.stdout.write(texts.CLI_STATS_HEADER + "\n")
        sys.stdout.flush()
    settings = state["settings"] = _load_settings()
    if name == "chat":
        state["database_url"] = settings.chat_database_url
        state["warnings"] = _configure_logging(args.verbose, settings.chat_log)
        state["chat_log"] = settings.chat_log
        _redact_chat_log()
        return run(commands.cmd_chat(settings, args.admin, args.reset))
    if name == "run":
        problem = commands.check_run_settings(settings)  # before anything heavy is loaded
        if problem:
            raise _Exit(problem, 2)
    # quiet while `run` checks what it needs (a failure is one line), the bot's own level once it starts
    _settings_logging(settings, args.verbose)
    if name == "run":
        return run(
            commands.cmd_run(settings, ready=lambda: _settings_logging(settings, args.verbose, service=True))
        )
    if name == "radio":
        return commands.cmd_radio(settings.province, args.files, args.unit, args.json, args.full)
    if name == "import":
        _split_targets(args)
        if not args.files:
            raise _Exit("python -m bot import: lỗi: thiếu tham số bắt buộc: TỆP", 2)
        return run(commands.cmd_import(settings, args.files, args.publish, args.to))
    if name == "db":
        return run(commands.cmd_db_upgrade(settings))
    if name == "units":
        return run(commands.cmd_units(settings, args.json))
    if name == "search":
        return run(commands.cmd_search(settings, " ".join(args.query), args.json, args.limit))
    if name == "invite":
        return run(commands.cmd_invite(settings, " ".join(args.unit), args.role, args.json, args.output))
    if name == "stats":
        return run(commands.cmd_stats(settings, args.json, header=False))
    if name == "export":
        if args.start and args.end and args.start > args.end:
            raise _Exit("python -m bot export: lỗi: --from phải trước --to", 2)
        return run(
            commands.cmd_export(settings, args.format, args.output, args.start, args.end, args.directive)
        )
    if name == "outbox":
        return run(commands.cmd_outbox(settings, args.retry_failed, args.json))
    if name == "backup":
        from bot.ops.cli import cmd_backup

        return run(cmd_backup(settings, args.output))
    if name == "restore":
        from bot.ops.cli import cmd_restore

        return run(cmd_restore(settings, args.file, args.force))
    if name == "officer":
        return run(commands.cmd_officer(settings, args.action == "activate", " ".join(args.who)))
    raise _Exit(f"unknown command {name}", 2)


def _quiet_exit() -> None:
    """Once a failure is to be told in one line: nothing more on the screen while the process winds
    down (unclosed sessions, tasks destroyed pending, exceptions ignored in finalizers, a database driver's
    thread finding its event loop closed)."""
    import threading

    logging.disable(logging.CRITICAL)
    sys.unraisablehook = lambda _unraisable: None
    threading.excepthook = lambda _args: None


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr, sys.stdin):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    verbose = args.verbose = bool(getattr(args, "verbose", False))
    _configure_logging(verbose)
    state: dict[str, Any] = {}
    try:
        status = _run(args, state)
    except _Exit as exc:
        print(exc.line, file=sys.stderr)
        return exc.status
    except KeyboardInterrupt:
        print(texts.CLI_INTERRUPTED, file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`… | head`): nothing more to say, to anyone
        import os

        _quiet_exit()
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:
        from bot.commands import describe_failure

        if verbose:
            traceback.print_exc()
        else:
            _quiet_exit()
        line = describe_failure(exc, state.get("settings"), state.get("database_url"))
        print(line, file=sys.stderr)
        sys.stderr.flush()
        return 1
    warnings = state.get("warnings")
    if warnings is not None and warnings():
        print(texts.CLI_CHAT_WARNINGS.format(n=warnings(), log=state["chat_log"]), file=sys.stderr)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
