"""HTTP mode: an aiohttp application serving Slack's requests, a health probe and metrics."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request

from bot.ops.health import add_metrics_route

if TYPE_CHECKING:
    from bot.adapters.slack.app import SlackBot
    from bot.ops.metrics import Metrics

__all__ = ["EVENTS_PATH", "HEALTH_PATH", "build_web_app"]

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
# Slack's payloads are a few kilobytes; anything near this is not from Slack.
_MAX_BODY_BYTES = 512 * 1024


def build_web_app(
    bot: SlackBot, *, path: str = EVENTS_PATH, metrics: Metrics | None = None
) -> web.Application:
    """Slack's requests on POST `path` (signatures verified by Bolt), GET /healthz for probes,
    and GET /metrics when given `metrics`."""
    if not bot.verifies_signatures:
        raise ValueError("an app served over HTTP needs a signing secret")

    async def events(request: web.Request) -> web.Response:
        response = await bot.app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(response)

    async def health(_: web.Request) -> web.Response:
        # Served only once the app is built and listening, so "up" means "ready".
        return web.Response(text="ok")

    web_app = web.Application(client_max_size=_MAX_BODY_BYTES)
    web_app.router.add_post(path, events)
    web_app.router.add_get(HEALTH_PATH, health)
    if metrics is not None:
        add_metrics_route(web_app, metrics)
    return web_app
