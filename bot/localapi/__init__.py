"""A local stand-in for the Telegram Bot API on loopback (see `server.LocalBotAPI`)."""

from bot.localapi.server import BotEvent, Fault, Limits, LocalBotAPI

__all__ = ["BotEvent", "Fault", "Limits", "LocalBotAPI"]
