"""Running the Discord bot: log in, register `/osi` where asked, then stay connected.

While it runs, the layer of the day is posted on schedule when DISCORD_DAILY_CHANNEL is set.

Reconnects, resumes and rate limits are discord.py's job; this module only turns the
failures a person can fix (a bad token, a server the bot is not in, a bot that has grown
past one shard) into a `ConfigError` naming the setting.
"""

from __future__ import annotations

import asyncio
import logging
import os
from contextlib import nullcontext
from typing import TYPE_CHECKING, Any

import discord

from bot.adapters.discord.client import build_client
from bot.adapters.discord.daily import discord_sender
from bot.adapters.discord.settings import GUILD_ID, SHARD_COUNT, TOKEN, load_settings
from bot.daily.channels import DISCORD_DAILY_CHANNEL
from bot.daily.job import DailySetup
from bot.errors import ConfigError

if TYPE_CHECKING:
    from discord import app_commands

    from bot.adapters.discord.client import OsiClient
    from bot.adapters.discord.settings import Settings
    from bot.daily.clock import Clock
    from bot.daily.job import DailyJob
    from bot.knowledge import Knowledge

__all__ = ["run", "serve", "sync_commands"]

log = logging.getLogger(__name__)

_AUTHENTICATION_FAILED = 4004  # gateway close codes a person can act on
_SHARDING_REQUIRED = 4011


def run(knowledge: Knowledge, *, sync: bool) -> int:
    """`osi-bot discord [--sync]`: read the settings, then run until interrupted."""
    settings = load_settings(os.environ)
    daily = DailySetup.from_env(DISCORD_DAILY_CHANNEL, os.environ)
    discord.utils.setup_logging(level=logging.INFO)
    # The bot never joins voice; the missing voice libraries are not worth a warning.
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
    asyncio.run(serve(build_client(knowledge, settings), settings, sync=sync, daily=daily))
    return 0


async def serve(
    client: OsiClient,
    settings: Settings,
    *,
    sync: bool,
    daily: DailySetup | None = None,
    clock: Clock | None = None,
) -> None:
    """Log in, sync commands (globally if `sync`, to `settings.guild_id` if set), connect.

    Args:
        daily: the layer of the day's settings; it is posted while the bot runs.
        clock: the layer of the day's time (tests pass one that needs no waiting).
    """
    async with client:
        try:
            await client.login(settings.token)
        except discord.LoginFailure:
            raise ConfigError(
                TOKEN, f"Discord rejected {TOKEN}; copy it again from your application's Bot page."
            ) from None
        await sync_commands(client.tree, guild_id=settings.guild_id, everywhere=sync)
        job = _daily_job(client, settings, daily, clock)
        shards = settings.shard_count or 1
        log.info("osi-bot connecting to Discord (shards: %s)", shards)
        # The post goes over REST, which works from login on, so the schedule (and a
        # catch-up post) does not wait for the gateway, and outlives its reconnects.
        async with job.scheduled() if job else nullcontext():
            try:
                await client.connect()
            except discord.ConnectionClosed as closed:
                raise _closed_error(closed) from None


def _daily_job(
    client: OsiClient, settings: Settings, daily: DailySetup | None, clock: Clock | None
) -> DailyJob | None:
    """The layer of the day for this process: only one process of a shard set posts it.

    The schedule is `bot.daily.posting.run_daily_loop`, as on Slack, not discord.py's
    `tasks.loop(time=...)`. That loop does resolve a zoned time afresh each day, so DST is
    fine, but it has no catch-up after downtime and no weekday rule; an error outside its
    short reconnect list (a 403 or 503 from Discord) ends it for good rather than being
    retried that day; and it reads the real clock, so it cannot be tested without waiting.
    """
    if daily is None:
        return None
    if settings.shard_ids is not None and 0 not in settings.shard_ids:
        # Like DMs, the post belongs to shard 0's process, so a shard set posts it once
        # even when its processes keep separate state directories.
        log.info("layer of the day: posted by the process that runs shard 0, not this one")
        return None
    return daily.job(
        client.knowledge, platform="discord", send=discord_sender(client.http), clock=clock
    )


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
