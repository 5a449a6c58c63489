"""HTTP mode: an aiohttp application serving Slack's requests, a health probe and metrics."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request

from bot.ops.health import add_health_routes

if TYPE_CHECKING:
    from collections.abc import Callable

    from bot.adapters.slack.app import SlackBot
    from bot.ops.metrics import Metrics

__all__ = ["EVENTS_PATH", "build_web_app"]

EVENTS_PATH = "/slack/events"
# Slack's payloads are a few kilobytes; anything near this is not from Slack.
_MAX_BODY_BYTES = 512 * 1024


def build_web_app(
    bot: SlackBot,
    *,
    is_ready: Callable[[], bool],
    path: str = EVENTS_PATH,
    metrics: Metrics | None = None,
) -> web.Application:
    """Slack's requests on POST `path` (signatures verified by Bolt), and the same
    GET /healthz (readiness) and GET /metrics as every other osi-bot process."""
    if not bot.verifies_signatures:
        raise ValueError("an app served over HTTP needs a signing secret")

    async def events(request: web.Request) -> web.Response:
        response = await bot.app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(response)

    web_app = web.Application(client_max_size=_MAX_BODY_BYTES)
    web_app.router.add_post(path, events)
    add_health_routes(web_app, is_ready, metrics, bot.health_details)
    return web_app
