"""`serve`, as `osi-bot slack` runs it: checks tokens, serves HTTP or Socket Mode, stops cleanly."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
from typing import TYPE_CHECKING

import aiohttp
import pytest

from bot.adapters.slack.settings import SlackSettings
from bot.errors import ConfigError
from bot.run.slack import Running, SlackUnreachableError, serve
from tests.adapters.slack.checks import assert_answers
from tests.fakes import slack_payloads as payloads
from tests.fakes.slack import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge
    from tests.fakes.slack import FakeSlack


def _http_settings(bot_token: str = BOT_TOKEN) -> SlackSettings:
    return SlackSettings(bot_token, signing_secret=SIGNING_SECRET, port=0)


async def _start(
    fake_slack: FakeSlack, knowledge: Knowledge, stop: asyncio.Event
) -> tuple[asyncio.Task[None], Running]:
    started: asyncio.Future[Running] = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(
        serve(
            _http_settings(),
            knowledge,
            base_url=fake_slack.api_url,
            host="127.0.0.1",
            stop=stop,
            on_ready=started.set_result,
        )
    )
    return task, await asyncio.wait_for(started, timeout=5)


async def _post(session: aiohttp.ClientSession, url: str, body: str, content_type: str) -> str:
    headers = payloads.signed_headers(body, content_type)
    async with session.post(url + "/slack/events", data=body, headers=headers) as reply:
        assert reply.status == 200
        return await reply.text()


async def test_http_mode_serves_slack_and_the_health_probe_until_stopped(
    fake_slack: FakeSlack, knowledge: Knowledge
) -> None:
    stop = asyncio.Event()
    task, running = await _start(fake_slack, knowledge, stop)
    assert running.url is not None
    async with aiohttp.ClientSession() as session:
        async with session.get(running.url + "/healthz") as health:
            assert health.status == 200
        command = payloads.slash_command("envoy", fake_slack.response_url())
        assert_answers(
            json.loads(await _post(session, running.url, command, payloads.FORM)),
            knowledge,
            "envoy",
        )
        mention = json.dumps(payloads.event_callback(payloads.app_mention("envoy")))
        await _post(session, running.url, mention, payloads.JSON)
        await fake_slack.wait_until(lambda: bool(fake_slack.calls_to("chat.postMessage")))
        stop.set()
        await asyncio.wait_for(task, timeout=5)
        with pytest.raises(aiohttp.ClientConnectionError):
            async with session.get(running.url + "/healthz"):
                pass


async def test_stopping_lets_answers_in_progress_finish(
    fake_slack: FakeSlack, knowledge: Knowledge
) -> None:
    """SIGTERM during a rollout must not drop a reply that is on its way."""
    stop = asyncio.Event()
    task, running = await _start(fake_slack, knowledge, stop)
    assert running.url is not None
    release = fake_slack.hold_responses()
    async with aiohttp.ClientSession() as session:
        mention = json.dumps(payloads.event_callback(payloads.app_mention("envoy")))
        await _post(session, running.url, mention, payloads.JSON)
    await fake_slack.wait_until(lambda: bool(fake_slack.calls_to("chat.postMessage")))
    stop.set()
    finished, _ = await asyncio.wait({task}, timeout=0.3)
    assert not finished, "serve returned while a reply was still being delivered"
    release.set()
    await asyncio.wait_for(task, timeout=5)
    assert len(running.bot.background) == 0


async def test_a_token_slack_rejects_stops_the_start_with_a_sentence(
    fake_slack: FakeSlack, knowledge: Knowledge
) -> None:
    with pytest.raises(ConfigError) as raised:
        await serve(
            _http_settings("xoxb-0000-0000-revokedtoken"), knowledge, base_url=fake_slack.api_url
        )
    assert raised.value.variable == "SLACK_BOT_TOKEN"
    assert "invalid_auth" in str(raised.value)
    assert [call.method for call in fake_slack.calls] == ["auth.test"]


async def test_an_app_token_slack_rejects_stops_the_start_with_a_sentence(
    fake_slack: FakeSlack, knowledge: Knowledge
) -> None:
    fake_slack.fail("apps.connections.open", "invalid_auth")
    settings = SlackSettings(BOT_TOKEN, app_token=APP_TOKEN)
    with pytest.raises(ConfigError) as raised:
        await serve(settings, knowledge, base_url=fake_slack.api_url)
    assert raised.value.variable == "SLACK_APP_TOKEN"


async def test_an_unreachable_slack_is_reported_not_retried_forever(knowledge: Knowledge) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SlackUnreachableError):
        await asyncio.wait_for(
            serve(_http_settings(), knowledge, base_url=f"http://127.0.0.1:{port}/api/"), timeout=10
        )


async def test_a_slack_that_never_answers_at_start_up_is_reported_not_waited_on(
    fake_slack: FakeSlack, knowledge: Knowledge
) -> None:
    """auth.test read and never answered: one sentence after the Web API timeout."""
    fake_slack.stall("auth.test")
    async with asyncio.timeout(5):  # aiohttp's default on a shared session would be 300 s
        with pytest.raises(SlackUnreachableError) as raised:
            await serve(_http_settings(), knowledge, base_url=fake_slack.api_url, api_timeout=0.2)
    assert str(raised.value) == "Cannot reach Slack's Web API (timed out); check the network."
    assert len(fake_slack.calls_to("auth.test")) == 1


async def test_a_reply_slack_never_answers_is_one_log_line_and_an_apology(
    fake_slack: FakeSlack, knowledge: Knowledge, caplog: pytest.LogCaptureFixture
) -> None:
    fake_slack.stall("chat.postMessage")
    stop = asyncio.Event()
    started: asyncio.Future[Running] = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(
        serve(
            _http_settings(),
            knowledge,
            base_url=fake_slack.api_url,
            api_timeout=0.2,
            host="127.0.0.1",
            stop=stop,
            on_ready=started.set_result,
        )
    )
    running = await asyncio.wait_for(started, timeout=5)
    assert running.url is not None
    async with asyncio.timeout(5):
        async with aiohttp.ClientSession() as session:
            mention = json.dumps(payloads.event_callback(payloads.app_mention("envoy")))
            await _post(session, running.url, mention, payloads.JSON)
        await fake_slack.wait_until(lambda: bool(fake_slack.calls_to("chat.postEphemeral")))
        assert await running.bot.idle(5)
        stop.set()
        await task
    (failure,) = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert (
        failure.getMessage() == "Answering a Slack mention failed: Slack out of reach (timed out)"
    )
    assert failure.exc_info is None  # one line, no traceback
    (apology,) = fake_slack.calls_to("chat.postEphemeral")
    assert apology.args["user"] == payloads.USER
