"""End to end over the gateway: connecting, reconnecting, and answering mentions and DMs
(never bots)."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest

from bot.adapters.discord.replies import APOLOGY
from tests.fakes import discord as fd
from tests.fakes.discord_bot import (
    SUGGESTIONS,
    UNSURE,
    reply_to,
    respond_to,
)
from tests.fakes.fixtures import eventually

if TYPE_CHECKING:
    from collections.abc import Callable

    from bot.core.model import Answer
    from tests.fakes.discord import FakeDiscord
    from tests.fakes.discord_bot import StartBot

MESSAGE_CONTENT_INTENT = 1 << 15


def mention(text: str, **options: Any) -> dict[str, Any]:
    return fd.message(f"<@{fd.BOT_ID}> {text}", mentions=[fd.BOT_USER], **options)


async def test_connects_without_the_privileged_message_content_intent(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    await start_bot()
    (session,) = fake_discord.sessions
    intents = session.identify["intents"]
    assert intents & MESSAGE_CONTENT_INTENT == 0
    assert intents == 1 | 1 << 9 | 1 << 12  # guilds, guild messages, direct messages
    assert "shard" not in session.identify  # one plain client unless sharding is asked for
    assert fake_discord.gateway_queries == [
        {"v": "10", "encoding": "json", "compress": "zlib-stream"}
    ]


async def test_heartbeats_are_sent_and_acknowledged(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    client = await start_bot()
    await fake_discord.wait_for(lambda fake: fake.heartbeats >= 1)
    # Latency is infinite until an ACK arrives; a finite one means ours was received.
    await eventually(lambda: client.ws is not None and client.ws.latency < 5)


class Drop(NamedTuple):
    """How the gateway connection is lost, and what Discord does when the bot comes back."""

    close_code: int | None  # None: the TCP connection is cut without a word
    refused: int  # how many reconnection attempts fail first (the network still down)
    resumable: bool  # whether Discord still knows the session


@pytest.mark.parametrize(
    "drop",
    [
        Drop(None, 0, resumable=True),  # a network failure
        Drop(4000, 0, resumable=True),  # Discord closing it with an error it resumes from
        Drop(None, 1, resumable=True),  # the first reconnection failing too: discord.py backs off
        Drop(None, 0, resumable=False),  # Discord forgot the session: the bot identifies again
    ],
    ids=[
        "network-failure-resumes",
        "discord-closes-resumes",
        "still-down-backs-off-then-resumes",
        "invalid-session-identifies",
    ],
)
async def test_a_dropped_gateway_connection_comes_back_and_answers_again(
    start_bot: StartBot, fake_discord: FakeDiscord, monkeypatch: pytest.MonkeyPatch, drop: Drop
) -> None:
    close_code, refused, resumable = drop
    fake_discord.refuse_resume = not resumable
    client = await start_bot()
    fake_discord.refuse_connections = refused

    async def identify_at_once(shard_id: int | None, *, initial: bool = False) -> None:
        """discord.py waits 5 s before identifying again (Discord's identify limit)."""

    monkeypatch.setattr(client, "before_identify_hook", identify_at_once)
    # discord.py's own word that it is back: RESUMED, or READY after a new IDENTIFY.
    back = asyncio.ensure_future(client.wait_for("resumed" if resumable else "ready", timeout=5))
    dropped = await fake_discord.drop(code=close_code)
    await back
    (session,) = fake_discord.open_sessions
    assert session.resumed is resumable
    assert (session.session_id == dropped.session_id) is resumable
    await eventually(client.is_connected)
    body = await respond_to(fake_discord, fd.slash_command("envoy"))
    assert body["data"]["embeds"][0]["title"] == "Envoy"
    assert len(fake_discord.sessions) == 2
    # The first connection, the refused attempts, a refused RESUME's own, the one that holds.
    assert len(fake_discord.gateway_queries) == 1 + refused + (not resumable) + 1


async def test_a_mention_gets_a_reply_to_that_message_with_the_answer_embed(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    await start_bot()
    question = mention("what layer is cilium?")
    body = await reply_to(fake_discord, question)
    (request,) = fake_discord.calls("POST", r"/channels/\d+/messages")
    assert request.path == f"/channels/{fd.CHANNEL_ID}/messages"
    assert body["message_reference"] == {
        "type": 0,
        "message_id": int(question["id"]),
        "channel_id": fd.CHANNEL_ID,
        "guild_id": fd.GUILD_ID,
        "fail_if_not_exists": False,
    }
    (embed,) = body["embeds"]
    assert embed["title"] == "Cilium"
    assert embed["fields"][0]["name"] == "Layer 3 (Network)"
    assert body["allowed_mentions"] == {"parse": []}
    # Its Related entries, a button each, then "Was this right?".
    ids = [c["custom_id"] for row in body["components"] for c in row["components"]]
    related = [f"osi:ask:{n}" for n in ("eBPF", "Envoy", "VXLAN", "Geneve", "BGP")]
    votes = [f"osi:vote:{v}:3|Cilium|what layer is cilium?" for v in ("up", "down")]
    assert [i for i in ids if i.startswith("osi:ask:")] == related
    assert [i for i in ids if i.startswith("osi:vote:")] == votes


async def test_a_direct_message_is_answered_in_the_dm(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    await start_bot()
    body = await reply_to(fake_discord, fd.message("is calico layer 2?", guild=False))
    (request,) = fake_discord.calls("POST", r"/channels/\d+/messages")
    assert request.path == f"/channels/{fd.DM_CHANNEL_ID}/messages"
    assert body["embeds"][0]["title"] == "Calico"
    assert body["allowed_mentions"] == {"parse": []}


async def test_an_unsure_mention_gets_did_you_mean_buttons(
    start_bot: StartBot, fake_discord: FakeDiscord, ask_with_suggestions: Callable[[str], Answer]
) -> None:
    await start_bot(ask=lambda q: ask_with_suggestions(q.removeprefix(f"<@{fd.BOT_ID}> ")))
    body = await reply_to(fake_discord, mention(UNSURE))
    custom_ids = [c["custom_id"] for row in body["components"] for c in row["components"]]
    assert custom_ids == [f"osi:ask:{name}" for name in SUGGESTIONS]


async def test_bots_itself_and_unaddressed_messages_are_ignored(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    await start_bot()
    other_bot = fd.user(fd.OTHER_BOT_ID, "other-bot", bot=True)
    ignored = [
        mention("what layer is envoy?", author=other_bot),
        fd.message("what layer is envoy?", author=other_bot, guild=False),
        fd.message("what layer is envoy?", author=fd.BOT_USER, guild=False),
        mention("what layer is envoy?", author=fd.BOT_USER),
        fd.message("what layer is envoy?"),  # in a channel, not addressed to the bot
        mention("joined", message_type=7),  # a join notice, not a question
        # A reply to the bot's answer with "ping" on: listed as a mention, but not one.
        fd.message("thanks!", mentions=[fd.BOT_USER], message_type=19),
    ]
    for payload in ignored:
        await fake_discord.dispatch("MESSAGE_CREATE", payload)
    # Events are handled in order: once this one is answered, the others were passed over.
    barrier = mention("what layer is metallb?")
    await reply_to(fake_discord, barrier)
    replies = fake_discord.calls("POST", r"/channels/\d+/messages")
    assert [r.body["message_reference"]["message_id"] for r in replies] == [int(barrier["id"])]


async def test_mentions_typed_into_a_question_never_ping_anyone(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    await start_bot()
    text = f"@everyone @here <@&{fd.GUILD_ID}> <@{fd.USER_ID}> what layer is cilium?"
    body = await reply_to(fake_discord, mention(text))
    assert body["allowed_mentions"] == {"parse": []}
    sent = json.dumps(body)
    assert "@everyone" not in sent
    assert "@here" not in sent
    assert f"<@{fd.USER_ID}>" not in sent


async def test_a_failure_while_answering_a_mention_is_an_apology_and_a_logged_error(
    start_bot: StartBot, fake_discord: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    def ask(question: str) -> Answer:
        raise RuntimeError("the core broke")

    await start_bot(ask=ask)
    body = await reply_to(fake_discord, mention("envoy"))
    assert body["content"] == APOLOGY
    assert body["allowed_mentions"] == {"parse": []}
    (record,) = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert record.exc_info is not None
    assert "the core broke" in str(record.exc_info[1])
    # The process keeps running: the next question is answered as usual.
    await respond_to(fake_discord, fd.slash_command("cil", focused=True))


async def test_the_token_is_never_logged(
    start_bot: StartBot, fake_discord: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    def ask(question: str) -> Answer:
        raise RuntimeError(f"failed on {question}")

    await start_bot(sync=True, ask=ask)
    await reply_to(fake_discord, mention("envoy"))
    await respond_to(fake_discord, fd.slash_command("envoy"))
    assert fake_discord.sessions[0].identify["token"] == fd.TOKEN  # it was sent, to Discord
    assert len(caplog.records) > 10  # discord.py's debug logs were captured
    assert fd.TOKEN not in caplog.text
    assert not [r for r in caplog.records if fd.TOKEN in r.getMessage()]
