"""When the layer of the day is posted: a local time in a time zone, every day or weekdays.

All arithmetic happens on local calendar dates and is converted with zoneinfo, so 09:00
stays 09:00 across daylight-saving changes.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.errors import ConfigError
from bot.ops.env import parse_bool, read

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["DAILY_TIME", "TIMEZONE", "WEEKDAYS_ONLY", "DailySchedule"]

DAILY_TIME = "OSI_DAILY_TIME"
TIMEZONE = "OSI_TIMEZONE"
WEEKDAYS_ONLY = "OSI_DAILY_WEEKDAYS_ONLY"
_HH_MM = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


class DailySchedule(NamedTuple):
    at: time  # local wall-clock time of the post
    zone: ZoneInfo
    weekdays_only: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> DailySchedule:
        """OSI_DAILY_TIME (HH:MM, 09:00), OSI_TIMEZONE (IANA, UTC), OSI_DAILY_WEEKDAYS_ONLY."""
        raw_time = read(environ, DAILY_TIME) or "09:00"
        matched = _HH_MM.fullmatch(raw_time)
        if not matched:
            message = f"{DAILY_TIME} must be a 24-hour time like 09:00, not {raw_time!r}."
            raise ConfigError(DAILY_TIME, message)
        zone_name = read(environ, TIMEZONE) or "UTC"
        try:
            zone = ZoneInfo(zone_name)
        except (ZoneInfoNotFoundError, ValueError):
            message = f"{TIMEZONE} must be an IANA time zone like Europe/Berlin, not {zone_name!r}."
            raise ConfigError(TIMEZONE, message) from None
        weekdays_only = parse_bool(WEEKDAYS_ONLY, read(environ, WEEKDAYS_ONLY))
        return cls(time(int(matched[1]), int(matched[2])), zone, weekdays_only)

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
