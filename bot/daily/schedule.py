"""When the layer of the day is posted: a local time in a time zone, every day or weekdays.

All arithmetic happens on local calendar dates and is converted with zoneinfo, so 09:00
stays 09:00 across daylight-saving changes.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.errors import ConfigError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["DailySchedule", "parse_bool", "schedule_from_env"]

_HH_MM = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class DailySchedule(NamedTuple):
    at: time  # local wall-clock time of the post
    zone: ZoneInfo
    weekdays_only: bool = False

    def is_posting_day(self, day: date) -> bool:
        return not self.weekdays_only or day.weekday() < 5

    def post_time(self, day: date) -> datetime:
        """The moment of `day`'s post, as an aware datetime in the schedule's zone."""
        return datetime.combine(day, self.at, tzinfo=self.zone)

    def local_date(self, now: datetime) -> date:
        return now.astimezone(self.zone).date()

    def next_post_at(self, now: datetime) -> tuple[date, datetime]:
        """The first posting moment strictly after `now`, with the local date it belongs to."""
        today = self.local_date(now)
        for offset in range(8):
            day = today + timedelta(days=offset)
            moment = self.post_time(day)
            if self.is_posting_day(day) and moment > now:
                return day, moment
        raise AssertionError("a week always holds a posting day")  # pragma: no cover

    def due_day(self, now: datetime) -> date | None:
        """Today's local date when today's post time has passed (catch-up after downtime)."""
        today = self.local_date(now)
        if self.is_posting_day(today) and now >= self.post_time(today):
            return today
        return None


def parse_bool(variable: str, value: str) -> bool:
    folded = value.strip().casefold()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise ConfigError(variable, f"{variable} must be true or false (1/0, yes/no), not {value!r}.")


def schedule_from_env(env: Mapping[str, str] | None = None) -> DailySchedule:
    """OSI_DAILY_TIME (HH:MM, 09:00), OSI_TIMEZONE (IANA, UTC), OSI_DAILY_WEEKDAYS_ONLY."""
    env = os.environ if env is None else env
    raw_time = env.get("OSI_DAILY_TIME", "").strip() or "09:00"
    matched = _HH_MM.fullmatch(raw_time)
    if not matched:
        raise ConfigError(
            "OSI_DAILY_TIME",
            f"OSI_DAILY_TIME must be a 24-hour time like 09:00, not {raw_time!r}.",
        )
    zone_name = env.get("OSI_TIMEZONE", "").strip() or "UTC"
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            "OSI_TIMEZONE",
            f"OSI_TIMEZONE must be an IANA time zone like Europe/Berlin, not {zone_name!r}.",
        ) from None
    weekdays_only = parse_bool(
        "OSI_DAILY_WEEKDAYS_ONLY", env.get("OSI_DAILY_WEEKDAYS_ONLY", "false")
    )
    return DailySchedule(time(int(matched[1]), int(matched[2])), zone, weekdays_only)
