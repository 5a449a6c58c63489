"""The terminal's text (and every platform's plain fallback) for a few answers, as read once."""

from __future__ import annotations

import pytest

from bot.core.answering import answer
from bot.daily.render_text import daily_text
from bot.daily.rotation import daily_post
from bot.render.text import render_text
from tests.render.golden import DAILY_DATE, QUESTIONS, assert_golden, golden_knowledge


@pytest.mark.parametrize(("name", "question"), QUESTIONS.items(), ids=list(QUESTIONS))
def test_golden_text(name: str, question: str) -> None:
    knowledge = golden_knowledge()
    assert_golden(f"{name}.txt", render_text(answer(knowledge, question), knowledge) + "\n")


def test_golden_daily_text() -> None:
    post = daily_post(golden_knowledge(), DAILY_DATE)
    assert_golden("daily.txt", daily_text(post) + "\n")
