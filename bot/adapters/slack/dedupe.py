"""Recognising a delivery Slack has already made, so a redelivery never answers twice.

Slack redelivers an event it thinks timed out (with `X-Slack-Retry-Num`, or a Socket Mode
`retry_attempt`); the copy carries the same `event_id`. Commands and button clicks carry a
`trigger_id` unique to each invocation. The check runs after signature verification, so a
forged request cannot mark a real one as seen.

Each process remembers deliveries itself (`RecentKeys`); with OSI_REDIS_URL the replicas
share the memory (`bot.ops.shared_state.SharedKeys`), so a retry that lands on another
replica is skipped too.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any, Protocol

from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.response import BoltResponse

from bot.ops.expiring import Expiring

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from slack_bolt.request.async_request import AsyncBoltRequest

__all__ = ["DEDUPE_TTL_SECONDS", "Deliveries", "RecentKeys", "SkipRedeliveries", "delivery_key"]

_log = logging.getLogger(__name__)

# Slack retries three times within about five minutes; an hour covers it with room to spare.
DEDUPE_TTL_SECONDS = 3600.0
_DEFAULT_CAPACITY = 10_000


class Deliveries(Protocol):
    """Where deliveries are remembered: this process, or every replica (Redis)."""

    async def first_time(self, key: str) -> bool:
        """Remember `key`; False when it was seen before (a repeat)."""


class RecentKeys:
    """A bounded set of keys that forgets each one `ttl` seconds after it was added."""

    def __init__(
        self,
        *,
        ttl: float = DEDUPE_TTL_SECONDS,
        capacity: int = _DEFAULT_CAPACITY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._added: Expiring[None] = Expiring(ttl=ttl, capacity=capacity, clock=clock)

    def __len__(self) -> int:
        return len(self._added)

    def add(self, key: str) -> bool:
        """Remember `key`; return False if it was already remembered (a repeat)."""
        return self._added.add(key, None)

    async def first_time(self, key: str) -> bool:
        return self.add(key)


def delivery_key(body: dict[str, Any]) -> str | None:
    """What identifies one delivery of this payload: its event or its trigger."""
    if event_id := body.get("event_id"):
        return f"event:{event_id}"
    if trigger_id := body.get("trigger_id"):
        return f"trigger:{trigger_id}"
    return None


class SkipRedeliveries(AsyncMiddleware):
    """Bolt global middleware: acknowledge a repeat delivery and do nothing else."""

    def __init__(self, seen: Deliveries) -> None:
        self._seen = seen

    async def async_process(
        self,
        *,
        req: AsyncBoltRequest,
        resp: BoltResponse,  # noqa: ARG002 - Bolt passes every argument by name
        next: Callable[[], Awaitable[BoltResponse]],
    ) -> BoltResponse:
        key = delivery_key(req.body)
        if key is not None and not await self._seen.first_time(key):
            _log.info("Ignoring a repeat delivery of %s", key)
            return BoltResponse(status=200, body="")  # 200, so Slack stops redelivering
        return await next()
