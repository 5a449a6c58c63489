"""Work that runs after Slack has been acknowledged, kept track of until it finishes.

Listeners acknowledge first and answer here, so a slow reply never makes Slack time out
and redeliver. Holding every task stops asyncio from collecting one mid-flight, lets
shutdown wait for replies in progress, and lets tests wait for quiet instead of sleeping.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Coroutine
    from typing import Any

__all__ = ["Background"]

_log = logging.getLogger(__name__)


class Background:
    """A set of running tasks: start them with `spawn`, wait for them with `idle`."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()

    def __len__(self) -> int:
        return len(self._tasks)

    def spawn(self, work: Coroutine[Any, Any, None], *, name: str) -> None:
        task = asyncio.get_running_loop().create_task(work, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and (error := task.exception()) is not None:
            # Work catches its own errors and apologises; this is the last line of defence.
            _log.error("Background task %s failed", task.get_name(), exc_info=error)

    async def idle(self, timeout: float | None = None) -> bool:
        """Wait until no task is running (including ones started meanwhile); False on timeout."""
        try:
            async with asyncio.timeout(timeout):
                while self._tasks:
                    await asyncio.wait(set(self._tasks))
        except TimeoutError:
            return False
        return True
