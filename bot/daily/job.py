"""One platform's layer of the day: post a day to every channel, or keep to the schedule.

The platform adapters supply only a `PostSender` (render a `DailyPost` natively and send it);
choosing the post, the ledger, retries and catch-up are the same for every platform.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.core.knowledge import as_source
from bot.daily.clock import SystemClock
from bot.daily.ledger import SqliteLedger
from bot.daily.posting import Outcome, post_day, run_daily_loop
from bot.daily.redis_ledger import RedisLedger
from bot.daily.rotation import daily_post
from bot.daily.settings import STATE_DIR
from bot.errors import ConfigError, OsiBotError
from bot.ops.in_flight import SHUTDOWN_GRACE_SECONDS, InFlight

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable
    from datetime import date

    from bot.core.knowledge import Knowledge
    from bot.daily.clock import Clock
    from bot.daily.ledger import Ledger
    from bot.daily.posting import FindPost, PostResult
    from bot.daily.rotation import DailyPost
    from bot.daily.schedule import DailySchedule
    from bot.daily.settings import DailySettings
    from bot.ops.platform import Platform
    from bot.ops.shared_state import SharedState

    # Render the post natively, send it to a channel, return the message's id; raise when
    # the platform refuses it.
    PostSender = Callable[[str, DailyPost], Awaitable[str]]
    # Told (platform, outcome) for every channel's result: the running bots' metrics.
    RecordResult = Callable[[Platform, Outcome], object]

__all__ = ["DailyJob", "DailySetup", "PostRefusedError", "open_ledger"]

RETRY_SECONDS = 300.0

log = logging.getLogger(__name__)


class PostRefusedError(OsiBotError):
    """The platform did not take the post (or could not be reached); nothing was recorded."""

    def __init__(self, platform: Platform, reason: str) -> None:
        self.platform = platform
        self.reason = reason
        super().__init__(f"{platform.label} did not take the post: {reason}")


def open_ledger(state_dir: str, shared: SharedState | None = None) -> Ledger:
    """The record of posted days: in Redis when `shared`, else SQLite in `state_dir`.

    Raises:
        ConfigError: `state_dir` is unusable.
    """
    if shared is not None:
        return RedisLedger(shared)
    try:
        return SqliteLedger(state_dir)
    except (OSError, sqlite3.Error) as error:
        raise ConfigError(
            STATE_DIR,
            f"Cannot keep the record of posted days in {state_dir!r} ({error}); "
            f"set {STATE_DIR} to a writable directory.",
        ) from None


class DailyJob:
    """Posts the layer of the day for one platform; never twice, retried until it is in.

    Args:
        knowledge: a Knowledge, or a function returning the current one (reloads).
        record: told each channel's outcome ("posted", "failed", ...), for metrics.
    """

    def __init__(
        self,
        knowledge: Knowledge | Callable[[], Knowledge],
        *,
        platform: Platform,
        channels: tuple[str, ...],
        schedule: DailySchedule,
        ledger: Ledger,
        send: PostSender,
        find: FindPost | None = None,
        clock: Clock | None = None,
        record: RecordResult | None = None,
    ) -> None:
        self.platform = platform
        self.channels = channels
        self.schedule = schedule
        # The one-shot command passes a Knowledge; the running bots, their reloadable one.
        self._knowledge = as_source(knowledge)
        self._ledger = ledger
        self._send = send
        self._find = find
        self._clock: Clock = clock or SystemClock()
        self._record = record
        self._posting = InFlight()

    async def post(self, day: date) -> list[PostResult]:
        """Post `day`'s layer to every channel that does not have it yet."""
        post = daily_post(self._knowledge(), day, weekdays_only=self.schedule.weekdays_only)

        async def send(channel: str, _day: date) -> str:
            return await self._send(channel, post)

        results = await post_day(
            self._ledger,
            platform=self.platform,
            channels=self.channels,
            day=day,
            send=send,
            find=self._find,
        )
        for result in results:
            self._count(result.outcome)
        return results

    def _count(self, outcome: Outcome) -> None:
        if self._record is not None:
            self._record(self.platform, outcome)

    async def _post_for_day(self, day: date) -> bool:
        """True once every channel has `day`'s post; False makes the loop retry later."""
        with self._posting.track():
            try:
                results = await self.post(day)
            except Exception:
                # The ledger itself failed (a full disk, say): log it and let the loop retry,
                # rather than end the schedule while the bot keeps running.
                log.exception(
                    "posting the layer of the day for %s on %s failed", day, self.platform
                )
                for _ in self.channels:
                    self._count(Outcome.FAILED)
                return False
        for result in results:
            if result.outcome is Outcome.FAILED:
                log.warning(
                    "layer of the day for %s on %s %s failed: %s",
                    day, self.platform, result.channel, result.detail,
                )  # fmt: skip
        return all(result.outcome.done for result in results)

    async def run(self, retry_seconds: float = RETRY_SECONDS) -> None:
        """Catch up on today's post if it is overdue, then post at every scheduled moment."""
        await run_daily_loop(
            self.schedule, self._post_for_day, self._clock.now, self._clock.sleep, retry_seconds
        )

    @asynccontextmanager
    async def scheduled(
        self, *, grace: float = SHUTDOWN_GRACE_SECONDS, retry_seconds: float = RETRY_SECONDS
    ) -> AsyncIterator[None]:
        """Keep to the schedule in the background while inside the block.

        On leaving, a post on its way is given `grace` seconds to land (so it is recorded,
        not left as a claim), then the schedule is cancelled.
        """
        at, zone = self.schedule.at, self.schedule.zone
        days = "weekdays" if self.schedule.weekdays_only else "every day"
        log.info(
            "layer of the day on %s: %s %s, %s, to %s",
            self.platform,
            at.strftime("%H:%M"),
            zone.key,
            days,
            ", ".join(self.channels),
        )
        task = asyncio.create_task(
            self.run(retry_seconds), name=f"layer of the day ({self.platform})"
        )
        task.add_done_callback(_report_crash)
        try:
            yield
        finally:
            await self._posting.idle(grace)
            task.cancel()
            # A crash was logged when it happened; it must not also fail the shutdown.
            with suppress(asyncio.CancelledError, Exception):
                await task


