"""The Discord adapter: `/osi` with autocomplete, mentions, DMs, embeds and buttons.

Imported only by `osi-bot discord`; importing it reads no settings and opens no connection.
"""

from bot.adapters.discord.runner import run

__all__ = ["run"]
