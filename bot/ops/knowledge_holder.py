"""Knowledge that can be reloaded while the bot runs, never half-loaded, never in the way.

A reload reads, parses and validates the whole new file in a worker thread, so the event
loop keeps answering meanwhile; only a complete, valid Knowledge replaces the current one,
in a single reference assignment on the loop, so an answer sees the old knowledge or the
new, never a mix. A bad file, or one still loading after the reload timeout, is logged in
one line and the bot keeps answering from what it had. The loader's own bounds (the size
cap, no YAML aliases) keep the worker's time and memory small; the timeout is the last
line, and the thread is a daemon, so a stuck parse never holds up SIGTERM.

Team overlays (OSI_KNOWLEDGE_EXTRA) are watched like the main file: each overlay file, and
the listing of each overlay directory, so an added, edited or removed overlay reloads too.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
from contextlib import suppress
from typing import TYPE_CHECKING

from bot.errors import KnowledgeError
from bot.loading.load import load_knowledge, overlay_files
from bot.ops.settings import DEFAULT_RELOAD_TIMEOUT

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from bot.core.knowledge import Knowledge

__all__ = ["KnowledgeHolder", "install_reload_signal", "watch_knowledge"]

log = logging.getLogger(__name__)

_PROBLEMS_LOGGED = 3  # a reload's log line names this many problems, then counts the rest
_PREVIOUS = "still answering from the previous file"


def _stat(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)  # through symlinks: a ConfigMap swaps the link's target
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _signature(path: str, extra: tuple[str, ...]) -> tuple[object, ...]:
    """What changes when the main file, an overlay file, or an overlay directory's list does."""
    overlays: list[object] = []
    for place in extra:
        try:
            overlays.append(tuple((name, _stat(name)) for name in overlay_files([place])))
        except KnowledgeError:
            overlays.append(None)  # gone or unreadable; the reload says which
    return (_stat(path), *overlays)


def _one_line(error: KnowledgeError) -> str:
    shown = "; ".join(error.problems[:_PROBLEMS_LOGGED])
    more = len(error.problems) - _PROBLEMS_LOGGED
    return f"{error.source}: {shown}" + (f" (and {more} more)" if more > 0 else "")


class KnowledgeHolder:
    """The knowledge every answer reads, swapped atomically by `reload`.

    Args:
        on_reload: told whether each reload succeeded (for the reloads metric).
        timeout: seconds a reload waits for the new file before keeping the old one.
        extra: the team overlays `load` merges over the file (files or directories), to
            watch as well.
    """

    def __init__(
        self,
        knowledge: Knowledge,
        path: str,
        load: Callable[[str], Knowledge] = load_knowledge,
        *,
        on_reload: Callable[[bool], object] | None = None,
        timeout: float = DEFAULT_RELOAD_TIMEOUT,
        extra: tuple[str, ...] = (),
    ) -> None:
        self._current = knowledge
        self.path = path
        self.extra = extra
        self._load = load
        self._on_reload = on_reload
        self._timeout = timeout
        self._loaded_signature = _signature(self.path, self.extra)
        self._loading = False  # a worker's result has not reached the loop yet
        self._tasks: set[asyncio.Task[bool]] = set()

    @property
    def current(self) -> Knowledge:
        return self._current

    def get(self) -> Knowledge:
        """The current knowledge; pass `holder.get` where a knowledge source is wanted."""
        return self._current

    def changed_on_disk(self) -> bool:
        return _signature(self.path, self.extra) != self._loaded_signature

    async def reload(self) -> bool:
        """Load the file again off the event loop; swap it in if valid, else keep the old."""
        if self._loading:
            # One load at a time: a file that outlived its timeout still holds the worker.
            log.warning("knowledge reload skipped: the previous one is still loading %s", self.path)
            return False
        ok = await self._reload()
        if self._on_reload is not None:
            self._on_reload(ok)
        return ok

    def reload_soon(self) -> None:
        """Start `reload` in the background (SIGHUP's handler, which cannot await)."""
        task = asyncio.get_running_loop().create_task(self.reload(), name="knowledge reload")
        self._tasks.add(task)  # the loop keeps only a weak reference to a task
        task.add_done_callback(self._tasks.discard)

    async def _reload(self) -> bool:
        signature = _signature(self.path, self.extra)
        try:
            fresh = await asyncio.wait_for(self._load_in_worker(), self._timeout)
        except KnowledgeError as error:
            # Remember the broken version, so the watcher reports it once, not every poll.
            self._loaded_signature = signature
            log.error("knowledge reload failed; %s: %s", _PREVIOUS, _one_line(error))
            return False
        except TimeoutError:
            self._loaded_signature = signature
            log.error(
                "knowledge reload gave up after %g s; %s: %s", self._timeout, _PREVIOUS, self.path
            )
            return False
        except Exception:
            # A reload runs inside the serving bot: a bug in loading must not stop it.
            self._loaded_signature = signature
            log.exception("knowledge reload crashed; %s", _PREVIOUS)
            return False
        self._current = fresh
        self._loaded_signature = signature
        team = sum(1 for entry in fresh.entries if entry.origin.team)
        log.info(
            "knowledge reloaded from %s: %d entries%s",
            self.path,
            len(fresh.entries),
            f", {team} of them from team overlays" if self.extra else "",
        )
        return True

    def _load_in_worker(self) -> asyncio.Future[Knowledge]:
        """`load(path)` in a daemon thread; its result or error arrives on the loop."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[Knowledge] = loop.create_future()

        def settle(knowledge: Knowledge | None, error: Exception | None) -> None:
            self._loading = False
            if done.done():  # the reload gave up waiting
                return
            if error is not None:
                done.set_exception(error)
            else:
                done.set_result(knowledge)  # type: ignore[arg-type]

        def work() -> None:
            knowledge: Knowledge | None = None
            error: Exception | None = RuntimeError("the knowledge load stopped unexpectedly")
            try:
                knowledge, error = self._load(self.path), None
            except Exception as caught:  # handed to the loop, which reports it
                error = caught
            finally:  # always, or `_loading` would stay set and block every later reload
                with suppress(RuntimeError):  # the loop closed while this thread loaded
                    loop.call_soon_threadsafe(settle, knowledge, error)

        self._loading = True
        threading.Thread(target=work, name="knowledge reload", daemon=True).start()
        return done


async def watch_knowledge(
    holder: KnowledgeHolder,
    interval: float,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
) -> None:
    """Reload whenever the file changes, checking every `interval` seconds; forever."""
    while True:
        await sleep(interval)
        if holder.changed_on_disk():
            await holder.reload()


def install_reload_signal(loop: asyncio.AbstractEventLoop, holder: KnowledgeHolder) -> bool:
    """Reload on SIGHUP; False where there is no SIGHUP (Windows) or not in the main thread."""
    if not hasattr(signal, "SIGHUP"):
        return False
    try:
        loop.add_signal_handler(signal.SIGHUP, holder.reload_soon)
    except (NotImplementedError, RuntimeError):
        return False
    return True
