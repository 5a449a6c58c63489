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
from bot.loading.load import load_knowledge

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from bot.core.knowledge import Knowledge

__all__ = ["KnowledgeHolder", "install_reload_signal", "watch_knowledge"]

log = logging.getLogger(__name__)


def _signature(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


class KnowledgeHolder:
    """The knowledge every answer reads, swapped atomically by `reload`.

    Args:
        on_reload: told whether each reload succeeded (for the reloads metric).
    """

    def __init__(
        self,
        knowledge: Knowledge,
        path: str,
        load: Callable[[str], Knowledge] = load_knowledge,
        on_reload: Callable[[bool], object] | None = None,
    ) -> None:
        self._current = knowledge
        self.path = path
        self._load = load
        self._on_reload = on_reload
        self._loaded_signature = _signature(self.path)

    @property
    def current(self) -> Knowledge:
        return self._current

    def get(self) -> Knowledge:
        """The current knowledge; pass `holder.get` where a knowledge source is wanted."""
        return self._current

    def changed_on_disk(self) -> bool:
        return _signature(self.path) != self._loaded_signature

    def reload(self) -> bool:
        """Load the file again; swap it in if valid, else keep serving the old knowledge."""
        ok = self._reload()
        if self._on_reload is not None:
            self._on_reload(ok)
        return ok

    def _reload(self) -> bool:
        signature = _signature(self.path)
        try:
            fresh = self._load(self.path)
        except KnowledgeError as error:
            # Remember the broken version, so the watcher reports it once, not every poll.
            self._loaded_signature = signature
            log.error("knowledge reload failed; still answering from the previous file: %s", error)
            return False
        except Exception:
            # A reload runs inside the serving bot: a bug in loading must not stop it.
            self._loaded_signature = signature
            log.exception("knowledge reload crashed; still answering from the previous file")
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
    """Reload on SIGHUP; False where there is no SIGHUP (Windows) or not in the main thread."""
    if not hasattr(signal, "SIGHUP"):
        return False
    try:
        loop.add_signal_handler(signal.SIGHUP, holder.reload)
    except (NotImplementedError, RuntimeError):
        return False
    return True
