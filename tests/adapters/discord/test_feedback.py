""" "Was this right?" over the gateway: vote clicks, a vote changed, the modal submitted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.ops.curation import RecordKind, SqliteCurationLog
from bot.ops.feedback import Feedback
from bot.ops.metrics import Metrics
from tests.fakes import discord as fd
from tests.fakes.discord_bot import respond_to

if TYPE_CHECKING:
    from pathlib import Path

    from bot.core.knowledge import Knowledge
    from tests.fakes.discord import FakeDiscord
    from tests.fakes.discord_bot import StartBot

CHANNEL_MESSAGE = 4  # interaction callback types
MODAL = 9
EPHEMERAL = 1 << 6
OTHER_USER_ID = 900000000000000099


def votes(
    metrics: Metrics, entry: str, outcome: str, name: str = "osi_feedback_votes_total"
) -> float:
    labels = {"platform": "discord", "entry": entry, "outcome": outcome}
    return metrics.registry.get_sample_value(name, labels) or 0.0


async def public_answer(fake: FakeDiscord, question: str) -> dict[str, Any]:
    """The bot's public answer to `/osi question`, as the message Discord then holds."""
    data = (await respond_to(fake, fd.slash_command(question)))["data"]
    assert not data.get("flags", 0) & EPHEMERAL
    return fd.message("", author=fd.BOT_USER, extra={"components": data["components"]})


def vote_ids(message: dict[str, Any]) -> dict[str, str]:
    ids = [c["custom_id"] for row in message["components"] for c in row["components"]]
    return {i.split(":")[2]: i for i in ids if i.startswith("osi:vote:")}


def from_other_person(payload: dict[str, Any]) -> dict[str, Any]:
    payload["member"] = fd.member(fd.user(OTHER_USER_ID, "other"))
    return payload


async def test_a_confident_answer_carries_the_vote_buttons_and_the_rest_none(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    await start_bot()
    shown = await public_answer(fake_discord, "what layer is envoy?")
    assert vote_ids(shown) == {
        "up": "osi:vote:up:765|Envoy|what layer is envoy?",
        "down": "osi:vote:down:765|Envoy|what layer is envoy?",
    }
    for question in ("help", "what layer is lunch"):
        data = (await respond_to(fake_discord, fd.slash_command(question)))["data"]
        ids = [c["custom_id"] for row in data.get("components", []) for c in row["components"]]
        assert not any(i.startswith("osi:vote:") for i in ids), question


async def test_clicks_are_counted_once_per_person_and_a_second_click_changes_the_vote(
    start_bot: StartBot, fake_discord: FakeDiscord, knowledge: Knowledge
) -> None:
    metrics = Metrics()
    await start_bot(feedback=Feedback(lambda: knowledge, metrics=metrics))
    shown = await public_answer(fake_discord, "envoy")
    ids = vote_ids(shown)
    replies = []
    for payload in (
        fd.button_click(ids["up"], shown),
        fd.button_click(ids["up"], shown),  # the same vote again: nothing changes
        fd.button_click(ids["down"], shown),  # changed
        from_other_person(fd.button_click(ids["down"], shown)),
    ):
        body = await respond_to(fake_discord, payload)
        assert body["type"] == CHANNEL_MESSAGE
        assert body["data"]["flags"] & EPHEMERAL
        replies.append(body["data"]["content"])
    assert votes(metrics, "Envoy", "up") == 1
    assert votes(metrics, "Envoy", "down") == 2
    assert votes(metrics, "Envoy", "up", "osi_feedback_changed_total") == 1
    assert "already voted 👍" in replies[1]
    assert "Changed your vote to 👎" in replies[2]


async def test_a_thumbs_down_answers_with_the_modal_whose_comment_is_kept(
    start_bot: StartBot, fake_discord: FakeDiscord, knowledge: Knowledge, tmp_path: Path
) -> None:
    log = SqliteCurationLog(str(tmp_path))
    metrics = Metrics()
    client = await start_bot(feedback=Feedback(lambda: knowledge, metrics=metrics, log=log))
    shown = await public_answer(fake_discord, "envoy")
    body = await respond_to(fake_discord, fd.button_click(vote_ids(shown)["down"], shown))
    assert await client.answering.idle(5)  # the modal goes first, then the vote is counted
    assert body["type"] == MODAL
    modal = body["data"]
    assert modal["title"] == "What was wrong?"
    (text_input,) = [c for row in modal["components"] for c in row["components"]]
    assert text_input["required"] is False
    assert votes(metrics, "Envoy", "down") == 1  # counted on the click

    submit = fd.modal_submit(modal["custom_id"], {text_input["custom_id"]: "Envoy is L7 only"})
    thanks = await respond_to(fake_discord, submit)
    assert thanks["data"]["flags"] & EPHEMERAL
    kept = await log.records()
    assert [(r.kind, r.subject, r.comment) for r in kept] == [
        (RecordKind.DOWN, "Envoy", None),
        (RecordKind.COMMENT, "Envoy", "Envoy is L7 only"),
    ]
    assert all(r.platform == "discord" and r.answer == "Envoy: L7, L6, L5" for r in kept)
    assert str(fd.USER_ID) not in repr(kept)


async def test_without_the_curation_log_a_thumbs_down_is_thanked_not_questioned(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    await start_bot()
    shown = await public_answer(fake_discord, "envoy")
    body = await respond_to(fake_discord, fd.button_click(vote_ids(shown)["down"], shown))
    assert body["type"] == CHANNEL_MESSAGE
    assert "👎" in body["data"]["content"]


async def test_vote_buttons_keep_working_after_a_restart(
    start_bot: StartBot, fake_discord: FakeDiscord, knowledge: Knowledge
) -> None:
    """A message an earlier run posted: the ballot travels in the custom_id."""
    metrics = Metrics()
    await start_bot(feedback=Feedback(lambda: knowledge, metrics=metrics))
    old = "osi:vote:up:3|Calico|which layer is calico"
    components = [{"type": 1, "components": [{"type": 2, "style": 2, "custom_id": old}]}]
    shown = fd.message("", author=fd.BOT_USER, extra={"components": components})
    body = await respond_to(fake_discord, fd.button_click(old, shown))
    assert body["type"] == CHANNEL_MESSAGE
    assert votes(metrics, "Calico", "up") == 1
