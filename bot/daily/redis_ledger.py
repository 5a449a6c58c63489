"""The record of posted days in Redis, shared by every poster that has OSI_REDIS_URL.

One key per platform, channel and day holds either `claimed:<token>`, with the lease as its
expiry, or `posted:<message id>`, kept for `COMPLETED_DAYS` days. A claim is `SET NX PX`;
extending, completing and releasing run as Lua scripts that compare the owner's token
first, so only the owner changes its claim, atomically.

Redis unreachable is `LedgerUnavailableError`: the post waits for a claim rather than risk
being posted twice.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from bot.daily.ledger import CLAIM_LEASE_SECONDS, LedgerUnavailableError

if TYPE_CHECKING:
    from datetime import date

    from bot.ops.shared_state import SharedState

__all__ = ["COMPLETED_DAYS", "RedisLedger"]

# A completed day must outlive every retry and catch-up that could still post it; a week
# and a day also covers a weekly manual re-run.
COMPLETED_DAYS = 8

_CLAIMED = "claimed:"
_POSTED = "posted:"

# KEYS[1] the day's key; ARGV[1] "claimed:<token>"; ARGV[2] the lease in milliseconds.
_EXTEND = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""
# ARGV[1] "claimed:<token>"; ARGV[2] "posted:<message>"; ARGV[3] seconds to keep it.
# A claim that expired unclaimed is still recorded (the post exists) but reported as lost;
# another owner's claim is left alone.
_COMPLETE = """
local held = redis.call('GET', KEYS[1])
if held == ARGV[1] or not held then
    redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
end
if held == ARGV[1] then return 1 end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
end
return 0
"""


class RedisLedger:
    """`Ledger` on Redis (see `bot.daily.ledger` for the rules every store keeps)."""

    def __init__(self, state: SharedState, *, lease_seconds: float = CLAIM_LEASE_SECONDS) -> None:
        self._state = state
        self.lease_seconds = lease_seconds

    def _key(self, platform: str, channel: str, day: date) -> str:
        return self._state.key("daily", platform, channel, day.isoformat())

    @property
    def _lease_ms(self) -> int:
        return max(1, round(self.lease_seconds * 1000))

    async def claim(self, platform: str, channel: str, day: date) -> str | None:
        token = uuid.uuid4().hex
        key = self._key(platform, channel, day)
        won = await self._call("claim", self._state.client.set(
            key, _CLAIMED + token, nx=True, px=self._lease_ms
        ))  # fmt: skip
        return token if won else None

    async def extend(self, platform: str, channel: str, day: date, *, token: str) -> bool:
        key = self._key(platform, channel, day)
        extended = await self._call(
            "extend", self._script(_EXTEND, key, _CLAIMED + token, self._lease_ms)
        )
        return extended == 1

    async def complete(
        self, platform: str, channel: str, day: date, *, message: str, token: str
    ) -> bool:
        key = self._key(platform, channel, day)
        keep = COMPLETED_DAYS * 86_400
        done = await self._call(
            "complete", self._script(_COMPLETE, key, _CLAIMED + token, _POSTED + message, keep)
        )
        return done == 1

    async def release(self, platform: str, channel: str, day: date, *, token: str) -> None:
        key = self._key(platform, channel, day)
        await self._call("release", self._script(_RELEASE, key, _CLAIMED + token))

    async def posted(self, platform: str, channel: str, day: date) -> bool:
        held = await self._call("read", self._state.client.get(self._key(platform, channel, day)))
        return isinstance(held, str) and held.startswith(_POSTED)

    def _script(self, script: str, key: str, *args: str | int) -> Any:
        return self._state.client.eval(script, 1, key, *args)

    async def _call(self, operation: str, call: Any) -> object:
        """Await a redis-py call (its awaitable, typed `Any` by redis-py)."""
        from redis.exceptions import RedisError  # noqa: PLC0415 - loaded with the client

        try:
            result = await call
        except (RedisError, OSError, TimeoutError) as error:
            self._state.failed(f"daily {operation}", error)
            message = f"cannot reach Redis at {self._state.where} to {operation} the post"
            raise LedgerUnavailableError(message) from None
        self._state.answered()
        return result
