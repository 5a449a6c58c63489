"""Running the Discord bot: log in, register `/osi` where asked, then stay connected.

While it runs, the layer of the day is posted on schedule when DISCORD_DAILY_CHANNEL is set,
the knowledge is reloaded when its file changes, and answers are counted for /metrics.
SIGTERM (Kubernetes) and Ctrl-C stop the schedule, let answers on their way finish, then
disconnect; the process exits 0.

Reconnects, resumes and rate limits are discord.py's job; this module only turns the
failures a person can fix (a bad token, a server the bot is not in, a bot that has grown
past one shard) into a `ConfigError` naming the setting, and a Discord it cannot reach
while starting (the network down, DNS failing, Discord's API failing) into a
`DiscordUnreachableError`: one sentence and exit status 1, not a traceback.
"""

from __future__ import annotations

import asyncio
import logging
import os
from contextlib import nullcontext, suppress
from typing import TYPE_CHECKING

import aiohttp
import discord

from bot.adapters.discord.client import build_client
from bot.adapters.discord.commands import sync_commands
from bot.adapters.discord.daily import discord_finder, discord_sender
from bot.adapters.discord.settings import SHARD_COUNT, TOKEN, DiscordSettings
from bot.core.answering import answer
from bot.errors import ConfigError, OsiBotError, describe_failure
from bot.ops.in_flight import SHUTDOWN_GRACE_SECONDS
from bot.ops.logs import configure_logging
from bot.ops.observed import observed
from bot.ops.platform import Platform
from bot.ops.running import operating
from bot.ops.settings import OpsSettings
from bot.run.parts import PartSettings

if TYPE_CHECKING:
    from collections.abc import Mapping

    from bot.adapters.discord.client import OsiClient
    from bot.core.knowledge import Knowledge
    from bot.core.model import Answer
    from bot.daily.clock import Clock
    from bot.daily.job import DailyJob, DailySetup
    from bot.ops.feedback import Feedback
    from bot.ops.knowledge_holder import KnowledgeHolder
    from bot.ops.knowledge_settings import KnowledgeSettings
    from bot.ops.metrics import Metrics
    from bot.ops.shared_state import SharedState

__all__ = ["DiscordUnreachableError", "run", "serve", "sync_commands"]

log = logging.getLogger(__name__)

_AUTHENTICATION_FAILED = 4004  # gateway close codes a person can act on
_SHARDING_REQUIRED = 4011
_GATEWAY_CLOSE_SECONDS = 5.0
# What a Discord out of reach raises: a refused or timed-out connection, a failed DNS look-up
# (OSError, aiohttp's errors), or Discord's API failing after discord.py's own retries.
_UNREACHABLE = (OSError, aiohttp.ClientError, discord.DiscordServerError)


class DiscordUnreachableError(OsiBotError):
    """Discord could not be reached while the bot was starting."""


def run(
    knowledge: Knowledge,
    files: KnowledgeSettings,
    *,
    sync: bool,
    environ: Mapping[str, str] | None = None,
) -> int:
    """`osi-bot discord [--sync]`: read the settings, then run until SIGTERM or Ctrl-C.

    Args:
        files: where `knowledge` came from; that file is watched and reloaded.
    """
    environ = os.environ if environ is None else environ
    settings = DiscordSettings.from_env(environ)
    ops = OpsSettings.from_env(environ)
    part_settings = PartSettings.from_env(environ, Platform.DISCORD)
    configure_logging(ops, secrets=[settings.token])
    # The bot never joins voice; the missing voice libraries are not worth a warning.
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
    parts = part_settings.open(knowledge, files, ops)
    asyncio.run(
        _operate(
            settings,
            ops,
            parts.holder,
            parts.metrics,
            parts.daily,
            shared=parts.shared,
            sync=sync,
            feedback=parts.feedback,
        )
    )
    return 0


