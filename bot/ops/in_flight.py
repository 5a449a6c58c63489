"""Work in progress that shutting down must wait for: answers being sent, a daily post.

Slack listeners acknowledge first and answer in a task of their own; discord.py runs every
event in a task and closes its HTTP session without waiting for them; a daily post may be
on its way at SIGTERM. One tracker serves all three: `spawn` starts and holds a task (so
asyncio cannot collect it mid-flight), `track()` wraps work already running, and `idle`
waits for none, which also lets tests wait for quiet instead of sleeping.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Coroutine, Iterator

__all__ = ["SHUTDOWN_GRACE_SECONDS", "InFlight"]

# How long a stopping bot gives the work in progress before it disconnects anyway:
# well inside Kubernetes' default 30 s termination grace period.
SHUTDOWN_GRACE_SECONDS = 10.0

_log = logging.getLogger(__name__)


class InFlight:
    """A count of work in progress: `spawn` or `track()` each piece, `idle()` to wait for none."""

    def __init__(self) -> None:
        self._count = 0
        self._tasks: set[asyncio.Task[None]] = set()
        self._none = asyncio.Event()
        self._none.set()

    def __len__(self) -> int:
        return self._count

    def _start(self) -> None:
        self._count += 1
        self._none.clear()

    def _end(self) -> None:
        self._count -= 1
        if self._count == 0:
            self._none.set()

    @contextmanager
    def track(self) -> Iterator[None]:
        """Count the block as in progress while it runs."""
        self._start()
        try:
            yield
        finally:
            self._end()

    def spawn(self, work: Coroutine[Any, Any, None], *, name: str) -> None:
        """Run `work` in a task of its own, counted until it ends."""
        task = asyncio.get_running_loop().create_task(work, name=name)
        self._start()
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        self._end()
        if not task.cancelled() and (error := task.exception()) is not None:
            # Work catches its own errors and apologises; this is the last line of defence.
            _log.error("Background task %s failed", task.get_name(), exc_info=error)

    async def idle(self, timeout: float | None = SHUTDOWN_GRACE_SECONDS) -> bool:
        """Wait until nothing is in progress (including work started meanwhile).

        Returns False if something still is after `timeout` seconds.
        """
        try:
            async with asyncio.timeout(timeout):
                await self._none.wait()
        except TimeoutError:
            return False
        return True
