"""State shared by every replica and process of the bot: Redis, when OSI_REDIS_URL is set.

One process keeps what it has seen in memory and its daily record in SQLite; several (Slack
replicas behind a Service, shard processes, a CronJob beside the bots) must share both, or a
redelivery that lands on another replica is answered twice. redis-py's asyncio client talks
to any Redis or Valkey; it is imported only when the setting is present.

Redis being unreachable must not stop the bot answering: `SharedState` notes each failure
(a metric, one warning per outage, `/healthz` detail) and the callers fall back or retry.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urlsplit

from bot.errors import ConfigError
from bot.ops.env import read

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from redis.asyncio import Redis

__all__ = [
    "REDIS_PREFIX",
    "REDIS_URL",
    "SharedKeys",
    "SharedState",
    "SharedStateSettings",
    "open_shared_state",
]

REDIS_URL = "OSI_REDIS_URL"
REDIS_PREFIX = "OSI_REDIS_PREFIX"
DEFAULT_PREFIX = "osi-bot:"
# A Redis that does not answer within this is treated as down for that call: an answer
# must never wait on it for long.
TIMEOUT_SECONDS = 2.0

_SCHEMES = ("redis", "rediss")
_log = logging.getLogger(__name__)


class SharedStateSettings(NamedTuple):
    """OSI_REDIS_URL (None: this process keeps its own state) and OSI_REDIS_PREFIX."""

    url: str | None
    prefix: str

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> SharedStateSettings:
        url = read(environ, REDIS_URL)
        if url is not None:
            _check_url(url)
        return cls(url, read(environ, REDIS_PREFIX) or DEFAULT_PREFIX)

    @property
    def where(self) -> str:
        """The server, for logs: host, port and database, never the password."""
        if self.url is None:
            return "this process"
        parts = urlsplit(self.url)
        database = parts.path.strip("/") or "0"
        return f"{parts.scheme}://{parts.hostname}:{parts.port or 6379}/{database}"


def _check_url(url: str) -> None:
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a bad one
    except ValueError:
        parts, port = None, None
    if parts is None or parts.scheme not in _SCHEMES or not parts.hostname:
        # The value may hold a password: the message never repeats it.
        message = (
            f"{REDIS_URL} must be a redis:// or rediss:// URL such as "
            "redis://:password@redis:6379/0; the value given is not one."
        )
        raise ConfigError(REDIS_URL, message)
    database = parts.path.strip("/")
    if database and not database.isdigit():
        message = f"{REDIS_URL} names database {database!r}; it must be a number, such as /0."
        raise ConfigError(REDIS_URL, message)
    del port


class SharedState:
    """A Redis client, the key prefix, and the record of whether Redis answers.

    Args:
        on_error: told the operation's name each time Redis fails (a metric).
    """

    def __init__(
        self,
        client: Redis,
        *,
        prefix: str = DEFAULT_PREFIX,
        where: str = "Redis",
        on_error: Callable[[str], object] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.prefix = prefix
        self.where = where
        self._on_error = on_error
        self._clock = clock
        self.reachable = True
        self.last_error = ""

    def key(self, *parts: str) -> str:
        return self.prefix + ":".join(parts)

    def failed(self, operation: str, error: BaseException) -> None:
        """Note a failed call: counted every time, warned about once per outage."""
        if self._on_error is not None:
            self._on_error(operation)
        self.last_error = f"{type(error).__name__}: {error}"[:200]
        if self.reachable:
            _log.warning(
                "Redis at %s is unreachable (%s); %s",
                self.where,
                self.last_error,
                "answers go on with this process's memory; daily posts wait for it",
            )
        self.reachable = False

    def answered(self) -> None:
        """Note a call that worked; the end of an outage is logged once."""
        if not self.reachable:
            _log.info("Redis at %s answers again", self.where)
        self.reachable = True
        self.last_error = ""

    def health(self) -> dict[str, str]:
        """`/healthz` detail: shown, but never a reason to fail readiness."""
        if self.reachable:
            return {"redis": "ok"}
        return {"redis": "unreachable", "redis_error": self.last_error}

    async def ping(self) -> bool:
        """Check Redis now (start-up, and `/healthz` while it is down)."""
        from redis.exceptions import RedisError  # noqa: PLC0415 - redis loads only when used

        try:
            await self.client.ping()
        except (RedisError, OSError) as error:
            self.failed("ping", error)
            return False
        self.answered()
        return True

    async def close(self) -> None:
        await self.client.aclose()


def open_shared_state(
    settings: SharedStateSettings, *, on_error: Callable[[str], object] | None = None
) -> SharedState | None:
    """A client for OSI_REDIS_URL (connecting lazily); None when it is not set."""
    if settings.url is None:
        return None
    from redis.asyncio import Redis  # noqa: PLC0415 - only processes that share state pay for it

    client = Redis.from_url(
        settings.url,
        socket_timeout=TIMEOUT_SECONDS,
        socket_connect_timeout=TIMEOUT_SECONDS,
        health_check_interval=30,
        decode_responses=True,
    )
    return SharedState(client, prefix=settings.prefix, where=settings.where, on_error=on_error)


class SharedKeys:
    """Keys each remembered once across every replica for `ttl` seconds (SET NX EX).

    The process also remembers each key itself (`local`), so while Redis is down a
    repeat to the same replica is still caught, and nothing waits on a dead server.

    Args:
        local: `add(key) -> bool`, False for a key it already had (`RecentKeys.add`).
    """

    def __init__(
        self, state: SharedState, local: Callable[[str], bool], *, ttl: float, kind: str
    ) -> None:
        self._state = state
        self._local = local
        self._ttl = max(1, round(ttl))
        self._kind = kind

    async def first_time(self, key: str) -> bool:
        """Remember `key`; False when any replica (or this one) already had it."""
        from redis.exceptions import RedisError  # noqa: PLC0415

        new_here = self._local(key)
        try:
            added = await self._state.client.set(
                self._state.key(self._kind, key), "1", nx=True, ex=self._ttl
            )
        except (RedisError, OSError) as error:
            self._state.failed(f"remember {self._kind}", error)
            return new_here
        self._state.answered()
        return bool(added) and new_here
