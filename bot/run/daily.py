"""`osi-bot daily show` and `osi-bot daily post`: preview a day, or post it once and exit.

Made for a CronJob or a manual run. The ledger makes a second run (or a running bot that
shares OSI_STATE_DIR or OSI_REDIS_URL) post nothing new; a post the platform refused is not
recorded, so the next run posts it. Only the chosen platform's library is imported.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING

from bot.daily.clock import SystemClock
from bot.daily.job import DailyJob, PostRefusedError, open_ledger
from bot.daily.posting import Outcome, PostResult
from bot.daily.render_text import daily_record, daily_text
from bot.daily.rotation import daily_post
from bot.daily.schedule import WEEKDAYS_ONLY, DailySchedule
from bot.daily.settings import DailySettings
from bot.errors import ConfigError
from bot.ops.env import not_set
from bot.ops.platform import Platform
from bot.ops.shared_state import SharedStateSettings, open_shared_state
from bot.render.stack import use_colour

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from contextlib import AbstractAsyncContextManager
    from datetime import date

    from bot.core.knowledge import Knowledge
    from bot.daily.clock import Clock
    from bot.daily.job import PostSender
    from bot.daily.posting import FindPost
    from bot.ops.shared_state import SharedState

    OpenSender = Callable[[], AbstractAsyncContextManager[tuple[PostSender, FindPost]]]

__all__ = ["post_once", "run_daily_command"]


def _slack(environ: Mapping[str, str], base_url: str | None) -> OpenSender:
    from bot.adapters.slack.daily import one_shot_sender  # noqa: PLC0415 - only for Slack
    from bot.adapters.slack.settings import SlackSettings  # noqa: PLC0415

    settings = SlackSettings.posting_from_env(environ)
    url = base_url or settings.api_url
    return lambda: one_shot_sender(settings.bot_token, base_url=url)


def _discord(environ: Mapping[str, str]) -> OpenSender:
    from bot.adapters.discord.daily import one_shot_sender  # noqa: PLC0415 - only for Discord
    from bot.adapters.discord.settings import DiscordSettings  # noqa: PLC0415

    settings = DiscordSettings.posting_from_env(environ)
    return lambda: one_shot_sender(settings.token)


async def _post(
    job_for: Callable[[PostSender, FindPost], DailyJob],
    open_sender: OpenSender,
    day: date,
    channels: tuple[str, ...],
    shared: SharedState | None,
) -> list[PostResult]:
    async with AsyncExitStack() as stack:
        if shared is not None:
            stack.push_async_callback(shared.close)
        try:
            send, find = await stack.enter_async_context(open_sender())
        except PostRefusedError as error:
            # Discord logs in before posting: unreachable, it is every channel's failure,
            # reported per channel like any other (nothing was claimed, so nothing to undo).
            return [PostResult(channel, Outcome.FAILED, str(error)) for channel in channels]
        return await job_for(send, find).post(day)


def _line(platform: Platform, day: date, result: PostResult) -> str:
    line = f"{platform} {result.channel} {day.isoformat()}: {result.outcome}"
    if result.outcome is Outcome.POSTED and result.detail:
        return f"{line} (message {result.detail})"
    return f"{line}: {result.detail}" if result.detail else line


def post_once(
    knowledge: Knowledge,
    platform: Platform,
    day: date,
    schedule: DailySchedule,
    *,
    env: Mapping[str, str] | None = None,
    slack_base_url: str | None = None,
) -> int:
    """Post `day`'s layer to every channel in the platform's daily-channel setting.

    Prints one line per channel. Returns 0 when every channel has the post (now or from an
    earlier run), 1 when any post was refused or is still in another poster's hands.

    Args:
        env: the settings (default: the environment).
        slack_base_url: Slack's Web API address (tests point it at a local fake).

    Raises:
        ConfigError: a token or channel setting is missing or malformed (checked in that
            order, before anything is sent), the state directory is unusable, or Discord
            rejected the token.
    """
    env = os.environ if env is None else env
    open_sender = _slack(env, slack_base_url) if platform is Platform.SLACK else _discord(env)
    settings = DailySettings.from_env(env, platform)
    if not settings.channels:
        expected = "the ID of the channel to post the layer of the day to (several: commas)"
        raise ConfigError(settings.variable, not_set(settings.variable, expected))
    shared = open_shared_state(SharedStateSettings.from_env(env))
    ledger = open_ledger(settings.state_dir, shared)

    def job_for(send: PostSender, find: FindPost) -> DailyJob:
        return DailyJob(
            knowledge,
            platform=platform,
            channels=settings.channels,
            schedule=schedule,
            ledger=ledger,
            send=send,
            find=find,
        )

    results = asyncio.run(_post(job_for, open_sender, day, settings.channels, shared))
    for result in results:
        sys.stdout.write(_line(platform, day, result) + "\n")
    return 0 if all(result.outcome.done for result in results) else 1


def run_daily_command(
    knowledge: Knowledge,
    command: str,
    *,
    day: date | None = None,
    platform: Platform | None = None,
    as_json: bool = False,
    environ: Mapping[str, str] | None = None,
    clock: Clock | None = None,
) -> int:
    """`daily show` (print `day`'s post) or `daily post` (post it once to `platform`).

    Args:
        day: the day to show or post (default: today in OSI_TIMEZONE, by `clock`).
        clock: what "today" is read from (default: the system clock).
    """
    environ = os.environ if environ is None else environ
    schedule = DailySchedule.from_env(environ)
    day = day or schedule.local_date((clock or SystemClock()).now())
    posting_day = schedule.is_posting_day(day)
    not_posting = f"{day.isoformat()} is not a posting day ({WEEKDAYS_ONLY})"
    if command == "show":
        post = daily_post(knowledge, day, weekdays_only=schedule.weekdays_only)
        if as_json:
            record = {**daily_record(post), "posting_day": posting_day}
            print(json.dumps(record, ensure_ascii=False))
        else:
            text = daily_text(post, colour=use_colour(sys.stdout, environ))
            print(text if posting_day else f"{not_posting}; no post is made.")
        return 0
    if not posting_day:
        # A CronJob may run every day; with weekdays only, a weekend run has nothing to post,
        # and a weekend --date must not post Monday's lesson under Saturday's date.
        print(f"{not_posting}: nothing posted.")
        return 0
    if platform is None:
        raise ValueError("posting needs a platform")
    return post_once(knowledge, platform, day, schedule, env=environ)
