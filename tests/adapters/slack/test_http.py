"""The bot over HTTP, spoken to as Slack does: signed requests in, recorded calls out."""

from __future__ import annotations

import asyncio
import json
import time
from typing import TYPE_CHECKING

import pytest

from bot.core.answering import answer
from bot.core.phrasing import EXAMPLE_QUESTIONS
from tests.adapters.slack.checks import assert_answers, assert_valid_message, confident
from tests.fakes import slack_payloads as payloads
from tests.fakes.slack import BOT_TOKEN, BOT_USER_ID

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from bot.core.knowledge import Knowledge
    from bot.core.model import Answer
    from tests.adapters.slack.conftest import HttpBot
    from tests.fakes.slack import FakeSlack

# -- verification -----------------------------------------------------------------------


async def test_url_verification_echoes_the_challenge(http_bot: HttpBot) -> None:
    body = json.dumps(
        {"token": "t", "challenge": "3eZbrw1aBm2rZgRNFdxV", "type": "url_verification"}
    )
    reply = await http_bot.post(body, payloads.signed_headers(body, payloads.JSON))
    assert reply.status == 200
    assert reply.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV"}


async def test_a_correctly_signed_command_is_accepted(http_bot: HttpBot) -> None:
    """The control for the refusals below: the same request, signed right, gets 200."""
    assert (await http_bot.command("envoy")).status == 200
    await http_bot.settled()


async def test_a_forged_signature_is_refused_with_401_and_nothing_is_sent(
    http_bot: HttpBot, fake_slack: FakeSlack
) -> None:
    body = payloads.slash_command("envoy", fake_slack.response_url())
    headers = payloads.signed_headers(body, payloads.FORM, secret="f" * 32)
    assert (await http_bot.post(body, headers)).status == 401
    await http_bot.settled()
    assert fake_slack.replies == []


async def test_a_body_changed_after_signing_is_refused_with_401(
    http_bot: HttpBot, fake_slack: FakeSlack
) -> None:
    signed = payloads.slash_command("envoy", fake_slack.response_url())
    headers = payloads.signed_headers(signed, payloads.FORM)
    tampered = signed.replace("envoy", "calico")
    assert (await http_bot.post(tampered, headers)).status == 401


async def test_a_stale_timestamp_is_refused_with_401(
    http_bot: HttpBot, fake_slack: FakeSlack
) -> None:
    """A replayed request: signed correctly, but more than five minutes ago."""
    body = payloads.slash_command("envoy", fake_slack.response_url())
    headers = payloads.signed_headers(body, payloads.FORM, timestamp=int(time.time()) - 6 * 60)
    assert (await http_bot.post(body, headers)).status == 401
    await http_bot.settled()
    assert fake_slack.replies == []


async def test_an_unsigned_request_is_refused_with_401(
    http_bot: HttpBot, fake_slack: FakeSlack
) -> None:
    body = payloads.slash_command("envoy", fake_slack.response_url())
    assert (await http_bot.post(body, {"Content-Type": payloads.FORM})).status == 401


# -- /osi --------------------------------------------------------------------------------


async def test_a_confident_osi_answer_is_the_acknowledgement_posted_in_the_channel(
    http_bot: HttpBot, fake_slack: FakeSlack, knowledge: Knowledge
) -> None:
    """One HTTP response within Slack's 3 s carries the answer; nothing else is called."""
    reply = await asyncio.wait_for(http_bot.command(confident(knowledge, "envoy")), timeout=3)
    assert reply.status == 200
    message = reply.json()
    assert message["response_type"] == "in_channel"
    assert message["unfurl_links"] is False
    assert_answers(message, knowledge, "envoy")
    await http_bot.settled()
    assert fake_slack.replies == []  # no response_url or Web API message


