""" "Was this right?" over HTTP, spoken to as Slack does: vote clicks, the modal, replays."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from bot.adapters.slack.feedback import FEEDBACK_CALLBACK
from bot.ops.curation import CurationRecord, RecordKind, SqliteCurationLog
from bot.ops.feedback import Feedback
from bot.ops.metrics import Metrics
from bot.ops.shared_state import SharedStateSettings, open_shared_state
from bot.ops.votes import SharedVotes
from tests.adapters.slack.checks import confident
from tests.fakes import slack_payloads as payloads

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable
    from pathlib import Path

    from bot.core.knowledge import Knowledge
    from tests.adapters.slack.conftest import HttpBot, Reply
    from tests.fakes.redis_server import RedisServer
    from tests.fakes.slack import FakeSlack

    StartBot = Callable[..., Awaitable[HttpBot]]


def votes(
    metrics: Metrics, entry: str, outcome: str, name: str = "osi_feedback_votes_total"
) -> float:
    value = metrics.registry.get_sample_value(
        name, {"platform": "slack", "entry": entry, "outcome": outcome}
    )
    return value or 0.0


def changed(metrics: Metrics, entry: str, outcome: str) -> float:
    return votes(metrics, entry, outcome, "osi_feedback_changed_total")


async def ask(bot: HttpBot, question: str) -> dict[str, Any]:
    """The vote buttons' value under the public answer to `question`."""
    message = (await bot.command(question)).json()
    assert message["response_type"] == "in_channel"
    (actions,) = [
        b
        for b in message["blocks"]
        if b["type"] == "actions" and b["elements"][0]["action_id"].startswith("osi_vote")
    ]
    up, down = actions["elements"]
    assert (up["action_id"], down["action_id"]) == ("osi_vote_up", "osi_vote_down")
    assert up["value"] == down["value"]
    return {"value": up["value"]}


async def click(bot: HttpBot, payload: dict[str, Any]) -> Reply:
    body = payloads.as_form_payload(payload)
    return await bot.post(body, payloads.signed_headers(body, payloads.FORM))


async def test_only_a_confident_public_answer_carries_the_vote_buttons(http_bot: HttpBot) -> None:
    for question, buttons in [("envoy", True), ("help", False), ("what layer is lunch", False)]:
        message = (await http_bot.command(question)).json()
        action_ids = [
            e.get("action_id") for b in message["blocks"] if b["type"] == "actions"
            for e in b["elements"]
        ]  # fmt: skip
        assert ("osi_vote_up" in action_ids) is buttons, question
        assert (message["response_type"] == "in_channel") is buttons, question


async def test_a_click_is_counted_by_entry_and_outcome_and_the_voter_thanked_privately(
    start_http_bot: StartBot, fake_slack: FakeSlack, knowledge: Knowledge
) -> None:
    metrics = Metrics()
    bot = await start_http_bot(feedback=Feedback(lambda: knowledge, metrics=metrics))
    ballot = await ask(bot, confident(knowledge, "envoy"))
    url = fake_slack.response_url("vote")
    assert (await click(bot, payloads.vote_click(ballot["value"], url, up=True))).status == 200
    await bot.settled()
    assert votes(metrics, "Envoy", "up") == 1
    (thanks,) = fake_slack.calls_to("response_url")
    assert thanks.args["response_type"] == "ephemeral"
    assert thanks.args["replace_original"] is False
    assert "👍" in thanks.args["text"]
    assert fake_slack.calls_to("views.open") == []


async def test_a_second_click_changes_the_vote_and_the_same_click_again_counts_nothing(
    start_http_bot: StartBot, fake_slack: FakeSlack, knowledge: Knowledge
) -> None:
    metrics = Metrics()
    bot = await start_http_bot(feedback=Feedback(lambda: knowledge, metrics=metrics))
    value = (await ask(bot, "envoy"))["value"]
    url = fake_slack.response_url("vote")
    for up in (True, False, False):  # 👍, then 👎, then 👎 again (a new click, new trigger)
        await click(bot, payloads.vote_click(value, url, up=up))
        await bot.settled()
    assert votes(metrics, "Envoy", "up") == 1
    assert votes(metrics, "Envoy", "down") == 1
    assert changed(metrics, "Envoy", "up") == 1  # the 👍 was replaced: standing 0 up, 1 down
    texts = [c.args["text"] for c in fake_slack.calls_to("response_url")]
    assert "Changed your vote to 👎" in texts[1]
    assert "already voted 👎" in texts[2]


async def test_each_person_and_each_answer_has_a_vote_of_its_own(
    start_http_bot: StartBot, fake_slack: FakeSlack, knowledge: Knowledge
) -> None:
    metrics = Metrics()
    bot = await start_http_bot(feedback=Feedback(lambda: knowledge, metrics=metrics))
    value = (await ask(bot, "envoy"))["value"]
    url = fake_slack.response_url("vote")
    clicks = [
        payloads.vote_click(value, url, up=True),
        payloads.vote_click(value, url, up=True, user="U0OTHER"),
        payloads.vote_click(value, url, up=True, message_ts="1700000000.000002"),
    ]
    for payload in clicks:
        await click(bot, payload)
    await bot.settled()
    assert votes(metrics, "Envoy", "up") == 3


async def test_a_redelivered_click_is_counted_once(
    start_http_bot: StartBot, fake_slack: FakeSlack, knowledge: Knowledge
) -> None:
    metrics = Metrics()
    bot = await start_http_bot(feedback=Feedback(lambda: knowledge, metrics=metrics))
    value = (await ask(bot, "envoy"))["value"]
    payload = payloads.vote_click(value, fake_slack.response_url("vote"), up=False)
    for _ in range(2):
        assert (await click(bot, payload)).status == 200
    await bot.settled()
    assert votes(metrics, "Envoy", "down") == 1
    assert len(fake_slack.calls_to("response_url")) == 1


