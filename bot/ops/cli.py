"""`python -m bot backup -o FILE` and `python -m bot restore FILE [--force]` (argument parsing lives in
`bot.__main__`). Messages in Vietnamese; exit status 0 on success, 1 on a refusal or a failure, with one
line on stderr and no traceback. Neither imports aiogram."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from bot import texts
from bot.config import Settings
from bot.ops.backup import BackupError, backup, describe_counts, human_size, restore

__all__ = ["cmd_backup", "cmd_restore"]


async def cmd_backup(
    settings: Settings, output: str | Path, out: TextIO = sys.stdout, err: TextIO = sys.stderr
) -> int:
    """`backup -o FILE`: a consistent copy of DATABASE_URL, taken while the bot runs."""
    try:
        result = await backup(settings, Path(output))
    except BackupError as exc:
        err.write(f"{exc}\n")
        return 1
    out.write(
        texts.BACKUP_DONE.format(path=result.path, size=human_size(result.size), seconds=result.seconds)
        + "\n"
    )
    return 0


async def cmd_restore(
    settings: Settings,
    file: str | Path,
    force: bool = False,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """`restore FILE [--force]`: the backup back into DATABASE_URL (empty unless forced), then migrated."""
    try:
        result = await restore(settings, Path(file), force=force)
    except BackupError as exc:
        err.write(f"{exc}\n")
        return 1
    if result.safety_copy is not None:
        out.write(texts.RESTORE_SAFETY_COPY.format(path=result.safety_copy) + "\n")
    out.write(texts.RESTORE_DONE.format(path=result.path, tables=describe_counts(result.counts)) + "\n")
    return 0
