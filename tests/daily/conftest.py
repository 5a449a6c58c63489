"""Fixtures for the one-shot post: a fake Slack Web API and a fake Discord, on loopback."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
import pytest
import yarl
from discord.gateway import DiscordWebSocket

from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.slack.fakes import FakeSlack

if TYPE_CHECKING:
    from collections.abc import AsyncIterator


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    await fake.start()
    yield fake
    await fake.stop()


async def point_discord_at(fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> None:
    """Start `fake` and send discord.py's REST calls and gateway connections to it."""
    await fake.start()
    monkeypatch.setattr(discord.http.Route, "BASE", fake.api_base)
    # A gateway connection, were one opened, would reach the fake and be recorded.
    monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url))


@pytest.fixture
async def fake_discord(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    fake = FakeDiscord()
    await point_discord_at(fake, monkeypatch)
    yield fake
    await fake.close()
