"""Posting a day's layer to channels exactly once, and the in-process daily loop.

Platform code supplies `send` (render and post one message, return its id, raise when
the platform refuses); everything about once-only, retries and catch-up lives here.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Sequence
    from datetime import date, datetime

    from bot.daily.ledger import PostLedger
    from bot.daily.schedule import DailySchedule

__all__ = ["PostResult", "post_day", "run_daily_loop"]

log = logging.getLogger(__name__)


class PostResult(NamedTuple):
    channel: str
    outcome: str  # "posted", "already posted", "in progress elsewhere" or "failed"
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome != "failed"


async def post_day(
    ledger: PostLedger,
    *,
    platform: str,
    channels: Sequence[str],
    day: date,
    send: Callable[[str, date], Awaitable[str]],
    now: Callable[[], float],
) -> list[PostResult]:
    """Post `day`'s layer to every channel that has not had it; never twice."""
    results = []
    for channel in channels:
        if not ledger.claim(platform, channel, day, now()):
            done = ledger.posted(platform, channel, day)
            results.append(
                PostResult(channel, "already posted" if done else "in progress elsewhere")
            )
            continue
        try:
            message = await send(channel, day)
        except Exception as error:
            ledger.release(platform, channel, day)
            log.warning(
                "layer of the day for %s on %s %s failed: %s", day, platform, channel, error
            )
            results.append(PostResult(channel, "failed", str(error)))
            continue
        ledger.complete(platform, channel, day, now(), message)
        log.info("posted the layer of the day for %s to %s %s", day, platform, channel)
        results.append(PostResult(channel, "posted", message))
    return results


async def run_daily_loop(
    schedule: DailySchedule,
    post_for_day: Callable[[date], Awaitable[bool]],
    clock: Callable[[], datetime],
    sleep: Callable[[float], Awaitable[object]],
    retry_seconds: float = 300.0,
) -> None:
    """Post at every scheduled moment, forever; catch up on start; retry failures that day.

    `post_for_day` returns True when every channel has the day's post (the ledger makes a
    repeated call harmless). `clock` and `sleep` are injected so tests need no waiting.
    """
    pending = schedule.due_day(clock())  # the bot was down at posting time: post now
    while True:
        if pending is not None:
            if await post_for_day(pending) or schedule.local_date(clock()) != pending:
                pending = None
            else:
                await sleep(retry_seconds)
                continue
        day, moment = schedule.next_post_at(clock())
        await sleep(max(0.0, (moment - clock()).total_seconds()))
        # After a suspend that outlasted `day`, today's post is due, not that stale one.
        pending = day if schedule.local_date(clock()) == day else schedule.due_day(clock())
