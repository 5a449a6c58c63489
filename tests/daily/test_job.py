"""The daily job: the post it sends, the setup read at start-up, and a clean shutdown."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time as monotonic
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest

from bot.daily.clock import SystemClock
from bot.daily.job import DailyJob, DailySetup, PostRefusedError
from bot.daily.ledger import SqliteLedger
from bot.daily.redis_ledger import RedisLedger
from bot.daily.rotation import daily_post
from bot.daily.schedule import DailySchedule
from bot.daily.settings import DailySettings
from bot.errors import ConfigError
from bot.loading.load import load_knowledge
from bot.ops.platform import Platform
from bot.ops.shared_state import SharedStateSettings, open_shared_state
from tests.fakes.clocks import ParkingClock
from tests.fakes.knowledge_files import copy_bundled, rename

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable
    from pathlib import Path

    from bot.core.knowledge import Knowledge
    from bot.daily.ledger import Ledger
    from bot.daily.rotation import DailyPost
    from tests.fakes.redis_server import RedisServer

DAY = date(2026, 11, 26)  # a Thursday
UTC_ZONE = ZoneInfo("UTC")
SCHEDULE = DailySchedule(time(9, 0), UTC_ZONE, weekdays_only=True)


class RecordingSender:
    """Stands in for a platform: records what it was asked to post."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, DailyPost]] = []
        self.release: asyncio.Event | None = None  # when set, posts wait for it
        self.started = asyncio.Event()

    async def __call__(self, channel: str, post: DailyPost) -> str:
        self.started.set()
        if self.release is not None:
            await self.release.wait()
        self.sent.append((channel, post))
        return f"msg-{len(self.sent)}"


def _job(
    knowledge: Knowledge | Callable[[], Knowledge],
    ledger: Ledger,
    send: Callable[[str, DailyPost], Awaitable[str]],
    clock: ParkingClock | None = None,
    record: Callable[[str, str], None] | None = None,
) -> DailyJob:
    return DailyJob(
        knowledge,
        platform=Platform.SLACK,
        channels=("C0DAILY001",),
        schedule=SCHEDULE,
        ledger=ledger,
        send=send,
        clock=clock or ParkingClock(datetime(2026, 11, 26, 10, 0, tzinfo=UTC)),
        record=record,
    )


