"""Stopping the HTTP server within a bound, answering or refusing every request it received.

aiohttp's own cleanup closed every connection at once, so a request already on its way over
a kept-alive connection was dropped unanswered, and it waited up to 60 s for a body still
arriving, past the pod's grace period. Instead, once `/healthz` reports 503:

1. the listening socket closes (no new connections), and every response from now on
   closes its connection, so no client sends another request down it;
2. for a short window, requests already on their way are still read and answered;
3. then a body still arriving gets 503, idle connections close, and handlers still
   running get the rest of the time aiohttp is given (`shutdown_timeout`).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from aiohttp import web

if TYPE_CHECKING:
    from aiohttp.typedefs import Handler, Middleware

__all__ = ["DRAIN_SECONDS", "Draining"]

# Long enough for requests already on the wire to arrive; the preStop pause before
# SIGTERM has already let the Ingress stop sending new ones.
DRAIN_SECONDS = 1.0
_POLL_SECONDS = 0.05


class Draining:
    """Whether the server is stopping, as its requests need to know it."""

    def __init__(self) -> None:
        self._stopping = False
        self.refusing = asyncio.Event()  # set: a body still arriving gets 503

    def middleware(self) -> Middleware:
        """While stopping, every response closes its connection."""

        @web.middleware
        async def close_when_stopping(request: web.Request, handler: Handler) -> web.StreamResponse:
            try:
                response = await handler(request)
            except web.HTTPException as error:
                if self._stopping:
                    error.force_close()
                raise
            if self._stopping:
                response.force_close()
            return response

        return close_when_stopping

    async def stop(self, runner: web.AppRunner, window: float = DRAIN_SECONDS) -> None:
        """Stop `runner` as described above: within `window` plus its `shutdown_timeout`."""
        self._stopping = True
        for site in list(runner.sites):
            await site.stop()
        loop = asyncio.get_running_loop()
        end = loop.time() + window
        while runner.server is not None and runner.server.connections and loop.time() < end:
            await asyncio.sleep(_POLL_SECONDS)
        self.refusing.set()
        await runner.cleanup()
