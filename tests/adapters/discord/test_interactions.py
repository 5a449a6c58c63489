"""End to end over interactions: `/osi`, its autocomplete, and "did you mean" buttons."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

from bot.adapters.discord.replies import APOLOGY
from bot.adapters.discord.views import suggestion_view
from bot.core.completion import complete
from bot.core.phrasing import EXAMPLE_QUESTIONS
from tests.fakes import discord as fd
from tests.fakes.discord_bot import SUGGESTIONS, UNSURE, reply_to, respond_to

if TYPE_CHECKING:
    from collections.abc import Callable

    import pytest

    from bot.core.knowledge import Knowledge
    from bot.core.model import Answer
    from tests.fakes.discord import FakeDiscord
    from tests.fakes.discord_bot import StartBot

CHANNEL_MESSAGE = 4  # interaction callback types
AUTOCOMPLETE_RESULT = 8
EPHEMERAL = 1 << 6


def is_ephemeral(data: dict[str, Any]) -> bool:
    return bool(data.get("flags", 0) & EPHEMERAL)


def custom_ids(components: list[dict[str, Any]]) -> list[str]:
    return [c["custom_id"] for row in components for c in row["components"]]


async def test_a_confident_answer_to_osi_is_a_public_embed(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    await start_bot()
    body = await respond_to(fake_discord, fd.slash_command("what layer is envoy?"))
    assert body["type"] == CHANNEL_MESSAGE
    data = body["data"]
    assert not is_ephemeral(data)
    (embed,) = data["embeds"]
    assert embed["title"] == "Envoy"
    assert [f["name"] for f in embed["fields"]][:3] == [
        "Layer 7 (Application)",
        "Layer 6 (Presentation)",
        "Layer 5 (Session)",
    ]
    assert data["allowed_mentions"] == {"parse": []}


async def test_an_exact_name_is_not_echoed_and_the_source_is_shown_once(
    start_bot: StartBot, fake_discord: FakeDiscord, knowledge: Knowledge
) -> None:
    """ "Understood" appears only after a typo correction; the source is the title's link."""
    await start_bot()
    envoy = knowledge.find("Envoy")
    assert envoy is not None
    assert envoy.source is not None
    (embed,) = (await respond_to(fake_discord, fd.slash_command("envoy")))["data"]["embeds"]
    assert "author" not in embed
    assert embed["url"] == envoy.source
    assert envoy.source not in json.dumps({k: v for k, v in embed.items() if k != "url"})
    (typo,) = (await respond_to(fake_discord, fd.slash_command("envoyy")))["data"]["embeds"]
    assert typo["author"]["name"] == "Understood: Envoy — you typed “envoyy”."


async def test_a_layer_is_named_once(start_bot: StartBot, fake_discord: FakeDiscord) -> None:
    await start_bot()
    (embed,) = (await respond_to(fake_discord, fd.slash_command("layer 4")))["data"]["embeds"]
    assert json.dumps(embed, ensure_ascii=False).count("Layer 4 (Transport)") == 1
    assert embed["title"].startswith("Layer 4 (Transport): ")


