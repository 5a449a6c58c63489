"""`osi-bot daily show` and `osi-bot daily post`: preview a day, or post it once and exit.

Made for a CronJob or a manual run. The ledger makes a second run (or a running bot that
shares OSI_STATE_DIR) post nothing new; a post the platform refused is not recorded, so
the next run posts it. Only the chosen platform's library is imported.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from datetime import datetime
from typing import TYPE_CHECKING

from bot.daily.channels import DISCORD_DAILY_CHANNEL, SLACK_DAILY_CHANNEL, channels_from_env
from bot.daily.job import DONE, DailyJob, open_ledger
from bot.daily.ledger import state_dir_from_env
from bot.daily.render_text import daily_record, daily_text
from bot.daily.rotation import daily_post
from bot.daily.schedule import schedule_from_env
from bot.errors import ConfigError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Mapping
    from contextlib import AbstractAsyncContextManager
    from datetime import date

    from bot.core.knowledge import Knowledge
    from bot.daily.job import PostSender
    from bot.daily.posting import PostResult
    from bot.daily.schedule import DailySchedule

    OpenSender = Callable[[], AbstractAsyncContextManager[PostSender]]

__all__ = ["post_once", "run_daily_command"]


def _slack(env: Mapping[str, str], base_url: str | None) -> OpenSender:
    from bot.adapters.slack.daily import one_shot_sender  # noqa: PLC0415 - only for Slack
    from bot.adapters.slack.settings import api_url_from_env, bot_token_from_env  # noqa: PLC0415

    token = bot_token_from_env(env)
    url = base_url or api_url_from_env(env)
    return lambda: one_shot_sender(token, base_url=url)


def _discord(env: Mapping[str, str]) -> OpenSender:
    from bot.adapters.discord.daily import one_shot_sender  # noqa: PLC0415 - only for Discord
    from bot.adapters.discord.settings import token_from_env  # noqa: PLC0415

    token = token_from_env(env)
    return lambda: one_shot_sender(token)


async def _post(
    job_for: Callable[[PostSender], DailyJob], open_sender: OpenSender, day: date
) -> list[PostResult]:
    async with open_sender() as send:
        return await job_for(send).post(day)


def _line(platform: str, day: date, result: PostResult) -> str:
    line = f"{platform} {result.channel} {day.isoformat()}: {result.outcome}"
    if result.outcome == "posted" and result.detail:
        return f"{line} (message {result.detail})"
    return f"{line}: {result.detail}" if result.detail else line


def post_once(
    knowledge: Knowledge,
    platform: str,
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
            order, before anything is sent), or the state directory is unusable.
        PostRefusedError: the platform could not be reached to log in.
    """
    env = os.environ if env is None else env
    if platform == "slack":
        open_sender, variable = _slack(env, slack_base_url), SLACK_DAILY_CHANNEL
    else:
        open_sender, variable = _discord(env), DISCORD_DAILY_CHANNEL
    channels = channels_from_env(variable, env)
    if not channels:
        raise ConfigError(
            variable,
            f"{variable} is not set; set it to the ID of the channel to post the layer of the "
            "day to (several separated by commas).",
        )
    ledger = open_ledger(state_dir_from_env(env))

    def job_for(send: PostSender) -> DailyJob:
        return DailyJob(
            knowledge,
            platform=platform,
            channels=channels,
            schedule=schedule,
            ledger=ledger,
            send=send,
        )

    results = asyncio.run(_post(job_for, open_sender, day))
    for result in results:
        sys.stdout.write(_line(platform, day, result) + "\n")
    return 0 if all(result.outcome in DONE for result in results) else 1


def run_daily_command(knowledge: Knowledge, args: argparse.Namespace) -> int:
    schedule = schedule_from_env()
    day = args.date or schedule.local_date(datetime.now(schedule.zone))
    posting_day = schedule.is_posting_day(day)
    not_posting = f"{day.isoformat()} is not a posting day (OSI_DAILY_WEEKDAYS_ONLY)"
    if args.daily_command == "show":
        post = daily_post(knowledge, day, weekdays_only=schedule.weekdays_only)
        if args.json:
            print(
                json.dumps({**daily_record(post), "posting_day": posting_day}, ensure_ascii=False)
            )
        else:
            print(daily_text(post) if posting_day else f"{not_posting}; no post is made.")
        return 0
    if not posting_day:
        # A CronJob may run every day; with weekdays only, a weekend run has nothing to post,
        # and a weekend --date must not post Monday's lesson under Saturday's date.
        print(f"{not_posting}: nothing posted.")
        return 0
    return post_once(knowledge, args.platform, day, schedule)
