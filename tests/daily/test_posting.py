"""Posting once per channel and day, and the loop's timing, with an injected clock."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.daily.ledger import SqliteLedger
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
    ledger, send = SqliteLedger(str(tmp_path)), RecordingSender()
    first = await post_day(
        ledger, platform=Platform.SLACK, channels=["C1", "C2"], day=DAY, send=send
    )
    second = await post_day(
        ledger, platform=Platform.SLACK, channels=["C1", "C2"], day=DAY, send=send
    )
    assert send.sent == [("C1", DAY), ("C2", DAY)]
    assert [r.outcome for r in first] == ["posted", "posted"]
    assert [r.outcome for r in second] == ["already posted", "already posted"]


async def test_refused_post_is_not_recorded_and_the_next_run_posts(tmp_path: Path) -> None:
    ledger, send = SqliteLedger(str(tmp_path)), RecordingSender()
    send.refuse = True
    refused = await post_day(ledger, platform=Platform.DISCORD, channels=["42"], day=DAY, send=send)
    assert [(r.outcome, r.ok) for r in refused] == [("failed", False)]
    assert not await ledger.posted("discord", "42", DAY)
    send.refuse = False
    retried = await post_day(ledger, platform=Platform.DISCORD, channels=["42"], day=DAY, send=send)
    assert [r.outcome for r in retried] == ["posted"]
    assert send.sent == [("42", DAY)]


async def test_a_send_that_hangs_is_abandoned_and_its_claim_released(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.daily.posting.SEND_TIMEOUT_SECONDS", 0.05)
    ledger = SqliteLedger(str(tmp_path))

    async def hang(channel: str, day: date) -> str:
        await asyncio.sleep(3600)
        return "never"

    results = await post_day(ledger, platform=Platform.SLACK, channels=["C1"], day=DAY, send=hang)
    assert [r.outcome for r in results] == ["failed"]
    assert await ledger.claim("slack", "C1", DAY)  # released: the next run may post


async def test_two_schedulers_on_one_host_post_once(tmp_path: Path) -> None:
    send = RecordingSender()
    runs = [
        post_day(
            SqliteLedger(str(tmp_path)),
            platform=Platform.SLACK,
            channels=["C1"],
            day=DAY,
            send=send,
        )
        for _ in range(2)
    ]
    await asyncio.gather(*runs)
    assert send.sent == [("C1", DAY)]


class Channel:
    """A channel's messages, and a platform that can take a post but lose its answer."""

    def __init__(self) -> None:
        self.posts: list[date] = []
        self.lose_answers = 0  # the next sends are taken, then the connection drops

    async def send(self, _channel: str, day: date) -> str:
        self.posts.append(day)
        if self.lose_answers:
            self.lose_answers -= 1
            raise ConnectionResetError("connection dropped before the answer")
        return f"msg-{len(self.posts)}"

    async def find(self, _channel: str, day: date) -> str | None:
        return f"msg-{self.posts.index(day) + 1}" if day in self.posts else None


async def test_a_post_whose_answer_was_lost_is_found_not_posted_again(tmp_path: Path) -> None:
    ledger, channel = SqliteLedger(str(tmp_path)), Channel()
    channel.lose_answers = 1
    first = await post_day(
        ledger, platform=Platform.SLACK, channels=["C1"], day=DAY, send=channel.send,
        find=channel.find,
    )  # fmt: skip
    # The same run looked again after the failure and found its post.
    assert [(r.outcome, r.detail) for r in first] == [("posted", "msg-1")]
    assert await ledger.posted("slack", "C1", DAY)
    second = await post_day(
        ledger, platform=Platform.SLACK, channels=["C1"], day=DAY, send=channel.send,
        find=channel.find,
    )  # fmt: skip
    assert [r.outcome for r in second] == ["already posted"]
    assert channel.posts == [DAY]


async def test_a_later_run_finds_the_post_a_lost_run_made(tmp_path: Path) -> None:
    """The poster died after the platform took its post: the record says nothing, the
    channel has it; the next run looks first and sends nothing."""
    ledger, channel = SqliteLedger(str(tmp_path)), Channel()
    channel.posts.append(DAY)  # posted by a run that died before recording it
    results = await post_day(
        ledger, platform=Platform.SLACK, channels=["C1"], day=DAY, send=channel.send,
        find=channel.find,
    )  # fmt: skip
    assert [(r.outcome, r.detail) for r in results] == [
        ("already posted", "found in the channel (msg-1)")
    ]
    assert channel.posts == [DAY]
    assert await ledger.posted("slack", "C1", DAY)


async def test_nothing_is_sent_when_the_channel_cannot_be_checked(tmp_path: Path) -> None:
    ledger, send = SqliteLedger(str(tmp_path)), RecordingSender()

    async def unreachable(channel: str, day: date) -> str | None:
        raise ConnectionRefusedError("cannot check the channel")

    results = await post_day(
        ledger, platform=Platform.SLACK, channels=["C1"], day=DAY, send=send, find=unreachable
    )
    assert [(r.outcome, r.detail) for r in results] == [("failed", "cannot check the channel")]
    assert send.sent == []
    assert await ledger.claim("slack", "C1", DAY)  # released for the retry


async def test_a_living_poster_keeps_its_short_claim_while_a_slow_send_runs(
    tmp_path: Path,
) -> None:
    """The lease is short so a dead poster blocks others briefly; a live one extends it."""
    lease = 0.3
    slow_ledger = SqliteLedger(str(tmp_path), lease_seconds=lease)
    other_ledger = SqliteLedger(str(tmp_path), lease_seconds=lease)
    sent: list[str] = []
    sending = asyncio.Event()

    async def slow_send(channel: str, day: date) -> str:
        sending.set()
        await asyncio.sleep(lease * 3)
        sent.append("slow")
        return "slow"

    async def other_send(channel: str, day: date) -> str:
        sent.append("other")
        return "other"

    async with asyncio.timeout(10):
        slow = asyncio.create_task(
            post_day(slow_ledger, platform=Platform.SLACK, channels=["C1"], day=DAY, send=slow_send)
        )
        await sending.wait()
        await asyncio.sleep(lease * 2)  # past the first lease: only an extension keeps it
        other = await post_day(
            other_ledger, platform=Platform.SLACK, channels=["C1"], day=DAY, send=other_send
        )
        await slow
    assert [r.outcome for r in other] == ["in progress elsewhere"]
    assert sent == ["slow"]


async def test_a_dead_posters_claim_is_taken_over_after_its_short_lease(tmp_path: Path) -> None:
    lease = 0.2
    dead = SqliteLedger(str(tmp_path), lease_seconds=lease)
    assert await dead.claim("slack", "C1", DAY)  # and never extended: its process died
    send = RecordingSender()
    await asyncio.sleep(lease * 1.5)
    results = await post_day(
        SqliteLedger(str(tmp_path), lease_seconds=lease),
        platform=Platform.SLACK, channels=["C1"], day=DAY, send=send,
    )  # fmt: skip
    assert [r.outcome for r in results] == ["posted"]


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
