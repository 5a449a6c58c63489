"""End to end over the gateway: "Which OSI layer?" on a message, and the quiz."""

from __future__ import annotations

import asyncio
import logging
from datetime import date
from typing import TYPE_CHECKING, Any

from discord.http import HTTPClient

from bot.adapters.discord.daily import discord_sender
from bot.adapters.discord.replies import APOLOGY
from bot.core.phrasing import NO_TEXT_TO_READ
from bot.core.quiz import Quizmaster, quizzable
from bot.daily.rotation import daily_post
from bot.render.quiz import STALE_QUESTION
from tests.adapters.discord.test_interactions import (
    CHANNEL_MESSAGE,
    EPHEMERAL,
    custom_ids,
    is_ephemeral,
)
from tests.fakes import discord as fd
from tests.fakes.discord_bot import respond_to
from tests.fakes.quiz import FirstChoice

if TYPE_CHECKING:
    import pytest

    from bot.core.knowledge import Knowledge
    from tests.fakes.discord import FakeDiscord
    from tests.fakes.discord_bot import StartBot

QUESTION = "Which layer is "


def _private(body: dict[str, Any]) -> dict[str, Any]:
    """The data of a message answer that only the person who asked sees."""
    assert body["type"] == CHANNEL_MESSAGE
    data: dict[str, Any] = body["data"]
    assert is_ephemeral(data)
    assert data["allowed_mentions"] == {"parse": []}
    return data


def _shown(data: dict[str, Any]) -> dict[str, Any]:
    """The message the bot sent with `data`, as a later click carries it."""
    return fd.message(
        "", author=fd.BOT_USER, extra={"components": data["components"], "flags": EPHEMERAL}
    )


def _click(custom_id: str) -> dict[str, Any]:
    """A click on the button `custom_id` of a private question the bot sent."""
    button = {"type": 2, "style": 1, "label": "L?", "custom_id": custom_id}
    shown = {"components": [{"type": 1, "components": [button]}], "flags": EPHEMERAL}
    return fd.button_click(custom_id, fd.message("", author=fd.BOT_USER, extra=shown))


# "Which OSI layer?" on a message.


