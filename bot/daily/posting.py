"""Posting a day's layer to channels exactly once, and the in-process daily loop.

Platform code supplies `send` (render and post one message, return its id, raise when
the platform refuses) and, where the platform can tell, `find` (the day's post already in
the channel, or None); everything about once-only, retries and catch-up lives here.

Before sending, a poster that holds the claim looks for the day's post in the channel: a
send whose answer was lost (the platform took it, the connection dropped) is found there by
the next attempt, in the same run or a later one, instead of being posted again.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager, suppress
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from bot.daily.ledger import LedgerUnavailableError

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
    from datetime import date, datetime

    from bot.daily.ledger import Ledger
    from bot.daily.schedule import DailySchedule
    from bot.ops.platform import Platform

    # The day's post already in the channel (its message id), or None.
    FindPost = Callable[[str, date], Awaitable[str | None]]

__all__ = ["Outcome", "PostResult", "post_day", "run_daily_loop"]

log = logging.getLogger(__name__)

# How long one channel's look-and-send may take; the claim is extended meanwhile.
SEND_TIMEOUT_SECONDS = 120.0


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


@asynccontextmanager
async def _holding(
    ledger: Ledger, platform: Platform, channel: str, day: date, token: str
) -> AsyncIterator[None]:
    """Extend the claim every third of its lease while inside the block."""

    async def renew() -> None:
        while True:
            await asyncio.sleep(ledger.lease_seconds / 3)
            try:
                if not await ledger.extend(platform, channel, day, token=token):
                    log.warning(
                        "lost the claim on the layer of the day for %s %s", platform, channel
                    )
                    return
            except (LedgerUnavailableError, OSError) as error:
                log.warning("cannot extend the claim for %s %s: %s", platform, channel, error)

    task = asyncio.create_task(renew(), name=f"claim {platform} {channel}")
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task


async def post_day(
    ledger: Ledger,
    *,
    platform: Platform,
    channels: Sequence[str],
    day: date,
    send: Callable[[str, date], Awaitable[str]],
    find: FindPost | None = None,
) -> list[PostResult]:
    """Post `day`'s layer to every channel that has not had it; never twice."""
    return [
        await _post_channel(ledger, platform, channel, day, send=send, find=find)
        for channel in channels
    ]


async def _post_channel(
    ledger: Ledger,
    platform: Platform,
    channel: str,
    day: date,
    *,
    send: Callable[[str, date], Awaitable[str]],
    find: FindPost | None,
) -> PostResult:
    try:
        token = await ledger.claim(platform, channel, day)
        if token is None:
            done = await ledger.posted(platform, channel, day)
            return PostResult(
                channel, Outcome.ALREADY_POSTED if done else Outcome.IN_PROGRESS_ELSEWHERE
            )
    except LedgerUnavailableError as error:
        # No claim, no post: posting without one could post twice.
        return PostResult(channel, Outcome.FAILED, str(error))
    found = sent = None
    failure = ""
    try:
        async with _holding(ledger, platform, channel, day, token):
            try:
                async with asyncio.timeout(SEND_TIMEOUT_SECONDS):
                    found = await find(channel, day) if find is not None else None
                    sent = found or await send(channel, day)
            except Exception as error:  # any refusal means "not posted, try again"
                failure = str(error) or type(error).__name__
                # The platform may have taken the post and lost only its answer: look again.
                if find is not None and found is None:
                    with suppress(Exception):
                        async with asyncio.timeout(SEND_TIMEOUT_SECONDS):
                            sent = await find(channel, day)
    finally:
        if sent is None:
            with suppress(LedgerUnavailableError):  # the lease ends the claim anyway
                await ledger.release(platform, channel, day, token=token)
    if sent is None:
        # Reported by the caller: the running bot logs it, `daily post` prints it, once.
        return PostResult(channel, Outcome.FAILED, failure)
    message = sent
    try:
        recorded = await ledger.complete(platform, channel, day, message=message, token=token)
    except LedgerUnavailableError as error:
        # Posted but not recorded: the next attempt finds the post in the channel.
        log.warning("posted the layer of the day to %s %s but %s", platform, channel, error)
        recorded = True
    if not recorded:
        log.warning(
            "layer of the day for %s on %s %s was posted after its claim expired",
            day, platform, channel,
        )  # fmt: skip
    if found:
        log.info("the layer of the day for %s is already in %s %s", day, platform, channel)
        return PostResult(channel, Outcome.ALREADY_POSTED, f"found in the channel ({found})")
    log.info("posted the layer of the day for %s to %s %s", day, platform, channel)
    return PostResult(channel, Outcome.POSTED, message)


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
