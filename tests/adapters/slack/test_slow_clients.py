"""Slow and idle connections are closed after the configured deadlines, over raw sockets.

300 such connections once stayed open for a minute and more. Each test sets a deadline of
0.5 s and gives the server 5 s to act, so a server that never closes fails, not hangs.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager, suppress
from typing import TYPE_CHECKING

import aiohttp

from bot.adapters.slack.app import build_bot
from bot.adapters.slack.clients import web_client
from bot.adapters.slack.connections import http
from bot.ops.metrics import Metrics
from bot.ops.server_settings import ServerSettings
from tests.fakes.slack import BOT_TOKEN, SIGNING_SECRET

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from bot.core.knowledge import Knowledge
    from tests.fakes.slack import FakeSlack

DEADLINE = 0.5
BOUND = 5.0  # how long a test waits for the server to act: ten deadlines
HEAD = b"POST /slack/events HTTP/1.1\r\nHost: osi-bot\r\nContent-Type: application/json\r\n"

Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]


@asynccontextmanager
async def serving(knowledge: Knowledge, fake_slack: FakeSlack) -> AsyncIterator[tuple[str, int]]:
    """The bot's real HTTP server with 0.5 s deadlines; yields its host and port."""
    settings = ServerSettings(idle_seconds=DEADLINE, body_seconds=DEADLINE, shutdown_seconds=2)
    async with aiohttp.ClientSession() as session:
        bot = build_bot(
            knowledge,
            client=web_client(BOT_TOKEN, session=session, base_url=fake_slack.api_url),
            signing_secret=SIGNING_SECRET,
        )
        ready = lambda: True  # noqa: E731
        async with http(bot, "127.0.0.1", 0, Metrics(), is_ready=ready, server=settings) as up:
            assert up.url is not None
            host, port = up.url.removeprefix("http://").split(":")
            yield host, int(port)


async def _closed(reader: asyncio.StreamReader) -> bytes:
    """Everything the server sends until it closes the connection (within BOUND)."""
    async with asyncio.timeout(BOUND):
        return await reader.read()


async def _connect(address: tuple[str, int]) -> Connection:
    return await asyncio.open_connection(*address)


async def test_a_connection_that_sends_nothing_is_closed(
    knowledge: Knowledge, fake_slack: FakeSlack
) -> None:
    async with serving(knowledge, fake_slack) as address:
        reader, writer = await _connect(address)
        assert await _closed(reader) == b""
        writer.close()


async def test_headers_sent_a_byte_at_a_time_are_cut_off(
    knowledge: Knowledge, fake_slack: FakeSlack
) -> None:
    """A slowloris client: a header byte every 0.05 s would take 10 s; the server stops it."""
    header = b"X-Slow: " + b"a" * 200
    sent = 0
    async with serving(knowledge, fake_slack) as address:
        reader, writer = await _connect(address)
        writer.write(HEAD)

        async def trickle() -> None:
            nonlocal sent
            with suppress(ConnectionError):
                for byte in header:
                    writer.write(bytes([byte]))
                    await writer.drain()
                    sent += 1
                    await asyncio.sleep(0.05)

        sending = asyncio.create_task(trickle())
        try:
            answer = await _closed(reader)
        finally:
            sending.cancel()
            with suppress(asyncio.CancelledError):
                await sending
        assert sent < len(header)  # cut off before the headers were complete
        assert answer == b"" or answer.startswith(b"HTTP/1.1 408")
        writer.close()


async def test_a_body_that_stops_arriving_gets_408_and_the_connection_closes(
    knowledge: Knowledge, fake_slack: FakeSlack
) -> None:
    async with serving(knowledge, fake_slack) as address:
        reader, writer = await _connect(address)
        writer.write(HEAD + b"Content-Length: 100\r\n\r\n" + b'{"type": ')
        answer = await _closed(reader)
        assert answer.startswith(b"HTTP/1.1 408")
        assert b"Connection: close" in answer
        writer.close()


async def test_an_idle_keep_alive_connection_is_closed_after_its_answer(
    knowledge: Knowledge, fake_slack: FakeSlack
) -> None:
    async with serving(knowledge, fake_slack) as address:
        reader, writer = await _connect(address)
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: osi-bot\r\n\r\n")
        answer = await _closed(reader)
        assert answer.startswith(b"HTTP/1.1 200")
        assert b"Connection: close" not in answer  # kept alive, then closed for idling
        writer.close()
