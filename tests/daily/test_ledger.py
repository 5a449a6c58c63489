"""The record of posted layers: a post is claimed once, completed, or released for a retry.

Every rule holds for both stores, SQLite (one host) and Redis (every replica), so each test
runs on both; Redis is a real `redis-server` on loopback.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import pytest

from bot.daily.ledger import CLAIM_LEASE_SECONDS, LedgerUnavailableError, SqliteLedger
from bot.daily.redis_ledger import COMPLETED_DAYS, RedisLedger
from bot.ops.shared_state import SharedState, SharedStateSettings, open_shared_state
from tests.fakes.redis_server import raw_client

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable
    from pathlib import Path

    from bot.daily.ledger import Ledger
    from tests.fakes.redis_server import RedisServer

DAY = date(2026, 11, 26)


@dataclass
class Store:
    """Ledgers on one store, and a way to make every current claim's lease run out."""

    open: Callable[[], Ledger]
    expire_claims: Callable[[], Awaitable[None]]


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["sqlite", "redis"])
async def store(
    request: pytest.FixtureRequest, tmp_path: Path, redis_prefix: str
) -> AsyncIterator[Store]:
    if request.param == "sqlite":
        clock = Clock()

        async def advance() -> None:
            clock.now += CLAIM_LEASE_SECONDS + 1

        yield Store(lambda: SqliteLedger(str(tmp_path), clock=clock), advance)
        return
    server: RedisServer = request.getfixturevalue("redis_server")
    states: list[SharedState] = []
    raw = raw_client(server.url)

    def open_ledger() -> Ledger:
        state = open_shared_state(SharedStateSettings(server.url, redis_prefix))
        assert state is not None
        states.append(state)
        return RedisLedger(state)

    async def expire() -> None:
        # Redis keeps time itself: end the leases by hand, as their expiry would.
        for key in await raw.keys(f"{redis_prefix}*"):
            held = await raw.get(key)
            if isinstance(held, str) and held.startswith("claimed:"):
                await raw.delete(key)

    yield Store(open_ledger, expire)
    for state in states:
        await state.close()
    await raw.aclose()


async def test_only_one_claim_wins(store: Store) -> None:
    first, second = store.open(), store.open()
    assert await first.claim("slack", "C1", DAY)
    assert not await second.claim("slack", "C1", DAY)


async def test_completed_post_survives_a_restart(store: Store) -> None:
    ledger = store.open()
    token = await ledger.claim("slack", "C1", DAY)
    assert token is not None
    assert await ledger.complete("slack", "C1", DAY, message="1700000000.0001", token=token)
    restarted = store.open()
    assert await restarted.posted("slack", "C1", DAY)
    await store.expire_claims()
    assert not await restarted.claim("slack", "C1", DAY)


async def test_released_claim_can_be_retried(store: Store) -> None:
    ledger = store.open()
    token = await ledger.claim("discord", "42", DAY)
    assert token is not None
    await ledger.release("discord", "42", DAY, token=token)
    assert not await ledger.posted("discord", "42", DAY)
    assert await ledger.claim("discord", "42", DAY)


async def test_a_dead_posters_claim_expires(store: Store) -> None:
    ledger = store.open()
    assert await ledger.claim("slack", "C1", DAY)
    assert not await ledger.claim("slack", "C1", DAY)
    await store.expire_claims()
    assert await ledger.claim("slack", "C1", DAY)


async def test_a_poster_that_lost_its_claim_cannot_finish_extend_or_drop_it(store: Store) -> None:
    """A slow poster whose lease ran out must not mark, renew or delete the new owner's claim."""
    ledger = store.open()
    slow = await ledger.claim("slack", "C1", DAY)
    await store.expire_claims()
    fresh = await ledger.claim("slack", "C1", DAY)
    assert slow is not None
    assert fresh is not None
    assert slow != fresh
    assert not await ledger.extend("slack", "C1", DAY, token=slow)
    assert not await ledger.complete("slack", "C1", DAY, message="late", token=slow)
    await ledger.release("slack", "C1", DAY, token=slow)
    assert not await ledger.claim("slack", "C1", DAY)  # still the new owner's
    assert not await ledger.posted("slack", "C1", DAY)
    assert await ledger.complete("slack", "C1", DAY, message="ok", token=fresh)
    assert await ledger.posted("slack", "C1", DAY)


