"""HTTP mode: an aiohttp application serving Slack's requests, a health probe and metrics."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response

from bot.adapters.slack.draining import Draining
from bot.adapters.slack.gate import (
    MAX_BODY_BYTES,
    bolt_request,
    read_body,
    refuse_unsigned,
    signature_problem,
)
from bot.ops.health import add_health_routes
from bot.ops.server_settings import DEFAULT_BODY_SECONDS

if TYPE_CHECKING:
    from collections.abc import Callable

    from bot.adapters.slack.app import SlackBot
    from bot.ops.metrics import Metrics

__all__ = ["EVENTS_PATH", "build_web_app"]

EVENTS_PATH = "/slack/events"


def build_web_app(
    bot: SlackBot,
    *,
    is_ready: Callable[[], bool],
    path: str = EVENTS_PATH,
    metrics: Metrics | None = None,
    body_seconds: float = DEFAULT_BODY_SECONDS,
    draining: Draining | None = None,
) -> web.Application:
    """Slack's requests on POST `path`, and the same GET /healthz (readiness) and GET /metrics
    as every other osi-bot process.

    A request reaches Bolt only once its body has arrived within `body_seconds` and its
    signature checks out (`bot.adapters.slack.gate`).
    """
    secret = bot.signing_secret
    if not secret:
        raise ValueError("an app served over HTTP needs a signing secret")
    draining = draining or Draining()

    async def events(request: web.Request) -> web.Response:
        body = await read_body(request, seconds=body_seconds, refusing=draining.refusing)
        if problem := signature_problem(secret, body, request.headers):
            return refuse_unsigned(request, problem, len(body))
        response = await bot.app.async_dispatch(bolt_request(request, body))
        return await to_aiohttp_response(response)

    web_app = web.Application(client_max_size=MAX_BODY_BYTES, middlewares=[draining.middleware()])
    web_app.router.add_post(path, events)
    add_health_routes(web_app, is_ready, metrics, bot.health_details)
    return web_app
