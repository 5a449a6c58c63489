"""Shared state on a real `redis-server`: settings, keys remembered once across replicas,
and answering that goes on, with one warning and a metric, while Redis is down."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pytest
from aiohttp import ClientSession, web

from bot.errors import ConfigError
from bot.ops.health import add_health_routes
from bot.ops.metrics import Metrics
from bot.ops.shared_state import (
    DEFAULT_PREFIX,
    REDIS_URL,
    SharedKeys,
    SharedStateSettings,
    open_shared_state,
)
from tests.fakes.redis_server import raw_client

if TYPE_CHECKING:
    from bot.ops.shared_state import SharedState
    from tests.fakes.redis_server import RedisServer


def test_without_a_url_each_process_keeps_its_own_state() -> None:
    settings = SharedStateSettings.from_env({})
    assert settings == SharedStateSettings(None, DEFAULT_PREFIX)
    assert open_shared_state(settings) is None


@pytest.mark.parametrize(
    "url",
    [
        "redis://:s3cret-pass@redis:6379/0",
        "rediss://user:s3cret-pass@redis.example.com:6380/2",
        "redis://redis",
    ],
)
def test_redis_and_rediss_urls_with_passwords_are_accepted(url: str) -> None:
    settings = SharedStateSettings.from_env({REDIS_URL: url, "OSI_REDIS_PREFIX": "team-a:"})
    assert settings.url == url
    assert settings.prefix == "team-a:"
    assert "s3cret" not in settings.where


@pytest.mark.parametrize(
    "url",
    [
        "http://:s3cret-pass@redis:6379/0",
        "redis://:s3cret-pass@redis:notaport/0",
        "redis://:s3cret-pass@/0",
        "s3cret-pass",
        "redis://:s3cret-pass@redis:6379/cache",
    ],
)
def test_a_bad_url_is_one_line_that_never_repeats_the_password(url: str) -> None:
    with pytest.raises(ConfigError) as raised:
        SharedStateSettings.from_env({REDIS_URL: url})
    message = str(raised.value)
    assert REDIS_URL in message
    assert "s3cret" not in message
    assert "\n" not in message


async def _two_replicas(server: RedisServer, prefix: str) -> tuple[SharedState, SharedState]:
    first = open_shared_state(SharedStateSettings(server.url, prefix))
    second = open_shared_state(SharedStateSettings(server.url, prefix))
    assert first is not None
    assert second is not None
    return first, second


class LocalMemory:
    def __init__(self) -> None:
        self.keys: set[str] = set()

    def add(self, key: str) -> bool:
        new = key not in self.keys
        self.keys.add(key)
        return new


async def test_a_key_is_new_to_exactly_one_replica(
    redis_server: RedisServer, redis_prefix: str
) -> None:
    first, second = await _two_replicas(redis_server, redis_prefix)
    try:
        replica_a = SharedKeys(first, LocalMemory().add, ttl=3600, kind="delivery")
        replica_b = SharedKeys(second, LocalMemory().add, ttl=3600, kind="delivery")
        assert await replica_a.first_time("event:Ev1")
        assert not await replica_b.first_time("event:Ev1")  # a retry on the other replica
        assert not await replica_a.first_time("event:Ev1")
        assert await replica_b.first_time("event:Ev2")
        raw = raw_client(redis_server.url)
        ttl = await raw.ttl(f"{redis_prefix}delivery:event:Ev1")
        await raw.aclose()
        assert 3500 < ttl <= 3600
    finally:
        await first.close()
        await second.close()


async def test_with_redis_down_answers_go_on_on_local_memory_with_one_warning_and_a_metric(
    own_redis_server: RedisServer, redis_prefix: str, caplog: pytest.LogCaptureFixture
) -> None:
    metrics = Metrics()
    settings = SharedStateSettings(own_redis_server.url, redis_prefix)
    state = open_shared_state(settings, on_error=metrics.record_redis_error)
    assert state is not None
    try:
        keys = SharedKeys(state, LocalMemory().add, ttl=3600, kind="delivery")
        own_redis_server.stop()
        with caplog.at_level(logging.INFO, logger="bot.ops.shared_state"):
            assert await keys.first_time("event:Ev1")  # answered
            assert not await keys.first_time("event:Ev1")  # a retry here is still caught
            assert await keys.first_time("event:Ev2")
            warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
            assert len(warnings) == 1
            assert "redis://127.0.0.1" in warnings[0].getMessage()
            exposition = metrics.exposition().decode()
            assert 'osi_redis_errors_total{operation="remember delivery"} 3.0' in exposition
            assert state.health()["redis"] == "unreachable"
            own_redis_server.start()
            assert await keys.first_time("event:Ev3")
            assert state.health() == {"redis": "ok"}
            assert any("answers again" in r.getMessage() for r in caplog.records)
    finally:
        await state.close()


async def test_healthz_shows_redis_down_without_failing_readiness(
    own_redis_server: RedisServer, redis_prefix: str
) -> None:
    state = open_shared_state(SharedStateSettings(own_redis_server.url, redis_prefix))
    assert state is not None
    app = web.Application()
    add_health_routes(app, lambda: True, None, state.health)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    try:
        async with ClientSession() as session:
            own_redis_server.stop()
            assert not await state.ping()
            async with session.get(f"http://{host}:{port}/healthz") as response:
                assert response.status == 200
                body = await response.json()
        assert body["status"] == "ok"
        assert body["redis"] == "unreachable"
        assert body["redis_error"]
    finally:
        await runner.cleanup()
        await state.close()