@pytest.mark.parametrize(
    ("question", "layers"),
    [
        ("layer 4", ["Layer 4 (Transport)"]),  # named by the headline alone
        ("layers 3 to 4", ["Layer 4 (Transport)", "Layer 3 (Network)"]),  # each by its section
    ],
)
async def test_a_layer_answer_names_each_layer_once(
    http_bot: HttpBot, question: str, layers: list[str]
) -> None:
    message = (await http_bot.command(question)).json()
    assert_valid_message(message)
    shown = "\n".join(b["text"]["text"] for b in message["blocks"] if b["type"] == "section")
    assert {layer: shown.count(layer) for layer in layers} == dict.fromkeys(layers, 1)


@pytest.mark.parametrize("text", ["", "help", "  HELP  "])
async def test_osi_alone_or_help_shows_usage_privately(http_bot: HttpBot, text: str) -> None:
    message = (await http_bot.command(text)).json()
    assert message["response_type"] == "ephemeral"
    assert_valid_message(message)
    sections = " ".join(b["text"]["text"] for b in message["blocks"] if b["type"] == "section")
    assert "`/osi &lt;question&gt;`" in sections
    buttons = [
        e["value"] for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert buttons == list(EXAMPLE_QUESTIONS)


async def test_an_unknown_question_goes_back_privately_with_did_you_mean_buttons(
    start_http_bot: Callable[..., Awaitable[HttpBot]],
) -> None:
    def unsure(knowledge: Knowledge, question: str) -> Answer:
        return answer(knowledge, "zzz")._replace(suggestions=("HAProxy", "kube-proxy"))

    bot = await start_http_bot(answer_fn=unsure)
    message = (await bot.command("proxy")).json()
    assert message["response_type"] == "ephemeral"
    assert_valid_message(message)
    [actions] = [b for b in message["blocks"] if b["type"] == "actions"]
    assert [button["value"] for button in actions["elements"]] == ["HAProxy", "kube-proxy"]


async def test_an_unknown_question_goes_back_privately(
    http_bot: HttpBot, knowledge: Knowledge
) -> None:
    question = "what is a zorblaxian flux?"
    assert not answer(knowledge, question).is_confident
    message = (await http_bot.command(question)).json()
    assert message["response_type"] == "ephemeral"
    assert_answers(message, knowledge, question)


async def test_the_same_command_delivered_twice_is_answered_once(
    http_bot: HttpBot, fake_slack: FakeSlack
) -> None:
    body = payloads.slash_command("envoy", fake_slack.response_url())
    first = await http_bot.post(body, payloads.signed_headers(body, payloads.FORM))
    again = await http_bot.post(body, payloads.signed_headers(body, payloads.FORM))
    assert first.status == again.status == 200
    assert first.json()["response_type"] == "in_channel"
    assert again.body == ""  # acknowledged, not answered a second time


# -- mentions and direct messages -----------------------------------------------------------


async def test_a_mention_is_answered_in_the_thread_of_the_message(
    http_bot: HttpBot, fake_slack: FakeSlack, knowledge: Knowledge
) -> None:
    event = payloads.app_mention(confident(knowledge, "is calico layer 3?"))
    assert (await http_bot.event(event)).status == 200
    await http_bot.settled()
    [call] = fake_slack.calls_to("chat.postMessage")
    assert call.args["channel"] == payloads.CHANNEL
    assert call.args["thread_ts"] == event["ts"]
    assert call.token == BOT_TOKEN
    assert_answers(call.args, knowledge, event["text"])


async def test_a_mention_is_acknowledged_before_the_reply_is_posted(
    http_bot: HttpBot, fake_slack: FakeSlack
) -> None:
    """The ack does not wait for the reply, so a slow Web API never makes Slack redeliver."""
    release = fake_slack.hold_responses()
    reply = await asyncio.wait_for(http_bot.event(payloads.app_mention("envoy")), timeout=3)
    assert reply.status == 200
    await fake_slack.wait_until(lambda: bool(fake_slack.calls_to("chat.postMessage")))
    assert len(http_bot.bot.background) == 1  # the reply is still on its way
    release.set()
    await http_bot.settled()


async def test_a_mention_inside_a_thread_is_answered_in_that_thread(
    http_bot: HttpBot, fake_slack: FakeSlack
) -> None:
    event = payloads.app_mention("envoy", thread_ts="1699999999.000100")
    await http_bot.event(event)
    await http_bot.settled()
    [call] = fake_slack.calls_to("chat.postMessage")
    assert call.args["thread_ts"] == "1699999999.000100"


async def test_an_unknown_mention_is_answered_privately_to_the_asker(
    http_bot: HttpBot, fake_slack: FakeSlack, knowledge: Knowledge
) -> None:
    event = payloads.app_mention("what is a zorblaxian flux?")
    assert not answer(knowledge, event["text"]).is_confident
    await http_bot.event(event)
    await http_bot.settled()
    assert fake_slack.calls_to("chat.postMessage") == []
    [call] = fake_slack.calls_to("chat.postEphemeral")
    assert call.args["user"] == payloads.USER
    assert call.args["channel"] == payloads.CHANNEL
    assert "thread_ts" not in call.args  # unthreaded: an ephemeral in a new thread goes unseen
    assert_answers(call.args, knowledge, event["text"])


async def test_a_direct_message_is_answered_in_the_conversation(
    http_bot: HttpBot, fake_slack: FakeSlack, knowledge: Knowledge
) -> None:
    await http_bot.event(payloads.direct_message("metallb"))
    await http_bot.settled()
    [call] = fake_slack.calls_to("chat.postMessage")
    assert call.args["channel"] == payloads.DM_CHANNEL
    assert "thread_ts" not in call.args
    assert_answers(call.args, knowledge, "metallb")


@pytest.mark.parametrize(
    "event",
    [
        payloads.direct_message("envoy", bot_id="B0OTHER"),
        payloads.direct_message("envoy", subtype="bot_message", bot_id="B0OTHER"),
        payloads.direct_message("envoy", user=BOT_USER_ID),  # the bot's own reply
        payloads.direct_message("envoy", subtype="message_changed"),
        payloads.direct_message("envoy", subtype="message_deleted"),
        payloads.direct_message("envoy", subtype="file_share"),
        payloads.direct_message("envoy", channel_type="channel"),  # not a DM
        payloads.app_mention("envoy", bot_id="B0OTHER"),
        payloads.app_mention("envoy", edited={"user": payloads.USER, "ts": "1700000000.1"}),
    ],
    ids=[
        "bot",
        "bot_message",
        "itself",
        "edit",
        "deletion",
        "file_share",
        "channel_message",
        "mention_by_bot",
        "edited_mention",
    ],
)
async def test_messages_not_newly_typed_by_a_person_are_ignored(
    http_bot: HttpBot, fake_slack: FakeSlack, event: dict[str, object]
) -> None:
    assert (await http_bot.event(event)).status == 200
    await http_bot.settled()
    assert fake_slack.replies == []


async def test_a_redelivered_event_posts_nothing_new(
    http_bot: HttpBot, fake_slack: FakeSlack
) -> None:
    event = payloads.app_mention("envoy")
    await http_bot.event(event, event_id="Ev0REDELIVER")
    await http_bot.settled()
    assert len(fake_slack.replies) == 1
    for attempt in (1, 2, 3):
        reply = await http_bot.event(event, event_id="Ev0REDELIVER", retry=attempt)
        assert reply.status == 200  # acknowledged, so Slack stops retrying
    await http_bot.settled()
    assert len(fake_slack.replies) == 1


# -- buttons -----------------------------------------------------------------------------------


async def test_a_did_you_mean_click_answers_in_public_and_retires_the_private_prompt(
    http_bot: HttpBot, fake_slack: FakeSlack, knowledge: Knowledge
) -> None:
    assert (
        await http_bot.click(confident(knowledge, "kube-proxy"), is_ephemeral=True)
    ).status == 200
    await http_bot.settled()
    public, retire = fake_slack.calls_to("response_url")
    assert public.args["response_type"] == "in_channel"
    assert public.args["replace_original"] is False
    assert_answers(public.args, knowledge, "kube-proxy")
    assert retire.args == {"delete_original": True}


async def test_a_click_that_is_still_not_confident_replaces_the_private_prompt(
    http_bot: HttpBot, fake_slack: FakeSlack
) -> None:
    await http_bot.click("help", is_ephemeral=True)
    await http_bot.settled()
    [call] = fake_slack.calls_to("response_url")
    assert call.args["response_type"] == "ephemeral"
    assert call.args["replace_original"] is True


async def test_a_click_in_a_direct_message_adds_the_answer_below(
    http_bot: HttpBot, fake_slack: FakeSlack, knowledge: Knowledge
) -> None:
    await http_bot.click("what runs at layer 6?", is_ephemeral=False)
    await http_bot.settled()
    [call] = fake_slack.calls_to("response_url")
    assert call.args["replace_original"] is False
    assert_answers(call.args, knowledge, "what runs at layer 6?")


async def test_a_related_button_on_a_public_answer_answers_the_related_entry_in_public(
    http_bot: HttpBot, fake_slack: FakeSlack, knowledge: Knowledge
) -> None:
    """/osi istio offers Envoy (uses); clicking it, as Slack reports the click, answers Envoy."""
    shown = (await http_bot.command(confident(knowledge, "istio"))).json()
    actions = next(block for block in shown["blocks"] if block["type"] == "actions")
    button = next(b for b in actions["elements"] if b["value"] == "Envoy")
    reply = await http_bot.click(button["value"], is_ephemeral=False, action_id=button["action_id"])
    assert reply.status == 200
    await http_bot.settled()
    [call] = fake_slack.calls_to("response_url")
    assert call.args["response_type"] == "in_channel"
    assert call.args["replace_original"] is False  # the Istio answer stays
    assert_answers(call.args, knowledge, "Envoy")
    assert "Related: Istio (used by)" in call.args["text"]


async def test_a_related_button_in_a_thread_answers_in_that_thread(
    http_bot: HttpBot, fake_slack: FakeSlack, knowledge: Knowledge
) -> None:
    mention = payloads.app_mention(f"<@{BOT_USER_ID}> what layer is metallb?")
    await http_bot.event(mention)
    await http_bot.settled()
    [posted] = fake_slack.calls_to("chat.postMessage")
    actions = next(
        b
        for b in posted.args["blocks"]
        if b["type"] == "actions" and b["elements"][0]["action_id"].startswith("osi_ask")
    )
    assert [b["value"] for b in actions["elements"]] == ["ARP", "NDP", "BGP"]
    bgp = actions["elements"][2]
    thread = posted.args["thread_ts"]
    await http_bot.click("BGP", is_ephemeral=False, action_id=bgp["action_id"], thread_ts=thread)
    await http_bot.settled()
    [call] = fake_slack.calls_to("response_url")
    assert call.args["thread_ts"] == thread
    assert_answers(call.args, knowledge, "BGP")


# -- reliability ----------------------------------------------------------------------------------


async def test_a_rate_limited_post_is_retried_after_retry_after(
    http_bot: HttpBot, fake_slack: FakeSlack
) -> None:
    fake_slack.rate_limit("chat.postMessage")
    await http_bot.event(payloads.app_mention("envoy"))
    await http_bot.settled()
    first, second = fake_slack.calls_to("chat.postMessage")
    assert first.args == second.args
    assert fake_slack.calls_to("chat.postEphemeral") == []  # no apology: the retry succeeded


async def test_a_rate_limited_response_url_is_retried(
    http_bot: HttpBot, fake_slack: FakeSlack
) -> None:
    fake_slack.rate_limit("response_url")
    await http_bot.click("envoy", is_ephemeral=False)
    await http_bot.settled()
    first, second = fake_slack.calls_to("response_url")
    assert first.args == second.args


async def test_health_probe_reports_readiness_like_every_other_mode(
    start_http_bot: Callable[..., Awaitable[HttpBot]],
) -> None:
    """/healthz on PORT is ops' readiness probe: 200 while ready, 503 once stopping."""
    ready = [True]
    http_bot = await start_http_bot(is_ready=lambda: ready[0])
    async with http_bot.session.get(http_bot.url + "/healthz") as response:
        assert response.status == 200
        assert await response.json() == {"status": "ok"}
    ready[0] = False
    async with http_bot.session.get(http_bot.url + "/healthz") as response:
        assert response.status == 503
