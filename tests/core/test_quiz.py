"""The quiz: which entries are asked about, never twice in a row, and what a guess earns."""

from __future__ import annotations

import itertools
import random
from typing import TYPE_CHECKING

import pytest

from bot.core.quiz import (
    MAX_QUIZ_LAYERS,
    LastAsked,
    Quizmaster,
    check,
    parse_guess,
    pick,
    quizzable,
)
from tests.fakes.quiz import FirstChoice

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge


def test_only_entries_with_a_clear_placement_are_asked_about(knowledge: Knowledge) -> None:
    names = {e.name for e in quizzable(knowledge)}
    assert {"Envoy", "MetalLB", "cert-manager"} <= names  # three layers is still a question
    assert "Kubernetes" not in names  # six layers is not
    assert all(0 < len(e.layers) <= MAX_QUIZ_LAYERS for e in quizzable(knowledge))


def test_a_question_names_its_entry(knowledge: Knowledge) -> None:
    question = pick(knowledge, FirstChoice())
    assert question is not None
    assert question.text == f"Which layer is {question.entry.name}?"


def test_the_last_question_is_never_asked_again_at_once(knowledge: Knowledge) -> None:
    first = pick(knowledge, FirstChoice())
    assert first is not None
    second = pick(knowledge, FirstChoice(), last=first.entry.name)
    assert second is not None
    assert second.entry != first.entry


def test_a_person_never_gets_the_same_question_twice_in_a_row(knowledge: Knowledge) -> None:
    quiz = Quizmaster(random.Random(7))  # noqa: S311
    asked = [quiz.ask(knowledge, "ana") for _ in range(300)]
    names = [q.entry.name for q in asked if q is not None]
    assert len(names) == 300
    assert all(a != b for a, b in itertools.pairwise(names))
    assert len(set(names)) > 50  # and the questions do range over the knowledge


def test_people_are_remembered_apart(knowledge: Knowledge) -> None:
    """What one person was asked does not steer another's question."""
    quiz = Quizmaster(FirstChoice())
    first_for_ana = quiz.ask(knowledge, "ana")
    first_for_bo = quiz.ask(knowledge, "bo")
    assert first_for_ana == first_for_bo
    assert quiz.ask(knowledge, "ana") != first_for_ana


def test_the_same_seed_asks_the_same_questions(knowledge: Knowledge) -> None:
    def run() -> list[str]:
        quiz = Quizmaster(random.Random(42))  # noqa: S311
        return [q.entry.name for _ in range(20) if (q := quiz.ask(knowledge, "ana"))]

    assert run() == run()


def test_memory_is_bounded_and_forgets_the_oldest_person_first() -> None:
    last = LastAsked(capacity=2)
    last.remember("ana", "Envoy")
    last.remember("bo", "MetalLB")
    last.remember("ana", "Calico")  # ana is now the most recent
    last.remember("cy", "Cilium")
    assert len(last) == 2
    assert last.get("bo") is None
    assert (last.get("ana"), last.get("cy")) == ("Calico", "Cilium")


@pytest.mark.parametrize(
    ("name", "guess", "right", "headline"),
    [
        ("MetalLB", 4, True, "Right — MetalLB works at Layer 4 (Transport)."),
        ("MetalLB", 3, False, "Not quite — MetalLB works at Layer 4 (Transport), not Layer 3"),
        ("Envoy", 5, True, "Right — Envoy works at Layers 7 (Application), 6 (Presentation)"),
        ("Envoy", 7, True, "Right — Envoy works at Layers 7 (Application)"),
        ("Envoy", 4, False, "Not quite — Envoy works at Layers 7 (Application)"),
    ],
)
def test_any_of_an_entrys_layers_is_right_and_all_of_them_are_said(
    knowledge: Knowledge, name: str, guess: int, right: bool, headline: str
) -> None:
    verdict = check(knowledge, name, guess)
    assert verdict is not None
    assert verdict.right is right
    assert verdict.headline.startswith(headline)
    entry = knowledge.find(name)
    assert entry is not None
    assert [layer.number for layer, _ in verdict.roles] == list(entry.layers)
    assert [role for _, role in verdict.roles] == [r.role for r in entry.roles]
    assert verdict.why == f"Why: {entry.summary}"


def test_a_guess_at_a_layer_experts_also_give_says_so(knowledge: Knowledge) -> None:
    cilium = knowledge.find("Cilium")
    assert cilium is not None
    assert cilium.also, "the knowledge no longer places Cilium beyond the table"
    facet = cilium.also[0]
    verdict = check(knowledge, "Cilium", facet.layer)
    assert verdict is not None
    assert not verdict.right
    assert verdict.facet_line is not None
    assert facet.role in verdict.facet_line


@pytest.mark.parametrize(("name", "guess"), [("No Such Tool", 4), ("MetalLB", 8), ("Envoy", 0)])
def test_a_question_the_knowledge_no_longer_holds_has_no_verdict(
    knowledge: Knowledge, name: str, guess: int
) -> None:
    assert check(knowledge, name, guess) is None


@pytest.mark.parametrize(
    ("typed", "layer"),
    [
        ("4", 4),
        (" L4 ", 4),
        ("layer 4", 4),
        ("Layer3", 3),
        ("transport", 4),
        ("Data Link", 2),
        ("datalink", 2),
        ("the network layer", 3),
        ("network layer", 3),
        ("8", None),
        ("0", None),
        ("", None),
        ("banana", None),
    ],
)
def test_a_typed_answer_names_a_layer(knowledge: Knowledge, typed: str, layer: int | None) -> None:
    assert parse_guess(knowledge, typed) == layer
