"""Fixtures: a fake Slack on loopback, and the bot served over real HTTP beside it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import aiohttp
import pytest
from aiohttp import web

from bot.adapters.slack.app import SlackBot, build_bot
from bot.adapters.slack.clients import ResponseUrlClient, web_client
from bot.adapters.slack.server import EVENTS_PATH, build_web_app
from bot.core.answering import answer
from tests.fakes import slack_payloads as payloads
from tests.fakes.slack import BOT_TOKEN, SIGNING_SECRET, FakeSlack

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable

    from bot.core.knowledge import Knowledge


@dataclass
class Reply:
    status: int
    body: str

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class HttpBot:
    """The bot behind a real aiohttp server, and helpers that speak Slack's protocol to it."""

    url: str
    bot: SlackBot
    slack: FakeSlack
    session: aiohttp.ClientSession
    answered: list[dict[str, Any]] = field(default_factory=list)  # commands' replies

    async def post(self, body: str, headers: dict[str, str]) -> Reply:
        async with self.session.post(self.url + EVENTS_PATH, data=body, headers=headers) as r:
            return Reply(r.status, await r.text())

    async def command(self, text: str) -> Reply:
        """Run `/osi text`; a command's answer is the body of the HTTP response."""
        body = payloads.slash_command(text, self.slack.response_url())
        reply = await self.post(body, payloads.signed_headers(body, payloads.FORM))
        if reply.status == 200 and reply.body:
            self.answered.append(reply.json())
        return reply

    async def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry: int = 0
    ) -> Reply:
        body = json.dumps(payloads.event_callback(event, event_id=event_id))
        headers = payloads.signed_headers(body, payloads.JSON)
        if retry:
            headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return await self.post(body, headers)

    async def click(
        self,
        value: str,
        *,
        is_ephemeral: bool,
        response_url: str | None = None,
        action_id: str = "osi_ask_0",
        thread_ts: str | None = None,
    ) -> Reply:
        """Click a button whose `value` is the question; `thread_ts` when its message is
        in a thread."""
        url = response_url or self.slack.response_url("click")
        action = payloads.block_actions(value, url, is_ephemeral=is_ephemeral, action_id=action_id)
        if thread_ts:
            action["container"]["thread_ts"] = thread_ts
        body = payloads.as_form_payload(action)
        return await self.post(body, payloads.signed_headers(body, payloads.FORM))

    async def settled(self) -> None:
        """Wait until every answer the bot started has been sent."""
        assert await self.bot.idle(timeout=5), "the bot was still answering after 5 s"


@pytest.fixture
async def start_http_bot(
    fake_slack: FakeSlack, knowledge: Knowledge
) -> AsyncIterator[Callable[..., Awaitable[HttpBot]]]:
    """Start the bot over HTTP; `is_ready` goes to the health probe, other keyword arguments
    to `build_bot` (`answer_fn`, `knowledge`)."""
    runners: list[web.AppRunner] = []
    async with aiohttp.ClientSession() as session:

        async def start(**options: Any) -> HttpBot:
            options.setdefault("answer_fn", answer)
            is_ready = options.pop("is_ready", lambda: True)
            bot = build_bot(
                options.pop("knowledge", knowledge),
                client=web_client(BOT_TOKEN, session=session, base_url=fake_slack.api_url),
                signing_secret=SIGNING_SECRET,
                responses=ResponseUrlClient(session),
                **options,
            )
            runner = web.AppRunner(build_web_app(bot, is_ready=is_ready), access_log=None)
            await runner.setup()
            runners.append(runner)
            await web.TCPSite(runner, "127.0.0.1", 0).start()
            host, port = runner.addresses[0][:2]
            return HttpBot(f"http://{host}:{port}", bot, fake_slack, session)

        yield start
        for runner in runners:
            await runner.cleanup()


@pytest.fixture
async def http_bot(start_http_bot: Callable[..., Awaitable[HttpBot]]) -> HttpBot:
    return await start_http_bot()
