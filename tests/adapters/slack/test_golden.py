"""The Slack message (Block Kit and its plain `text`) for a few answers, as read once."""

from __future__ import annotations

import pytest

from bot.adapters.slack.blocks import render_answer
from bot.adapters.slack.daily import daily_message
from bot.core.answering import answer
from bot.daily.rotation import daily_post
from tests.render.golden import DAILY_DATE, QUESTIONS, as_json, assert_golden, golden_knowledge


@pytest.mark.parametrize(("name", "question"), QUESTIONS.items(), ids=list(QUESTIONS))
def test_golden_slack_message(name: str, question: str) -> None:
    knowledge = golden_knowledge()
    message = render_answer(answer(knowledge, question), knowledge)
    assert_golden(f"{name}.slack.json", as_json(message.as_kwargs()))


def test_golden_slack_daily() -> None:
    message = daily_message(daily_post(golden_knowledge(), DAILY_DATE))
    assert_golden("daily.slack.json", as_json(message.as_kwargs()))