async def _operate(
    settings: DiscordSettings,
    ops: OpsSettings,
    holder: KnowledgeHolder,
    metrics: Metrics,
    daily: DailySetup,
    *,
    shared: SharedState | None,
    sync: bool,
    feedback: Feedback,
) -> None:
    """`serve`, with health checks, knowledge reloads and signals around it."""

    def answer_now(question: str) -> Answer:
        return answer(holder.get(), question)

    ask = observed(
        answer_now,
        platform=Platform.DISCORD,
        metrics=metrics,
        log_unknown=ops.log_unknown_questions,
        feedback=feedback,
    )
    client = build_client(holder.get, settings, ask=ask, feedback=feedback)
    async with operating(holder, ops, metrics, client.is_connected, shared) as stop:
        await serve(client, settings, sync=sync, daily=daily, stop=stop, metrics=metrics)


async def serve(
    client: OsiClient,
    settings: DiscordSettings,
    *,
    sync: bool,
    daily: DailySetup | None = None,
    clock: Clock | None = None,
    stop: asyncio.Event | None = None,
    metrics: Metrics | None = None,
) -> None:
    """Log in, sync commands (globally if `sync`, to `settings.guild_id` if set), connect.

    Runs until the client is closed or `stop` is set; then answers on their way are given
    a few seconds to be sent before the connection closes.

    Args:
        daily: the layer of the day's settings; it is posted while the bot runs.
        clock: the layer of the day's time (tests pass one that needs no waiting).
        stop: set to shut down gracefully (SIGTERM).
        metrics: where the layer of the day's posts are counted.
    """
    async with client:
        try:
            await client.login(settings.token)
            await sync_commands(client.tree, guild_id=settings.guild_id, everywhere=sync)
        except discord.LoginFailure:
            raise ConfigError(
                TOKEN, f"Discord rejected {TOKEN}; copy it again from your application's Bot page."
            ) from None
        except _UNREACHABLE as error:
            raise _unreachable(error) from None
        job = _daily_job(client, settings, daily, clock, metrics)
        shards = settings.shard_count or 1
        log.info("osi-bot connecting to Discord (shards: %s)", shards)
        gateway = asyncio.create_task(client.connect(), name="discord gateway")
        try:
            # The post goes over REST, which works from login on, so the schedule (and a
            # catch-up post) does not wait for the gateway, and outlives its reconnects.
            async with job.scheduled() if job else nullcontext():
                await _until_closed_or_stopped(gateway, stop)
            if not await client.answering.idle(SHUTDOWN_GRACE_SECONDS):
                log.warning("Stopped with %d answers still being sent", len(client.answering))
            await client.feedback.writing.idle(SHUTDOWN_GRACE_SECONDS)
        finally:
            await client.close()
            try:
                # Closing ends the connection at once, unless discord.py is sleeping before
                # a reconnect (up to minutes): then stop waiting for it.
                await asyncio.wait_for(gateway, _GATEWAY_CLOSE_SECONDS)
            except TimeoutError:
                log.warning("the gateway connection did not end in time; stopped waiting")
            except discord.ConnectionClosed as closed:
                raise _closed_error(closed) from None
            except _UNREACHABLE as error:  # asking how many shards to run, before connecting
                raise _unreachable(error) from None


async def _until_closed_or_stopped(gateway: asyncio.Task[None], stop: asyncio.Event | None) -> None:
    """Return when the gateway connection ends for good, or when `stop` is set."""
    if stop is None:
        await asyncio.wait({gateway})
        return
    stopping = asyncio.create_task(stop.wait(), name="waiting for SIGTERM")
    try:
        await asyncio.wait({gateway, stopping}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopping.cancel()
        with suppress(asyncio.CancelledError):
            await stopping


def _daily_job(
    client: OsiClient,
    settings: DiscordSettings,
    daily: DailySetup | None,
    clock: Clock | None,
    metrics: Metrics | None,
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
        lambda: client.knowledge,
        platform=Platform.DISCORD,
        send=discord_sender(client.http),
        # Logged in by now, so the bot's own user is known.
        find=discord_finder(client.http, client.user.id) if client.user else None,
        clock=clock,
        record=metrics.record_daily if metrics else None,
    )


def _unreachable(error: BaseException) -> DiscordUnreachableError:
    message = f"Cannot reach Discord ({describe_failure(error)}); check the network."
    return DiscordUnreachableError(message)


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