async def test_the_owner_extends_its_claim(store: Store) -> None:
    ledger = store.open()
    token = await ledger.claim("slack", "C1", DAY)
    assert token is not None
    assert await ledger.extend("slack", "C1", DAY, token=token)
    assert not await ledger.extend("slack", "C1", DAY, token="someone-else")


async def test_keys_are_platform_channel_and_day(store: Store) -> None:
    ledger = store.open()
    assert await ledger.claim("slack", "C1", DAY)
    assert await ledger.claim("slack", "C2", DAY)
    assert await ledger.claim("discord", "C1", DAY)
    assert await ledger.claim("slack", "C1", date(2026, 11, 27))


async def test_sqlite_lease_runs_on_its_clock(tmp_path: Path) -> None:
    clock = Clock()
    ledger = SqliteLedger(str(tmp_path), clock=clock)
    assert await ledger.claim("slack", "C1", DAY)
    clock.now += CLAIM_LEASE_SECONDS - 1
    assert not await ledger.claim("slack", "C1", DAY)
    clock.now += 2
    assert await ledger.claim("slack", "C1", DAY)


async def test_sqlite_extension_moves_the_lease(tmp_path: Path) -> None:
    clock = Clock()
    ledger = SqliteLedger(str(tmp_path), clock=clock)
    token = await ledger.claim("slack", "C1", DAY)
    assert token is not None
    clock.now += CLAIM_LEASE_SECONDS - 1
    assert await ledger.extend("slack", "C1", DAY, token=token)
    clock.now += CLAIM_LEASE_SECONDS - 1  # past the first lease, inside the renewed one
    assert not await ledger.claim("slack", "C1", DAY)


async def test_redis_keeps_a_claim_for_its_lease_and_a_post_for_days(
    redis_server: RedisServer, redis_prefix: str
) -> None:
    state = open_shared_state(SharedStateSettings(redis_server.url, redis_prefix))
    assert state is not None
    raw = raw_client(redis_server.url)
    try:
        ledger = RedisLedger(state)
        token = await ledger.claim("slack", "C1", DAY)
        assert token is not None
        key = f"{redis_prefix}daily:slack:C1:{DAY.isoformat()}"
        assert 0 < await raw.pttl(key) <= CLAIM_LEASE_SECONDS * 1000
        assert await ledger.complete("slack", "C1", DAY, message="ts", token=token)
        kept = await raw.ttl(key)
        assert COMPLETED_DAYS * 86_400 - 60 < kept <= COMPLETED_DAYS * 86_400
        assert COMPLETED_DAYS >= 8
    finally:
        await state.close()
        await raw.aclose()


async def test_redis_unreachable_is_no_claim_and_one_clear_error(
    own_redis_server: RedisServer, redis_prefix: str, caplog: pytest.LogCaptureFixture
) -> None:
    failures: list[str] = []
    settings = SharedStateSettings(own_redis_server.url, redis_prefix)
    state = open_shared_state(settings, on_error=failures.append)
    assert state is not None
    try:
        ledger = RedisLedger(state)
        own_redis_server.stop()
        with pytest.raises(LedgerUnavailableError, match="cannot reach Redis at redis://127"):
            await ledger.claim("slack", "C1", DAY)
        with pytest.raises(LedgerUnavailableError):
            await ledger.claim("slack", "C2", DAY)
        assert failures == ["daily claim", "daily claim"]
        assert state.health()["redis"] == "unreachable"
        warnings = [r for r in caplog.records if "unreachable" in r.getMessage()]
        assert len(warnings) == 1  # once per outage, not per call
        own_redis_server.start()
        assert await ledger.claim("slack", "C1", DAY)
        assert state.health() == {"redis": "ok"}
    finally:
        await state.close()