async def test_the_menu_answers_the_messages_text_only_to_the_asker(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    """Even a confident answer, which `/osi` posts publicly, is the asker's alone here."""
    await start_bot()
    colleague = fd.user(fd.OTHER_BOT_ID + 100, "colleague")
    target = fd.message("does anyone know which layer metallb is at?", author=colleague)
    data = _private(await respond_to(fake_discord, fd.message_command(target)))
    (embed,) = data["embeds"]
    assert embed["title"] == "MetalLB"
    assert "Layer 4 (Transport)" in [f["name"] for f in embed["fields"]]
    assert not fake_discord.calls("POST", r"/channels/\d+/messages")  # nothing public


async def test_the_menu_on_a_message_without_text_says_so_privately(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    await start_bot()
    embed_only = fd.message(
        "", author=fd.BOT_USER, extra={"embeds": [{"title": "Layer 4 of the day"}]}
    )
    data = _private(await respond_to(fake_discord, fd.message_command(embed_only)))
    assert data["content"] == NO_TEXT_TO_READ
    assert not data.get("embeds")


async def test_a_menu_answer_that_fails_is_an_apology(
    start_bot: StartBot, fake_discord: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(_question: str) -> Any:
        raise RuntimeError("the core broke")

    await start_bot(ask=broken)
    with caplog.at_level(logging.ERROR):
        data = _private(
            await respond_to(fake_discord, fd.message_command(fd.message("what is envoy")))
        )
    assert data["content"] == APOLOGY
    assert "Which OSI layer?" in caplog.text


async def test_sync_registers_the_menu_beside_osi(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    await start_bot(sync=True)
    (request,) = fake_discord.calls("PUT", r".*/commands")
    registered = {(c["name"], c.get("type", 1)) for c in request.body}
    assert registered == {("osi", 1), ("Which OSI layer?", 3)}


# The quiz.


async def test_osi_quiz_asks_privately_with_a_button_per_layer_in_two_rows(
    start_bot: StartBot, fake_discord: FakeDiscord, knowledge: Knowledge
) -> None:
    await start_bot(quizmaster=Quizmaster(FirstChoice()))
    data = _private(await respond_to(fake_discord, fd.slash_command("quiz")))
    first = quizzable(knowledge)[0].name
    assert data["embeds"][0]["title"] == f"{QUESTION}{first}?"
    rows = data["components"]
    assert [len(row["components"]) for row in rows] == [4, 3]  # at most five to a row
    assert custom_ids(rows) == [f"osi:quiz:{n}:{first}" for n in range(7, 0, -1)]
    assert rows[0]["components"][0]["label"] == "L7 Application"


async def test_the_same_person_never_gets_the_same_question_twice_in_a_row(
    start_bot: StartBot, fake_discord: FakeDiscord, knowledge: Knowledge
) -> None:
    await start_bot(quizmaster=Quizmaster(FirstChoice()))
    titles = [
        _private(await respond_to(fake_discord, fd.slash_command(" Quiz ")))["embeds"][0]["title"]
        for _ in range(3)
    ]
    first, second = (e.name for e in quizzable(knowledge)[:2])
    assert titles == [f"{QUESTION}{first}?", f"{QUESTION}{second}?", f"{QUESTION}{first}?"]


async def test_a_right_click_is_told_only_to_the_clicker_with_every_layer_and_why(
    start_bot: StartBot, fake_discord: FakeDiscord, knowledge: Knowledge
) -> None:
    envoy = knowledge.find("Envoy")
    assert envoy is not None
    await start_bot()
    data = _private(await respond_to(fake_discord, _click("osi:quiz:5:Envoy")))
    (embed,) = data["embeds"]
    assert embed["title"].startswith("Right — Envoy works at Layers 7 (Application)")
    assert [f["value"] for f in embed["fields"]] == [r.role for r in envoy.roles]
    assert embed["description"] == f"Why: {envoy.summary}"
    assert custom_ids(data["components"]) == ["osi:quiz:start"]  # another question


async def test_a_wrong_click_gets_the_right_layer(
    start_bot: StartBot, fake_discord: FakeDiscord, knowledge: Knowledge
) -> None:
    metallb = knowledge.find("MetalLB")
    assert metallb is not None
    await start_bot()
    (embed,) = _private(await respond_to(fake_discord, _click("osi:quiz:2:MetalLB")))["embeds"]
    assert embed["title"] == (
        "Not quite — MetalLB works at Layer 4 (Transport), not Layer 2 (Data Link)."
    )
    assert embed["fields"][0]["value"] == metallb.roles[0].role


async def test_a_question_about_an_entry_since_removed_says_so(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    await start_bot()
    click = _click("osi:quiz:4:A Tool Since Removed")
    assert _private(await respond_to(fake_discord, click))["content"] == STALE_QUESTION


async def test_the_daily_post_ends_with_quiz_me_which_asks_the_clicker_privately(
    start_bot: StartBot, fake_discord: FakeDiscord, knowledge: Knowledge
) -> None:
    http = HTTPClient(asyncio.get_running_loop())
    try:
        await http.static_login(fd.TOKEN)
        send = discord_sender(http)
        await send(str(fd.CHANNEL_ID), daily_post(knowledge, date(2026, 11, 26)))
    finally:
        await http.close()
    (posted,) = fake_discord.calls("POST", r"/channels/\d+/messages")
    assert custom_ids(posted.body["components"]) == ["osi:quiz:start"]
    assert posted.body["components"][0]["components"][0]["label"] == "Quiz me"

    await start_bot(quizmaster=Quizmaster(FirstChoice()))
    daily = fd.message("", author=fd.BOT_USER, extra={"components": posted.body["components"]})
    data = _private(await respond_to(fake_discord, fd.button_click("osi:quiz:start", daily)))
    assert data["embeds"][0]["title"] == f"{QUESTION}{quizzable(knowledge)[0].name}?"
    answer = fd.button_click(custom_ids(data["components"])[3], _shown(data))
    verdict = _private(await respond_to(fake_discord, answer))["embeds"][0]
    assert verdict["title"].startswith(("Right — ", "Not quite — "))
