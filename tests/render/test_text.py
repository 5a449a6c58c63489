"""The terminal's text and every platform's plain fallback: what an entry answer adds."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.core.answering import answer
from bot.render.text import render_text

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("istio", "Related: Envoy (uses), mTLS (uses), Istio ambient ztunnel (includes), "),
        ("emissary-ingress", "Related: Envoy (uses)."),
        ("calico", "Related: BGP (uses), IP-in-IP (uses), VXLAN (uses), "),
        ("metallb", "Related: ARP (uses), NDP (uses), BGP (uses)."),
        ("cilium", "Related: eBPF (uses), Envoy (uses), "),
        ("tcproute", "Related: Gateway API (part of)."),
    ],
)
def test_an_entry_answer_names_its_related_entries_and_how(
    knowledge: Knowledge, question: str, line: str
) -> None:
    lines = render_text(answer(knowledge, question), knowledge, picture=False).splitlines()
    (related,) = [text for text in lines if text.startswith("Related:")]
    assert related.startswith(line)
    assert lines.index(related) == len(lines) - 2  # just above the source


def test_an_entry_related_to_nothing_has_no_related_line(knowledge: Knowledge) -> None:
    assert "Related" not in render_text(answer(knowledge, "cert-manager"), knowledge)


def test_a_thing_with_no_layer_says_why_and_where_its_work_meets_a_layer(
    knowledge: Knowledge,
) -> None:
    kubelet = knowledge.find("kubelet")
    assert kubelet is not None
    assert kubelet.no_layer is not None
    text = render_text(answer(knowledge, "kubelet osi?"), knowledge)
    lines = text.splitlines()
    assert lines[:2] == ["kubelet has no OSI layer of its own.", f"Why: {kubelet.no_layer}"]
    assert [line.split(":")[0] for line in lines[2:4]] == [
        "Where it touches L7",
        "Where it touches L3",
    ]
    assert "┌" not in text  # no stack: nothing is claimed


def test_a_mention_of_a_thing_with_no_layer_says_so(knowledge: Knowledge) -> None:
    text = render_text(answer(knowledge, "kubelet vs kube-proxy"), knowledge)
    assert "Also mentioned: kubelet (no layer)." in text.splitlines()
