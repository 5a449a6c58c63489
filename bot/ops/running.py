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

__all__ = ["operating", "stop_on_signals"]

log = logging.getLogger(__name__)


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


async def _serve_health(port: int, is_ready: Callable[[], bool], metrics: Metrics) -> web.AppRunner:
    try:
        runner = await serve_health(port, is_ready, metrics)
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
) -> AsyncIterator[asyncio.Event]:
    """While inside: the health server, knowledge reloads, and an event SIGTERM/SIGINT set.

    The block runs the bot until the yielded event is set. From that moment `/healthz`
    reports 503, so probes and load balancers stop sending before the bot stops answering.

    Args:
        is_up: whether the bot's connection is up (`/healthz` on OSI_HEALTH_PORT).
    """
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()

    def ready() -> bool:
        return not stop.is_set() and is_up()

    health = None
    if settings.health_port is not None:
        health = await _serve_health(settings.health_port, ready, metrics)
    on_hup = install_reload_signal(loop, holder)
    watcher = None
    if settings.reload_seconds > 0:
        watcher = loop.create_task(
            watch_knowledge(holder, settings.reload_seconds), name="knowledge watcher"
        )
    how = f"every {settings.reload_seconds:g} s and on SIGHUP" if watcher else "on SIGHUP"
    log.info("reloading knowledge from %s %s", holder.path, how)
    try:
        with stop_on_signals(stop):
            yield stop
    finally:
        if watcher is not None:
            watcher.cancel()
            with suppress(asyncio.CancelledError):
                await watcher
        if on_hup:
            loop.remove_signal_handler(signal.SIGHUP)
        if health is not None:
            await health.cleanup()
