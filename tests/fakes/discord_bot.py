"""The real Discord bot connected to the fake Discord, and helpers that talk to it."""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING, Any

import pytest

from bot.adapters.discord.client import build_client
from bot.adapters.discord.settings import DiscordSettings
from bot.core.answering import answer
from bot.core.model import Answer, AnswerKind
from bot.run.discord import serve
from tests.fakes.discord import TOKEN
from tests.fakes.fixtures import eventually

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable

    from bot.adapters.discord.client import OsiClient
    from bot.core.knowledge import Knowledge
    from tests.fakes.discord import FakeDiscord

    StartBot = Callable[..., Awaitable[OsiClient]]

__all__ = [
    "SUGGESTIONS",
    "UNSURE",
    "StartBot",
    "ask_with_suggestions",
    "no_leaked_tasks",
    "reply_to",
    "respond_to",
    "start_bot",
]


@pytest.fixture
async def start_bot(fake_discord: FakeDiscord, knowledge: Knowledge) -> AsyncIterator[StartBot]:
    """Start the real bot against the fake; it is closed and awaited after the test."""
    running: list[tuple[OsiClient, asyncio.Task[None]]] = []

    async def start(
        settings: DiscordSettings | None = None,
        *,
        sync: bool = False,
        **dependencies: Any,
    ) -> OsiClient:
        """Start a bot; return once it is ready (its guilds have arrived).

        `dependencies` go to `build_client`: `ask`, `complete`, or `knowledge` (a Knowledge,
        or a function returning the current one).
        """
        settings = settings or DiscordSettings(token=TOKEN)
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


@pytest.fixture
async def no_leaked_tasks() -> AsyncIterator[None]:
    """Every task a test's bot started has finished by the end of the test."""
    before = asyncio.all_tasks()
    yield
    leftover = {t for t in asyncio.all_tasks() - before if not t.done()}
    leftover -= {asyncio.current_task()}
    assert not leftover, f"tasks still running: {leftover}"
