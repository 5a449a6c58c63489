"""Fixtures for the Discord adapter: a fake Discord on loopback and a bot connected to it."""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING, Any

import discord
import pytest
import yarl
from discord.gateway import DiscordWebSocket

from bot.adapters.discord.client import build_client
from bot.adapters.discord.runner import serve
from bot.adapters.discord.settings import Settings
from bot.answering import answer
from bot.model import Answer, AnswerKind
from tests.adapters.discord.fake_discord import TOKEN, FakeDiscord

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable

    from bot.adapters.discord.client import OsiClient
    from bot.knowledge import Knowledge

    StartBot = Callable[..., Awaitable[OsiClient]]


async def eventually(condition: Callable[[], Any], *, timeout: float = 5.0) -> Any:
    """Poll `condition` until it is truthy (no fixed sleeps); fail after `timeout` seconds."""
    async with asyncio.timeout(timeout):
        while not (result := condition()):
            await asyncio.sleep(0.005)
    return result


@pytest.fixture
async def fake_discord(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    """A fake Discord on 127.0.0.1; discord.py's REST base and gateway point at it."""
    fake = FakeDiscord()
    await fake.start()
    monkeypatch.setattr(discord.http.Route, "BASE", fake.api_base)
    monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url))
    yield fake
    await fake.close()


@pytest.fixture
async def start_bot(fake_discord: FakeDiscord, knowledge: Knowledge) -> AsyncIterator[StartBot]:
    """Start the real bot against the fake; it is closed and awaited after the test."""
    running: list[tuple[OsiClient, asyncio.Task[None]]] = []

    async def start(
        settings: Settings | None = None,
        *,
        sync: bool = False,
        **dependencies: Any,
    ) -> OsiClient:
        """Start a bot; return once it is ready (its guilds have arrived).

        `dependencies` go to `build_client`: `ask`, `complete`, or `knowledge` (a Knowledge,
        or a function returning the current one).
        """
        settings = settings or Settings(token=TOKEN)
        # discord.py waits this long after the last GUILD_CREATE before it is ready.
        answers_from = dependencies.pop("knowledge", knowledge)
        client = build_client(answers_from, settings, guild_ready_timeout=0.01, **dependencies)
        task = asyncio.create_task(serve(client, settings, sync=sync))
        running.append((client, task))
        await eventually(lambda: task.done() or client.is_ready())
        if task.done():
            task.result()  # startup failed: raise its error in the test
        return client

    yield start
    for client, task in running:
        await client.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, timeout=5)


async def reply_to(fake: FakeDiscord, payload: dict[str, Any]) -> dict[str, Any]:
    """Dispatch MESSAGE_CREATE `payload`; return the body of the bot's reply to it."""
    await fake.dispatch("MESSAGE_CREATE", payload)

    def reply(fake: FakeDiscord) -> dict[str, Any] | None:
        return next(
            (
                r.body
                for r in fake.calls("POST", r"/channels/\d+/messages")
                if r.body["message_reference"]["message_id"] == int(payload["id"])
            ),
            None,
        )

    body: dict[str, Any] = await fake.wait_for(reply)
    return body


async def respond_to(fake: FakeDiscord, payload: dict[str, Any]) -> dict[str, Any]:
    """Dispatch INTERACTION_CREATE `payload`; return the body of the bot's callback."""
    await fake.dispatch("INTERACTION_CREATE", payload)
    path = rf"/interactions/{payload['id']}/{payload['token']}/callback"
    request = await fake.wait_for_request("POST", path)
    body: dict[str, Any] = request.body
    return body


SUGGESTIONS = ("Istio", "ClusterIP")
UNSURE = "serviec mesh"


@pytest.fixture
def ask_with_suggestions(knowledge: Knowledge) -> Callable[[str], Answer]:
    """The core's answers, except that `UNSURE` always suggests `SUGGESTIONS`.

    The core decides what to suggest; these tests check how suggestions are shown.
    """

    def ask(question: str) -> Answer:
        if question == UNSURE:
            return Answer(
                question, AnswerKind.UNKNOWN, unknown_term=question, suggestions=SUGGESTIONS
            )
        return answer(knowledge, question)

    return ask


@pytest.fixture(autouse=True)
async def _no_leaked_tasks() -> AsyncIterator[None]:
    """Every task a test's bot started has finished by the end of the test."""
    before = asyncio.all_tasks()
    yield
    leftover = {t for t in asyncio.all_tasks() - before if not t.done()}
    leftover -= {asyncio.current_task()}
    assert not leftover, f"tasks still running: {leftover}"
