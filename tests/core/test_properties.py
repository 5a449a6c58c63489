"""Properties that hold for any input, found by hypothesis rather than by example."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.answering import answer
from bot.core.completion import MAX_CHOICE_LENGTH, complete
from bot.core.model import AnswerKind
from bot.core.text import MAX_QUESTION_CHARS
from bot.render.records import answer_record

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge

_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_NOISE = st.sampled_from(
    ["<@U024BE7LH>", "<@123456789>", "<!channel>", "`", "*", "/osi ", "&lt;", "<", ">", "|", "@"]
)
_FRAGMENTS = st.sampled_from(["envoy", "layer", " 7 ", "calico", "is", "?", "l4", "kube-proxy"])
_CHATTY_TEXT = st.lists(st.one_of(st.text(max_size=20), _NOISE, _FRAGMENTS), max_size=60).map(
    "".join
)


@_SETTINGS
@given(question=st.one_of(st.text(max_size=10_000), _CHATTY_TEXT))
def test_any_text_gets_an_answer(knowledge: Knowledge, question: str) -> None:
    """Any unicode up to 10,000 characters gets an answer: no exception, bounded work."""
    result = answer(knowledge, question)
    assert len(result.question) <= MAX_QUESTION_CHARS
    assert result.truncated == (len(question) > MAX_QUESTION_CHARS)
    record = answer_record(result, knowledge)
    assert record["text"]
    # A layer is claimed only by an answer about a tool, a concept or a layer.
    if result.kind in (AnswerKind.HELP, AnswerKind.UNKNOWN):
        assert record["layers"] == []
    else:
        assert record["layers"]


@_SETTINGS
@given(question=_CHATTY_TEXT)
def test_answers_are_deterministic(knowledge: Knowledge, question: str) -> None:
    assert answer(knowledge, question) == answer(knowledge, question)


@_SETTINGS
@given(partial=st.text(max_size=2_000))
def test_completions_stay_within_discord_limits(knowledge: Knowledge, partial: str) -> None:
    choices = complete(knowledge, partial)
    assert len(choices) <= 25
    assert all(0 < len(choice) <= MAX_CHOICE_LENGTH for choice in choices)
    assert len(set(choices)) == len(choices)


@_SETTINGS
@given(name=st.sampled_from(["Envoy", "MetalLB", "cert-manager", "Session affinity", "NAT"]))
def test_a_suggestion_answers_exactly(knowledge: Knowledge, name: str) -> None:
    """Clicking a "did you mean" suggestion asks its name, which must match that entry."""
    assert answer(knowledge, name).matched == name
