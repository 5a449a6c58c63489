"""Nothing a user types, nor anything in the knowledge, makes the bot misbehave in Slack."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import pytest

from bot.core.answering import answer
from bot.core.knowledge import Entry, EntryKind, Knowledge, LayerRole
from bot.core.matching import index_knowledge
from tests.adapters.slack.checks import assert_answers, assert_valid_message, mrkdwn_texts
from tests.fakes import slack_payloads as payloads
from tests.fakes.slack import BOT_TOKEN, SIGNING_SECRET

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from bot.core.model import Answer
    from tests.adapters.slack.conftest import HttpBot
    from tests.fakes.slack import FakeSlack

# Anything in angle brackets that is not one of the bot's own source links is a mention,
# a broadcast or a link someone smuggled in.
_MARKUP = re.compile(r"<(?!https://[^|<>]+\|[^<>]+>)[^>]*>")
_HOSTILE = "<!channel> <!here> <!everyone> <!subteam^S0TEAM|@oncall> <@U0VICTIM> <#C0SECRET> "


def _assert_nothing_smuggled(http: HttpBot) -> None:
    """No reply, by any route (command acks, Web API, response_url), carries markup."""
    sent = [*http.answered, *(call.args for call in http.slack.replies)]
    assert sent, "the bot should have answered"
    for message in sent:
        for text in mrkdwn_texts(message):
            assert not _MARKUP.search(text), text
        assert "link_names" not in message


@pytest.mark.parametrize(
    "text",
    [
        f"{_HOSTILE} envoy",
        f"{_HOSTILE} what is a zorblaxian flux",
        "&lt;!channel&gt; &lt;@U0VICTIM&gt; proxy",  # typed literally, Slack sends entities
        "<https://evil.example|click me> calico",
    ],
)
async def test_typed_mentions_and_broadcasts_are_never_sent_back(
    http_bot: HttpBot, fake_slack: FakeSlack, text: str
) -> None:
    await http_bot.command(text)
    await http_bot.event(payloads.app_mention(text))
    await http_bot.event(payloads.direct_message(text))
    await http_bot.settled()
    assert len(http_bot.answered) == 1
    assert len(fake_slack.replies) == 2
    _assert_nothing_smuggled(http_bot)


async def test_user_words_echoed_by_the_answer_come_back_escaped(
    start_http_bot: Callable[..., Awaitable[HttpBot]], fake_slack: FakeSlack
) -> None:
    """Whatever the core echoes from the question (the unknown words, a typo) is escaped."""

    def echoing(knowledge: Knowledge, question: str) -> Answer:
        return answer(knowledge, "zzz")._replace(unknown_term=question)

    bot = await start_http_bot(answer_fn=echoing)
    message = (await bot.command("<!channel> & <@U0VICTIM>")).json()
    assert "“&lt;!channel&gt; &amp; &lt;@U0VICTIM&gt;”" in message["blocks"][0]["text"]["text"]
    _assert_nothing_smuggled(bot)


async def test_knowledge_text_comes_back_escaped(
    start_http_bot: Callable[..., Awaitable[HttpBot]], fake_slack: FakeSlack, knowledge: Knowledge
) -> None:
    hostile = Entry(
        name="Evil <!here> Proxy",
        kind=EntryKind.TOOL,
        roles=(LayerRole(7, "Routes <!channel> & pings <@U0VICTIM>"),),
        summary="A summary with <!subteam^S0TEAM> and <https://evil.example|a link>.",
        aliases=("evilproxy",),
        source="https://evil.example/a?b=1&c=<2>",
        note="<!everyone> note",
    )
    poisoned = index_knowledge(knowledge.layers, (*knowledge.entries, hostile))
    http = await start_http_bot(knowledge=poisoned)
    message = (await http.command("evilproxy")).json()
    await http.event(payloads.app_mention("evilproxy"))
    await http.settled()
    _assert_nothing_smuggled(http)
    assert_valid_message(message)
    assert "Routes &lt;!channel&gt; &amp; pings &lt;@U0VICTIM&gt;" in str(message["blocks"])
    assert len(fake_slack.calls_to("chat.postMessage")) == 1


# -- failures ------------------------------------------------------------------------------


def _broken(knowledge: Knowledge, question: str) -> Answer:
    raise RuntimeError("the core fell over")


async def test_a_failing_command_gets_an_apology_and_a_logged_error(
    start_http_bot: Callable[..., Awaitable[HttpBot]],
    fake_slack: FakeSlack,
    caplog: pytest.LogCaptureFixture,
) -> None:
    bot = await start_http_bot(answer_fn=_broken)
    reply = await bot.command("envoy")
    assert reply.status == 200
    message = reply.json()
    assert message["response_type"] == "ephemeral"
    assert message["text"].startswith("Sorry")
    assert_valid_message(message)
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.exc_info is not None
    assert "the core fell over" in str(record.exc_info[1])


async def test_a_failing_mention_gets_a_private_apology(
    start_http_bot: Callable[..., Awaitable[HttpBot]], fake_slack: FakeSlack
) -> None:
    bot = await start_http_bot(answer_fn=_broken)
    await bot.event(payloads.app_mention("envoy"))
    await bot.settled()
    assert fake_slack.calls_to("chat.postMessage") == []
    [call] = fake_slack.calls_to("chat.postEphemeral")
    assert call.args["user"] == payloads.USER
    assert call.args["text"].startswith("Sorry")


async def test_a_failing_direct_message_gets_an_apology(
    start_http_bot: Callable[..., Awaitable[HttpBot]], fake_slack: FakeSlack
) -> None:
    bot = await start_http_bot(answer_fn=_broken)
    await bot.event(payloads.direct_message("envoy"))
    await bot.settled()
    [call] = fake_slack.calls_to("chat.postMessage")
    assert call.args["channel"] == payloads.DM_CHANNEL
    assert call.args["text"].startswith("Sorry")


async def test_a_failing_click_gets_an_apology(
    start_http_bot: Callable[..., Awaitable[HttpBot]], fake_slack: FakeSlack
) -> None:
    bot = await start_http_bot(answer_fn=_broken)
    await bot.click("envoy", is_ephemeral=True)
    await bot.settled()
    [call] = fake_slack.calls_to("response_url")
    assert call.args["text"].startswith("Sorry")


async def test_a_refused_web_api_call_is_logged_and_apologised_for(
    http_bot: HttpBot, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    fake_slack.fail("chat.postMessage", "not_in_channel")
    await http_bot.event(payloads.app_mention("envoy"))
    await http_bot.settled()
    [apology] = fake_slack.calls_to("chat.postEphemeral")
    assert apology.args["text"].startswith("Sorry")
    assert any("not_in_channel" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)


async def test_the_bot_keeps_serving_after_a_failure(
    start_http_bot: Callable[..., Awaitable[HttpBot]], knowledge: Knowledge
) -> None:
    calls = 0

    def flaky(knowledge: Knowledge, question: str) -> Answer:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("first one fails")
        return answer(knowledge, question)

    bot = await start_http_bot(answer_fn=flaky)
    first = (await bot.command("envoy")).json()
    second = (await bot.command("envoy")).json()
    assert first["text"].startswith("Sorry")
    assert_answers(second, knowledge, "envoy")


# -- secrets -----------------------------------------------------------------------------------


async def test_tokens_and_the_signing_secret_never_reach_the_logs(
    start_http_bot: Callable[..., Awaitable[HttpBot]],
    fake_slack: FakeSlack,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    bot = await start_http_bot()
    await bot.command("envoy")
    await bot.event(payloads.app_mention("proxy"))
    await bot.event(payloads.direct_message("layer 4"))
    await bot.click("calico", is_ephemeral=True)
    forged = payloads.slash_command("envoy", fake_slack.response_url())
    await bot.post(forged, payloads.signed_headers(forged, payloads.FORM, secret="0" * 32))
    fake_slack.fail("chat.postMessage", "invalid_auth")
    await bot.event(payloads.app_mention("envoy"))
    await bot.settled()
    assert {call.token for call in fake_slack.calls_to("chat.postMessage")} == {BOT_TOKEN}
    logged = caplog.text  # every record, formatted, with its traceback
    assert len(caplog.records) > 10  # debug logging really was on
    assert BOT_TOKEN not in logged
    assert SIGNING_SECRET not in logged


def _mrkdwn_objects(node: object) -> list[dict[str, object]]:
    if isinstance(node, dict):
        found = [node] if node.get("type") == "mrkdwn" else []
        return found + [o for value in node.values() for o in _mrkdwn_objects(value)]
    if isinstance(node, list):
        return [o for item in node for o in _mrkdwn_objects(item)]
    return []


@pytest.mark.parametrize(
    "question", ["envoy", "is calico layer 2?", "layer 4", "help", "what layer is lunch", "cilum"]
)
def test_every_mrkdwn_text_is_verbatim(knowledge: Knowledge, question: str) -> None:
    """Slack must not auto-link a bare @here or #channel that escaping leaves as text."""
    from bot.adapters.slack.blocks import render_answer  # noqa: PLC0415

    objects = _mrkdwn_objects(render_answer(answer(knowledge, question), knowledge).blocks)
    assert objects
    assert all(o.get("verbatim") is True for o in objects)


def test_the_daily_post_is_verbatim_too(knowledge: Knowledge) -> None:
    from datetime import date  # noqa: PLC0415

    from bot.adapters.slack.daily import daily_message  # noqa: PLC0415
    from bot.daily.rotation import daily_post  # noqa: PLC0415

    objects = _mrkdwn_objects(daily_message(daily_post(knowledge, date(2026, 11, 26))).blocks)
    assert objects
    assert all(o.get("verbatim") is True for o in objects)
