"""Properties that hold for any input (found by hypothesis), any hash seed and every name."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.core.answering import answer
from bot.core.completion import MAX_CHOICE_LENGTH, complete
from bot.core.model import AnswerKind
from bot.core.text import MAX_QUESTION_CHARS
from bot.loading.load import load_knowledge
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
@example(question=":```")  # a paste with no words of its own to ask with
def test_any_text_gets_an_answer(knowledge: Knowledge, question: str) -> None:
    """Any unicode up to 10,000 characters gets an answer: no exception, bounded work."""
    result = answer(knowledge, question)
    assert len(result.question) <= MAX_QUESTION_CHARS
    assert result.truncated == (len(question) > MAX_QUESTION_CHARS)
    record = answer_record(result, knowledge)
    assert record["text"]
    # A layer is claimed only by an answer about a tool, a concept or a layer; one about
    # a thing with no layer of its own ("DS", a DaemonSet) claims none and says why.
    if result.kind in (AnswerKind.HELP, AnswerKind.UNKNOWN) or result.unplaced:
        assert record["layers"] == []
        assert (record["no_layer"] is not None) == result.unplaced
    else:
        assert record["layers"]


_REPOSITORY = Path(__file__).resolve().parents[2]

# Questions that walk every path where set or dict order could leak into an answer:
# tools, facets, typos, layers by number, name and range, several terms, unknown words.
_VARIED_QUESTIONS = [
    "envoy",
    "what layer is metallb?",
    "Istio mTLS",
    "kube-proxy ClientIP",
    "what layer is calcio",
    "flanel",
    "where does cetr-manager sit",
    "layer 4",
    "L7 or L4?",
    "what is at layers 1-3",
    "the data-link layer",
    "transport",
    "is calico layer 2?",
    "cilium is L3, right?",
    "envoy vs haproxy vs traefik",
    "we use calico. is istio L7?",
    "forget metallb, what about cilium?",
    "how do I switch namespaces",
    "what layer is frobnicator",
    "what layer is kubernetes",
    "layer 9",
    "help",
    "<@U024BE7LH> ~~nginx~~ traefik :wave:",
    "Envoyは何層ですか",
    "tls termination and sticky sessions and nodeport",
]


def _ask_in_a_new_process(hash_seed: str) -> str:
    environment = {
        **os.environ,
        "PYTHONHASHSEED": hash_seed,
        "PYTHONIOENCODING": "utf-8",
        "OSI_CACHE_DIR": "",
    }
    finished = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "-"],
        input="".join(f"{question}\n" for question in _VARIED_QUESTIONS),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        cwd=_REPOSITORY,
        timeout=120,
        check=True,
    )
    return finished.stdout


def test_answers_do_not_depend_on_the_hash_seed() -> None:
    """Two processes with different string hashing give the same answers, byte for byte."""
    first, second = _ask_in_a_new_process("1"), _ask_in_a_new_process("2")
    records = [json.loads(line) for line in first.splitlines()]
    assert [record["question"] for record in records] == _VARIED_QUESTIONS
    assert second == first


@_SETTINGS
@given(partial=st.text(max_size=2_000))
def test_completions_stay_within_discord_limits(knowledge: Knowledge, partial: str) -> None:
    choices = complete(knowledge, partial)
    assert len(choices) <= 25
    assert all(0 < len(choice) <= MAX_CHOICE_LENGTH for choice in choices)
    assert len(set(choices)) == len(choices)


# Names the bundled knowledge lists but cannot answer on their own yet.
_KNOWN_MISSES = {
    "open v switch": "BUG: answer('open v switch') is UNKNOWN, though 'open vswitch' matches",
    "global external http(s) load balancer": (
        "BUG: six words, one more than the longest name the index tries; UNKNOWN alone,"
        " though 'what layer is the global external http(s) load balancer?' finds it"
    ),
    "gcp http(s) load balancer": (
        "BUG: answer('gcp http(s) load balancer') names LoadBalancer Service,"
        " though 'external http(s) load balancer' and 'gcp https load balancer' match"
    ),
    "publish not ready addresses": (
        "BUG: answer('publish not ready addresses') is UNKNOWN; 'not' seems to end the name"
    ),
}
_EVERY_NAME = [
    pytest.param(
        term,
        entry.name,
        id=entry.name if term == entry.name else f"{entry.name} <- {term}",
        marks=[pytest.mark.xfail(strict=True, reason=_KNOWN_MISSES[term])]
        if term in _KNOWN_MISSES
        else [],
    )
    for entry in load_knowledge().entries
    for term in (entry.name, *entry.aliases, *(a for role in entry.roles for a in role.aliases))
]


@pytest.mark.parametrize(("term", "name"), _EVERY_NAME)
def test_every_name_and_alias_answers_exactly(knowledge: Knowledge, term: str, name: str) -> None:
    """Asking just a name or alias (as clicking a "did you mean" suggestion does) matches it."""
    assert answer(knowledge, term).matched == name
