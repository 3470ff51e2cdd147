"""The files named on the command line: patterns the shell left, names that match nothing, output files (-o).
"""

from __future__ import annotations

import glob
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot import texts

if TYPE_CHECKING:
    pass
from bot.commands.base import StartupFailure, _cause

_GLOB_CHARS = re.compile(r"[*?\[]")


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
