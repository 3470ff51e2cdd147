"""Implementations of the CLI commands (argument parsing lives in `bot.cli_args`, the rest of the command
line in `bot.__main__`).

Only the standard library is imported at module level: each command imports what it needs when it runs.
`parse` and `classify` load nothing but the parser or the classifier, the database commands load
SQLAlchemy, and only `run` and `chat` load aiogram (several seconds on a small machine).

`run` checks what an operator can get wrong before it starts (`check_run_settings`, then the ports, the
database and the Bot API), and `describe_failure` turns whatever still goes wrong into one line in
Vietnamese with the English cause after it, never showing the token.

By theme: `documents` (parse, radio, classify), `directives` (import, search, units, db), `office` (invite,
stats, export, officer, outbox), `running` (run, chat, the start-up checks), `failures` (one line for
whatever goes wrong), with `base` and `files` shared.
"""

from bot.commands.base import StartupFailure
from bot.commands.directives import cmd_db_upgrade, cmd_import, cmd_search, cmd_units
from bot.commands.documents import cmd_classify, cmd_parse, cmd_radio
from bot.commands.failures import describe_database_failure, describe_failure, display_url
from bot.commands.files import NamedFile, expand_files
from bot.commands.office import cmd_export, cmd_invite, cmd_officer, cmd_outbox, cmd_stats
from bot.commands.running import (
    chat_settings,
    check_bot_api,
    check_ports,
    check_run_settings,
    cmd_chat,
    cmd_run,
    reset_chat_database,
)

__all__ = [
    "NamedFile",
    "StartupFailure",
    "chat_settings",
    "check_bot_api",
    "check_ports",
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
    "describe_database_failure",
    "describe_failure",
    "display_url",
    "expand_files",
    "reset_chat_database",
]
