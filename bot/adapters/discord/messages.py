"""Which messages the bot answers (mentions and DMs, never bots) and how it replies to them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.adapters.discord.views import sendable

if TYPE_CHECKING:
    from bot.adapters.discord.replies import Reply

__all__ = ["is_addressed_to", "send_reply_to"]

# Joins, pins, boosts and thread notices are messages too, but nobody asked anything.
_CONVERSATION = frozenset({discord.MessageType.default, discord.MessageType.reply})


def is_addressed_to(message: discord.Message, me: discord.abc.User | None) -> bool:
    """True for a person's direct message, or a person's message that mentions `me`."""
    if me is None or message.author.bot:  # other bots, and this bot's own messages
        return False
    if message.type not in _CONVERSATION:
        return False
    if message.guild is None:  # bots are never in group DMs, so this is a DM with the bot
        return True
    # A reply to the bot with "ping" on lists the bot in `mentions` too ("thanks!"); only
    # a mention written into the text asks it something.
    written = (f"<@{me.id}>", f"<@!{me.id}>")
    return any(user.id == me.id for user in message.mentions) and any(
        token in message.content for token in written
    )


async def send_reply_to(message: discord.Message, reply: Reply | str) -> None:
    """Reply to `message` in its channel; a deleted original does not stop the reply."""
    reference = message.to_reference(fail_if_not_exists=False)
    if isinstance(reply, str):
        await message.channel.send(reply, reference=reference)
        return
    await message.channel.send(embed=reply.embed, view=sendable(reply.view), reference=reference)
