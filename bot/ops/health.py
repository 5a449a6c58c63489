"""GET /healthz and GET /metrics for Kubernetes probes and Prometheus.

Slack's HTTP mode mounts these routes on its own server; Socket Mode and Discord serve
them on OSI_HEALTH_PORT with `serve_health`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from bot.ops.metrics import CONTENT_TYPE

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from bot.ops.metrics import Metrics

__all__ = ["add_health_routes", "add_metrics_route", "serve_health"]


def add_health_routes(
    app: web.Application,
    is_ready: Callable[[], bool],
    metrics: Metrics | None,
    details: Callable[[], Mapping[str, str]] | None = None,
) -> None:
    """`/healthz` answers 200 while `is_ready()`, 503 otherwise; `/metrics` when given.

    Args:
        details: shown in the body (e.g. whether Redis answers), never deciding the status:
            a dependency the bot can answer without must not take every replica out of
            the Service.
    """

    async def healthz(_: web.Request) -> web.Response:
        extra = dict(details()) if details is not None else {}
        if is_ready():
            return web.json_response({"status": "ok", **extra})
        return web.json_response({"status": "starting or disconnected", **extra}, status=503)

    app.router.add_get("/healthz", healthz)
    if metrics is not None:
        add_metrics_route(app, metrics)


def add_metrics_route(app: web.Application, metrics: Metrics) -> None:
    """`/metrics` in the text format Prometheus scrapes."""

    async def exposition(_: web.Request) -> web.Response:
        return web.Response(body=metrics.exposition(), headers={"Content-Type": CONTENT_TYPE})

    app.router.add_get("/metrics", exposition)


async def serve_health(
    port: int,
    is_ready: Callable[[], bool],
    metrics: Metrics | None,
    host: str = "0.0.0.0",  # noqa: S104 - probes come from the kubelet, outside the pod
    details: Callable[[], Mapping[str, str]] | None = None,
) -> web.AppRunner:
    """Start the health server; the caller `await runner.cleanup()`s it on shutdown."""
    app = web.Application()
    add_health_routes(app, is_ready, metrics, details)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner
