"""The two ways Slack reaches the bot: Socket Mode, or HTTP requests to its own server.

Each is a context manager: inside it the bot is answering, and `Running.is_up` tells the
health check whether Slack can reach it at this moment.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

from bot.adapters.slack.draining import DRAIN_SECONDS, Draining
from bot.adapters.slack.server import build_web_app
from bot.ops.server_settings import ServerSettings

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

    from slack_bolt.adapter.socket_mode.async_base_handler import AsyncBaseSocketModeHandler
    from slack_sdk.web.async_client import AsyncWebClient

    from bot.adapters.slack.app import SlackBot
    from bot.ops.metrics import Metrics

__all__ = ["Running", "http", "socket_mode"]

_log = logging.getLogger(__name__)
# Long enough for a client to read a refusal before the connection closes under it.
_LINGER_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class Running:
    """A bot that is answering; `url` is the HTTP server's address (None in Socket Mode)."""

    bot: SlackBot
    url: str | None
    is_up: Callable[[], bool] = lambda: True  # whether Slack can reach the bot right now


@asynccontextmanager
async def socket_mode(
    bot: SlackBot, app_token: str, client: AsyncWebClient
) -> AsyncIterator[Running]:
    handler = AsyncSocketModeHandler(bot.app, app_token=app_token, web_client=client)
    try:
        await handler.connect_async()  # type: ignore[no-untyped-call]
        _log.info("osi-bot is answering on Slack (Socket Mode)")
        yield Running(bot, url=None, is_up=lambda: _socket_is_open(handler))
    finally:
        await handler.close_async()  # type: ignore[no-untyped-call]


def _socket_is_open(handler: AsyncBaseSocketModeHandler) -> bool:
    """Whether the WebSocket to Slack is open now (the SDK reconnects a dropped one)."""
    client = handler.client
    session: Any = getattr(client, "current_session", None)  # the aiohttp client's socket
    return not client.closed and session is not None and not session.closed


@asynccontextmanager
async def http(
    bot: SlackBot,
    host: str,
    port: int,
    metrics: Metrics,
    *,
    is_ready: Callable[[], bool],
    server: ServerSettings | None = None,
) -> AsyncIterator[Running]:
    """Serve Slack's requests, `/healthz` (200 while `is_ready()`) and `/metrics`.

    On leaving, stop within `server.shutdown_seconds`: every request received is answered
    or refused (`bot.adapters.slack.draining`); `is_ready()` should be False by then.
    """
    server = server or ServerSettings()
    draining = Draining()
    web_app = build_web_app(
        bot, is_ready=is_ready, metrics=metrics, body_seconds=server.body_seconds, draining=draining
    )
    window = min(DRAIN_SECONDS, server.shutdown_seconds / 4)
    runner = web.AppRunner(
        web_app,
        access_log=None,
        handle_signals=False,
        # Closes idle keep-alive connections, and ones whose request line and headers
        # have not all arrived, this long after they opened or last answered.
        keepalive_timeout=server.idle_seconds,
        # After a 408 or 413, read (and drop) what is left of the body this long at most.
        lingering_time=_LINGER_SECONDS,
        shutdown_timeout=server.shutdown_seconds - window,
    )
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        bound = runner.addresses[0]
        url = f"http://{bound[0]}:{bound[1]}"
        _log.info("osi-bot is answering on Slack (HTTP, %s/slack/events)", url)
        yield Running(bot, url=url)
    finally:
        await draining.stop(runner, window)
