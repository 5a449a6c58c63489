"""Completions for half-typed questions (Discord's /osi autocomplete)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.core.completion import complete

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge


@pytest.mark.parametrize(
    ("partial", "first"),
    [
        ("envo", "Envoy"),
        ("cilu", "Cilium"),
        ("cilum", "Cilium"),
        ("calcio", "Calico"),
        ("what layer is metal", "MetalLB"),
        ("l4", "Layer 4 (Transport)"),
        ("layer 6", "Layer 6 (Presentation)"),
        ("sticky", "Session affinity"),
        ("cert", "cert-manager"),
        ("kube-pr", "kube-proxy"),
    ],
)
def test_best_completion_first(knowledge: Knowledge, partial: str, first: str) -> None:
    assert complete(knowledge, partial)[0] == first


def test_empty_input_offers_the_layers_then_tools(knowledge: Knowledge) -> None:
    choices = complete(knowledge, "")
    assert choices[:2] == ("Layer 7 (Application)", "Layer 6 (Presentation)")
    assert len(choices) == 25


def test_nonsense_offers_nothing(knowledge: Knowledge) -> None:
    assert complete(knowledge, "xyzzy") == ()


def test_limit_is_respected(knowledge: Knowledge) -> None:
    assert len(complete(knowledge, "a", limit=5)) <= 5