async def test_help_offers_the_example_questions_as_buttons_that_ask_them(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    """As on Slack: one button per example question; a click answers it."""
    await start_bot()
    data = (await respond_to(fake_discord, fd.slash_command("help")))["data"]
    assert custom_ids(data["components"]) == [f"osi:ask:{q}" for q in EXAMPLE_QUESTIONS]
    shown = fd.message(
        "", author=fd.BOT_USER, extra={"components": data["components"], "flags": EPHEMERAL}
    )
    click = fd.button_click(f"osi:ask:{EXAMPLE_QUESTIONS[0]}", shown)
    body = await respond_to(fake_discord, click)
    assert body["data"]["embeds"][0]["title"] == "MetalLB"


async def test_help_and_unknown_questions_are_only_shown_to_the_asker(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    await start_bot()
    for question in ("help", "what layer is lunch"):
        data = (await respond_to(fake_discord, fd.slash_command(question)))["data"]
        assert is_ephemeral(data), question
        assert data["allowed_mentions"] == {"parse": []}


async def test_suggestions_are_private_buttons(
    start_bot: StartBot, fake_discord: FakeDiscord, ask_with_suggestions: Callable[[str], Answer]
) -> None:
    await start_bot(ask=ask_with_suggestions)
    data = (await respond_to(fake_discord, fd.slash_command(UNSURE)))["data"]
    assert is_ephemeral(data)
    assert custom_ids(data["components"]) == [f"osi:ask:{name}" for name in SUGGESTIONS]


async def test_autocomplete_offers_the_cores_ranked_typo_tolerant_choices(
    start_bot: StartBot, fake_discord: FakeDiscord, knowledge: Knowledge
) -> None:
    await start_bot()
    for typed in ("cillium", "ing", ""):
        body = await respond_to(fake_discord, fd.slash_command(typed, focused=True))
        assert body["type"] == AUTOCOMPLETE_RESULT
        expected = [{"name": n, "value": n} for n in complete(knowledge, typed, limit=25)]
        assert body["data"]["choices"] == expected, typed
    assert expected  # an empty box still offers something to pick
    body = await respond_to(fake_discord, fd.slash_command("cillium", focused=True))
    assert body["data"]["choices"][0] == {"name": "Cilium", "value": "Cilium"}


async def test_autocomplete_never_sends_more_than_discord_accepts(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    names = ["ok", "x" * 101, "", *(f"name {i}" for i in range(40))]
    await start_bot(complete=lambda _partial: names)
    body = await respond_to(fake_discord, fd.slash_command("", focused=True))
    choices = body["data"]["choices"]
    assert len(choices) <= 25
    assert choices[0] == {"name": "ok", "value": "ok"}
    assert all(0 < len(c["name"]) <= 100 and 0 < len(c["value"]) <= 100 for c in choices)


async def test_a_failing_autocomplete_offers_nothing_and_is_logged(
    start_bot: StartBot, fake_discord: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    def complete(partial: str) -> list[str]:
        raise RuntimeError("index broke")

    await start_bot(complete=complete)
    body = await respond_to(fake_discord, fd.slash_command("env", focused=True))
    assert body == {"type": AUTOCOMPLETE_RESULT, "data": {"choices": []}}
    assert any(r.levelno == logging.ERROR and r.exc_info for r in caplog.records)


async def test_a_did_you_mean_button_answers_the_chosen_suggestion(
    start_bot: StartBot, fake_discord: FakeDiscord, ask_with_suggestions: Callable[[str], Answer]
) -> None:
    await start_bot(ask=ask_with_suggestions)
    data = (await respond_to(fake_discord, fd.slash_command(UNSURE)))["data"]
    # Discord sends the message the button is on; here, the one the bot just sent.
    shown = fd.message(
        "", author=fd.BOT_USER, extra={"components": data["components"], "flags": EPHEMERAL}
    )
    body = await respond_to(fake_discord, fd.button_click("osi:ask:Istio", shown))
    assert body["type"] == CHANNEL_MESSAGE
    assert body["data"]["embeds"][0]["title"] == "Istio"
    assert not is_ephemeral(body["data"])  # a confident answer, like /osi's
    assert body["data"]["allowed_mentions"] == {"parse": []}


async def test_a_related_button_answers_the_related_entry(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    """/osi cilium offers eBPF and Envoy (uses); clicking Envoy answers Envoy, in public."""
    await start_bot()
    data = (await respond_to(fake_discord, fd.slash_command("what layer is cilium?")))["data"]
    assert not is_ephemeral(data)
    related = {f["name"]: f["value"] for f in data["embeds"][0]["fields"]}["Related"]
    assert related.startswith("eBPF (uses), Envoy (uses), VXLAN (uses)")
    row, _votes = data["components"]  # one row of at most five, then "Was this right?"
    assert [i for i in custom_ids(data["components"]) if i.startswith("osi:ask:")] == [
        f"osi:ask:{name}" for name in ("eBPF", "Envoy", "VXLAN", "Geneve", "BGP")
    ]
    assert [c["label"] for c in row["components"]][:2] == ["eBPF", "Envoy"]
    shown = fd.message("", author=fd.BOT_USER, extra={"components": data["components"]})
    body = await respond_to(fake_discord, fd.button_click("osi:ask:Envoy", shown))
    assert body["type"] == CHANNEL_MESSAGE
    (embed,) = body["data"]["embeds"]
    assert embed["title"] == "Envoy"
    assert not is_ephemeral(body["data"])
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Related"].startswith("Istio (used by), Emissary-ingress (used by), Cilium")


async def test_buttons_keep_working_after_a_restart(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    """A message posted by an earlier run: the new process never saw its view."""
    await start_bot()
    view = suggestion_view(["MetalLB"])
    assert view is not None
    old_reply = fd.message("", author=fd.BOT_USER, extra={"components": view.to_components()})
    body = await respond_to(fake_discord, fd.button_click("osi:ask:MetalLB", old_reply))
    assert body["data"]["embeds"][0]["title"] == "MetalLB"


async def test_a_button_on_a_mention_reply_answers_too(
    start_bot: StartBot, fake_discord: FakeDiscord, ask_with_suggestions: Callable[[str], Answer]
) -> None:
    def ask(question: str) -> Answer:  # a mention arrives with the mention markup in it
        return ask_with_suggestions(question.removeprefix(f"<@{fd.BOT_ID}> "))

    await start_bot(ask=ask)
    question = fd.message(f"<@{fd.BOT_ID}> {UNSURE}", mentions=[fd.BOT_USER])
    reply = await reply_to(fake_discord, question)
    shown = fd.message("", author=fd.BOT_USER, extra={"components": reply["components"]})
    body = await respond_to(fake_discord, fd.button_click("osi:ask:ClusterIP", shown))
    assert body["data"]["embeds"][0]["title"] == "ClusterIP"


async def test_a_failing_command_is_a_private_apology_and_a_logged_error(
    start_bot: StartBot, fake_discord: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    def ask(question: str) -> Answer:
        raise RuntimeError("the core broke")

    await start_bot(ask=ask)
    body = await respond_to(fake_discord, fd.slash_command("envoy"))
    assert body == {
        "type": CHANNEL_MESSAGE,
        "data": {
            "content": APOLOGY,
            "flags": EPHEMERAL,
            "allowed_mentions": {"parse": []},
            "tts": False,
        },
    }
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage() for r in errors] == ["/osi failed"]
    assert "the core broke" in caplog.text
    # Still running: the next interaction is handled.
    body = await respond_to(fake_discord, fd.slash_command("env", focused=True))
    assert body["data"]["choices"][0]["name"] == "Envoy"


async def test_a_failing_button_is_a_private_apology_and_a_logged_error(
    start_bot: StartBot, fake_discord: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    def ask(question: str) -> Answer:
        raise RuntimeError("the core broke")

    await start_bot(ask=ask)
    view = suggestion_view(["Istio"])
    assert view is not None
    shown = fd.message("", author=fd.BOT_USER, extra={"components": view.to_components()})
    body = await respond_to(fake_discord, fd.button_click("osi:ask:Istio", shown))
    assert body["data"]["content"] == APOLOGY
    assert is_ephemeral(body["data"])
    assert any(r.levelno == logging.ERROR and r.exc_info for r in caplog.records)
