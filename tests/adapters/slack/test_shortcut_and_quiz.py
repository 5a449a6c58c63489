"""Over signed HTTP: the "Which OSI layer?" message shortcut, /osi quiz and its buttons."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from bot.adapters.slack.blocks import apology_message
from bot.adapters.slack.daily import daily_message
from bot.core.phrasing import NO_TEXT_TO_READ, TRUNCATED_NOTE
from bot.core.quiz import Quizmaster, quizzable
from bot.daily.rotation import daily_post
from bot.render.quiz import STALE_QUESTION
from tests.adapters.slack.checks import assert_answers, assert_valid_message, strings
from tests.fakes import slack_payloads as payloads
from tests.fakes.quiz import FirstChoice

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from bot.core.knowledge import Knowledge
    from tests.adapters.slack.conftest import HttpBot, Reply


async def _send(bot: HttpBot, payload: dict[str, Any]) -> Reply:
    body = payloads.as_form_payload(payload)
    return await bot.post(body, payloads.signed_headers(body, payloads.FORM))


async def _only_reply(bot: HttpBot, name: str) -> dict[str, Any]:
    """The one message the bot sent, which must be to the `response_url` called `name`."""
    await bot.settled()
    (reply,) = bot.slack.replies
    assert reply.method == "response_url"
    assert reply.path.endswith(f"/respond/{name}")
    return reply.args


def _only_to_the_asker(message: dict[str, Any]) -> None:
    assert message["response_type"] == "ephemeral"
    assert message["replace_original"] is False  # added below, never replacing the message


def _buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]


# The message shortcut.


async def test_the_shortcut_answers_the_messages_text_only_to_the_asker(
    http_bot: HttpBot, knowledge: Knowledge
) -> None:
    text = "does anyone know what layer metallb works at?"
    url = http_bot.slack.response_url("shortcut")
    reply = await _send(http_bot, payloads.message_action(text, url))
    assert reply.status == 200
    assert reply.body == ""  # acknowledged at once; the answer goes to response_url
    message = await _only_reply(http_bot, "shortcut")
    _only_to_the_asker(message)
    assert_answers(message, knowledge, text)
    assert "MetalLB" in message["text"]
    assert not http_bot.slack.calls_to("chat.postMessage")  # nothing public


async def test_the_shortcut_on_a_message_without_text_says_so_privately(
    http_bot: HttpBot,
) -> None:
    url = http_bot.slack.response_url("shortcut")
    image_only = payloads.message_action(
        "", url, files=[{"id": "F1", "name": "diagram.png", "mimetype": "image/png"}]
    )
    await _send(http_bot, image_only)
    message = await _only_reply(http_bot, "shortcut")
    _only_to_the_asker(message)
    assert message["text"] == NO_TEXT_TO_READ
    assert_valid_message(message)


async def test_the_shortcut_reads_the_beginning_of_a_long_message(
    http_bot: HttpBot, knowledge: Knowledge
) -> None:
    text = "what layer is envoy? " + "and some more context. " * 2000
    url = http_bot.slack.response_url("shortcut")
    await _send(http_bot, payloads.message_action(text, url))
    message = await _only_reply(http_bot, "shortcut")
    _only_to_the_asker(message)
    assert "Envoy" in message["text"]
    assert any(TRUNCATED_NOTE in s for s in strings(message["blocks"]))
    assert_valid_message(message)


async def test_a_shortcut_that_fails_is_an_apology_to_the_asker(
    start_http_bot: Callable[..., Awaitable[HttpBot]],
) -> None:
    def broken(_knowledge: Knowledge, _question: str) -> Any:
        raise RuntimeError("the core broke")

    bot = await start_http_bot(answer_fn=broken)
    url = bot.slack.response_url("shortcut")
    await _send(bot, payloads.message_action("envoy", url))
    message = await _only_reply(bot, "shortcut")
    _only_to_the_asker(message)
    assert message["text"] == apology_message().text


# The quiz.


async def test_osi_quiz_asks_privately_with_a_button_per_layer(
    start_http_bot: Callable[..., Awaitable[HttpBot]], knowledge: Knowledge
) -> None:
    bot = await start_http_bot(quizmaster=Quizmaster(FirstChoice()))
    reply = await bot.command("quiz")
    assert reply.status == 200
    message = reply.json()
    assert message["response_type"] == "ephemeral"
    first = quizzable(knowledge)[0]
    assert message["blocks"][0]["text"]["text"] == f"*Which layer is {first.name}?*"
    buttons = _buttons(message)
    assert [b["action_id"] for b in buttons] == [f"osi_quiz_answer_{n}" for n in range(7, 0, -1)]
    assert [b["text"]["text"] for b in buttons][:2] == ["L7 Application", "L6 Presentation"]
    assert {b["value"] for b in buttons} == {first.name}  # the click needs no stored state
    assert_valid_message(message)
    assert not bot.slack.replies  # the question is the acknowledgement


async def test_the_same_person_never_gets_the_same_question_twice_in_a_row(
    start_http_bot: Callable[..., Awaitable[HttpBot]], knowledge: Knowledge
) -> None:
    bot = await start_http_bot(quizmaster=Quizmaster(FirstChoice()))
    asked = [_buttons((await bot.command(" Quiz ")).json())[0]["value"] for _ in range(3)]
    first, second = quizzable(knowledge)[:2]
    assert asked == [first.name, second.name, first.name]


async def test_a_right_click_is_told_so_only_to_the_clicker_with_the_role_and_why(
    http_bot: HttpBot, knowledge: Knowledge
) -> None:
    envoy = knowledge.find("Envoy")
    assert envoy is not None
    assert envoy.layers == (7, 6, 5)
    url = http_bot.slack.response_url("quiz")
    await _send(http_bot, payloads.quiz_click(url, layer=6, entry="Envoy"))
    message = await _only_reply(http_bot, "quiz")
    _only_to_the_asker(message)
    texts = strings(message["blocks"])
    headline = message["blocks"][0]["text"]["text"]
    assert headline.startswith("*Right — Envoy works at Layers 7 (Application), 6 (Presentation)")
    for role in envoy.roles:  # a tool in several layers: every one of them, with its role
        assert any(role.role in t for t in texts)
    assert f"Why: {envoy.summary}" in texts
    assert _buttons(message)[0]["action_id"] == "osi_quiz_start"  # another question
    assert_valid_message(message)


async def test_a_wrong_click_gets_the_right_layer(http_bot: HttpBot, knowledge: Knowledge) -> None:
    metallb = knowledge.find("MetalLB")
    assert metallb is not None
    url = http_bot.slack.response_url("quiz")
    await _send(http_bot, payloads.quiz_click(url, layer=7, entry="MetalLB"))
    message = await _only_reply(http_bot, "quiz")
    _only_to_the_asker(message)
    assert message["text"].startswith(
        "Not quite — MetalLB works at Layer 4 (Transport), not Layer 7 (Application)."
    )
    assert metallb.roles[0].role in message["text"]


async def test_a_question_about_an_entry_since_removed_says_so(http_bot: HttpBot) -> None:
    url = http_bot.slack.response_url("quiz")
    await _send(http_bot, payloads.quiz_click(url, layer=4, entry="A Tool Since Removed"))
    message = await _only_reply(http_bot, "quiz")
    _only_to_the_asker(message)
    assert message["text"] == STALE_QUESTION


async def test_the_daily_post_ends_with_quiz_me_which_asks_the_clicker_privately(
    start_http_bot: Callable[..., Awaitable[HttpBot]], knowledge: Knowledge
) -> None:
    daily = daily_message(daily_post(knowledge, date(2026, 11, 26)))
    *_, last = daily.blocks
    assert last["type"] == "actions"
    assert [b["action_id"] for b in last["elements"]] == ["osi_quiz_start"]
    assert last["elements"][0]["text"]["text"] == "Quiz me"

    bot = await start_http_bot(quizmaster=Quizmaster(FirstChoice()))
    url = bot.slack.response_url("daily")
    await _send(bot, payloads.quiz_me_click(url, is_ephemeral=False))
    message = await _only_reply(bot, "daily")
    _only_to_the_asker(message)
    assert message["text"].startswith(f"Which layer is {quizzable(knowledge)[0].name}?")
    assert len(_buttons(message)) == 7
    assert_valid_message(message)
