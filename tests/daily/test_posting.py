"""Posting once per channel and day, and the loop's timing, with an injected clock."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.daily.ledger import PostLedger
from bot.daily.posting import post_day, run_daily_loop
from bot.daily.schedule import DailySchedule
from bot.ops.platform import Platform

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

DAY = date(2026, 11, 26)
BERLIN = ZoneInfo("Europe/Berlin")


class RecordingSender:
    """Stands in for a platform: records posts, refuses while `refuse` is set."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, date]] = []
        self.refuse = False

    async def __call__(self, channel: str, day: date) -> str:
        if self.refuse:
            raise RuntimeError("HTTP 503 from the platform")
        self.sent.append((channel, day))
        return f"msg-{len(self.sent)}"


async def test_run_twice_posts_once(tmp_path: Path) -> None:
    ledger, send = PostLedger(str(tmp_path)), RecordingSender()
    first = await post_day(
        ledger, platform=Platform.SLACK, channels=["C1", "C2"], day=DAY, send=send, now=lambda: 1.0
    )
    second = await post_day(
        ledger, platform=Platform.SLACK, channels=["C1", "C2"], day=DAY, send=send, now=lambda: 2.0
    )
    assert send.sent == [("C1", DAY), ("C2", DAY)]
    assert [r.outcome for r in first] == ["posted", "posted"]
    assert [r.outcome for r in second] == ["already posted", "already posted"]


async def test_refused_post_is_not_recorded_and_the_next_run_posts(tmp_path: Path) -> None:
    ledger, send = PostLedger(str(tmp_path)), RecordingSender()
    send.refuse = True
    refused = await post_day(
        ledger, platform=Platform.DISCORD, channels=["42"], day=DAY, send=send, now=lambda: 1.0
    )
    assert [(r.outcome, r.ok) for r in refused] == [("failed", False)]
    assert not ledger.posted("discord", "42", DAY)
    send.refuse = False
    retried = await post_day(
        ledger, platform=Platform.DISCORD, channels=["42"], day=DAY, send=send, now=lambda: 2.0
    )
    assert [r.outcome for r in retried] == ["posted"]
    assert send.sent == [("42", DAY)]


async def test_a_send_that_hangs_is_abandoned_before_its_lease_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.daily.posting.SEND_TIMEOUT_SECONDS", 0.05)
    ledger = PostLedger(str(tmp_path))

    async def hang(channel: str, day: date) -> str:
        await asyncio.sleep(3600)
        return "never"

    results = await post_day(
        ledger, platform=Platform.SLACK, channels=["C1"], day=DAY, send=hang, now=lambda: 1.0
    )
    assert [r.outcome for r in results] == ["failed"]
    assert ledger.claim("slack", "C1", DAY, now=2.0)  # released: the next run may post


async def test_two_schedulers_on_one_host_post_once(tmp_path: Path) -> None:
    send = RecordingSender()
    runs = [
        post_day(
            PostLedger(str(tmp_path)),
            platform=Platform.SLACK,
            channels=["C1"],
            day=DAY,
            send=send,
            now=lambda: 1.0,
        )
        for _ in range(2)
    ]
    await asyncio.gather(*runs)
    assert send.sent == [("C1", DAY)]


class FakeClock:
    """Time that moves only when the code under test sleeps."""

    def __init__(self, start: datetime) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> datetime:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += timedelta(seconds=seconds)


class _StopLoopError(Exception):
    """Ends the otherwise endless loop once the test has seen enough."""


async def _run_until(clock: FakeClock, posts: list[date], results: list[bool], limit: int) -> None:
    schedule = DailySchedule(time(9, 0), BERLIN, weekdays_only=True)

    async def post_for_day(day: date) -> bool:
        posts.append(day)
        if len(posts) >= limit:
            raise _StopLoopError
        return results[len(posts) - 1] if len(posts) <= len(results) else True

    with contextlib.suppress(_StopLoopError):
        await run_daily_loop(schedule, post_for_day, clock, clock.sleep, retry_seconds=300)


async def test_catch_up_after_downtime_then_the_next_weekday() -> None:
    """Started at 11:00 on Friday, it posts Friday's layer now, then Monday's at 09:00."""
    clock = FakeClock(datetime(2026, 11, 27, 11, 0, tzinfo=BERLIN))
    posts: list[date] = []
    await _run_until(clock, posts, results=[True], limit=2)
    assert posts == [date(2026, 11, 27), date(2026, 11, 30)]
    assert clock.now == datetime(2026, 11, 30, 9, 0, tzinfo=BERLIN)


async def test_no_catch_up_before_the_post_time() -> None:
    clock = FakeClock(datetime(2026, 11, 27, 8, 0, tzinfo=BERLIN))
    posts: list[date] = []
    await _run_until(clock, posts, results=[], limit=1)
    assert posts == [date(2026, 11, 27)]
    assert clock.sleeps == [3600.0]


async def test_waking_after_a_long_suspend_posts_today_not_a_stale_day() -> None:
    """Asleep from Sunday evening to Tuesday noon: Tuesday's layer, not Monday's."""
    clock = FakeClock(datetime(2026, 11, 29, 20, 0, tzinfo=BERLIN))  # Sunday
    posts: list[date] = []
    schedule = DailySchedule(time(9, 0), BERLIN, weekdays_only=True)
    suspended = False

    async def sleep(seconds: float) -> None:
        nonlocal suspended
        if not suspended:  # the first wait is for Monday 09:00; the host sleeps past it
            suspended = True
            clock.now = datetime(2026, 12, 1, 12, 0, tzinfo=BERLIN)
            return
        await clock.sleep(seconds)

    async def post_for_day(day: date) -> bool:
        posts.append(day)
        raise _StopLoopError

    with contextlib.suppress(_StopLoopError):
        await run_daily_loop(schedule, post_for_day, clock, sleep)
    assert posts == [date(2026, 12, 1)]


async def test_a_refused_post_is_retried_the_same_day() -> None:
    clock = FakeClock(datetime(2026, 11, 26, 9, 0, tzinfo=BERLIN))
    posts: list[date] = []
    await _run_until(clock, posts, results=[False, False, True], limit=4)
    assert posts[:3] == [date(2026, 11, 26)] * 3
    assert clock.sleeps[:2] == [300, 300]
    assert posts[3] == date(2026, 11, 27)
