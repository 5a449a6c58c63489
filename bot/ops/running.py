"""What runs beside either bot: stopping on signals, reloading knowledge, the health server.

`osi-bot` is PID 1 in its container, where the kernel drops signals that have no handler,
so SIGTERM must be handled here for a rollout to stop the bot at all.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from contextlib import asynccontextmanager, contextmanager, suppress
from typing import TYPE_CHECKING

from bot.errors import ConfigError
from bot.ops.health import serve_health
from bot.ops.knowledge_holder import install_reload_signal, watch_knowledge
from bot.ops.settings import HEALTH_PORT

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator

    from aiohttp import web

    from bot.ops.knowledge_holder import KnowledgeHolder
    from bot.ops.metrics import Metrics
    from bot.ops.settings import OpsSettings
    from bot.ops.shared_state import SharedState

__all__ = ["operating", "stop_on_signals"]

log = logging.getLogger(__name__)

# While Redis is down, how often it is tried again (so /healthz shows it back).
REDIS_CHECK_SECONDS = 15.0


def _stopping(stop: asyncio.Event, sig: signal.Signals) -> None:
    if not stop.is_set():
        log.info("%s received: stopping", sig.name)
    stop.set()


@contextmanager
def stop_on_signals(stop: asyncio.Event) -> Iterator[None]:
    """Set `stop` on SIGTERM and SIGINT while inside the block."""
    loop = asyncio.get_running_loop()
    installed = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, _stopping, stop, sig)
        except (NotImplementedError, RuntimeError):  # Windows, or not the main thread
            continue
        installed.append(sig)
    try:
        yield
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)


async def _serve_health(
    port: int, is_ready: Callable[[], bool], metrics: Metrics, shared: SharedState | None
) -> web.AppRunner:
    details = shared.health if shared is not None else None
    try:
        runner = await serve_health(port, is_ready, metrics, details=details)
    except OSError as error:
        message = f"Cannot serve health checks on {HEALTH_PORT}={port} ({error.strerror or error})."
        raise ConfigError(HEALTH_PORT, message) from None
    log.info("serving /healthz and /metrics on port %d", port)
    return runner


@asynccontextmanager
async def operating(
    holder: KnowledgeHolder,
    settings: OpsSettings,
    metrics: Metrics,
    is_up: Callable[[], bool],
    shared: SharedState | None = None,
) -> AsyncIterator[asyncio.Event]:
    """While inside: the health server, knowledge reloads, and an event SIGTERM/SIGINT set.

    The block runs the bot until the yielded event is set. From that moment `/healthz`
    reports 503, so probes and load balancers stop sending before the bot stops answering.

    Args:
        is_up: whether the bot's connection is up (`/healthz` on OSI_HEALTH_PORT).
        shared: Redis (OSI_REDIS_URL): checked at start, tried again while it is down,
            shown in `/healthz`, closed at the end.
    """
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()

    def ready() -> bool:
        return not stop.is_set() and is_up()

    health = None
    if settings.health_port is not None:
        health = await _serve_health(settings.health_port, ready, metrics, shared)
    checker = None
    if shared is not None:
        if await shared.ping():
            log.info("sharing state with the other replicas through Redis at %s", shared.where)
        checker = loop.create_task(_check_redis(shared), name="redis check")
    on_hup = install_reload_signal(loop, holder)
    watcher = None
    if settings.reload_seconds > 0:
        watcher = loop.create_task(
            watch_knowledge(holder, settings.reload_seconds), name="knowledge watcher"
        )
    how = f"every {settings.reload_seconds:g} s and on SIGHUP" if watcher else "on SIGHUP"
    sources = ", ".join((holder.path, *holder.extra))
    log.info("reloading knowledge from %s %s", sources, how)
    try:
        with stop_on_signals(stop):
            yield stop
    finally:
        if watcher is not None:
            watcher.cancel()
            with suppress(asyncio.CancelledError):
                await watcher
        if checker is not None:
            checker.cancel()
            with suppress(asyncio.CancelledError):
                await checker
        if shared is not None:
            await shared.close()
        if on_hup:
            loop.remove_signal_handler(signal.SIGHUP)
        if health is not None:
            await health.cleanup()


async def _check_redis(shared: SharedState, every: float = REDIS_CHECK_SECONDS) -> None:
    """Try Redis again while it is down; answers and posts note it when it is up."""
    while True:
        await asyncio.sleep(every)
        if not shared.reachable:
            await shared.ping()
