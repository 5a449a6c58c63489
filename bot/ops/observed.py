"""Answering, measured: every answer counted and timed, unknown questions optionally logged.

The adapters take the function they answer with as a dependency; wrapping it here keeps
metrics and logging out of the listeners, and out of the answer core altogether.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ParamSpec

from bot.core.model import AnswerKind
from bot.core.text import strip_chat_noise
from bot.ops.logs import log_unknown_question

if TYPE_CHECKING:
    from collections.abc import Callable

    from bot.core.model import Answer
    from bot.ops.feedback import Feedback
    from bot.ops.metrics import Metrics
    from bot.ops.platform import Platform

__all__ = ["observed"]

P = ParamSpec("P")


def observed(
    ask: Callable[P, Answer],
    *,
    platform: Platform,
    metrics: Metrics,
    log_unknown: bool,
    feedback: Feedback | None = None,
) -> Callable[P, Answer]:
    """`ask`, recording each answer in `metrics` and, if `log_unknown`, each unknown question.

    Args:
        feedback: also keeps unknown questions in the curation log, when that is on.
    """

    def ask_and_record(*args: P.args, **kwargs: P.kwargs) -> Answer:
        started = time.perf_counter()
        answer = ask(*args, **kwargs)
        metrics.record_answer(platform, answer, time.perf_counter() - started)
        if log_unknown and answer.kind is AnswerKind.UNKNOWN:
            # Mentions are user and channel IDs: the log gets the words alone.
            words = " ".join(strip_chat_noise(answer.question).split())
            log_unknown_question(True, platform, words)
        if feedback is not None:
            feedback.unknown(platform, answer)
        return answer

    return ask_and_record