def _report_crash(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and (error := task.exception()) is not None:
        log.error("the layer of the day stopped: %s", error, exc_info=error)


@dataclass(frozen=True, slots=True)
class DailySetup:
    """What a running bot needs to post the layer of the day, checked at start-up."""

    variable: str  # SLACK_DAILY_CHANNEL or DISCORD_DAILY_CHANNEL
    schedule: DailySchedule
    channels: tuple[str, ...]
    ledger: Ledger | None  # None when there is no channel to post to

    @classmethod
    def open(cls, settings: DailySettings, shared: SharedState | None = None) -> DailySetup:
        """Open the ledger if there is a channel to post to; `ConfigError` if it is unusable.

        Args:
            shared: Redis (OSI_REDIS_URL), which keeps the record for every poster at once.
        """
        ledger = open_ledger(settings.state_dir, shared) if settings.channels else None
        return cls(settings.variable, settings.schedule, settings.channels, ledger)

    def job(
        self,
        knowledge: Knowledge | Callable[[], Knowledge],
        *,
        platform: Platform,
        send: PostSender,
        find: FindPost | None = None,
        clock: Clock | None = None,
        record: RecordResult | None = None,
    ) -> DailyJob | None:
        """The job for this bot; None (said in the log) when no channel is configured."""
        if not self.channels or self.ledger is None:
            log.info("no %s: no layer of the day on %s", self.variable, platform.label)
            return None
        return DailyJob(
            knowledge,
            platform=platform,
            channels=self.channels,
            schedule=self.schedule,
            ledger=self.ledger,
            send=send,
            find=find,
            clock=clock,
            record=record,
        )