async def test_the_job_sends_the_rotations_post_for_the_day(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    send = RecordingSender()
    results = await _job(knowledge, SqliteLedger(str(tmp_path)), send).post(DAY)
    assert [(r.channel, r.outcome) for r in results] == [("C0DAILY001", "posted")]
    assert send.sent == [("C0DAILY001", daily_post(knowledge, DAY, weekdays_only=True))]


async def test_leaving_the_schedule_lets_a_post_on_its_way_land_and_be_recorded(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    """A SIGTERM mid-post must not leave a claim that blocks the day for ten minutes."""
    ledger, send = SqliteLedger(str(tmp_path)), RecordingSender()
    send.release = asyncio.Event()
    job = _job(knowledge, ledger, send)  # 10:00: the catch-up post starts at once

    async def run_and_leave() -> None:
        async with job.scheduled(grace=5):
            await send.started.wait()

    leaving = asyncio.create_task(run_and_leave())
    await send.started.wait()
    await asyncio.sleep(0.01)
    assert not leaving.done(), "the schedule was cancelled while a post was on its way"
    send.release.set()
    await asyncio.wait_for(leaving, timeout=5)
    assert await ledger.posted("slack", "C0DAILY001", DAY)


async def test_a_post_stuck_past_the_grace_period_is_cancelled(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    send = RecordingSender()
    send.release = asyncio.Event()  # never set
    job = _job(knowledge, SqliteLedger(str(tmp_path)), send)
    async with asyncio.timeout(5), job.scheduled(grace=0.01):
        await send.started.wait()
    assert send.sent == []


async def _refuse(_channel: str, _post: DailyPost) -> str:
    raise PostRefusedError(Platform.SLACK, "not_in_channel")


async def test_every_channels_outcome_is_recorded_for_the_metrics(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    outcomes: list[tuple[str, str]] = []
    ledger = SqliteLedger(str(tmp_path))

    def record(platform: str, outcome: str) -> None:
        outcomes.append((platform, outcome))

    await _job(knowledge, ledger, _refuse, record=record).post(DAY)
    job = _job(knowledge, ledger, RecordingSender(), record=record)
    await job.post(DAY)
    await job.post(DAY)
    assert outcomes == [("slack", "failed"), ("slack", "posted"), ("slack", "already posted")]


async def test_the_running_schedule_logs_a_refused_post_and_post_leaves_it_to_its_caller(
    knowledge: Knowledge, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`post` returns the failure for its caller to report (`daily post` prints it); the
    schedule, which prints nothing, logs it: one report either way."""
    await _job(knowledge, SqliteLedger(str(tmp_path)), _refuse).post(DAY)
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    clock = ParkingClock(datetime(2026, 11, 26, 10, 0, tzinfo=UTC), advances=1)
    job = _job(knowledge, SqliteLedger(str(tmp_path)), _refuse, clock)
    async with job.scheduled(retry_seconds=300):
        await clock.until_parked()
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert warnings  # one per attempt (the schedule retries)
    assert set(warnings) == {
        "layer of the day for 2026-11-26 on slack C0DAILY001 failed: "
        "Slack did not take the post: not_in_channel"
    }


async def test_each_post_is_made_from_the_knowledge_current_at_posting_time(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    """A knowledge reload between two days reaches the next day's post."""
    path = copy_bundled(tmp_path / "layers.yaml")
    spotlight = daily_post(knowledge, DAY + timedelta(days=1), weekdays_only=True).spotlight
    rename(path, spotlight.name, f"{spotlight.name} Next")
    current = [knowledge]
    send = RecordingSender()
    job = _job(lambda: current[0], SqliteLedger(str(tmp_path)), send)
    await job.post(DAY)
    current[0] = load_knowledge(path)
    await job.post(DAY + timedelta(days=1))
    (_, first), (_, second) = send.sent
    assert first == daily_post(knowledge, DAY, weekdays_only=True)
    assert second.spotlight.name == f"{spotlight.name} Next"


class FlakyLedger(SqliteLedger):
    """A ledger whose first claim fails, as on a full disk."""

    failures = 1

    async def claim(self, platform: str, channel: str, day: date) -> str | None:
        if self.failures:
            self.failures -= 1
            raise sqlite3.OperationalError("database or disk is full")
        return await super().claim(platform, channel, day)


async def test_a_failing_ledger_is_retried_not_the_end_of_the_schedule(
    knowledge: Knowledge, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ledger, send = FlakyLedger(str(tmp_path)), RecordingSender()
    clock = ParkingClock(datetime(2026, 11, 26, 10, 0, tzinfo=UTC), advances=1)
    job = _job(knowledge, ledger, send, clock)
    async with job.scheduled(retry_seconds=300):
        await clock.until_parked()
    assert clock.sleeps[0] == 300  # retried after five minutes
    assert await ledger.posted("slack", "C0DAILY001", DAY)
    assert "database or disk is full" in caplog.text


def test_setup_without_a_channel_opens_no_ledger_and_says_so_once(
    knowledge: Knowledge, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    state = tmp_path / "state"
    setup = DailySetup.open(DailySettings.from_env({"OSI_STATE_DIR": str(state)}, Platform.SLACK))
    assert setup.ledger is None
    assert not state.exists()
    with caplog.at_level(logging.INFO):
        assert setup.job(knowledge, platform=Platform.SLACK, send=RecordingSender()) is None
    assert [r.getMessage() for r in caplog.records] == [
        "no SLACK_DAILY_CHANNEL: no layer of the day on Slack"
    ]


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"OSI_TIMEZONE": "Europe/Atlantis"}, "OSI_TIMEZONE"),  # even without a channel
        ({"OSI_DAILY_TIME": "9"}, "OSI_DAILY_TIME"),
        ({"DISCORD_DAILY_CHANNEL": "#general"}, "DISCORD_DAILY_CHANNEL"),
    ],
)
def test_setup_checks_every_daily_setting(env: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError) as raised:
        DailySetup.open(DailySettings.from_env(env, Platform.DISCORD))
    assert raised.value.variable == variable


def test_an_unusable_state_directory_names_osi_state_dir(tmp_path: Path) -> None:
    occupied = tmp_path / "a-file"
    occupied.write_text("", "utf-8")
    env = {"DISCORD_DAILY_CHANNEL": "123456789012345678", "OSI_STATE_DIR": str(occupied)}
    with pytest.raises(ConfigError) as raised:
        DailySetup.open(DailySettings.from_env(env, Platform.DISCORD))
    assert raised.value.variable == "OSI_STATE_DIR"


async def test_the_system_clock_wakes_on_the_wall_clock_after_a_suspend() -> None:
    """A sleep until tomorrow ends on time though the monotonic clock stood still meanwhile."""
    started = datetime.now(UTC)
    # Asleep through the night during the first nap: the wall clock jumps, monotonic does not.
    jumps = iter([timedelta(0), timedelta(0), timedelta(hours=23)])
    offset = timedelta(0)

    def wall() -> datetime:
        nonlocal offset
        offset += next(jumps, timedelta(0))
        return datetime.now(UTC) + offset

    clock = SystemClock(max_nap=0.01, wall=wall)
    begun = monotonic.monotonic()
    await asyncio.wait_for(clock.sleep(timedelta(hours=20).total_seconds()), timeout=5)
    assert monotonic.monotonic() - begun < 1
    assert wall() - started >= timedelta(hours=20)


async def test_the_system_clock_sleeps_the_time_asked() -> None:
    begun = monotonic.monotonic()
    await SystemClock(max_nap=0.01).sleep(0.05)
    assert monotonic.monotonic() - begun >= 0.045


async def test_a_crashed_schedule_is_logged_and_does_not_fail_the_shutdown(
    knowledge: Knowledge, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    class BrokenClock(ParkingClock):
        def now(self) -> datetime:
            raise RuntimeError("no time")

    job = _job(
        knowledge, SqliteLedger(str(tmp_path)), RecordingSender(), BrokenClock(datetime.now(UTC))
    )
    async with asyncio.timeout(5), job.scheduled():
        while "the layer of the day stopped: no time" not in caplog.text:
            await asyncio.sleep(0.001)


async def test_bots_on_several_hosts_sharing_redis_post_the_day_once(
    knowledge: Knowledge, redis_server: RedisServer, redis_prefix: str
) -> None:
    """Slack replicas and the Discord process each keep the schedule; Redis makes it one post."""
    states = [open_shared_state(SharedStateSettings(redis_server.url, redis_prefix)) for _ in "ab"]
    send = RecordingSender()
    send.release = asyncio.Event()
    try:
        jobs = [_job(knowledge, RedisLedger(state), send) for state in states if state]
        both = asyncio.gather(*(job.post(DAY) for job in jobs))
        await send.started.wait()
        await asyncio.sleep(0.05)  # the other job has tried its claim by now
        send.release.set()
        results = await asyncio.wait_for(both, timeout=10)
        later = await jobs[1].post(DAY)
    finally:
        for state in states:
            if state:
                await state.close()
    assert len(send.sent) == 1
    assert sorted(r.outcome for (r,) in results) == ["in progress elsewhere", "posted"]
    assert [r.outcome for r in later] == ["already posted"]
