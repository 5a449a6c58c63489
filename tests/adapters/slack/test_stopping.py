"""Stopping the HTTP server: every request it received is answered or refused, quickly.

aiohttp's own cleanup closed kept-alive connections under requests already on their way,
and waited a minute for a body still arriving, then dropped it without a word.
"""

from __future__ import annotations

import asyncio
import json
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING

import aiohttp
import pytest

from bot.adapters.slack.app import build_bot
from bot.adapters.slack.clients import web_client
from bot.adapters.slack.connections import http
from bot.ops.metrics import Metrics
from bot.ops.server_settings import ServerSettings
from tests.fakes import slack_payloads as payloads
from tests.fakes.slack import BOT_TOKEN, SIGNING_SECRET

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge
    from tests.fakes.slack import FakeSlack

BOUND = 5.0  # how long a test waits for anything; the server is given 2 s to stop
SETTINGS = ServerSettings(shutdown_seconds=2)


class Server:
    """The bot's real HTTP server, which a test stops while it holds connections to it."""

    def __init__(self, knowledge: Knowledge, fake_slack: FakeSlack) -> None:
        self._knowledge, self._fake = knowledge, fake_slack
        self._stack = AsyncExitStack()
        self.ready = True
        self.address = ("", 0)

    async def start(self) -> None:
        session = await self._stack.enter_async_context(aiohttp.ClientSession())
        bot = build_bot(
            self._knowledge,
            client=web_client(BOT_TOKEN, session=session, base_url=self._fake.api_url),
            signing_secret=SIGNING_SECRET,
        )
        serving = http(bot, "127.0.0.1", 0, Metrics(), is_ready=lambda: self.ready, server=SETTINGS)
        running = await self._stack.enter_async_context(serving)
        assert running.url is not None
        host, port = running.url.removeprefix("http://").split(":")
        self.address = (host, int(port))

    def stop(self) -> asyncio.Task[None]:
        """Begin stopping, as SIGTERM does: not ready, then the server drains."""
        self.ready = False
        return asyncio.create_task(self._stack.aclose())


@pytest.fixture
async def server(knowledge: Knowledge, fake_slack: FakeSlack) -> Server:
    started = Server(knowledge, fake_slack)
    await started.start()
    return started


def _command(fake_slack: FakeSlack) -> bytes:
    body = payloads.slash_command("envoy", fake_slack.response_url())
    headers = payloads.signed_headers(body, payloads.FORM)
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    return (
        f"POST /slack/events HTTP/1.1\r\nHost: osi-bot\r\n{head}"
        f"Content-Length: {len(body)}\r\n\r\n{body}"
    ).encode()


async def _response(reader: asyncio.StreamReader) -> tuple[int, bytes, bytes]:
    """One HTTP response: its status, head and body."""
    async with asyncio.timeout(BOUND):
        head = await reader.readuntil(b"\r\n\r\n")
        length = next(
            int(line.split(b":")[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
        body = await reader.readexactly(length)
    return int(head.split()[1]), head, body


async def test_a_body_still_arriving_when_stopping_gets_503(
    server: Server, fake_slack: FakeSlack
) -> None:
    request = _command(fake_slack)
    reader, writer = await asyncio.open_connection(*server.address)
    writer.write(request[:-5])  # all but the last bytes of the body
    await writer.drain()
    stopped = server.stop()
    status, head, _ = await _response(reader)
    assert status == 503
    assert b"Connection: close" in head
    await asyncio.wait_for(stopped, BOUND)
    writer.close()


async def test_a_request_arriving_on_a_kept_alive_connection_when_stopping_is_answered(
    server: Server, fake_slack: FakeSlack, knowledge: Knowledge
) -> None:
    reader, writer = await asyncio.open_connection(*server.address)
    writer.write(_command(fake_slack))
    assert (await _response(reader))[0] == 200  # the connection is kept alive
    stopped = server.stop()
    await asyncio.sleep(0)  # the server has begun stopping
    writer.write(_command(fake_slack))
    status, head, body = await _response(reader)
    assert status == 200
    assert json.loads(body)["response_type"] == "in_channel"
    assert b"Connection: close" in head  # no further request is sent down it
    async with asyncio.timeout(BOUND):
        assert await reader.read() == b""
    await asyncio.wait_for(stopped, BOUND)
    writer.close()


async def test_no_new_connection_is_accepted_once_stopping(server: Server) -> None:
    _, idle = await asyncio.open_connection(*server.address)  # keeps the server draining
    stopped = server.stop()
    await asyncio.sleep(0.1)
    assert not stopped.done()
    with pytest.raises(ConnectionRefusedError):
        await asyncio.open_connection(*server.address)
    await asyncio.wait_for(stopped, BOUND)
    idle.close()
