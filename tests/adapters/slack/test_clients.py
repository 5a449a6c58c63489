"""The Web API and `response_url` clients give up on a Slack that never answers.

Each test points a client at the fake, which reads the request and never answers, with a
short limit; an outer bound fails the test, rather than letting it hang, if the limit is not
applied (aiohttp's default on a shared session is 300 s).
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import TYPE_CHECKING

import pytest

from bot.adapters.slack.clients import ResponseUrlClient, http_session, web_client
from bot.adapters.slack.daily import one_shot_sender
from bot.daily.job import PostRefusedError
from bot.daily.rotation import daily_post
from tests.fakes.slack import BOT_TOKEN

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge
    from tests.fakes.slack import FakeSlack

LIMIT = 0.2  # seconds: the limit under test, shortened from WEB_API_TIMEOUT_SECONDS
BOUND = 5.0  # seconds: far beyond LIMIT, far below aiohttp's 300 s default


async def test_a_web_api_call_slack_never_answers_times_out(fake_slack: FakeSlack) -> None:
    fake_slack.stall("auth.test")
    async with asyncio.timeout(BOUND), http_session(LIMIT) as session:
        client = web_client(BOT_TOKEN, session=session, base_url=fake_slack.api_url)
        with pytest.raises(TimeoutError):
            await client.auth_test()
    # Slack had the request; asking again might act twice (a message posted twice).
    assert len(fake_slack.calls_to("auth.test")) == 1


async def test_a_response_url_slack_never_answers_times_out(fake_slack: FakeSlack) -> None:
    fake_slack.stall("response_url")
    async with asyncio.timeout(BOUND), http_session(LIMIT) as session:
        with pytest.raises(TimeoutError):
            await ResponseUrlClient(session).send(fake_slack.response_url(), {"text": "hi"})
    assert len(fake_slack.calls_to("response_url")) == 1


async def test_a_daily_post_slack_never_answers_is_refused_as_timed_out(
    fake_slack: FakeSlack, knowledge: Knowledge
) -> None:
    """The job records nothing for a refused post, so its retry (or the next run) posts it."""
    fake_slack.stall("chat.postMessage")
    post = daily_post(knowledge, date(2026, 11, 26))
    async with (
        asyncio.timeout(BOUND),
        one_shot_sender(BOT_TOKEN, base_url=fake_slack.api_url, timeout=LIMIT) as (send, _),
    ):
        with pytest.raises(PostRefusedError) as refused:
            await send("C0DAILY001", post)
    assert "cannot reach Slack (timed out)" in str(refused.value)
