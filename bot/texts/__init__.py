"""Every user-facing text, in Vietnamese. HTML parse mode: placeholders are filled with escaped values
(the command line's texts are plain).

One module per audience, all re-exported here, so `from bot import texts; texts.X` reads them all:
`officer` (commands, registration, help, the week, search, pushes, bad input), `reports` (report-back),
`admin` (statistics, invites, the office's desk, the report upward), `desk` (the publishing desk),
`ops` (backups, restore, health) and `cli` (the command line).
"""

from bot.texts.admin import *
from bot.texts.cli import *
from bot.texts.desk import *
from bot.texts.officer import *
from bot.texts.ops import *
from bot.texts.reports import *
