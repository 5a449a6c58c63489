"""The fakes as pytest fixtures, one of each for every test (registered in tests/conftest.py)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import discord
import pytest
import yarl
from discord.gateway import DiscordWebSocket

from tests.fakes.discord import FakeDiscord
from tests.fakes.slack import FakeSlack

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

__all__ = ["eventually", "fake_discord", "fake_slack", "point_discord_at"]


async def eventually(condition: Callable[[], Any], *, timeout: float = 5.0) -> Any:
    """Poll `condition` until it is truthy (no fixed sleeps); fail after `timeout` seconds."""
    async with asyncio.timeout(timeout):
        while not (result := condition()):
            await asyncio.sleep(0.005)
    return result


async def point_discord_at(fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> None:
    """Start `fake` and send this process's discord.py REST calls and gateway to it."""
    await fake.start()
    monkeypatch.setattr(discord.http.Route, "BASE", fake.api_base)
    # A gateway connection, were one opened, reaches the fake and is recorded.
    monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url))


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    """A fake Slack Web API, `response_url` sink and Socket Mode server on 127.0.0.1."""
    fake = FakeSlack()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
async def fake_discord(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    """A fake Discord gateway and REST API on 127.0.0.1, with discord.py pointed at it."""
    fake = FakeDiscord()
    await point_discord_at(fake, monkeypatch)
    yield fake
    await fake.close()
