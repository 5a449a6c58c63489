"""When the layer of the day is due: local time, DST, weekdays, and bad settings."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.daily.schedule import DailySchedule
from bot.errors import ConfigError

BERLIN = ZoneInfo("Europe/Berlin")


def test_defaults_are_nine_utc_every_day() -> None:
    assert DailySchedule.from_env({}) == DailySchedule(time(9, 0), ZoneInfo("UTC"), False)


@pytest.mark.parametrize(
    ("now_utc", "expected_utc"),
    [
        # The night before Berlin springs forward (29 March 2026): 09:00 is 07:00 UTC next.
        (datetime(2026, 3, 28, 12, 0, tzinfo=UTC), datetime(2026, 3, 29, 7, 0, tzinfo=UTC)),
        # The day it falls back (25 October 2026): 09:00 is 08:00 UTC again.
        (datetime(2026, 10, 24, 12, 0, tzinfo=UTC), datetime(2026, 10, 25, 8, 0, tzinfo=UTC)),
        # Before the post time on the same day.
        (datetime(2026, 6, 1, 6, 59, tzinfo=UTC), datetime(2026, 6, 1, 7, 0, tzinfo=UTC)),
    ],
)
def test_nine_oclock_stays_nine_oclock_across_dst(
    now_utc: datetime, expected_utc: datetime
) -> None:
    schedule = DailySchedule(time(9, 0), BERLIN)
    _, moment = schedule.next_post_at(now_utc)
    assert moment == expected_utc
    assert moment.astimezone(BERLIN).time() == time(9, 0)


def test_weekdays_only_skips_the_weekend() -> None:
    schedule = DailySchedule(time(9, 0), BERLIN, weekdays_only=True)
    friday_evening = datetime(2026, 11, 27, 18, 0, tzinfo=BERLIN)
    day, moment = schedule.next_post_at(friday_evening)
    assert day == date(2026, 11, 30)  # Monday
    assert moment == datetime(2026, 11, 30, 9, 0, tzinfo=BERLIN)
    assert schedule.due_day(datetime(2026, 11, 28, 12, 0, tzinfo=BERLIN)) is None


def test_due_day_is_today_once_the_time_has_passed() -> None:
    schedule = DailySchedule(time(9, 0), BERLIN)
    assert schedule.due_day(datetime(2026, 11, 26, 8, 59, tzinfo=BERLIN)) is None
    assert schedule.due_day(datetime(2026, 11, 26, 9, 0, tzinfo=BERLIN)) == date(2026, 11, 26)


def test_local_date_not_utc_date_decides_the_day() -> None:
    tokyo = DailySchedule(time(9, 0), ZoneInfo("Asia/Tokyo"))
    # 23:30 UTC on the 25th is 08:30 on the 26th in Tokyo: the 26th's post is next.
    day, _ = tokyo.next_post_at(datetime(2026, 11, 25, 23, 30, tzinfo=UTC))
    assert day == date(2026, 11, 26)


def test_settings_are_read() -> None:
    env = {
        "OSI_DAILY_TIME": "7:30",
        "OSI_TIMEZONE": "America/New_York",
        "OSI_DAILY_WEEKDAYS_ONLY": "yes",
    }
    assert DailySchedule.from_env(env) == DailySchedule(
        time(7, 30), ZoneInfo("America/New_York"), True
    )


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"OSI_DAILY_TIME": "25:00"}, "OSI_DAILY_TIME"),
        ({"OSI_DAILY_TIME": "9am"}, "OSI_DAILY_TIME"),
        ({"OSI_TIMEZONE": "Mars/Olympus_Mons"}, "OSI_TIMEZONE"),
        ({"OSI_TIMEZONE": "../../etc/passwd"}, "OSI_TIMEZONE"),
        ({"OSI_DAILY_WEEKDAYS_ONLY": "sometimes"}, "OSI_DAILY_WEEKDAYS_ONLY"),
    ],
)
def test_bad_settings_are_one_clear_sentence(env: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError) as caught:
        DailySchedule.from_env(env)
    assert caught.value.variable == variable
    assert str(caught.value).startswith(f"{variable} must be")
