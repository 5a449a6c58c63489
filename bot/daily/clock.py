"""The time the in-process schedule reads and waits on; tests pass a clock of their own."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["Clock", "SystemClock"]


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware."""

    async def sleep(self, seconds: float) -> None:
        """Return once `seconds` have passed by this clock."""


class SystemClock:
    """The wall clock, waited on in short naps.

    asyncio's timers run on a monotonic clock that stands still while the machine is
    suspended; one long sleep until tomorrow morning would then wake late by however long
    the laptop or VM was paused. Napping and re-reading the wall clock wakes on time.
    """

    def __init__(self, max_nap: float = 60.0, wall: Callable[[], datetime] | None = None) -> None:
        """`wall` reads the wall clock (default: the system's, in UTC); tests pass their own."""
        self._max_nap = max_nap
        self._wall = wall or _utc_now

    def now(self) -> datetime:
        return self._wall()

    async def sleep(self, seconds: float) -> None:
        until = self.now() + timedelta(seconds=seconds)
        while (left := (until - self.now()).total_seconds()) > 0:
            await asyncio.sleep(min(left, self._max_nap))


def _utc_now() -> datetime:
    return datetime.now(UTC)
