"""Every answer is counted and timed; unknown questions are logged as words only, on request."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.core.answering import answer
from bot.ops.metrics import Metrics
from bot.ops.observed import observed
from bot.ops.platform import Platform

if TYPE_CHECKING:
    import pytest

    from bot.core.knowledge import Knowledge


def test_answers_are_counted_by_kind_and_timed(knowledge: Knowledge) -> None:
    metrics = Metrics()
    ask = observed(answer, platform=Platform.SLACK, metrics=metrics, log_unknown=False)
    assert ask(knowledge, "envoy") == answer(knowledge, "envoy")
    ask(knowledge, "what layer is lunch")
    text = metrics.exposition().decode()
    assert 'osi_questions_total{kind="tool",platform="slack"} 1.0' in text
    assert 'osi_unknown_questions_total{platform="slack"} 1.0' in text
    assert 'osi_answer_seconds_count{platform="slack"} 2.0' in text


def test_unknown_questions_are_logged_without_who_asked_or_whom_they_mention(
    knowledge: Knowledge, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="osi.unknown_questions")
    ask = observed(answer, platform=Platform.SLACK, metrics=Metrics(), log_unknown=True)
    ask(knowledge, "<@U0BOT> what layer is   lunch, <@U0FRIEND|friend>? @carol")
    ask(knowledge, "<@U0BOT> envoy")
    assert [r.getMessage() for r in caplog.records] == [
        "unknown question on slack: what layer is lunch, ?"
    ]


def test_unknown_questions_are_not_logged_unless_asked_for(
    knowledge: Knowledge, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="osi.unknown_questions")
    ask = observed(answer, platform=Platform.DISCORD, metrics=Metrics(), log_unknown=False)
    ask(knowledge, "what layer is lunch")
    assert caplog.records == []
