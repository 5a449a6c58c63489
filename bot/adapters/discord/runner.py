"""Running the Discord bot: log in, register `/osi` where asked, then stay connected.

Reconnects, resumes and rate limits are discord.py's job; this module only turns the
failures a person can fix (a bad token, a server the bot is not in, a bot that has grown
past one shard) into a `ConfigError` naming the setting.
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import TYPE_CHECKING, Any

import discord

from bot.adapters.discord.client import build_client
from bot.adapters.discord.settings import GUILD_ID, SHARD_COUNT, TOKEN, load_settings
from bot.errors import ConfigError

if TYPE_CHECKING:
    from discord import app_commands

    from bot.adapters.discord.client import OsiClient
    from bot.adapters.discord.settings import Settings
    from bot.knowledge import Knowledge

__all__ = ["run", "serve", "sync_commands"]

log = logging.getLogger(__name__)

_AUTHENTICATION_FAILED = 4004  # gateway close codes a person can act on
_SHARDING_REQUIRED = 4011


def run(knowledge: Knowledge, *, sync: bool) -> int:
    """`osi-bot discord [--sync]`: read the settings, then run until interrupted."""
    settings = load_settings(os.environ)
    discord.utils.setup_logging(level=logging.INFO)
    # The bot never joins voice; the missing voice libraries are not worth a warning.
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
    asyncio.run(serve(build_client(knowledge, settings), settings, sync=sync))
    return 0


async def serve(client: OsiClient, settings: Settings, *, sync: bool) -> None:
    """Log in, sync commands (globally if `sync`, to `settings.guild_id` if set), connect."""
    async with client:
        try:
            await client.login(settings.token)
        except discord.LoginFailure:
            raise ConfigError(
                TOKEN, f"Discord rejected {TOKEN}; copy it again from your application's Bot page."
            ) from None
        await sync_commands(client.tree, guild_id=settings.guild_id, everywhere=sync)
        shards = settings.shard_count or 1
        log.info("osi-bot connecting to Discord (shards: %s)", shards)
        try:
            await client.connect()
        except discord.ConnectionClosed as closed:
            raise _closed_error(closed) from None


async def sync_commands(
    tree: app_commands.CommandTree[Any], *, guild_id: int | None, everywhere: bool
) -> None:
    """Register `/osi` with Discord: everywhere on demand, or instantly in one server."""
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


def _closed_error(closed: discord.ConnectionClosed) -> Exception:
    if closed.code == _AUTHENTICATION_FAILED:
        return ConfigError(TOKEN, f"Discord rejected {TOKEN} when connecting; copy it again.")
    if closed.code == _SHARDING_REQUIRED:
        return ConfigError(
            SHARD_COUNT,
            f"Discord requires this bot to shard (it is in 2,500 or more servers); "
            f"set {SHARD_COUNT}=auto.",
        )
    return closed
