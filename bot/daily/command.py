"""`osi-bot daily show` and `osi-bot daily post`: preview a day, or post it once and exit."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

from bot.daily.render_text import daily_record, daily_text
from bot.daily.rotation import daily_post
from bot.daily.schedule import schedule_from_env

if TYPE_CHECKING:
    import argparse

    from bot.knowledge import Knowledge

__all__ = ["run_daily_command"]


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
    from bot.daily.one_shot import post_once  # noqa: PLC0415 - imports a platform library

    return post_once(knowledge, args.platform, day, schedule)
