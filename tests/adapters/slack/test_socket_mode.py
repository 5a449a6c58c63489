"""Socket Mode: the bot connects to a local WebSocket speaking Slack's envelope protocol."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from bot.adapters.slack.settings import SlackSettings
from bot.run.slack import Running, serve
from tests.adapters.slack.checks import assert_answers, confident
from tests.fakes import slack_payloads as payloads
from tests.fakes.slack import APP_TOKEN, BOT_TOKEN

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from bot.core.knowledge import Knowledge
    from tests.fakes.slack import FakeSlack


@dataclass
class SocketBot:
    slack: FakeSlack
    running: Running

    async def settled(self) -> None:
        assert await self.running.bot.idle(timeout=5), "the bot was still answering after 5 s"


@pytest.fixture
async def socket_bot(fake_slack: FakeSlack, knowledge: Knowledge) -> AsyncIterator[SocketBot]:
    """The bot as `osi-bot slack` runs it with SLACK_APP_TOKEN set, until the test ends."""
    stop = asyncio.Event()
    started: asyncio.Future[Running] = asyncio.get_running_loop().create_future()
    settings = SlackSettings(BOT_TOKEN, app_token=APP_TOKEN)
    task = asyncio.create_task(
        serve(
            settings, knowledge, base_url=fake_slack.api_url, stop=stop, on_ready=started.set_result
        )
    )
    running = await asyncio.wait_for(started, timeout=5)
    await fake_slack.socket_connected()
    yield SocketBot(fake_slack, running)
    stop.set()
    await asyncio.wait_for(task, timeout=5)


async def test_connects_with_the_app_token_and_reports_no_url(socket_bot: SocketBot) -> None:
    [opened, *_] = socket_bot.slack.calls_to("apps.connections.open")
    assert opened.token == APP_TOKEN
    assert socket_bot.running.url is None


async def test_a_slash_command_envelope_is_answered_in_its_acknowledgement(
    socket_bot: SocketBot, knowledge: Knowledge
) -> None:
    fake_slack = socket_bot.slack
    command = payloads.slash_command_fields(
        confident(knowledge, "envoy"), fake_slack.response_url()
    )
    envelope = await fake_slack.send_envelope("slash_commands", command)
    ack = await fake_slack.acknowledged(envelope)
    assert ack["envelope_id"] == envelope
    assert ack["payload"]["response_type"] == "in_channel"
    assert_answers(ack["payload"], knowledge, "envoy")


async def test_a_mention_envelope_is_answered_in_its_thread(
    socket_bot: SocketBot, knowledge: Knowledge
) -> None:
    fake_slack = socket_bot.slack
    event = payloads.app_mention(confident(knowledge, "metallb"))
    await fake_slack.acknowledged(
        await fake_slack.send_envelope("events_api", payloads.event_callback(event))
    )
    await socket_bot.settled()
    [call] = fake_slack.calls_to("chat.postMessage")
    assert call.args["thread_ts"] == event["ts"]
    assert_answers(call.args, knowledge, event["text"])


async def test_a_retried_envelope_is_acknowledged_but_not_answered_again(
    socket_bot: SocketBot,
) -> None:
    fake_slack = socket_bot.slack
    delivery = payloads.event_callback(payloads.direct_message("envoy"))
    await fake_slack.acknowledged(await fake_slack.send_envelope("events_api", delivery))
    await socket_bot.settled()
    assert len(fake_slack.replies) == 1
    retry = await fake_slack.send_envelope("events_api", delivery, retry_attempt=1)
    await fake_slack.acknowledged(retry)  # acknowledged after dispatch, so any answer has started
    await socket_bot.settled()
    assert len(fake_slack.replies) == 1


async def test_a_button_click_envelope_answers_the_suggestion(
    socket_bot: SocketBot, knowledge: Knowledge
) -> None:
    fake_slack = socket_bot.slack
    question = confident(knowledge, "kube-proxy")
    click = payloads.block_actions(question, fake_slack.response_url("click"), is_ephemeral=True)
    await fake_slack.acknowledged(await fake_slack.send_envelope("interactive", click))
    await socket_bot.settled()
    public, retire = fake_slack.calls_to("response_url")
    assert_answers(public.args, knowledge, question)
    assert retire.args == {"delete_original": True}
