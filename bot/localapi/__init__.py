"""A local stand-in for the Telegram Bot API on loopback (see `server.LocalBotAPI`)."""

from bot.localapi.faults import Fault, Limits, Network
from bot.localapi.server import LocalBotAPI
from bot.localapi.users import BotEvent

__all__ = ["BotEvent", "Fault", "Limits", "LocalBotAPI", "Network"]
