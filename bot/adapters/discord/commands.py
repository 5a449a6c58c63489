"""The `/osi` application command: its autocomplete, registering it, replying to interactions."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.adapters.discord.replies import APOLOGY
from bot.adapters.discord.settings import GUILD_ID
from bot.adapters.discord.views import sendable
from bot.core.completion import MAX_CHOICE_LENGTH
from bot.core.text import MAX_QUESTION_CHARS
from bot.errors import ConfigError

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Sequence

    from bot.adapters.discord.replies import Reply

__all__ = [
    "MAX_CHOICES",
    "WHICH_LAYER_MENU",
    "OsiTree",
    "apologize",
    "osi_command",
    "send_reply",
    "sync_commands",
    "which_layer_menu",
]

log = logging.getLogger(__name__)

MAX_CHOICES = 25  # Discord's limit for autocomplete choices
_DESCRIPTION = "Which OSI layer does a Kubernetes networking tool or concept work at?"
_QUERY_DESCRIPTION = "A tool, concept or layer: metallb, sticky sessions, layer 4, help"

WHICH_LAYER_MENU = "Which OSI layer?"  # a message's Apps menu

# discord.py resolves the callback's annotations from this module's globals.
_Query = app_commands.Range[str, 1, MAX_QUESTION_CHARS]


class OsiTree(app_commands.CommandTree[Any]):
    """A command tree whose failures become a logged error and a short apology."""

    async def on_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        command = interaction.command.qualified_name if interaction.command else "?"
        log.error("/%s failed", command, exc_info=error)
        await apologize(interaction)


def osi_command(
    on_query: Callable[[discord.Interaction[Any], str], Awaitable[None]],
    complete: Callable[[str], Sequence[str]],
) -> app_commands.Command[Any, ..., None]:
    """`/osi query:<question>`: `on_query` answers it, `complete` ranks what is being typed."""

    @app_commands.command(name="osi", description=_DESCRIPTION)
    @app_commands.describe(query=_QUERY_DESCRIPTION)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=False)
    async def osi(interaction: discord.Interaction[Any], query: _Query) -> None:
        await on_query(interaction, query)

    @osi.autocomplete("query")
    async def _complete(
        _interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        try:
            names = complete(current)
        except Exception:
            # An autocomplete cannot show an apology; an empty list is the honest answer.
            log.exception("autocomplete failed for %r", current)
            return []
        fitting = [name for name in names if 0 < len(name) <= MAX_CHOICE_LENGTH]
        return [app_commands.Choice(name=name, value=name) for name in fitting[:MAX_CHOICES]]

    return osi


def which_layer_menu(
    on_message: Callable[[discord.Interaction[Any], discord.Message], Awaitable[None]],
) -> app_commands.ContextMenu:
    """A message's Apps -> "Which OSI layer?": `on_message` answers about its text."""

    async def which_layer(interaction: discord.Interaction[Any], message: discord.Message) -> None:
        await on_message(interaction, message)

    menu = app_commands.ContextMenu(name=WHICH_LAYER_MENU, callback=which_layer)
    return app_commands.allowed_contexts(guilds=True, dms=True, private_channels=False)(menu)


async def send_reply(
    interaction: discord.Interaction[Any], reply: Reply, *, private: bool = False
) -> None:
    """Answer an interaction: publicly when the reply is public, else (or when `private`)
    only to the asker."""
    await interaction.response.send_message(
        embed=reply.embed, view=sendable(reply.view), ephemeral=private or not reply.public
    )


async def apologize(interaction: discord.Interaction[Any]) -> None:
    """Tell the asker, privately, that answering failed; never raise while doing so."""
    # An autocomplete cannot carry a message, and an answered interaction takes no second one.
    if interaction.type is discord.InteractionType.autocomplete or interaction.response.is_done():
        return
    try:
        await interaction.response.send_message(APOLOGY, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not send the apology for interaction %s", interaction.id)


async def sync_commands(
    tree: app_commands.CommandTree[Any], *, guild_id: int | None, everywhere: bool
) -> None:
    """Register `/osi` and "Which OSI layer?" with Discord: everywhere on demand, or
    instantly in one server."""
    if everywhere:
        commands = await tree.sync()
        log.info(
            "registered %d command(s) globally; Discord may take a while to show them",
            len(commands),
        )
    if guild_id is None:
        return
    guild = discord.Object(id=guild_id)
    tree.copy_global_to(guild=guild)
    try:
        commands = await tree.sync(guild=guild)
    except discord.Forbidden:
        raise ConfigError(
            GUILD_ID,
            f"Discord refused to register /osi in server {guild_id} ({GUILD_ID}): invite the "
            "bot there with the applications.commands scope, or fix the server ID.",
        ) from None
    log.info("registered %d command(s) in server %s", len(commands), guild_id)
