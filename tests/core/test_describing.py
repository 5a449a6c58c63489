"""Questions through what something does, answered from the knowledge's own sentences."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from bot.core.answering import answer
from bot.core.describing import stems
from bot.core.model import AnswerKind
from bot.loading.load import bundled_knowledge_path
from bot.loading.validation import build_knowledge

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge

_DOCUMENT: dict[str, Any] = yaml.safe_load(Path(bundled_knowledge_path()).read_text("utf-8"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Encrypts traffic", ["encrypt", "traffic"]),
        ("encryption, encrypted, encrypting", ["encrypt", "encrypt", "encrypt"]),
        ("routes routing router route", ["rout", "rout", "rout", "rout"]),
        ("Cannot read URLs or cookies; faster", ["-read", "-url", "-cooki", "fast"]),
        ("it doesn't know what app", ["-know", "-app"]),
        ("forwards packets without looking at the URL", ["forward", "packet", "-look", "-url"]),
        ("which layer does this happen at", []),
        ("splitting dropped packets", ["split", "drop", "packet"]),  # the doubled consonant
        ("installed, called, buzzing", ["install", "call", "buzz"]),  # l, s, z stay doubled
        # -ate, -ated, -ating and -ation fold to one stem.
        ("translate, translated, translating, translation", ["transl"] * 4),
        # A hostname is a hostname, not the words of its labels.
        ("shop.example.com and *.apps.example.com.", ["hostnam", "hostnam"]),
        ("v1.29.4 resolv.conf", ["v1", "resolv", "conf"]),
        # A dash ends a clause, so a negation stops at it.
        ("no blinky light — what failure", ["-blinky", "-light", "failur"]),
        # Chat shorthand is the word it stands for.
        ("client certs, certificates", ["client", "certific", "certific"]),
        ("the hdrs of each req", ["head", "request"]),
        # A noun of an act in -ersion or -ission is the verb's stem.
        ("conversion converting transmission transmits", ["convert"] * 2 + ["transmit"] * 2),
        ("version session mission", ["vers", "sess", "miss"]),  # too short to be one
        # "but" ends what a negation denies.
        ("can't see cookies but is faster", ["-see", "-cooki", "fast"]),
        # Light verbs say nothing of what is done.
        ("be sure my packets go where they should", ["packet"]),
    ],
)
def test_stems_fold_word_forms_and_mark_what_is_negated(text: str, expected: list[str]) -> None:
    assert stems(text) == expected


# (question, the one layer claimed, the knowledge's sentence that placed it starts with)
CLEARLY_DESCRIBED = [
    ("does turning http into grpc count as a layer thing", 6, ""),
    ("at which layer are frames built from packets", 2, ""),
    ("where do certificates get rotated", 6, ""),
    ("what layer authenticates users before forwarding requests", 7, ""),
    ("which part handles the sticky cookie", 5, ""),
    # The table's own Layer 4 sentence: "forwards raw streams ... cannot route by URL".
    ("which layer forwards packets without looking at the URL", 4, "It forwards raw streams"),
]


@pytest.mark.parametrize(("question", "layer", "basis"), CLEARLY_DESCRIBED)
def test_a_clear_description_claims_its_layer_and_says_why(
    knowledge: Knowledge, question: str, layer: int, basis: str
) -> None:
    result = answer(knowledge, question)
    assert (result.kind, result.layer_numbers) == (AnswerKind.LAYER, (layer,))
    assert result.basis is not None
    assert result.basis.startswith(basis)


# A description that names the thing answers with that thing.
@pytest.mark.parametrize(
    ("question", "matched"),
    [
        ("which layer keeps a user on the same pod", "Session affinity"),
        ("what layer picks a backend by hostname", "Application-aware routing"),
        ("where do veth pairs connect pods to the host", "veth pair"),
        ("what layer rewrites request paths", "Request rewriting"),
        ("where is traffic split between versions of a service", "Traffic splitting"),
    ],
)
def test_a_description_that_names_a_thing_answers_with_it(
    knowledge: Knowledge, question: str, matched: str
) -> None:
    assert answer(knowledge, question).matched == matched


# (question, layers it may be): no layer is clearly ahead, so none is claimed.
UNSURE = [
    ("where are packets lost when the network is busy", 3),
]


@pytest.mark.parametrize(("question", "layer"), UNSURE)
def test_without_a_clear_leader_it_offers_the_best_few(
    knowledge: Knowledge, question: str, layer: int
) -> None:
    """Nothing is claimed; the right layer is among the two or three offered."""
    result = answer(knowledge, question)
    assert result.kind is AnswerKind.UNKNOWN
    assert result.layers == ()
    offered = [candidate.number for candidate in result.candidates]
    assert layer in offered
    assert 2 <= len(offered) <= 3
    assert result.suggestions == tuple(f"Layer {n} ({knowledge.layer(n).name})" for n in offered)


@pytest.mark.parametrize(
    "question",
    [
        "the ambassador sent an envoy to the summit",  # prose that asks nothing
        "what layer is the weather in berlin",  # describes nothing the knowledge says
        "node-problem-detector",  # one shared word ("node") is a coincidence
    ],
)
def test_what_describes_nothing_known_claims_nothing(knowledge: Knowledge, question: str) -> None:
    result = answer(knowledge, question)
    assert (result.layers, result.candidates, result.basis) == ((), (), None)


def test_editing_a_layer_description_changes_what_a_description_finds() -> None:
    """The search reads the knowledge file: a new sentence there is found, without code."""
    question = "which layer feeds the quokkas their lettuce?"
    original, problems = build_knowledge(_DOCUMENT, "<bundled>")
    assert original is not None, problems
    assert answer(original, question).layers == ()

    edited = copy.deepcopy(_DOCUMENT)
    (transport,) = [layer for layer in edited["layers"] if layer["number"] == 4]
    transport["description"] += " In this cluster it also feeds the quokkas their lettuce."
    knowledge, problems = build_knowledge(edited, "<edited>")
    assert knowledge is not None, problems
    result = answer(knowledge, question)
    assert (result.kind, result.layer_numbers) == (AnswerKind.LAYER, (4,))
    assert result.basis == "In this cluster it also feeds the quokkas their lettuce."


# A description set apart from its asking part, or strong enough to outweigh the concepts
# it acts on ("…names to ips"), claims its layer.
@pytest.mark.parametrize(
    ("question", "layer"),
    [
        ("the thing that blocks pod traffic by source ip address, which layer is that", 3),
        ("resolving service names to ips inside the cluster — layer", 7),
    ],
)
def test_a_description_apart_from_its_question_claims_its_layer(
    knowledge: Knowledge, question: str, layer: int
) -> None:
    """The layer, or a name of the question at that layer."""
    assert answer(knowledge, question).layer_numbers == (layer,)


def test_a_name_the_knowledge_only_mentions_is_no_description(knowledge: Knowledge) -> None:
    """Vault is named in Vault PKI's summary; asking about Vault describes nothing, and the
    entry that mentions it is offered instead of a layer."""
    result = answer(knowledge, "hashicorp vault which layer")
    assert (result.kind, result.layers, result.basis) == (AnswerKind.UNKNOWN, (), None)
    assert result.suggestions == ("Vault PKI",)


@pytest.mark.parametrize(
    "question",
    [
        "katran load balancer, what osi layer",  # an unknown name is the subject
        "metallb and calico together, which layers?",  # tools, not a description
    ],
)
def test_a_description_part_does_not_override_named_subjects(
    knowledge: Knowledge, question: str
) -> None:
    assert answer(knowledge, question).basis is None


@pytest.mark.parametrize(
    "question",
    [
        # Beside a name the knowledge never uses, one shared word is no description...
        "falco runtime security, osi layer?",
        # ...nor two of five words, only a little ahead of the next layer.
        "longhorn replicating volumes across nodes, is that some osi layer",
        # One word shared with one sentence is a coincidence, whatever the name.
        "a Deployment object — is that at any layer at all?",
        "we ship everything as helm releases — does helm map to a layer",
    ],
)
def test_words_about_an_unknown_name_claim_no_layer(knowledge: Knowledge, question: str) -> None:
    assert answer(knowledge, question).layers == ()


@pytest.mark.parametrize(
    ("question", "layer"),
    [
        ("which layer does authentication before forwarding to backend services", 7),
        ("which layer takes care of retransmitting lost segments", 4),
    ],
)
def test_a_plain_description_still_claims_on_fewer_words(
    knowledge: Knowledge, question: str, layer: int
) -> None:
    assert answer(knowledge, question).layer_numbers == (layer,)


# Found through the knowledge's own sentences (what TCP, IP header fields, data
# representation and protocol translation do), and through a word for a layer ("mac") the
# description agrees with.
@pytest.mark.parametrize(
    ("question", "layer"),
    [
        ("which layer converts protobuf to json for the client", 6),
        ("in textbook osi which layer compresses the payload", 6),
        ("which layer chops the byte stream into segments and numbers them", 4),
        ("splitting ip packets into fragments when the mtu is too small, which layer does that", 3),
        ("a bridge learning which mac is behind which port — what layer is that", 2),
    ],
)
def test_what_the_knowledge_says_things_do_is_found(
    knowledge: Knowledge, question: str, layer: int
) -> None:
    """The layer, or a name of the question at that layer ("ip packets": IP)."""
    assert answer(knowledge, question).layer_numbers == (layer,)


@pytest.mark.parametrize(
    "question",
    [
        # Two words shared with one sentence, while as many of the question's words are
        # ones no sentence of the knowledge uses: the message is about something else.
        "the photo frame on my desk stopped cycling pictures, which layer is broken",
        "what layer does the office coffee machine run on lol, it's broken again",
        "what layer decides which helm chart version gets installed",
        "goldilocks recommending resource requests, does it have a layer",
    ],
)
def test_a_description_of_what_the_knowledge_never_mentions_claims_nothing(
    knowledge: Knowledge, question: str
) -> None:
    assert answer(knowledge, question).layers == ()


@pytest.mark.parametrize(
    ("question", "layer"),
    [
        # The classic model's own functions, from the layers' descriptions.
        ("which layer resumes a dialogue between two apps from a checkpoint after a drop", 5),
        ("which layer sets up and tears down the dialogue between apps", 5),
        ("which layer serialises objects into bytes", 6),
        # A URL path is described by its shape: "/checkout" is a path.
        ("what layer decides /checkout goes to one deployment and /search goes to another", 7),
        ("which layer sends /v1 to the old pods and /v2 to the new ones", 7),
        # An HTTP status code is described by its shape too; a port is none.
        ("which layer answers with a 429 when a client goes over its quota", 7),
        ("which layer sends the 404 when no route matches the request path", 7),
        ("which layer sends back a 503 when every upstream is unhealthy", 7),
        # "the layer that wraps…": the layer is what acts; the names are what it acts on.
        ("the layer that wraps ip packets into ethernet frames??", 2),
        ("name-based virtual hosting (a.com vs b.com on one ip) is which layer", 7),
    ],
)
def test_the_classic_functions_and_url_paths_are_described(
    knowledge: Knowledge, question: str, layer: int
) -> None:
    assert answer(knowledge, question).layer_numbers == (layer,)
