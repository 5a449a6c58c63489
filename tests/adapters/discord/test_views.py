"""Rendering "did you mean" buttons, and who sees each kind of reply."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from bot.adapters.discord.replies import render_reply
from bot.adapters.discord.views import AskButton, suggestion_view
from bot.core.answering import answer
from bot.core.model import Answer, AnswerKind

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge


def buttons(suggestions: list[str]) -> list[dict[str, Any]]:
    view = suggestion_view(suggestions)
    assert view is not None
    return [c for row in view.to_components() for c in row["components"]]


def test_each_suggestion_becomes_a_button_that_carries_it_in_its_custom_id() -> None:
    assert buttons(["Istio", "ClusterIP"]) == [
        {"type": 2, "style": 1, "disabled": False, "label": "Istio", "custom_id": "osi:ask:Istio"},
        {
            "type": 2,
            "style": 1,
            "disabled": False,
            "label": "ClusterIP",
            "custom_id": "osi:ask:ClusterIP",
        },
    ]


def test_buttons_stay_within_discords_limits() -> None:
    long_label = "x" * 90  # fits a custom_id (100) but not a label (80)
    too_long_for_an_id = "y" * 93
    rendered = buttons([long_label, too_long_for_an_id, *(f"s{i}" for i in range(10))])
    assert len(rendered) == 5
    assert rendered[0]["label"] == "x" * 79 + "…"
    assert rendered[0]["custom_id"] == "osi:ask:" + long_label
    assert all(len(b["custom_id"]) <= 100 and len(b["label"]) <= 80 for b in rendered)
    assert not any("y" * 93 in b["custom_id"] for b in rendered)


def test_no_suggestions_means_no_view() -> None:
    assert suggestion_view([]) is None
    assert suggestion_view(["z" * 200]) is None


async def test_a_clicked_button_is_rebuilt_from_its_custom_id_alone() -> None:
    original = AskButton("LoadBalancer Service")
    match = AskButton.__discord_ui_compiled_template__.fullmatch(original.custom_id)
    assert match is not None
    rebuilt = await AskButton.from_custom_id(None, original.item, match)  # type: ignore[arg-type]
    assert rebuilt.name == "LoadBalancer Service"


@pytest.mark.parametrize(
    ("question", "public", "buttons"),
    [
        ("what layer is cilium?", True, True),  # its Related entries, and the votes
        ("what layer is cert-manager?", True, True),  # related to nothing: the votes only
        ("layer 7", True, True),
        ("help", False, True),  # the example questions
        ("what layer is lunch", False, False),
    ],
)
def test_confident_answers_are_public_and_the_rest_private(
    knowledge: Knowledge, question: str, public: bool, buttons: bool
) -> None:
    reply = render_reply(answer(knowledge, question), knowledge)
    assert reply.public is public
    # Help offers example buttons, a confident answer Related and "Was this right?" buttons.
    assert (reply.view is not None) is buttons


def test_suggestions_are_private_and_come_with_buttons(knowledge: Knowledge) -> None:
    unsure = Answer("serviec mesh", AnswerKind.UNKNOWN, suggestions=("Istio", "ClusterIP"))
    reply = render_reply(unsure, knowledge)
    assert reply.public is False
    assert reply.view is not None
    assert [item.custom_id for item in reply.view.children] == [  # type: ignore[attr-defined]
        "osi:ask:Istio",
        "osi:ask:ClusterIP",
    ]
