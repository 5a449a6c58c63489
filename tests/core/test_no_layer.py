"""Things people ask about that are not network components: named, never placed.

A Deployment, the kubelet, a pod or Kubernetes as a whole have no OSI layer of their own
(`no_layer` in the knowledge). Asked about, the bot says so and where their work meets a
layer; beside things that have layers, they are only mentioned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.core.answering import answer
from bot.core.matching import index_knowledge
from bot.core.phrasing import headline

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("kubelet osi?", "kubelet"),
        ("the kubelet on each node, does it live at any osi layer?", "kubelet"),
        ("the kube-apiserver itself, any osi layer?", "kube-apiserver"),
        ("pods — what layer are they?", "Pod"),
        ("a pod by itself, does it have an osi layer?", "Pod"),
        ("/osi node", "Node"),
        ("what osi layer is a Deployment", "Deployment"),
        ("StatefulSet osi layer?", "StatefulSet"),
        ("daemonset layer", "DaemonSet"),
        ("k8s secrets (the object) — osi layer?", "Kubernetes Secret"),
        ("an opaque Secret has which layer lol", "Kubernetes Secret"),
        ("what layer is a configmap lol", "ConfigMap"),
        ("a k8s namespace like kube-system, what layer", "Kubernetes namespace"),
        ("does the hpa scaling my api have an osi layer or is that a dumb q", None),
        ("etcd (the cluster's k/v store) in osi terms?", "etcd"),
        ("where does kubernetes itself sit in osi", "Kubernetes"),
    ],
)
def test_a_thing_with_no_layer_is_named_and_claims_none(
    knowledge: Knowledge, question: str, name: str | None
) -> None:
    result = answer(knowledge, question)
    assert result.layers == ()
    if name is not None:
        assert (result.matched, result.unplaced, result.is_confident) == (name, True, True)
        assert headline(result).endswith(f"{name} has no OSI layer of its own.")


def test_asked_at_a_layer_it_is_neither_yes_nor_no(knowledge: Knowledge) -> None:
    result = answer(knowledge, "is kubelet layer 7?")
    assert (result.matched, result.layers, result.verdict) == ("kubelet", (), None)
    assert headline(result) == "Not as such — kubelet has no OSI layer of its own."


@pytest.mark.parametrize(
    ("question", "layers", "matched"),
    [
        # Beside a thing with layers, one without is only mentioned.
        ("kubelet vs kube-proxy", (5, 4), "kube-proxy"),
        (
            "statefulset uses a headless svc for the peer dns names, headless services are "
            "what layer",
            (7, 3),
            "Headless Service",
        ),
        # A thing with no layer is where the action happens, not what is asked about.
        ("which layer routes packets between worker nodes", (3,), "IP routing"),
        ("the switch our k8s nodes plug into, which layer", (1,), "Switches"),
        ("hostPort in a pod spec what layer", (4,), "hostPort"),
    ],
)
def test_beside_things_with_layers_it_is_only_mentioned(
    knowledge: Knowledge, question: str, layers: tuple[int, ...], matched: str
) -> None:
    result = answer(knowledge, question)
    assert (result.layer_numbers, result.matched) == (layers, matched)


def test_its_mention_says_it_has_no_layer(knowledge: Knowledge) -> None:
    result = answer(knowledge, "kubelet vs kube-proxy")
    assert [e.name for e in result.also] == ["kubelet"]
    assert result.subjects == ()


@pytest.mark.parametrize(
    "question",
    [
        "how do I switch namespaces in kubectl",  # asks nothing of layers
        "my job is killing me lol",
        "node-problem-detector which layer",
        "can you keep a secret",
    ],
)
def test_its_everyday_words_answer_only_questions_of_layers(
    knowledge: Knowledge, question: str
) -> None:
    result = answer(knowledge, question)
    assert (result.matched, result.layers) == (None, ())


def test_a_paste_naming_things_with_no_layer_is_still_read(knowledge: Knowledge) -> None:
    """kubelet events in a paste are no evidence of a layer (and once divided by zero)."""
    question = (
        "new pods stuck, no ips:\n```\n"
        "  Warning  FailedCreatePodSandBox  2m  kubelet  Failed to create pod sandbox: "
        'plugin type="calico" failed (add): failed to request IPv4 addresses: '
        "resource does not exist: IPAMBlock(10-244-7-0-26)\n```\nwhich layer is broken?"
    )
    assert answer(knowledge, question).layer_numbers == (3,)


def test_editing_no_layer_into_an_entry_stops_it_being_placed(knowledge: Knowledge) -> None:
    """The knowledge decides: an entry given `no_layer` is no longer placed anywhere."""
    entries = tuple(
        e._replace(roles=(), no_layer="Not a network component.") if e.name == "Calico" else e
        for e in knowledge.entries
    )
    edited = index_knowledge(knowledge.layers, entries)
    assert answer(knowledge, "calico layer?").layer_numbers == (3,)
    result = answer(edited, "calico layer?")
    assert (result.matched, result.layers, result.unplaced) == ("Calico", (), True)


def test_a_plural_name_has_no_layer_in_the_plural(knowledge: Knowledge) -> None:
    result = answer(knowledge, "our builds run as tekton tasks — is tekton at some layer")
    assert headline(result) == "CI/CD pipelines have no OSI layer of their own."
