"""Answers being sent right now, so shutting down can wait for them before disconnecting.

discord.py runs every event and interaction in a task of its own and closes its HTTP
session without waiting for them; a reply on its way at SIGTERM would be cut off.
"""

from __future__ import annotations

import asyncio
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["InFlight"]


class InFlight:
    """A count of answers in progress: `track()` around each, `idle()` to wait for none."""

    def __init__(self) -> None:
        self._count = 0
        self._none = asyncio.Event()
        self._none.set()

    def __len__(self) -> int:
        return self._count

    @contextmanager
    def track(self) -> Iterator[None]:
        self._count += 1
        self._none.clear()
        try:
            yield
        finally:
            self._count -= 1
            if self._count == 0:
                self._none.set()

    async def idle(self, timeout: float) -> bool:
        """Wait until no answer is in progress; False if some still are after `timeout` s."""
        try:
            async with asyncio.timeout(timeout):
                await self._none.wait()
        except TimeoutError:
            return False
        return True
