"""Answers from a team's overlay say so; answers from the main file say nothing new."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.core.answering import answer
from bot.render.origin import team_line
from bot.render.records import answer_record
from bot.render.text import render_text
from tests.fakes.knowledge_files import with_team_overlay

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Knowledge:
    return with_team_overlay(tmp_path_factory.mktemp("team"))


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("frobnitz", "From your team's knowledge (team-tools.yaml)."),
        (
            "which layer is metallb?",
            "From your team's knowledge (team-tools.yaml), in place of the bundled MetalLB entry.",
        ),
        ("frobnitz vs calico", "From your team's knowledge (team-tools.yaml): Frobnitz."),
        ("what is at layer 7?", "From your team's knowledge (team-tools.yaml): Frobnitz."),
        ("calico", None),
        ("what is at layer 5?", None),
        ("help", None),
        ("what layer is lunch", None),
    ],
)
def test_the_text_says_when_an_answer_comes_from_the_team(
    team: Knowledge, question: str, line: str | None
) -> None:
    result = answer(team, question)
    assert team_line(result, team) == line
    text = render_text(result, team).splitlines()
    assert (line in text) if line else not any("team's knowledge" in t for t in text)


def test_a_replaced_entry_answers_with_the_teams_layers(team: Knowledge) -> None:
    text = render_text(answer(team, "metallb"), team, picture=False)
    assert text.startswith("MetalLB works at Layer 3 (Network).")
    assert "MetalLB, as our team runs it." in text


def test_json_says_where_each_answer_comes_from(team: Knowledge) -> None:
    frobnitz = answer_record(answer(team, "frobnitz"), team)
    assert (frobnitz["origin"], frobnitz["origin_file"]) == ("team", "team-tools.yaml")
    assert "From your team's knowledge (team-tools.yaml)." in frobnitz["text"]
    calico = answer_record(answer(team, "calico"), team)
    assert (calico["origin"], calico["origin_file"]) == ("bundled", "layers.yaml")
    unknown = answer_record(answer(team, "what layer is lunch"), team)
    assert (unknown["origin"], unknown["origin_file"]) == (None, None)
    both = answer_record(answer(team, "frobnitz vs calico"), team)
    assert [s["origin"] for s in both["subjects"]] == ["team", "bundled"]
