"""Knowledge that can be reloaded while the bot runs, never half-loaded.

A reload loads and validates a whole new file first; only a complete, valid Knowledge
replaces the current one, in a single reference assignment. A bad file is logged and the
bot keeps answering from what it had.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from typing import TYPE_CHECKING

from bot.errors import KnowledgeError
from bot.loading import load_knowledge, resolve_knowledge_path

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from bot.knowledge import Knowledge

__all__ = ["KnowledgeHolder", "install_reload_signal", "watch_knowledge"]

log = logging.getLogger(__name__)


def _signature(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


class KnowledgeHolder:
    """The knowledge every answer reads, swapped atomically by `reload`."""

    def __init__(
        self,
        knowledge: Knowledge,
        path: str | None = None,
        load: Callable[[str], Knowledge] = load_knowledge,
    ) -> None:
        self._current = knowledge
        self.path = resolve_knowledge_path(path)
        self._load = load
        self._loaded_signature = _signature(self.path)

    @property
    def current(self) -> Knowledge:
        return self._current

    def changed_on_disk(self) -> bool:
        return _signature(self.path) != self._loaded_signature

    def reload(self) -> bool:
        """Load the file again; swap it in if valid, else keep serving the old knowledge."""
        signature = _signature(self.path)
        try:
            fresh = self._load(self.path)
        except KnowledgeError as error:
            # Remember the broken version, so the watcher reports it once, not every poll.
            self._loaded_signature = signature
            log.error("knowledge reload failed; still answering from the previous file: %s", error)
            return False
        self._current = fresh
        self._loaded_signature = signature
        log.info("knowledge reloaded from %s: %d entries", self.path, len(fresh.entries))
        return True


async def watch_knowledge(
    holder: KnowledgeHolder,
    interval: float,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
) -> None:
    """Reload whenever the file changes, checking every `interval` seconds; forever."""
    while True:
        await sleep(interval)
        if holder.changed_on_disk():
            holder.reload()


def install_reload_signal(loop: asyncio.AbstractEventLoop, holder: KnowledgeHolder) -> bool:
    """Reload on SIGHUP; False where the platform has no SIGHUP (Windows)."""
    if not hasattr(signal, "SIGHUP"):
        return False
    loop.add_signal_handler(signal.SIGHUP, holder.reload)
    return True
