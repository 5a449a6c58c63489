"""A clock for the in-process schedule that needs no waiting, shared by the adapters' tests."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime


class ParkingClock:
    """Time that moves only when the code sleeps.

    The first `advances` sleeps pass at once (the clock jumps ahead by their length); the
    next one *parks*: it never returns, `parked` is set, and the test looks at what the
    schedule did. Cancelling the schedule ends the parked sleep, as it would a real one.
    """

    def __init__(
        self,
        start: datetime,
        *,
        advances: int = 0,
        on_advance: Callable[[], None] | None = None,
    ) -> None:
        self.current = start
        self.sleeps: list[float] = []
        self.parked = asyncio.Event()
        self._advances = advances
        self._on_advance = on_advance

    def now(self) -> datetime:
        return self.current

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        if self._advances > 0:
            self._advances -= 1
            self.current += timedelta(seconds=seconds)
            if self._on_advance is not None:
                self._on_advance()
            return
        self.parked.set()
        await asyncio.Event().wait()

    async def until_parked(self, timeout: float = 5.0) -> None:
        """Wait until the schedule has done everything it does before its next long sleep."""
        await asyncio.wait_for(self.parked.wait(), timeout)
