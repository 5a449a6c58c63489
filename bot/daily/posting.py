"""Posting a day's layer to channels exactly once, and the in-process daily loop.

Platform code supplies `send` (render and post one message, return its id, raise when
the platform refuses); everything about once-only, retries and catch-up lives here.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from bot.daily.ledger import CLAIM_LEASE_SECONDS

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Sequence
    from datetime import date, datetime

    from bot.daily.ledger import PostLedger
    from bot.daily.schedule import DailySchedule
    from bot.ops.platform import Platform

__all__ = ["Outcome", "PostResult", "post_day", "run_daily_loop"]

log = logging.getLogger(__name__)

# A send must end well inside its claim's lease, or another poster could take the claim
# over and post too.
SEND_TIMEOUT_SECONDS = CLAIM_LEASE_SECONDS / 2


class Outcome(StrEnum):
    """What happened to one channel's post; the value is what logs and metrics show."""

    POSTED = "posted"
    ALREADY_POSTED = "already posted"
    IN_PROGRESS_ELSEWHERE = "in progress elsewhere"
    FAILED = "failed"

    @property
    def done(self) -> bool:
        """Whether the channel has the post now (sent in this run or an earlier one).

        "in progress elsewhere" is not done: if that poster dies, its claim expires and a
        retry here posts.
        """
        return self in {Outcome.POSTED, Outcome.ALREADY_POSTED}


class PostResult(NamedTuple):
    channel: str
    outcome: Outcome
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome is not Outcome.FAILED


async def post_day(
    ledger: PostLedger,
    *,
    platform: Platform,
    channels: Sequence[str],
    day: date,
    send: Callable[[str, date], Awaitable[str]],
    now: Callable[[], float],
) -> list[PostResult]:
    """Post `day`'s layer to every channel that has not had it; never twice.

    The ledger's SQLite calls run in a thread: a busy database must not stall the bot's
    event loop (Discord heartbeats, Slack requests).
    """
    results = []
    for channel in channels:
        token = await asyncio.to_thread(ledger.claim, platform, channel, day, now())
        if token is None:
            done = await asyncio.to_thread(ledger.posted, platform, channel, day)
            outcome = Outcome.ALREADY_POSTED if done else Outcome.IN_PROGRESS_ELSEWHERE
            results.append(PostResult(channel, outcome))
            continue
        try:
            async with asyncio.timeout(SEND_TIMEOUT_SECONDS):
                message = await send(channel, day)
        except Exception as error:  # any refusal means "not posted, try again"
            await asyncio.to_thread(
                functools.partial(ledger.release, platform, channel, day, token=token)
            )
            # Reported by the caller: the running bot logs it, `daily post` prints it, once.
            results.append(PostResult(channel, Outcome.FAILED, str(error) or type(error).__name__))
            continue
        record = functools.partial(
            ledger.complete, platform, channel, day, now=now(), message=message, token=token
        )
        recorded = await asyncio.to_thread(record)
        if not recorded:
            log.warning(
                "layer of the day for %s on %s %s was posted after its claim expired",
                day, platform, channel,
            )  # fmt: skip
        log.info("posted the layer of the day for %s to %s %s", day, platform, channel)
        results.append(PostResult(channel, Outcome.POSTED, message))
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