async def test_a_click_replayed_to_a_second_replica_is_counted_once_with_redis(
    start_http_bot: StartBot,
    fake_slack: FakeSlack,
    knowledge: Knowledge,
    redis_server: RedisServer,
    redis_prefix: str,
) -> None:
    """Each replica remembers deliveries itself here, so only the shared votes can tell."""
    settings = SharedStateSettings(redis_server.url, redis_prefix)
    replicas, counts = [], []
    for _ in range(2):
        state = open_shared_state(settings)
        assert state is not None
        metrics = Metrics()
        feedback = Feedback(lambda: knowledge, votes=SharedVotes(state), metrics=metrics)
        replicas.append(await start_http_bot(feedback=feedback))
        counts.append((metrics, state))
    value = (await ask(replicas[0], "envoy"))["value"]
    payload = payloads.vote_click(value, fake_slack.response_url("vote"), up=True)
    for replica in replicas:
        assert (await click(replica, payload)).status == 200
        await replica.settled()
    assert sum(votes(metrics, "Envoy", "up") for metrics, _ in counts) == 1
    for _, state in counts:
        await state.close()


async def test_a_thumbs_down_opens_the_modal_and_its_comment_is_kept_without_user_ids(
    start_http_bot: StartBot, fake_slack: FakeSlack, knowledge: Knowledge, tmp_path: Path
) -> None:
    log = SqliteCurationLog(str(tmp_path))
    metrics = Metrics()
    bot = await start_http_bot(feedback=Feedback(lambda: knowledge, metrics=metrics, log=log))
    value = (await ask(bot, "which layer is <@U0MENTIONED> envoy"))["value"]
    payload = payloads.vote_click(value, fake_slack.response_url("vote"), up=False)
    await click(bot, payload)
    await bot.settled()
    assert votes(metrics, "Envoy", "down") == 1  # counted on the click, modal or not
    (opened,) = fake_slack.calls_to("views.open")
    assert opened.args["trigger_id"] == payload["trigger_id"]
    view = opened.args["view"]
    assert view["callback_id"] == FEEDBACK_CALLBACK
    assert fake_slack.calls_to("response_url") == []  # the modal is the reply
    (comment_input,) = [b for b in view["blocks"] if b["type"] == "input"]
    assert comment_input["optional"] is True

    typed = "Envoy is L7 only <@U0ASKER> said so"
    values = {comment_input["block_id"]: {comment_input["element"]["action_id"]: typed}}
    submitted = payloads.view_submission(view, values)
    reply = await click(bot, submitted)
    assert reply.status == 200
    assert reply.body == ""  # an empty acknowledgement closes the modal
    await bot.settled()

    kept = await log.records()
    assert [r.kind for r in kept] == [RecordKind.DOWN, RecordKind.COMMENT]
    assert kept[1] == CurationRecord(
        RecordKind.COMMENT,
        "slack",
        "Envoy",
        "which layer is envoy",
        "Envoy: L7, L6, L5",
        typed,
        kept[1].at,
    )
    stored = json.dumps([r.as_dict() for r in kept])
    assert payloads.USER not in stored.replace(typed, "")  # only where the person typed it
    assert "U0MENTIONED" not in stored


async def test_without_the_curation_log_a_thumbs_down_opens_no_modal_and_keeps_nothing(
    start_http_bot: StartBot, fake_slack: FakeSlack, knowledge: Knowledge, tmp_path: Path
) -> None:
    bot = await start_http_bot(feedback=Feedback(lambda: knowledge))
    value = (await ask(bot, "envoy"))["value"]
    await click(bot, payloads.vote_click(value, fake_slack.response_url("vote"), up=False))
    await bot.settled()
    assert fake_slack.calls_to("views.open") == []
    (thanks,) = fake_slack.calls_to("response_url")
    assert "👎" in thanks.args["text"]
    assert list(tmp_path.iterdir()) == []


async def test_a_forged_or_broken_vote_value_is_ignored(
    start_http_bot: StartBot, fake_slack: FakeSlack, knowledge: Knowledge
) -> None:
    metrics = Metrics()
    bot = await start_http_bot(feedback=Feedback(lambda: knowledge, metrics=metrics))
    url = fake_slack.response_url("vote")
    for value in ("", "no separators", "9|Envoy|q"):
        assert (await click(bot, payloads.vote_click(value, url, up=True))).status == 200
    await click(bot, payloads.vote_click("7|Made Up|q", url, up=True))
    await bot.settled()
    assert votes(metrics, "(other)", "up") == 1  # labels stay the knowledge's names
    assert len(fake_slack.calls_to("response_url")) == 1


async def test_a_modal_slack_will_not_open_still_counts_the_vote_and_thanks_the_voter(
    start_http_bot: StartBot, fake_slack: FakeSlack, knowledge: Knowledge, tmp_path: Path
) -> None:
    metrics = Metrics()
    log = SqliteCurationLog(str(tmp_path))
    bot = await start_http_bot(feedback=Feedback(lambda: knowledge, metrics=metrics, log=log))
    fake_slack.fail("views.open", "expired_trigger_id")
    value = (await ask(bot, "envoy"))["value"]
    await click(bot, payloads.vote_click(value, fake_slack.response_url("vote"), up=False))
    await bot.settled()
    assert len(fake_slack.calls_to("views.open")) == 1
    assert votes(metrics, "Envoy", "down") == 1
    (thanks,) = fake_slack.calls_to("response_url")
    assert "👎" in thanks.args["text"]
    assert [r.kind for r in await log.records()] == [RecordKind.DOWN]
