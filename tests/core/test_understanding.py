"""Understanding v2: questions written the way people type in a busy channel.

Grouped by what they exercise: a layer asked about in everyday words, a tool whose name is
also an English word, and what an unknown answer quotes and suggests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.core.answering import answer
from bot.core.model import AnswerKind
from bot.core.text import MAX_QUESTION_CHARS
from bot.render.text import render_text

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge

TOOL, CONCEPT, LAYER = AnswerKind.TOOL, AnswerKind.CONCEPT, AnswerKind.LAYER
HELP, UNKNOWN = AnswerKind.HELP, AnswerKind.UNKNOWN

# A layer named among words that only set the scene: (question, layers answered).
LAYER_IN_EVERYDAY_WORDS = [
    ("is there anything physical-layer I should care about on EKS?", (1,)),
    ("what lives at the transport layer in a cluster", (4,)),
    ("examples of L6 stuff", (6,)),
    ("who lives on L5 these days", (5,)),
    ("the data link bits, what are they for us", (2,)),
    ("which k8s pieces are L4", (4,)),
    ("what sits on layer 3 in our setup", (3,)),
    ("anything interesting happening at L7 on GKE lately?", (7,)),
    ("give me the layer 2 things in a typical cluster", (2,)),
    ("remind me what goes on at layer four", (4,)),
    ("so uh... layer 6, what's there for kubernetes folks", (6,)),
    ("data link layer stuff in k8s?", (2,)),
    ("what tools cover layers 3 and 4 in practice", (3, 4)),
    ("L7 bits, quickly please", (7,)),
    # By position: the ends of the stack, and next to a named layer.
    ("stuff at the lowest layer in a cluster", (1,)),
    ("the topmost osi layer, examples?", (7,)),
    ("third osi layer tools", (3,)),
    ("which layer sits right under L2", (1,)),
    ("what's in the layer directly beneath session", (4,)),
    ("the layer over the network layer, what's there", (4,)),
    # By a protocol that lives at one layer.
    ("the tcp layer in k8s, what runs there", (4,)),
    ("what runs at the ethernet layer", (2,)),
    # Short words around the layer are scenery too.
    ("on gke we never see hardware, so what is at the physical layer for us", (1,)),
]

# A layer named by where it sits, by a mnemonic or in plain words, among chat scenery:
# (question, layer answered).
LAYER_BY_PLACE = [
    ("the layer sitting on top of the network layer — what's in it for k8s", 4),
    ("the layer second from the top, anything there for us?", 6),
    ("the middle layer of the seven (number 4) — examples", 4),
    ("layer one up from transport, who lives there in a cluster", 5),
    ("the lowest layer that isn't hardware, the one right above the cables", 2),
    ("the one above ip — tools?", 4),
    ("what's the one just under l7 in k8s land", 6),
    ("the layer directly underneath http", 6),
    ("which layer is one up from L3", 4),
    ("two layers below session, what runs there", 3),
    ("bottom-most layer stuff in a cluster", 1),
    ("the layer after network, what lives there", 4),
    ("the layer before transport", 3),
    ("what's in the middle of the osi model", 4),
    ("second highest layer tools", 6),
    ("layer number 4 examples", 4),
    ("the layer on top, what's there", 7),
    ("the top layer that isn't the app layer", 6),
    ("'please do not throw' — what does the 'throw' stand for and what's in it for us", 4),
    ("the 'pizza' layer from please do not throw sausage pizza away, what k8s tools live there", 6),
    ("all people seem to need data processing — which layer is the 'need' one", 3),
    ("the wire layer lol what's in it", 1),
]


@pytest.mark.parametrize(("question", "layer"), LAYER_BY_PLACE)
def test_a_layer_named_by_its_place_is_answered(
    knowledge: Knowledge, question: str, layer: int
) -> None:
    result = answer(knowledge, question)
    assert (result.kind, result.layer_numbers) == (LAYER, (layer,))


# Words of place that ask about something else: (question, kind, layers answered).
PLACE_WORDS_ABOUT_SOMETHING_ELSE = [
    ("is metallb above calico?", TOOL, (4, 3)),  # compares the tools
    ("is metallb one layer above calico?", TOOL, (4, 3)),
    ("is layer 2 below layer 3?", LAYER, (2, 3)),
    ("what runs over tcp", CONCEPT, (4,)),  # what TCP carries, not layer 5
    ("7 layer dip", UNKNOWN, ()),
    ("a 3 layer cake", UNKNOWN, ()),
    ("the one in the middle of the list", UNKNOWN, ()),
    ("please do not throw pizza at me", UNKNOWN, ()),
    ("the layer cake has one layer above the sponge", UNKNOWN, ()),
]


@pytest.mark.parametrize(("question", "kind", "layers"), PLACE_WORDS_ABOUT_SOMETHING_ELSE)
def test_words_of_place_about_something_else_place_no_layer(
    knowledge: Knowledge, question: str, kind: AnswerKind, layers: tuple[int, ...]
) -> None:
    result = answer(knowledge, question)
    assert (result.kind, result.layer_numbers) == (kind, layers)


# (question, layer): a hyphenated name that describes an ordinary word is part of a
# description ("an x-request-id header"), not a product the knowledge lacks.
HYPHENATED_DESCRIBERS = [
    ("splitting traffic on an x-canary-weight header, which layer", 7),
    # Two names joined by "and" in a description do not make it a comparison.
    ("which layer just forwards tcp/udp streams to an ip and port", 4),
    # A description that asks for its layer at the end, after a name with a comma.
    ("wrapping ip packets in ethernet frames on the host's nic, layer?", 2),
]


@pytest.mark.parametrize(("question", "layer"), HYPHENATED_DESCRIBERS)
def test_a_hyphenated_word_before_an_ordinary_one_describes_it(
    knowledge: Knowledge, question: str, layer: int
) -> None:
    result = answer(knowledge, question)
    assert result.layer_numbers == (layer,)


@pytest.mark.parametrize(("question", "layers"), LAYER_IN_EVERYDAY_WORDS)
def test_a_layer_among_scene_setting_words_is_answered(
    knowledge: Knowledge, question: str, layers: tuple[int, ...]
) -> None:
    result = answer(knowledge, question)
    assert (result.kind, result.layer_numbers) == (LAYER, layers)
    assert result.unknown_term is None


# The words beside a layer are the subject: no layer may be claimed for them.
UNKNOWN_SUBJECT_BESIDE_A_LAYER = [
    "zentroflux cni what layer",  # an unknown product of a known kind
    "acme ingress?",
    "katran load balancer, what osi layer",  # not the LoadBalancer Service's layer
    "is kafka layer 7?",
    "is redis a layer 7 thing",
    "is the weather layer 7?",
    "does mongodb work at layer 4",
    "where is rabbitmq, layer 7?",
    "a 3 layer cake for the party",  # the number and "layer" describe the cake
    "my 7 layer dip was a hit",
]


@pytest.mark.parametrize("question", UNKNOWN_SUBJECT_BESIDE_A_LAYER)
def test_an_unknown_subject_beside_a_layer_claims_nothing(
    knowledge: Knowledge, question: str
) -> None:
    result = answer(knowledge, question)
    assert result.kind is UNKNOWN
    assert result.layers == ()


# (question, tool claimed or None): a tool named by an English word is the tool where the
# message is about infrastructure or names it alone, and the word in other prose.
COMMON_WORD_TOOL_NAMES = [
    ("wearing my flannel pyjamas today", None),
    ("the ambassador sent an envoy to the summit", None),
    ("an envoy arrived from the king", None),
    ("the coastline's contour was lovely", None),
    ("we run flannel", "Flannel"),
    ("flannel?", "Flannel"),
    ("flannel in prod", "Flannel"),
    ("calico?", "Calico"),
    ("calico in prod", "Calico"),
    ("envoy", "Envoy"),
    ("envoy sidecar eating memory", "Envoy"),
    ("where does envoy sit", "Envoy"),
    ("our envoy config has a bug, which layer is that", "Envoy"),
    ("flannel on eks, is that a thing", "Flannel"),
    ("contour vs nginx for ingress?", "Contour"),
    ("Envoy\u306f\u4f55\u5c64\u3067\u3059\u304b\uff1f", "Envoy"),  # Japanese
    # A name with an everyday sense, in prose about something else, is the word...
    ("the emissary arrived late to the treaty negotiations", None),
    ("an ingress of seawater ruined the basement carpet, any advice?", None),
    ("load balancing work and family over the holidays is hard", None),
    ("grandma knitted a calico scarf with three layers of wool", None),
    ("our neighbour's cat is a calico", None),
    # ...but not when the message asks about it.
    ("is calico a sensible choice for a tiny startup?", "Calico"),
    ("istio for our compliance people, worth it?", "Istio"),
    ("ingress of traffic into the cluster, which layer", "Ingress"),
]


@pytest.mark.parametrize(("question", "matched"), COMMON_WORD_TOOL_NAMES)
def test_a_common_word_names_the_tool_only_where_the_talk_is_technical(
    knowledge: Knowledge, question: str, matched: str | None
) -> None:
    result = answer(knowledge, question)
    assert result.matched == matched
    assert bool(result.layers) == (matched is not None)


# (question, the quote in the unknown answer): what the person typed, whole.
QUOTED_UNKNOWNS = [
    ("node-problem-detector", "node-problem-detector"),
    ("what layer is node-problem-detector?", "node-problem-detector"),
    ("what layer is the weather in berlin", "weather in berlin"),
    ("where does External-Secrets live", "External-Secrets"),
    ("Sealed-Secrets layer?", "Sealed-Secrets"),
    ("argo-rollouts", "argo-rollouts"),
    ("what about kafka", "kafka"),
]


@pytest.mark.parametrize(("question", "quoted"), QUOTED_UNKNOWNS)
def test_an_unknown_answer_quotes_what_was_typed(
    knowledge: Knowledge, question: str, quoted: str
) -> None:
    result = answer(knowledge, question)
    assert result.kind is UNKNOWN
    assert result.unknown_term == quoted


# (question, a suggestion it must not get): only real resemblance is offered.
FAR_FETCHED_SUGGESTIONS = [
    ("external-secrets", "Edge authentication"),
    ("sealed-secrets", "Physical hardware"),
    ("argo-rollouts", "IP routing"),
    ("the pod talks to the service", "TLS"),
    ("photo frame on my desk", "Ethernet frames"),
    ("turning http into grpc, does that count", "Overlay tunnels"),
    ("what layer is the weather in berlin", "Ethernet frames"),
]


@pytest.mark.parametrize(("question", "wrong"), FAR_FETCHED_SUGGESTIONS)
def test_suggestions_appear_only_when_truly_close(
    knowledge: Knowledge, question: str, wrong: str
) -> None:
    assert wrong not in answer(knowledge, question).suggestions


# Real slips still get their suggestion or their answer.
@pytest.mark.parametrize(
    ("question", "suggested"),
    [("metalbl", "MetalLB"), ("cillium thingy", "Cilium"), ("trafeik", "Traefik")],
)
def test_a_real_slip_is_still_recognised(
    knowledge: Knowledge, question: str, suggested: str
) -> None:
    result = answer(knowledge, question)
    assert result.matched == suggested or suggested in result.suggestions


# (question, subjects as written, relation of the first two, verdict, headline)
_COMPARISON_ROWS: list[tuple[str, list[str], str, bool | None, str]] = [
    (
        "geneve vs vxlan",
        ["Geneve", "VXLAN"],
        "same",
        None,
        "Same layer: Geneve (L2) and VXLAN (L2).",
    ),
    (
        "is haproxy above metallb?",
        ["HAProxy", "MetalLB"],
        "above",
        True,
        "Yes — HAProxy (L5) sits above MetalLB (L4).",
    ),
    (
        "is calico above metallb?",
        ["Calico", "MetalLB"],
        "below",
        False,
        "No — MetalLB (L4) sits above Calico (L3).",
    ),
    (
        "where do traefik and cert-manager each sit",
        ["Traefik", "cert-manager"],
        "above",
        None,
        "Different layers: Traefik (L7) sits above cert-manager (L6).",
    ),
    (
        "envoy vs haproxy",
        ["Envoy", "HAProxy"],
        "overlap",
        None,
        "Both work at L5: Envoy (L7, L6, L5) and HAProxy (L5).",
    ),
    (
        "metallb vs kube-proxy",
        ["MetalLB", "kube-proxy"],
        "overlap",
        None,
        "Both work at L4: MetalLB (L4) and kube-proxy (L5, L4).",
    ),
    (
        "istio vs linkerd",
        ["Istio", "Linkerd"],
        "same",
        None,
        "Same layers: Istio (L7, L6) and Linkerd (L7, L6).",
    ),
    (
        "compare nginx ingress and traefik",
        ["NGINX Ingress", "Traefik"],
        "same",
        None,
        "Same layer: NGINX Ingress (L7) and Traefik (L7).",
    ),
    (
        "difference between clusterip and nodeport",
        ["ClusterIP", "NodePort Service"],
        "below",
        None,
        "Different layers: NodePort Service (L4) sits above ClusterIP (L3).",
    ),
    (
        "is metallb below istio?",
        ["MetalLB", "Istio"],
        "below",
        True,
        "Yes — Istio (L7, L6) sits above MetalLB (L4).",
    ),
    (
        "are cilium and calico on the same layer?",
        ["Cilium", "Calico"],
        "same",
        True,
        "Yes — same layer: Cilium (L3) and Calico (L3).",
    ),
    (
        "are envoy and haproxy on different layers?",
        ["Envoy", "HAProxy"],
        "overlap",
        False,
        "No — both work at L5: Envoy (L7, L6, L5) and HAProxy (L5).",
    ),
    (
        "is openssl higher than cert-manager",
        ["OpenSSL", "cert-manager"],
        "same",
        False,
        "No — same layer: OpenSSL (L6) and cert-manager (L6).",
    ),
    (
        "traefik vs nginx ingress — same thing layer-wise?",
        ["Traefik", "NGINX Ingress"],
        "same",
        True,
        "Yes — same layer: Traefik (L7) and NGINX Ingress (L7).",
    ),
    (
        "is vxlan lower than calico",
        ["VXLAN", "Calico"],
        "below",
        True,
        "Yes — Calico (L3) sits above VXLAN (L2).",
    ),
    (
        "kube-proxy and ipvs: where do they each live",
        ["kube-proxy", "IPVS"],
        "overlap",
        None,
        "Both work at L4: kube-proxy (L5, L4) and IPVS (L4).",
    ),
    (
        "cert-manager vs openssl",
        ["cert-manager", "OpenSSL"],
        "same",
        None,
        "Same layer: cert-manager (L6) and OpenSSL (L6).",
    ),
    (
        "is aws alb above aws elb?",
        ["AWS ALB", "AWS ELB"],
        "same",
        False,
        "No — same layer: AWS ALB (L4) and AWS ELB (L4).",
    ),
    (
        "cilium vs calico vs flannel",
        ["Cilium", "Calico", "Flannel"],
        "same",
        None,
        "Same layer: Cilium, Calico and Flannel (L3).",
    ),
    (
        "are envoy and traefik both L7?",
        ["Envoy", "Traefik"],
        "overlap",
        True,
        "Yes — Envoy works at Layers 7 (Application), 6 (Presentation) and 5 (Session); "
        "Traefik works at Layer 7 (Application).",
    ),
    (
        "are metallb and calico both layer 4?",
        ["MetalLB", "Calico"],
        "above",
        None,
        "Partly — MetalLB works at Layer 4 (Transport); Calico works at Layer 3 (Network).",
    ),
    (
        "metallb and calico together, which layers?",
        ["MetalLB", "Calico"],
        "above",
        None,
        "MetalLB works at Layer 4 (Transport); Calico works at Layer 3 (Network).",
    ),
    (
        "hey is cilium above flannel??",
        ["Cilium", "Flannel"],
        "same",
        False,
        "No — same layer: Cilium (L3) and Flannel (L3).",
    ),
    (
        "openssl vs haproxy, which is higher",
        ["OpenSSL", "HAProxy"],
        "above",
        None,
        "Different layers: OpenSSL (L6) sits above HAProxy (L5).",
    ),
    (
        "Is Traefik above Calico?",
        ["Traefik", "Calico"],
        "above",
        True,
        "Yes — Traefik (L7) sits above Calico (L3).",
    ),
]


_COMPARISON_ROWS.append(  # interleaved layers: neither is above the other
    (
        "is f5 big-ip above haproxy?",
        ["F5 BIG-IP", "HAProxy"],
        "different",
        None,
        "Different layers: F5 BIG-IP (L7, L4) and HAProxy (L5).",
    )
)
COMPARISONS = [(question, tuple(expected)) for question, *expected in _COMPARISON_ROWS]


@pytest.mark.parametrize(("question", "expected"), COMPARISONS)
def test_every_subject_is_answered_and_compared(
    knowledge: Knowledge, question: str, expected: tuple[list[str], str, bool | None, str]
) -> None:
    names, relation, verdict, line = expected
    result = answer(knowledge, question)
    assert [s.entry.name for s in result.subjects] == names
    union = sorted({n for s in result.subjects for n in s.layer_numbers}, reverse=True)
    assert list(result.layer_numbers) == union
    assert result.relation == relation
    assert result.verdict is verdict
    assert render_text(result, knowledge).splitlines()[0] == line


# One subject asked about, the others context: no comparison, the rest "also mentioned".
@pytest.mark.parametrize(
    ("question", "subject", "also"),
    [
        ("we use calico. is istio L7?", "Istio", ["Calico"]),
        ("not flannel, what about cilium?", "Cilium", ["Flannel"]),
        ("forget metallb — where does envoy sit?", "Envoy", ["MetalLB"]),
    ],
)
def test_a_name_outside_the_asking_clause_is_context(
    knowledge: Knowledge, question: str, subject: str, also: list[str]
) -> None:
    result = answer(knowledge, question)
    assert (result.matched, result.subjects) == (subject, ())
    assert [e.name for e in result.also] == also


_LOG = "\n".join(
    f'2026-11-27T10:{i:02d}:00Z speaker-7f9c metallb level=info msg="announcing 10.0.0.{i}"'
    for i in range(40)
)
_YAML = "```\napiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata:\n  name: pool\n```"

# (message, what it is understood to ask about): the question may come last, after a paste.
LONG_MESSAGES = [
    (f"{_LOG}\nso which layer is this?", "MetalLB"),
    (f"{_YAML}\nwhat layer is this thing?", "MetalLB"),
    (f"{_YAML}\nunrelated, but is flannel L3?", "Flannel"),
    ("> we're seeing cilium drop packets\nwhat layer does that happen at", "Cilium"),
    ("> is envoy L4?\nno, it's mostly L7 right?", "Envoy"),
    ("blah " * 300 + " is calico layer 3?", "Calico"),
    ("what layer is metallb " + "blah " * 900, "MetalLB"),
    ("```kube-proxy```", "kube-proxy"),
    (("long story. " * 60) + "Anyway: where does haproxy sit?", "HAProxy"),
    (f"{_LOG}\nwe also use traefik for the ingress. where does traefik sit?", "Traefik"),
    # Config pasted without a fence is context too: the question's "routing" is its route.
    (f"is this routing at the layer i think it is?\n{_YAML.strip('`').strip()}", "MetalLB"),
]


@pytest.mark.parametrize(("message", "matched"), LONG_MESSAGES)
def test_a_long_message_is_read_from_its_asking_sentence(
    knowledge: Knowledge, message: str, matched: str
) -> None:
    result = answer(knowledge, message)
    assert result.matched == matched
    assert result.is_confident


def test_code_and_quotes_are_context_not_the_question(knowledge: Knowledge) -> None:
    """A name inside pasted code does not answer a question that names its own subject."""
    result = answer(knowledge, f"{_YAML}\nwhat layer is istio?")
    assert (result.matched, result.subjects) == ("Istio", ())


def test_the_bound_is_documented_and_beyond_it_the_message_is_cut(knowledge: Knowledge) -> None:
    result = answer(knowledge, "a" * (MAX_QUESTION_CHARS + 10) + " envoy?")
    assert result.truncated
    assert len(result.question) == MAX_QUESTION_CHARS


# Found by a blind evaluation (questions written from the reference table alone), then fixed
# in general: each row stands for a family of questions, not for itself.
_KUBE_PROXY_LOG = "\n".join(
    f"I1127 10:0{i}:00 proxier.go:{800 + i}] kube-proxy syncing rules for node IP 10.0.0.{i}"
    for i in range(8)
)


@pytest.mark.parametrize(
    ("question", "layers", "verdict"),
    [
        ("metallb is layer 7 isn't it", (4,), False),
        ("calico is L3, is it", (3,), True),
        ("same layer? calico and cilium", (3,), True),
        ("same layer? metallb and calico", (4, 3), False),
        (f"{_KUBE_PROXY_LOG}\nso which layer is this thing even at??", (5, 4), None),
        (
            "> we should put geneve in instead of vxlan\nwhich layer are we even talking about",
            (2,),
            None,
        ),
        ("flannel as our cni, what layer does it cover", (3,), None),
        ("calico network policy layer?", (3,), None),
        ("my calico cat knocked my coffee over lol", (), None),
        ("which layer sends /api to one service and /web to another??", (7,), None),
        ("which layer wraps ip packets into ethernet frames", (2,), None),
        (
            "hey kube-proxy on node-3 is acting up, logs:\n" + _KUBE_PROXY_LOG + "\nthoughts?",
            (5, 4),
            None,
        ),
    ],
)
def test_blind_evaluation_families(
    knowledge: Knowledge, question: str, layers: tuple[int, ...], verdict: bool | None
) -> None:
    result = answer(knowledge, question)
    assert result.layer_numbers == layers
    assert result.verdict is verdict


@pytest.mark.parametrize(
    "question", ["where does kubernetes itself sit", "k8s?", "what layer is kubernetes"]
)
def test_kubernetes_itself_is_answered_as_having_no_layer_of_its_own(
    knowledge: Knowledge, question: str
) -> None:
    # Not the help text: Kubernetes is named, and its parts' layers are shown, not claimed.
    result = answer(knowledge, question)
    assert (result.matched, result.layer_numbers, result.unplaced) == ("Kubernetes", (), True)
    assert result.entry is not None
    assert [f.layer for f in result.entry.also] == [7, 6, 5, 4, 3, 2]


def test_kubernetes_beside_another_name_is_only_context(knowledge: Knowledge) -> None:
    assert answer(knowledge, "where does calico sit in kubernetes").matched == "Calico"


# From a second blind evaluation (200 new questions, 92.7% before these fixes).
SECOND_BLIND_EVALUATION_FAMILIES: list[tuple[str, tuple[int, ...]]] = [
    ("envoy layr pls", (7, 6, 5)),  # a slip in "layer"
    ("what works at the transport lvl", (4,)),
    ("the physical bits in a cluster", (1,)),  # a layer's own name, nothing else named
    ("which network plugin should my cluster use", (3,)),  # CNI, not the "network" layer
    ("what layer is the foo-bar-proxy", ()),  # an unknown hyphenated name is a thing
    ("top of the osi stack in k8s", (7,)),  # the top of the model, not Kubernetes itself
    ("what runs later", ()),  # a real word is no slip of "layer"
    ("which layer inspects http traffic before forwarding to services", (7,)),  # a verb
]


def test_the_last_sentence_worded_as_a_question_is_the_question(knowledge: Knowledge) -> None:
    """A later question without a question mark beats an earlier aside with one."""
    message = (
        "[2026-11-27T10:00:00Z] envoy access log: GET /api 200 12ms\\n" * 12
        + "envoy is the thing spitting these out right? what layer does envoy work at"
    )
    assert answer(knowledge, message).layer_numbers == (7, 6, 5)


def test_sharing_a_layer_is_not_being_below(knowledge: Knowledge) -> None:
    """cert-manager (L6) is not below Envoy (L7, L6, L5): they share L6."""
    result = answer(knowledge, "is cert-manager below envoy??")
    assert result.verdict is False
    assert render_text(result, knowledge).startswith("No — both work at L6: cert-manager (L6)")


def test_a_comparison_that_asks_for_its_layer_at_the_end_keeps_both_subjects(
    knowledge: Knowledge,
) -> None:
    result = answer(knowledge, "flannel compared to metallb, layer?")
    assert [s.entry.name for s in result.subjects] == ["Flannel", "MetalLB"]
    assert result.layer_numbers == (4, 3)


# A question mark alone does not make everyday words a description of a layer.
NOT_ABOUT_THE_NETWORK = [
    "anyone getting the new nintendo switch?",
    "did anyone see the new bridge downtown?",
]


@pytest.mark.parametrize("question", NOT_ABOUT_THE_NETWORK)
def test_an_everyday_question_is_no_description(knowledge: Knowledge, question: str) -> None:
    result = answer(knowledge, question)
    assert result.layers == ()
    assert result.candidates == ()


# From a sixth blind evaluation (300 new questions, 86.4% before these fixes).
@pytest.mark.parametrize(
    ("question", "subjects"),
    [
        # A whole written beside one of its parts (`part_of`) is that part's.
        (
            "nodeport svc vs loadbalancer svc, which layers",
            ["NodePort Service", "LoadBalancer Service"],
        ),
        ("svc of type LoadBalancer on aks, where's that in osi", ["LoadBalancer Service"]),
        ("a Gateway API TCPRoute works at what layer", ["TCPRoute"]),
        ("the headless svc for my statefulset, layer?", ["Headless Service"]),
        # ...unless the question sets them side by side.
        ("gateway api vs tcproute", ["Gateway API", "TCPRoute"]),
        ("tcproute or the gateway api in general, which layer", ["TCPRoute", "Gateway API"]),
        # "layer-wise" compares; it does not make "tcp layer" a layer.
        ("dns vs tcp layer-wise", ["DNS", "TCP and UDP"]),
        # A later clause that sets a name beside the first adds it.
        ("traefik is l4 right? same as metallb", ["Traefik", "MetalLB"]),
        ("haproxy is l5 right? same layer as kube-proxy", ["HAProxy", "kube-proxy"]),
        # A later clause that does not compare is context.
        ("we use calico. is istio L7?", ["Istio"]),
        # Kubernetes' own nouns get an answer, never the help text.
        ("what layer is a pod", ["Pod"]),
        ("what layer is a Service object, roughly", ["Kubernetes Service"]),
        ("services, which layer", ["Kubernetes Service"]),
    ],
)
def test_sixth_blind_evaluation_subjects(
    knowledge: Knowledge, question: str, subjects: list[str]
) -> None:
    result = answer(knowledge, question)
    named = [subject.entry.name for subject in result.subjects] or [result.matched or ""]
    assert named == subjects


SIXTH_BLIND_EVALUATION_LAYERS: list[tuple[str, tuple[int, ...]]] = [
    ("the tcp layer, what lives there", (4,)),  # still names its layer
    ("customer service was rude, which layer of management do i complain to", ()),
    ("my pod of dolphins photo won the contest", ()),
    ("which layer encrypts traffic between two pods", (6,)),  # pods are not the subject
]


EVERYDAY_WORDS_NEED_TALK_OF_NETWORKS_BESIDES_THEMSELVES: list[tuple[str, tuple[int, ...]]] = [
    # "where" joining a clause is no question of place.
    ("reading a history book where the king sends an envoy to france, pretty wild stuff", ()),
    ("the cafe where the flannel shirts are on sale", ()),
    # "where" asking is.
    ("where does envoy sit", (7, 6, 5)),
    ("envoy, where is it in the stack", (7, 6, 5)),
    # An everyday name is no network talk by itself.
    ("who ate my packet of crisps from the fridge, it had my name on it", ()),
    ("which layer are packets at", (3,)),
    ("packets?", (3,)),
]


# From an eighth blind evaluation (261 new questions, 91.5% before these fixes).
EIGHTH_BLIND_EVALUATION_FAMILIES: list[tuple[str, tuple[int, ...]]] = [
    # A question that goes on with "And …?" adds its names.
    ("Which is lower in the OSI model: MetalLB or VXLAN? And the fiber cabling?", (4, 2, 1)),
    ("what layer is metallb? also, vxlan?", (4, 2)),
    # "and" joining two questions joins no names.
    ("is flannel still the simplest cni to start with? and what layer does it work at", (3,)),
    ("ingress and tls, which layers", (7, 6)),
    # A mode or a means says how the subject works; alone it is the subject.
    ("kube-proxy in iptables mode, layer?", (5, 4)),
    ("metallb in bgp mode, which layer", (4,)),
    ("mtls between pods with istio in our k8s cluster — layer", (6,)),
    ("iptables mode, which layer", (4, 3)),
    # "like which layer is it" asks which; "since …" is no unknown subject.
    ("im new on the team, what does flannel do in osi terms? like which layer is it", (3,)),
    ("since calico is l7 it can do path based routing for us right?", (3,)),
]


def test_a_wrong_premise_after_since_is_answered_no(knowledge: Knowledge) -> None:
    result = answer(knowledge, "since calico is l7 it can do path based routing for us right?")
    assert (result.matched, result.verdict) == ("Calico", False)


EIGHTH_BLIND_EVALUATION_LAYERS: list[tuple[str, tuple[int, ...]]] = [
    ("the layer sitting between session and application", (6,)),
    ("the layer that sits between network and session", (4,)),
]


# From a ninth blind evaluation (263 new questions, 88.7% before these fixes).
NINTH_BLIND_EVALUATION_FAMILIES: list[tuple[str, tuple[int, ...]]] = [
    ("do u know which layer metallb is", (4,)),  # "u" is "you", no unknown subject
    ("lyr 3 tooling pls", (3,)),
    ("top of the osi stack, what lives up there", (7,)),
    ("what's at the bottom of the osi model", (1,)),
    ("top of the list please", ()),  # the top of something else
]


def test_a_statefulset_is_no_headless_service(knowledge: Knowledge) -> None:
    """A StatefulSet uses a headless Service; it is not one, not even by a typo."""
    assert answer(knowledge, "do statefulsets have an osi layer? (intern q)").layers == ()


# The ninth blind evaluation's misses, mended after it (tenth session of this issue).
NINTH_BLIND_EVALUATION_MISSES: list[tuple[str, tuple[int, ...]]] = [
    # A layer placed next to a thing named with the layer's own adjective.
    ("the layer just above the physical cables", (2,)),
    ("the layer right above the cables", (2,)),
    ("what layer rewrites request paths", (7,)),  # "layer rewrites…" places nothing
    # A sublayer is part of its layer.
    ("the mac sublayer, which osi layer is it part of", (2,)),
    ("llc sublayer?", (2,)),
    # The physical layer's description says what its signals are.
    ("voltage levels and light pulses on the line — layer?", (1,)),
    # "the contour of …" is the word's own noun; "we run contour" is the tool.
    ("the contour of that latency graph looks like the andes", ()),
    ("we run contour, layer?", (7,)),
    # A ToR switch is one of the table's switches: L1, as the table files them.
    ("the top-of-rack switch in the dc, what layer per the table?", (1,)),
    # A known name set aside as an everyday word is no unknown subject.
    ("physical nic, what layer", (1,)),
    # An identifier with digits before a kind is one of that kind.
    ("the node's physical eth0 nic, layer", (1,)),
    ("intel x710 nics which layer", (1,)),
    ("zentroflux cni what layer", ()),
    # eth0 is the node's NIC or the pod's veth: only the pod's is the veth.
    ("the pod's eth0, which layer", (2,)),
    ("eth0 keeps flapping, no carrier, osi layer?", (1,)),
    ("link down on the nic, which layer", (1,)),
    # A name the knowledge mentions in passing, glossed, describes nothing.
    ("vault (the secret store) which osi layer", ()),
    ("throttling each customer's api key to 100 req/min, which layer does that", (7,)),
]


def test_a_link_down_in_dmesg_is_the_physical_layer(knowledge: Knowledge) -> None:
    question = (
        "dmesg on worker-12, this repeats all night:\n\n"
        "[Tue Jun 11 02:13:44 2024] mlx5_core 0000:3b:00.0 ens1f0: Link down\n"
        "[Tue Jun 11 02:13:47 2024] mlx5_core 0000:3b:00.0 ens1f0: Link up\n"
        "[Tue Jun 11 02:13:49 2024] mlx5_core 0000:3b:00.0 ens1f0: Link down\n\n"
        "what layer is this?"
    )
    result = answer(knowledge, question)
    assert (result.matched, result.layer_numbers) == ("Link state", (1,))


# From a tenth blind evaluation (280 new questions, 86.5% before these fixes).
TENTH_BLIND_EVALUATION_FAMILIES: list[tuple[str, tuple[int, ...]]] = [
    # A layer between two named outright, placed by a verb; mnemonics called by name.
    ("sandwiched between data link and transport: which layer is that", (3,)),
    ("what's wedged between network and session", (4,)),
    ("'seem' in the all-people-seem-to-need-data-processing mnemonic, which number", (5,)),
    ("doing the sausage-pizza mnemonic from the bottom up, what does pizza land on", (6,)),
    ("throw = layer what, in the please-do-not-throw mnemonic", (4,)),
    ("please do not throw pizza at me", ()),
    # The knowledge's own words: formats, headers, transcoding, certificate errors.
    ("what layer turns a json body into protobuf on its way through the proxy", (6,)),
    ("is rest-to-grpc transcoding at the edge a presentation layer thing or what", (6,)),
    ("routing on an x-user-group header for a canary, which layer", (7,)),
    ("the handshake failure alert — which layer is that?", (6,)),
    ("which layer is a cert verify failure like this?", (6,)),
    # A name the message opens with, or one "as a cni", is the unknown subject.
    ("zephyrnet as a cni, anyone know its layer", ()),
    ("calico as a cni, layer?", (3,)),
    ("argo-rollouts is doing blue/green for us now, which layer does that tool live at", ()),
    # A "+1" vote is no layer; a purpose names no subject; a whole beside its part.
    ("+1", ()),
    ("macvlan vs flannel for the bare-metal pods, which layer is each", (3, 2)),
    ("a NetworkPolicy egress rule allowing 0.0.0.0/0 on port 443, what layers is that", (4, 3)),
    # Not network components, however networky their work.
    ("kube-controller-manager osi layer", ()),
    ("keda scaling on queue depth, is keda at an osi layer?", ()),
]


def test_a_vxlan_port_names_the_overlay(knowledge: Knowledge) -> None:
    question = (
        "for my notes: that outer udp/8472 wrapping around the pod packets, which layer "
        "is that encapsulation at?"
    )
    result = answer(knowledge, question)
    # "that encapsulation" is what is asked about; the port names VXLAN beside it.
    assert (result.matched, result.layer_numbers) == ("Overlay tunnels", (2,))
    assert "VXLAN" in [entry.name for entry in result.also]


# From an eleventh blind evaluation (260 new questions, 89.0% before these fixes).
ELEVENTH_BLIND_EVALUATION_FAMILIES: list[tuple[str, tuple[int, ...]]] = [
    # A tool's one-layer facet named apart from it: the table's "Kube-proxy ClientIP".
    ("the ClientIP mode of kube-proxy, what layer does that land on", (5,)),
    ("clientip stickiness in kube-proxy → what layer", (5,)),
    # The place counting starts is no subject; nor does "…is at it?" end in a tag.
    ("count up from the cables: the 4th layer, what k8s stuff is at it?", (4,)),
    ("counting up from the cables, what's layer number two", (2,)),
    ("what layer are the cables at", (1,)),
    # A layer's one-word name after an unknown word heads a phrase naming another thing.
    ("lens desktop app, layer", ()),
    ("kafka app layer?", ()),
    ("which osi layer is the one called 'data link'", (2,)),
    ("data link vs network layer for pod traffic, what's the practical difference", (3, 2)),
    ("when istio does its mutual tls thing between sidecars, that's which layer", (6,)),
    ("istio layers", (7, 6)),
    # A layer asked about in a setting: the names only set the scene.
    ("what's l6 even for in a service-mesh world", (6,)),
    ("anything at layer five worth knowing about for our ingress setup", (5,)),
    ("l7 for metallb right?", (4,)),
    ("is calico layer 3 in our cluster", (3,)),
    # Counted from an end; a purpose; a stressed name; software after a hyphenated name.
    ("the third layer counting from the top, examples?", (5,)),
    ("elb vs metallb — one's cloud one's bare metal but same osi layer?", (4,)),
    ("HPA scaling on rps, is the hpa itself at some layer", ()),
    ("external-secrets operator, what layer does it run at", ()),
    # Two letters more than a short name is no typo of it.
    ("kubeflow layer plz", ()),
    # "my certificate of completion" is the word's own noun.
    ("finally got my certificate of completion for that kubernetes course 🎉", ()),
    # The knowledge: CNI at the table's layer, node addresses, patch cords, path routing.
    ("whatever cni you pick, it's doing its work at which layer generally", (3,)),
    ("a node's InternalIP is a which-layer thing", (3,)),
    ("fibre patch cords between racks are layer 1 yeah?", (1,)),
    ("mtls between pods vs path routing on /api — which layers are those two", (7, 6)),
]


def test_a_facet_named_apart_is_answered_as_that_facet(knowledge: Knowledge) -> None:
    result = answer(knowledge, "the ClientIP mode of kube-proxy, what layer does that land on")
    assert (result.matched, result.focus_layer) == ("kube-proxy", 5)


ELEVENTH_BLIND_EVALUATION_CONTEXT: list[tuple[str, tuple[int, ...]]] = [
    # A paste, then a question about something else: "this weekend" points at no paste.
    (
        "```\nfelix/route_table.go 1123: Syncing routes: adding new route. "
        'ifaceName="cali8f2a1c3d4e5" dest=10.244.22.0/26\n```\n'
        "^ unrelated logs, ignore. real question for the channel: who's on call this "
        "weekend, i need to swap saturday?",
        (),
    ),
    # A gerund opening a yes/no statement is what is done, not an unknown subject.
    ("exposing via NodePort puts us at l4, yes or no", (4,)),
    ("is the weather layer 7?", ()),
]


# From a twelfth blind evaluation (240 new questions, 87.3% before these fixes).
TWELFTH_BLIND_EVALUATION_FAMILIES: list[tuple[str, tuple[int, ...]]] = [
    # A stressed name is the one asked about, unless the question compares.
    (
        "kube-router replaces kube-proxy for us on the edge boxes, but what osi layer is "
        "kube-router itself",
        (3,),
    ),
    ("StatefulSet pods get stable dns names, but is the StatefulSet itself at any layer?", ()),
    ("geneve tunnels vs flannel itself: who's further down the stack", (3, 2)),
    # "who's right" and "get it right" are no tag questions.
    (
        "teaching a brown-bag tmrw: which osi rows is kube-proxy in? want to get it right",
        (5, 4),
    ),
    (
        "someone on my team insists metallb belongs at the data link layer coz of "
        "gratuitous arp. who's right",
        (4,),
    ),
    ("metallb is l4 right", (4,)),
    # Plural "layers" asks for them all; "layer numero 4"; "the 7th"; "osi-wise".
    ("istio touches which layers? docs go on about routing AND mtls so im confused", (7, 6)),
    ("what's at layer numero 4 😅", (4,)),
    ("the very top layer, the 7th, what does it mean for a k8s platform team", (7,)),
    ("where do voltage levels and signal timing on the wire come in, osi-wise", (1,)),
    ("what osi layer do fibre patch leads count as lol (yes an intern really asked)", (1,)),
    # An unsure description does not outweigh a tool the question names.
    ("rke2 defaulted us to canal. what layer should i tell the auditors it operates at", (3,)),
]


# From a thirteenth blind evaluation (220 new questions, 88.5% before these fixes).
THIRTEENTH_BLIND_EVALUATION_FAMILIES: list[tuple[str, tuple[int, ...]]] = [
    # "it" alone in a yes/no question: whatever it is, the bot cannot know.
    ("is it layer 3 or 5? you know, the one from the retro", ()),
    ("is it l4? (the thing from standup, forgot the name)", ()),
    ("is calico l3?", (3,)),
    # Counted from an end, "up" or "down" on the way.
    ("third layer up from the bottom — examples pls", (3,)),
    ("second layer down from the top", (6,)),
    # The table's switches, whoever makes them, are L1 as the table files them.
    (
        "new arista switches racked today 🎉 which osi layer do those go under in our table",
        (1,),
    ),
]


def test_it_alone_is_answered_as_not_known(knowledge: Knowledge) -> None:
    result = answer(knowledge, "is it l4? (the thing from standup, forgot the name)")
    assert (result.kind, result.suggestions) == (AnswerKind.UNKNOWN, ())


# From a fourteenth blind evaluation (240 new questions, 88.8% before these fixes).
FOURTEENTH_BLIND_EVALUATION_FAMILIES: list[tuple[str, tuple[int, ...]]] = [
    # Layers counted from an end: "the bottom two layers".
    ("the bottom two layers — what matters for a cloud cluster", (1, 2)),
    ("the top 3 layers, examples?", (5, 6, 7)),
    ("the upper three layers in a service mesh", (5, 6, 7)),
    # An unknown word far from the layer is scenery, a chat abbreviation always.
    ("layer 1 on aks, do i need to think about it at all or is that msft's problem", (1,)),
    ("l2 and l3 are where my brain melts, tldr of each for pods?", (2, 3)),
    ("is kafka layer 7?", ()),
    # "compare A with B" compares the two; a mode a word further on is still a mode.
    ("compare geneve with ipsec layer-wise", (3, 2)),
    ("calico in ebpf dataplane mode, still an l3 thing?", (3,)),
    # "tuning" is no form of "tun" (that would be "tunning").
    ("dnsConfig with ndots:5 on the pod spec — what layer is that tuning", (7,)),
    # Control-plane pieces and placeholders have no layer of their own.
    (
        "does the cloud-controller-manager get an osi layer or is it just a control loop thing",
        (),
    ),
    # A name the message opens with, asked about again as "it", stays the subject.
    ("the pause container holds the pod's netns — does it have a layer?", ()),
    ("a k8s Namespace object — does it map to any layer? not the linux netns", ()),
    ("which layer restarts my container when it crashes", ()),
    # "a cilium is…": a product takes no "a" unless another noun follows it.
    (
        "bio homework tonight: a cilium is a tiny hair-like thing on the cell surface, "
        "my kid is obsessed",
        (),
    ),
    ("an envoy was sent to the talks in geneva", ()),
    ("we need a cilium upgrade before friday", (3,)),
    ("there's a linkerd in every namespace now", (7, 6)),
    # "is that lb": the name pointed at is the one asked about.
    (
        "we flipped the svc to LoadBalancer on gke and got a 34.x ip — what osi layer is that lb?",
        (4,),
    ),
]


# From a fifteenth blind evaluation (240 new questions, 87.3% before these fixes).
FIFTEENTH_BLIND_EVALUATION_FAMILIES: list[tuple[str, tuple[int, ...]]] = [
    # A range with an en dash; a setting before the layers in a tag question.
    ("walk me through layers 5\u20137 for a typical k8s platform", (5, 6, 7)),
    ("on fargate, layers 1 and 2 are entirely aws's problem, right?", (1, 2)),
    ("is kafka layer 7?", ()),
    # The layer as the subject of a yes/no question; names after it set the scene.
    ("does the presentation layer do anything in our mesh or is it just textbook filler", (6,)),
    ("data link layer on aks with azure cni — is there anything there i'd ever touch", (2,)),
    ("is l4 for metallb right?", (4,)),
    # Counted up from the cables, the cables' layer is the first.
    ("fourth layer up from the cables — who lives there in k8s", (4,)),
    ("the layer up from the cables", (2,)),
    # What a tool is built on qualifies it: "envoy-based".
    ("contour (vmware's envoy-based ingress controller) → osi layer?", (7,)),
    ("antrea (the ovs-based cni from vmware) - what osi layer", (3,)),
    # A hyphenated word right before a name says what kind of one it is.
    ("site-to-site ipsec between the colo and our vpc, which osi layer is that", (3,)),
    ("argo-rollouts is doing blue/green for us now, which layer does that tool live at", ()),
    # What works "fine" before a "but" is not what is asked about.
    (
        "tcp connects fine but then the tls handshake dies with 'unknown ca' — what layer "
        "do i debug",
        (6,),
    ),
    ("calico is fine but what layer is istio", (7, 6)),
    # "it" after a name points at the name ("falco uses ebpf …, does that put it at
    # some layer?" reads the same way, so it answers eBPF: only world knowledge tells).
    ("calico uses bgp, is it l3?", (3,)),
    ("priya asked about cilium, is it l3?", (3,)),
    ("jenkins deploys our calico config, is it l3?", (3,)),
    # "l4 vs l7 load balancing" shares its head: l4 load balancing vs l7 load balancing.
    ("l4 vs l7 load balancing in k8s — whats the practical difference", (7, 4)),
    ("l4 or l7 lb for grpc?", (7, 4)),
    ("l7 load balancing", (7,)),
    # A cable a colo runs between racks.
    ("a contractor cut the cross-connect in the colo 🙃 which layer is down", (1,)),
    ("we opened port 443 to the nodes, which layer", (4,)),
    # "where's it from?" asks where a thing came from, not where it sits.
    (
        "that calico print dress you wore to the offsite was lovely, where's it from?",
        (),
    ),
    ("where is calico", (3,)),
    # A concept right after another name is that name's: "its virtualservice routing
    # rules" are VirtualService's, not IP routing.
    ("istio's mtls vs its virtualservice routing rules: same layer or not?", (7, 6)),
    ("tcp vs udp listeners on the metallb svc, does that change its layer", (4,)),
    # The word "layer" in another language names a layer; the rest is that language.
    ("capa 7 en kubernetes, ejemplos?", (7,)),
    ("couche 3 dans kubernetes, concrètement c'est quoi ?", (3,)),
    ("schicht 4 in kubernetes, was läuft da?", (4,)),
    ("a capa over the shoulders", ()),
    # A setting may go on with "running" or "using".
    ("what's at l2 in an eks cluster running the vpc cni with no overlay", (2,)),
    # English words on both sides make a name part of another phrase.
    ("ip67 means dust and water ingress protection right? about to buy a new watch", ()),
    ("our ingress controller keeps 502ing, which layer", (7,)),
]


# Questions an independent review wrote against this session's rules: each rule must not
# fire where it was not meant to.
THE_NEW_RULES_KEEP_TO_THEIR_PLACE: list[tuple[str, tuple[int, ...]]] = [
    # A count is no HTTP status code, nor a subnet's size or a file on a node a path.
    ("we run 500 pods and the switch drops frames, which layer?", (2,)),
    ("which layer does the routing when we scale to 404 nodes?", (3,)),
    ("which layer hands out a /24 to every node?", (3,)),
    # A name in a yes/no question, or opening the message, is still its subject.
    ("is kafka capa 7?", ()),
    ("zookeeper keeps track of our brokers for us, l7?", ()),
    # "where … from" asks origin only when "from" ends the question.
    ("where is the request from envoy terminated in the stack?", (7, 6, 5)),
    # "is that X" stresses X only when the question ends with it.
    ("is that calico or flannel?", (3,)),
    # Two concepts side by side are two, unless the second is a phrase or follows a tool.
    ("tls mtls difference, which layer?", (6,)),
    # A shared head only when the layers come first.
    ("is haproxy an l4 or l7 load balancer?", (7, 5)),
    # "with" after a comparison is still a means.
    ("calico compared to flannel with vxlan, what layer?", (3,)),
    # Counting from an end only when the count starts at an end.
    ("the third layer up from the network layer?", (4,)),
]


def test_a_question_after_a_commands_output_is_the_question(knowledge: Knowledge) -> None:
    message = (
        "our ingress is acting up, here is what i see:\n$ kubectl get ingress\n"
        "NAME   CLASS   HOSTS   ADDRESS\nweb    nginx   a.com   34.1.2.3\n"
        "which layer is flannel at, by the way?"
    )
    assert answer(knowledge, message).matched == "Flannel"


# From a sixteenth blind evaluation (240 new questions, 90.7% before these fixes): layers
# set side by side before any name are what is asked about.
SIXTEENTH_BLIND_EVALUATION_LAYERS_SIDE_BY_SIDE: list[tuple[str, tuple[int, ...]]] = [
    ("l2 vs l3 pod networking, what's the practical difference for us on bare metal", (2, 3)),
    ("physical vs data link — where's the line for us on bare metal servers", (1, 2)),
    ("transport vs network layer — which of the two deals with ports", (3, 4)),
    ("is session above presentation or the other way round lol", (5, 6)),
    ("is calico l2 or l3?", (3,)),
    # A short word after a layer's question mark is scenery, not what the layer names.
    ("udp layer? (new to networking sorry)", (4,)),
    ("7 layer dip recipe", ()),
    # A thing with no layer stays the subject beside one set aside.
    ("a Namespace (the k8s kind, not a linux netns) — osi layer?", ()),
]


# From the seventeenth blind evaluation's misses and their kin in earlier sets: layers in
# the words people reach for, and descriptions the knowledge's own text answers.
SEVENTEENTH_BLIND_EVALUATION_LAYERS_IN_WORDS: list[tuple[str, tuple[int, ...]]] = [
    # The model's name numbers its layers; the model's size numbers none.
    ("osi 4 and 7, which k8s pieces go where", (4, 7)),
    ("is envoy osi 7?", (7, 6, 5)),
    ("the 7 layer model explained, where does envoy sit", (7, 6, 5)),
    ("the osi 7 layer model explained?", ()),
    # An end of the stack, said as "the … one of the seven layers", or as a rung.
    ("the middle one of the seven layers, what would that be in k8s", (4,)),
    ("the very top rung, layer-wise — what kube tooling would you put up there", (7,)),
    ("one rung up from tcp/udp in the model — anything of ours live there?", (5,)),
    ("he's on the lowest rung of the career ladder lol", ()),
    # A name the knowledge mentions only in passing is offered, not placed.
    ("hashicorp vault which layer", ()),
    ("which layer do cncf projects mostly sit at?", ()),
    ("the layer where the actual copper and glass is", (1,)),
]


# Names each paired with a layer of their own are premises side by side: every one is a
# subject, checked against its layer.
NAMES_EACH_PAIRED_WITH_A_LAYER_ARE_ALL_SUBJECTS: list[tuple[str, tuple[int, ...]]] = [
    ("ingress = l7, service type LoadBalancer = l4, have i got that right", (7, 4)),
    ("dns is l7, tcp is layer 4 and ip is l3 right", (7, 4, 3)),
    # A bare "layer" asks, pairing nothing; a layer "in" a mode is the mode's.
    ("sticky sessions on a k8s service, layer?", (5,)),
    ("metallb answers arp in l2 mode so it's a layer 2 tool, right?", (4,)),
    # A premise, then a question about something else, asks about that.
    ("calico is l3. what about envoy?", (7, 6, 5)),
]


# What a name does, and why, only says how it works: "metallb does arp", "because ebpf".
# A question that ends asking where its last name sits asks about that one.
WHAT_A_NAME_DOES_IS_NOT_ASKED_ABOUT_UNLESS_ASKED_LAST: list[tuple[str, tuple[int, ...]]] = [
    ("flannel vs cilium — same osi layer or is cilium 'higher' because ebpf?", (3,)),
    ("metallb does arp in l2 mode and calico is l3, so metallb is below calico right?", (4, 3)),
    ("envoy uses tls, what layer is tls?", (6,)),
    ("metallb speaks bgp, so what layer is bgp", (3,)),
    ("we picked cilium because kube-proxy was slow, where is kube-proxy", (5, 4)),
    ("does calico or flannel do vxlan", (3, 2)),
]


# From the eighteenth blind evaluation (240 new questions, 92.2% before these fixes).
EIGHTEENTH_BLIND_EVALUATION_FAMILIES: list[tuple[str, tuple[int, ...]]] = [
    # "which of the two", "those two", "each of those": every thing named is asked
    # about, even one that otherwise reads as a means ("with an aws nlb").
    (
        "we've got ingress-nginx with an aws nlb in front of it. which of the two is higher up",
        (7, 4),
    ),
    (
        "our edge is emissary-ingress and the nodes route with kube-router. is "
        "emissary the higher of those two?",
        (7, 3),
    ),
    ("mtls between pods with istio, which layer", (6,)),
    # A layer's name before an everyday word for a thing of that layer vouches for it.
    (
        "is the physical nic below vxlan in osi? drawing a diagram and want "
        "the boxes stacked right",
        (2, 1),
    ),
    ("a linux bridge and a physical switch, same layer?", (2, 1)),
    ("physical nic, what layer", (1,)),
    # A question that opens by naming the act asks about the act, not what it is done to.
    (
        "transcoding rest calls into grpc for the backend — which osi layer is that per the table",
        (6,),
    ),
    ("routing on an x-user-group header for a canary, which layer", (7,)),
    # "no vxlan" sets it aside.
    ("flannel in host-gw mode (no vxlan) — does flannel still count as l3", (3,)),
    ("no vxlan?", (2,)),
    # An everyday word described in its own summary's words is the thing.
    ("skipper (zalando's http router / ingress) which osi layer", (7,)),
    ("the skipper of the boat said the harbour was closed", ()),
    # A named layer "of" a known thing is still the layer; "of" a cake it is not.
    ("what lives in the presentation layer of a service mesh", (6,)),
    ("the presentation layer of this wedding cake is a bit wobbly ngl 🎂", ()),
    # A number after "at", joined to a layer just named, is a layer with "layer" left out.
    ("which things in the cluster work at layer three and which at four", (3, 4)),
    ("l3 stuff and what runs at 5", (3, 5)),
    # One of a few words: "for the secondary nics" is still a purpose.
    ("linux bridge vs macvlan for the secondary nics on the storage pods — same layer?", (2,)),
    # A pair joined by "and" is one phrase: its other half vouches for nothing.
    ("fire drill at 11 — ingress and egress points are marked on the floor map", ()),
    ("we set up ingress and egress for the app", (7,)),
    # "optic" is one optical transceiver; an emoji ends a sentence in chat.
    ("it negotiated 10G instead of 25G on the new node 😩 the nic + optic is l1 right?", (1,)),
    ("an optic nerve problem, says the eye doctor", ()),
    # A thing named twice, apart, is what the message is about; side by side, once.
    (
        "tunnels between nodes so the overlay works on top of any underlay — which layer "
        "does the model put those at",
        (2,),
    ),
    (
        "zookeeper pods come from a statefulset with stable hostnames… does that make "
        "statefulset a networking-layer object or nah",
        (),
    ),
    ("clientip stickiness in kube-proxy → what layer", (5,)),
    # The place counting starts is no subject; nor does "…is at it?" end in a tag.
    ("count up from the cables: the 4th layer, what k8s stuff is at it?", (4,)),
    ("counting up from the cables, what's layer number two", (2,)),
    ("what layer are the cables at", (1,)),
    # A layer's one-word name after an unknown word heads a phrase naming another thing.
    ("lens desktop app, layer", ()),
    ("kafka app layer?", ()),
    ("which osi layer is the one called 'data link'", (2,)),
    ("data link vs network layer for pod traffic, what's the practical difference", (3, 2)),
]


# Questions an independent review wrote against this session's rules: each must keep to its
# place.
THIS_SESSIONS_RULES_KEEP_TO_THEIR_PLACE: list[tuple[str, tuple[int, ...]]] = [
    # A name glossed in its own summary's words needs another known name among them.
    ("we got a new canary, it's blue and green, is that normal?", ()),
    ("is the front door the main entry point at the edge of the house?", ()),
    ("how many retries before giving up on a failed driving test?", ()),
    ("the new bridge joins both ends of the river, when does it open?", ()),
    (
        "force-https redirects (the 301s our edge sends to plain-http visitors) are done "
        "at what layer",
        (7,),
    ),
    # "rung" names a layer only where the message speaks of the stack.
    ("is the top rung safe to stand on?", ()),
    ("I'm at rung 3 of the promotion ladder lol, how long till rung 4?", ()),
    ("the top one of the layers in my lasagna is cheese", ()),
    # "No," opening a message disagrees; it sets nothing aside.
    ("no, kube-proxy is l4, ipvs is l4 too?", (5, 4)),
    ("no envoy and haproxy are both l7, right?", (7, 6, 5)),
    # "which layer is each?", "are they", "all three" ask of every name.
    ("cilium replaces kube-proxy, which layer is each?", (5, 4, 3)),
    ("cilium replaces kube-proxy, which layers are they at?", (5, 4, 3)),
    ("istio wraps envoy and calico routes pods, which layers are all three?", (7, 6, 5, 3)),
    ("those two weeks we spent on istio... is envoy l7 at least?", (7, 6, 5)),
    # A number after "at" is a layer only after grammar words: lunch is at 1.
    ("is haproxy l7 and lunch at 1?", (5,)),
    # An arrow joins, it ends no sentence.
    ("does envoy ➡ haproxy chain work at l7?", (7, 6, 5)),
    # Layers offered with "or" are choices for the name; "osi 2 approved" is no layer.
    ("osi 2 or 3 for metallb?", (4,)),
    ("layer 2 or 3 for metallb?", (4,)),
]


# From a twentieth blind evaluation (240 new questions, 91.3% before these fixes).
TWENTIETH_BLIND_EVALUATION_FAMILIES: list[tuple[str, tuple[int, ...]]] = [
    # An exec probe runs a command: no traffic, no layer.
    ("an exec liveness probe (it just runs a shell command in the container) — any layer?", ()),
    ("what layer is a liveness probe", (7, 4)),
    # A setting with one describing word, or after "when", leaves the layer the subject.
    ("who handles the session layer stuff in a typical service mesh setup", (5,)),
    ("what actually happens at layer two when a pod sends a packet", (2,)),
    # A description never puts a name first that only says how another works.
    ("which layer is metallb when it's in bgp mode", (4,)),
    # A layer's name in quotes is the layer.
    ("which number is 'transport', 3 or 4? and what's in it for us", (4,)),
    ("which number is 'network' and which is 'transport'", (4, 3)),
    ("the 'presentation' one, what is it actually for", (6,)),
    # A thing with no layer before another noun only says what kind of things are asked.
    ("which of the k8s networking bits count as data link", (2,)),
    ("what layer is the kubelet at, l7?", ()),
    # An everyday word for a thing ("nic") listed or compared with a plain name is the
    # thing; a list with only commas between asks about every name in it.
    ("nic, linux bridge, veth — order them bottom to top pls", (2, 1)),
    ("is a nic lower than a linux bridge?", (2, 1)),
    ("a nic sits below a veth pair in the model right?", (2, 1)),
    ("nic and i went to the linux bridge meetup", ()),
    ("calico, cilium, flannel: which layers?", (3,)),
    # A name in a clause that describes the name before it is no subject.
    ("the 10.96.0.10 clusterIP that kube-dns gets — what layer is that address", (3,)),
    ("envoy, which istio injects, what layer", (7, 6, 5)),
    ("is that calico or flannel?", (3,)),
    # Protocol translation's own sentence says what it does to REST and gRPC calls.
    (
        "converting a rest call into a grpc call at the edge, what osi layer does that "
        "translation count as",
        (6,),
    ),
]


# From a twenty-first blind evaluation (240 new questions, 85.8% before these fixes).
TWENTY_FIRST_BLIND_EVALUATION_FAMILIES: list[tuple[str, tuple[int, ...]]] = [
    # A name stressed with "itself" is asked about, everyday word or not.
    ("http itself is which layer, yes basic q, i'm onboarding a student 🙂", (7,)),
    # What happens at a layer ("anything living at l5") is no unknown subject.
    ("is there anything living at l5 in our clusters or is it an empty floor", (5,)),
    ("is kafka layer 7?", ()),
    # "to a frontend dev": whom it is for, not what it is about.
    ("explain the transport layer to a frontend dev who just joined platform", (4,)),
    # "layer 2 of the lasagna" is a lasagna's; "layer 7 of a k8s cluster" the stack's.
    ("layer 2 of the lasagna is the best layer, fight me 🍝", ()),
    ("what's at layer 7 of a k8s cluster", (7,)),
    ("layer 4 of the osi model", (4,)),
    # Asked where a name the knowledge never heard of sits, the rest is a gloss of it.
    ("what layer is spindrift, the new tool the data team installed", ()),
    ("what layer is kyverno? it's our policy engine", ()),
    ("kyverno blocked my deployment over a missing label, what osi layer is kyverno even", ()),
    ("which layer is the actual rack servers and their hardware", (1,)),
    # A form of an English word near a layer is no name; a count may come before its end.
    (
        "layer six and layer seven keep getting lumped together in our docs, what belongs in each",
        (6, 7),
    ),
    ("the 3 top layers, examples?", (5, 6, 7)),
]


# From a twenty-third blind evaluation (248 new questions, 84.4% before these fixes).
TWENTY_THIRD_BLIND_EVALUATION_FAMILIES: list[tuple[str, tuple[int, ...]]] = [
    # A keyword in capitals that the question writes so too is a term, not a name
    # mentioned in passing; an acronym ("CNCF") still is a name.
    ("what layer can tell a GET from a POST", (7,)),
    ("the layer that knows whether a request was a GET or a POST", (7,)),
    ("which layer do CNCF projects mostly sit at?", ()),
    # "osi 5" before a word of asking still names a layer.
    ("osi 5 explained for platform folks pls", (5,)),
]


_AFFINITY_RULES = "\n".join(
    [
        "$ sudo iptables -t nat -S KUBE-SVC-7QBKTOBWZOW2ADYZ",
        "-N KUBE-SVC-7QBKTOBWZOW2ADYZ",
        "-A KUBE-SVC-7QBKTOBWZOW2ADYZ -m comment --comment portal:http -m recent --name "
        "KUBE-SEP-AB12 --rcheck --seconds 10800 --reap -j KUBE-SEP-AB12",
        "-A KUBE-SVC-7QBKTOBWZOW2ADYZ -m comment --comment portal:http -m statistic --mode "
        "random --probability 0.50000000000 -j KUBE-SEP-AB12",
        "those -m recent --seconds 10800 rules are the clientip session affinity we turned on "
        "for the portal svc, right? what osi layer is that affinity thing",
    ]
)

# From a twenty-fourth blind evaluation (245 new questions, 90.7% before these fixes).
TWENTY_FOURTH_BLIND_EVALUATION_FAMILIES: list[tuple[str, tuple[int, ...]]] = [
    # "that <act>" points back at the act just described: the names are what it is done
    # to, and the act, clearly placed, is the answer.
    (
        "the gateway turns json bodies into protobuf before the grpc backends see them — what "
        "layer is that conversion",
        (6,),
    ),
    (
        "our edge proxy re-writes rest calls as grpc for the inventory svc, which layer is that "
        "re-writing",
        (6,),
    ),
    # A prefix and an English word ("re-writes"), or two words the knowledge's sentences
    # use together ("user agents"), are no hyphenated name.
    ("clients with a bot user-agent get sent to a tarpit backend, which layer does that", (7,)),
    ("which layer can route android user-agents to their own backend", (7,)),
    # "anti-" negates the word after it; scheduling rules have no layer.
    ("pod anti-affinity across the three zones — osi layer?", ()),
    ("prometheus scrapes the ingress controller every 15s, what layer is prometheus", ()),
    # "rather than" sets a name aside, as "not" does.
    ("which layer cares about mac addresses rather than ips", (2,)),
    # A pair joined by a slash is one phrase, as one joined by "and" is.
    ("the ingress/egress map for the fire drill is pinned by the lifts", ()),
    # "l1 to l3" is a range, as "layers 1 to 3" is.
    ("l2 to l4, what's in there for k8s", (2, 3, 4)),
    # A floor of the stack is a layer of it; a numbered floor is a building's.
    ("top floor of the osi model — which of our tools live up there", (7,)),
    ("what layer is the coffee machine on floor 3", ()),
    # Layers set against each other after a quote are still what is compared.
    ("my boss wants l7 not l4 for the grpc services, what's the difference", (7, 4)),
    # A name joined by "and" to one that says what another does says so too.
    (
        "cilium does the routing and the network policies on our edge nodes, which layer do "
        "i write down",
        (3,),
    ),
    # "those two" with three names: what one is only for is not one of the two...
    ("we run cilium just for netpol beside the azure cni. are those two at the same layer", (3,)),
    # ...unless it is needed to make up the count.
    ("traefik with cert-manager for tls, which layer is each of those two at", (7, 6)),
    # A name later in a clause that describes the name before "that" is no subject.
    (
        "a netpol egress rule that only lets udp 53 out to coredns: which layers does it act at",
        (4, 3),
    ),
    # "that scheduler" is the ipvs scheduler named before, not the kube-scheduler.
    ("switching the ipvs scheduler from rr to wlc, which layer is that scheduler working at", (4,)),
    # A thing the knowledge does not know, asked about, with the names only saying where
    # it is, after "layer of", or right before the part that asks: no guess.
    ("which layer is the vending machine on, facilities put it on the wifi", ()),
    (
        "the consul template sidecar writes certs into /etc/certs, osi layer of the consul "
        "template?",
        (),
    ),
    ("writing the policy-engine section of the platform doc: kyverno, osi layer or n/a?", ()),
    ("the data team asked me which osi layer zorblax works at, it moves packets between nodes", ()),
    ("which layer kyverno sits at? it's our policy engine for the network", ()),
    # The knowledge says what each layer does in more words: segments back in order, a
    # dialogue (however spelt) between programs.
    ("which layer puts the segments back in order when they arrive out of order", (4,)),
    (
        "textbook question: opening, keeping and closing a dialog between two apps is which layer",
        (5,),
    ),
    ("emi from the elevator motor on an unshielded run — which layer takes the hit", (1,)),
    (
        "little-endian vs big-endian numbers between two machines, which layer sorts that out "
        "in the textbook",
        (6,),
    ),
    ("serving a sorry-we're-down maintenance page on every path — which layer does that", (7,)),
    # A part before a comma only sets the scene of a yes/no question after it.
    (
        "we switched to the L2Advertisement instead of bgp, so metallb is a layer 2 tool for us "
        "now right?",
        (4,),
    ),
    # A line of notes that asks is no line of config.
    (
        "standup, thu:\n- ana: rotated the registry creds\n- raj: vxlan, which layer? (for the "
        "overlay doc, answer in thread pls)\n- me: fighting the flaky e2e\n- blockers: staging "
        "db is full",
        (2,),
    ),
    # A name after a colon starts afresh: nothing before it says what it is for.
    (
        "we moved kube-proxy to ipvs mode this sprint. reviewer question for the description: "
        "ipvs itself is which osi layer?",
        (4,),
    ),
    # "that affinity thing" points back at the session affinity the writer named.
    (_AFFINITY_RULES, (5,)),
    # A concept's name that is an English word ("http", "ethernet") is that thing when set
    # beside another name; alone in prose it is the word.
    ("udp vs http, which one sits higher", (7, 4)),
    ("ip or ethernet, which is further down", (3, 2)),
    ("is http above tls in the model or below", (7, 6)),
    ("the http link in the wiki is broken, can someone fix it", ()),
    # Two layers' one-word names placed one on top of the other name both layers.
    ("does application sit on top of presentation or is it the other way round?", (7, 6)),
    # A word after a comma is no thing the layer before it describes ("7 layer dip").
    ("things that live at the transport layer, go 🚀", (4,)),
    # Names side by side in the setting are one phrase of it; layers in a part of their
    # own are still what is asked about.
    ("layer 3 aka network — what do we actually run there on our bare metal racks", (3,)),
    ("the two highest layers — anything we run up there on bare metal?", (6, 7)),
    # A concept of several layers, with a name after it that only one of its roles uses,
    # is that role's kind; a kind of a whole beside the whole is the kind.
    ("startup probe that only opens a tcp connection to 6379, what layer is that probe at", (4,)),
    ("readinessProbe with httpGet /live — which layer is that check at", (7,)),
]


_KLOG_IPVS = "\n".join(
    [
        'I0611 07:20:03.118233       1 server_others.go:269] "Using ipvs Proxier"',
        'I0611 07:20:03.118901       1 proxier.go:353] "IPVS scheduler not specified, use rr by '
        'default"',
        'I0611 07:20:03.129870       1 config.go:188] "Starting service config controller"',
        "",
        "so kube-proxy restarted in ipvs mode after the upgrade. osi layer(s) for that setup?",
    ]
)
_DMESG_FLAPPING = "\n".join(
    [
        "[Tue Mar 12 02:14:07 2024] mlx5_core 0000:3b:00.0 ens1f0: Link down",
        "[Tue Mar 12 02:14:07 2024] bond0: (slave ens1f0): link status definitely down, "
        "disabling slave",
        "[Tue Mar 12 02:14:09 2024] mlx5_core 0000:3b:00.0 ens1f0: Link up",
        "[Tue Mar 12 02:14:11 2024] mlx5_core 0000:3b:00.0 ens1f0: Link down",
        "[Tue Mar 12 02:14:11 2024] bond0: (slave ens1f0): link status definitely down, "
        "disabling slave",
        "",
        "wrk-17 went NotReady twice overnight and dmesg is full of this. flapping nic = physical "
        "layer problem, or am i reading it wrong?",
    ]
)
_DMESG_CABLE = "\n".join(
    [
        "dmesg on worker-12 right before the node went NotReady:",
        "",
        "[1843021.551203] mlx5_core 0000:3b:00.0 enp59s0f0: Link down",
        "[1843021.551290] bond0: (slave enp59s0f0): link status definitely down, disabling slave",
        "[1843024.812004] mlx5_core 0000:3b:00.0 enp59s0f0: Link up",
        "[1843024.812233] bond0: (slave enp59s0f0): link status definitely up, 25000 Mbps full "
        "duplex",
        "",
        "it's flapping every couple minutes. this is a layer 1 problem yeah? cable/optic?",
    ]
)


# From a twenty-sixth blind evaluation (258 new questions, 93.5% before these fixes).
TWENTY_SIXTH_BLIND_EVALUATION_FAMILIES: list[tuple[str, tuple[int, ...]]] = [
    # A pair of ordinary words in a statement about nothing technical is the words; in a
    # statement about a cluster it is the thing.
    ("ingress and egress for the parking garage are swapped on monday, watch the signs", ()),
    ("ingress and egress rules on the shop namespace got wiped by the last helm upgrade", (7,)),
    ("tcp and udp traffic from the game servers keeps getting dropped after the upgrade", (4,)),
    # "can't" sets aside what follows, and a name listed with one set aside is set aside.
    ("the layer that can't see urls or cookies but is faster — which one is that", (4,)),
    # "those two layers" asks of the two layers named, whatever stands between them.
    (
        "our architect keeps saying use an l4 lb, not an l7 one. what's the real difference "
        "between those two layers",
        (4, 7),
    ),
    # "for both" asks of both names.
    ("envoy sidecars with flannel underneath: tell me the layer(s) for both", (7, 6, 5, 3)),
    # "where does vxlan land" asks about vxlan, not the tool that runs it.
    ("cilium runs vxlan for the overlay — where does vxlan land in the osi model", (2,)),
    # "are there any…" asks whether such things exist: its words are no subject.
    ("are there any real session-layer tools in a kubernetes cluster", (5,)),
    # Lines of a log (by the time they open with) are a paste, not the question.
    (_KLOG_IPVS, (5, 4)),
    # A name paired with a layer names the subject; the paste lends none.
    (_DMESG_FLAPPING, (1,)),
    # A fragment asked after a question goes on from it.
    (_DMESG_CABLE, (1,)),
    # "which layer is a LoadBalancer service" asks about it, whatever the description finds.
    (
        "flipping the svc from ClusterIP to LoadBalancer so the partner can reach it. which "
        "layer is a LoadBalancer service",
        (4,),
    ),
    # A name after "--proxy-mode=" is a mode, not a second subject.
    (
        "if kube-proxy runs with --proxy-mode=iptables, does that change which layer it works at",
        (5, 4),
    ),
    # "kube-proxy's osi layers" asks about kube-proxy's own layers.
    ("does the upgrade change kube-proxy's osi layers?", (5, 4)),
]


# From a twenty-seventh blind evaluation (257 new questions, 95.6% before these fixes).
TWENTY_SEVENTH_BLIND_EVALUATION_FAMILIES: list[tuple[str, tuple[int, ...]]] = [
    # A tool's everyday word after "a" or "an" is the word: a tool is named bare.
    ("the shelter down the road has a calico up for adoption, she's 3 and very chill", ()),
    ("finance sent an emissary to ask why the cloud bill doubled", ()),
    # A thing with no layer named by an everyday word right after "layer" is that
    # layer's work ("jobs"), not a Kubernetes Job.
    ("what are the transport-layer jobs in a k8s cluster, like concretely", (4,)),
    # "the session one" names the Session layer in a message that numbers a layer.
    ("the session one, 5 i think, what's it for", (5,)),
    ("the app one crashed again after the deploy", ()),
    # The layer acting is asked about, though the question names an unknown thing.
    (
        "what layer forwards bytes to a backend ip and port with no clue whether it's http, "
        "redis or whatever",
        (4,),
    ),
    # A question opening with the act it asks about, described clearly, is about the act.
    ("resolving service names to cluster ips through the cluster dns — which osi layer", (7,)),
]


# Found by an independent review of this session's rules: each guards a rule's edge.
THE_REVIEWED_RULES_KEEP_TO_THEIR_PLACE: list[tuple[str, tuple[int, ...]]] = [
    # A description never displaces a tool asked about by its own name.
    ("haproxy that just forwards tcp, which layer", (5,)),
    ("metallb that just announces ips over bgp, which layer", (4,)),
    ("what layer is responsible for switching frames inside one broadcast domain", (2,)),
    # "to" between layers weighed against each other is no range.
    ("l4 to l7 what's the difference", (4, 7)),
    ("l4 to l7 which is better for grpc", (4, 7)),
    # A knowledge sentence writing a keyword in lower case does not make it a proper name.
    ("blocking user agents, which layer", (7,)),
    # Words of networking before the place are the thing asked about.
    ("which layer is east-west traffic in the mesh", (7, 6)),
    ("which layer is the packet inside the vxlan tunnel", (2,)),
    ("which layer is the handshake in tls", (6,)),
    # "non-" makes a name of its own, claimed by no guess.
    ("which layer is a non-root container", ()),
    ("non-blocking sockets which layer", (4,)),
    # A tool asked about last outweighs layers compared before it.
    ("transport is higher than network, so where does kube-proxy go", (5, 4)),
    # A building's floor is no layer unless the model is named.
    ("the top floor has bad wifi, which layer is that problem", ()),
    ("the bottom floor network is slow, which layer", ()),
    # "qos class" is still network QoS; "istio-init" is an init container.
    ("qos class which layer", (3,)),
    ("which layer is istio-init", ()),
    # A hyphen between two glued layers is a range too, unless they are weighed.
    ("l1-l3 in kubernetes?", (1, 2, 3)),
    ("l4-l7 what's the difference", (4, 7)),
    ("ingress and egress for the parking garage are swapped on monday", ()),
    # A number after punctuation numbers no layer ("one line"); one in brackets glosses.
    ("session layer = ? one line", (5,)),
    ("what's the presentation layer, one sentence please", (6,)),
    ("session vs transport layer, one-liner difference pls", (4, 5)),
    ("lower layers (1 and 2) — anything i'd configure myself", (1, 2)),
    # A name said twice is the topic, not the unknown name the message opens with.
    ("fluent-bit runs as a DaemonSet; does the daemonset kind have an osi layer", ()),
    ("traffic hits metallb first and then traefik, so traefik's the lower layer, right?", (7, 4)),
    # An unknown name asked about after an auxiliary that opens a later part is glossed.
    ("our builds run as tekton tasks inside the cluster — is tekton at some layer", ()),
]

TWENTY_FIFTH_AND_EIGHTH_BLIND_EVALUATION_FAMILIES: list[tuple[str, tuple[int, ...]]] = [
    # Numbers after a layer's name guess at its number: the name is the layer asked.
    ("i always forget: presentation is 6 or 5?", (6,)),
    ("is transport l3 or l4", (4,)),
    ("session layer = 5 or 6?", (5,)),
    ("data link is l2 or l3?", (2,)),
    ("is presentation layer 5", (6,)),
    ("transport is l4 and network is l3 right?", (4, 3)),
    ("session is 5 minutes", ()),
    # "…, osi layer of the X" and "what layer goes on the diagram for X" ask about X, after
    # the other names that set the scene.
    (
        "@osi-bot aws vpc cni giving pods secondary ips off the enis — osi layer of the vpc cni",
        (3,),
    ),
    (
        "metallb in bgp mode announcing to the fortigates, what layer goes on the diagram for "
        "metallb",
        (4,),
    ),
    ("aws api gateway fronting the lambdas and one eks svc, osi layer of the api gateway?", (7,)),
    ("at which layer are frames built out of packets?", (2,)),
    # A layer heading the message, or asked after a circumstance naming things, is asked.
    ("transport-level bits of a k8s svc, what are they", (4,)),
    (
        "when my pod opens a connection to the orders svc, what's the transport layer's part "
        "in that",
        (4,),
    ),
    ("when metallb announces an ip, is that l2?", (4,)),
    # "the route" after "HTTPRoute" is that route: a one-word name ending in the word.
    ("HTTPRoute splitting 90/10 between stable and canary — what layer is the route", (7,)),
    # A word right after a whole that only one of its parts' names leaves names that part.
    ("livenessProbe with exec: cat /tmp/healthy — what layer is that probe", ()),
    ("readinessProbe with tcpSocket on 8080, layer", (4,)),
    (
        "on eks we just set the svc type to LoadBalancer and aws does the rest. what osi layer "
        "is that kind of svc",
        (4,),
    ),
    # A name numbered as devices are ("vethXXXX", "veth3a1f") is that name; one in a clause
    # with no "that" describing a name ("… interfaces i see in ip link") is no subject.
    ("veth3a1f interfaces, which layer", (2,)),
    (
        "the host-side vethXXXX interfaces i see in ip link — which layer do they work at",
        (2,),
    ),
    (
        "our junior asked why we need an Ingress when we already have a LoadBalancer svc. "
        "layer of each pls so i can explain",
        (7, 4),
    ),
    # With no question mark, the sentence a question word opens asks.
    (
        "what layer is an aws nlb. we put one in front of the mqtt brokers last week and the "
        "diagram has a blank",
        (4,),
    ),
]

# The layers' descriptions say what each does in the classic model and in a cluster, so
# questions in either's words find it.
WHAT_EACH_LAYER_DOES: list[tuple[str, tuple[int, ...]]] = [
    (
        "flow control and error detection on a single link between two directly connected boxes, "
        "which layer?",
        (2,),
    ),
    (
        "carrying pod traffic inside tunnels between nodes so pods on different hosts can talk — "
        "layer?",
        (2,),
    ),
    ("broadcasts reaching every pod on the same host bridge — which layer's thing is that", (2,)),
    ("which layer turns my go struct into json bytes for the wire", (6,)),
    ("what layer checks the certificate chain before any http gets exchanged", (6,)),
    ("which layer decides how a packet gets from a pod on node a to a pod on node b", (3,)),
    (
        "client 203.0.113.9 keeps landing on pod-2 for three hours straight because of affinity, "
        "which layer is that",
        (5,),
    ),
    (
        "hitting the dashboard without being logged in bounces you to the sso page at the edge — "
        "which layer is doing that",
        (7,),
    ),
    ("which layer decides what node a pod gets scheduled onto", ()),
    ("the service talks to the other service, layer?", ()),
]

TWENTY_NINTH_AND_THIRTIETH_BLIND_EVALUATION_FAMILIES: list[tuple[str, tuple[int, ...]]] = [
    # The one name in the question is asked, whatever the sentence after it names.
    ("does the kubelet get an osi layer? it talks to the cni after all", ()),
    # "that tunnel" points back at the overlay, even where "overlay" alone reads as a word.
    (
        "when the overlay slaps an outer udp header with a vni on it, what layer is that "
        "tunnel considered",
        (2,),
    ),
    ("the overlay on my screen is broken, is that tunnel vision lol", ()),
    # "different servers" and "each other" compare nothing; "each to its layer" asks of all.
    (
        "overlay tunnels so pods on different physical servers can reach each other, which layer",
        (2,),
    ),
    ("ethernet frame / ip packet / tcp segment — map each to its layer", (4, 3, 2)),
    ("icmp vs udp for the health checks — layer of each", (4, 3)),
    ("metallb and haproxy on different layers?", (5, 4)),
    # An unknown hyphenated name before a verb is the thing asked about.
    ("is kube-state-metrics tied to an osi layer", ()),
    # After "someone", "we", "i": a word is what they do, not an unknown thing.
    (
        "someone said aws elb is L7 and nginx ingress is L4. that's backwards isn't it?",
        (7, 4),
    ),
    ("am i right that openssl and cert-manager end up in the same osi row", (6,)),
    # An unknown name in the question, the known ones only in the sentence after it.
    ("does terraform have an osi layer? we manage the vpcs with it", ()),
    ("jaeger, which layer? it sees every http span after all", ()),
    (
        "dialog control between two apps (setting up, checkpointing, ending the conversation) "
        "is which osi layer number",
        (5,),
    ),
    # One named thing turned into another: the act is asked, not the names it acts on.
    (
        "converting http/1.1 calls into grpc between services, which osi layer does that count as",
        (6,),
    ),
    ("which layer turns json over http/1.1 into grpc calls at the proxy", (6,)),
    ("translating http/1.1 requests into grpc calls — which layer would that be", (6,)),
    ("the translation between http1 and grpc protocols, which layer owns that", (6,)),
    ("what layer is ethernet — the protocol i mean, not the cable", (2,)),
]

THIRTY_SECOND_BLIND_EVALUATION_FAMILIES: list[tuple[str, tuple[int, ...]]] = [
    # Layers asked in everyday words, with words around them that are no unknown thing.
    ("layer five — does anything in k8s live there or is it a dead layer now", (5,)),
    ("can you summarise layer 3 for the new sre hire", (3,)),
    ("could we put kafka at layer 7?", ()),
    ("one up from the cables — which layer is that and what does it do on a node", (2,)),
    ("one of our nodes is above the limit", ()),
    # Names in brackets after the layer asked only say where the asker is.
    ("who's working at l6 in our stack? (we run istio + cert-manager)", (6,)),
    # "ppl" are people: what they keep saying is reported, not an unknown thing.
    ("ppl keep telling me dns is l4 because it's udp 53. it's an l7 protocol tho no?", (7,)),
    # A name after a verb's "-ing" form, known the other way round, is that name.
    (
        "offloading tls from the app pods to something sitting in front of them, what layer "
        "is that work",
        (6,),
    ),
    (
        "terminating https at the ingress and passing plain http to the pods — which layer is that",
        (7, 6),
    ),
    (
        "opening, keeping alive and tearing down long-lived sessions between client and server "
        "— which layer is that job",
        (5,),
    ),
    # Tools of the wider platform with no layer of their own are named, not guessed at.
    ("cluster api (capi) managing the workload clusters, layer?", ()),
    ("our jenkins agents run as pods now; does jenkins get an osi layer", ()),
    # A name set in quotes in a question about layers is the one asked about.
    ("the cni 'bridge' plugin (the reference one from containernetworking) — layer?", (2,)),
    ("my kid calls the cat 'calico' because of her fur", ()),
]

# An independent review of this session's rules found these changed for the worse; each
# keeps its earlier answer.
THE_23RD_SESSIONS_RULES_KEEP_TO_THEIR_PLACE: list[tuple[str, tuple[int, ...]]] = [
    # An English word in the question is no unknown name, the tools named after it stand.
    ("is the problem at l4? nlb health checks keep failing", (4,)),
    ("what layer is the problem? coredns times out", (7,)),
    ("is the latency at l4? we run kube-proxy in ipvs mode", (5, 4)),
    # A clause with no "that" ends at "vs": the other side is still compared.
    ("which layer is the nginx ingress you set up vs the aws nlb", (7, 4)),
    ("the haproxy we run vs envoy, which layer each", (7, 6, 5)),
    # One layer's unit turned into another's is placed by the names, not the act.
    ("turning udp into vxlan packets, which layer", (2,)),
    ("which layer turns ip packets into frames", (2,)),
    # A bracket that glosses what is asked names the subject.
    ("is it l4 or l7 (the aws nlb)?", (4,)),
    ("is this l3? (calico ipip)", (3,)),
    # "for the application" names no kind of load balancer.
    ("a gcp load balancer for the application, which layer", (7, 4)),
    # A layer's part of one thing is the thing at that layer, not the layer's whole list.
    ("the l7 bits of istio, what are they", (7,)),
    ("network layer side of calico", (3,)),
    # Weave Net is placed at L3 like the table's other CNI plugins; its L2 overlay is shown
    # beside the answer, not claimed.
    ("@osi-bot weave net — we inherited a cluster that still runs it 😬 what layer is it", (3,)),
    ("antrea vs weave net, layer comparison pls", (3,)),
    # "the proxy" after two proxies points at neither alone.
    ("we run haproxy and kube-proxy, which layer is the proxy", (5, 4)),
]


# Every table above: a question and exactly the layers its answer claims.
@pytest.mark.parametrize(
    ("question", "layers"),
    [
        *SECOND_BLIND_EVALUATION_FAMILIES,
        *SIXTH_BLIND_EVALUATION_LAYERS,
        *EVERYDAY_WORDS_NEED_TALK_OF_NETWORKS_BESIDES_THEMSELVES,
        *EIGHTH_BLIND_EVALUATION_FAMILIES,
        *EIGHTH_BLIND_EVALUATION_LAYERS,
        *NINTH_BLIND_EVALUATION_FAMILIES,
        *NINTH_BLIND_EVALUATION_MISSES,
        *TENTH_BLIND_EVALUATION_FAMILIES,
        *ELEVENTH_BLIND_EVALUATION_FAMILIES,
        *ELEVENTH_BLIND_EVALUATION_CONTEXT,
        *TWELFTH_BLIND_EVALUATION_FAMILIES,
        *THIRTEENTH_BLIND_EVALUATION_FAMILIES,
        *FOURTEENTH_BLIND_EVALUATION_FAMILIES,
        *FIFTEENTH_BLIND_EVALUATION_FAMILIES,
        *THE_NEW_RULES_KEEP_TO_THEIR_PLACE,
        *SIXTEENTH_BLIND_EVALUATION_LAYERS_SIDE_BY_SIDE,
        *SEVENTEENTH_BLIND_EVALUATION_LAYERS_IN_WORDS,
        *NAMES_EACH_PAIRED_WITH_A_LAYER_ARE_ALL_SUBJECTS,
        *WHAT_A_NAME_DOES_IS_NOT_ASKED_ABOUT_UNLESS_ASKED_LAST,
        *EIGHTEENTH_BLIND_EVALUATION_FAMILIES,
        *THIS_SESSIONS_RULES_KEEP_TO_THEIR_PLACE,
        *TWENTIETH_BLIND_EVALUATION_FAMILIES,
        *TWENTY_FIRST_BLIND_EVALUATION_FAMILIES,
        *TWENTY_THIRD_BLIND_EVALUATION_FAMILIES,
        *TWENTY_FOURTH_BLIND_EVALUATION_FAMILIES,
        *TWENTY_SIXTH_BLIND_EVALUATION_FAMILIES,
        *TWENTY_SEVENTH_BLIND_EVALUATION_FAMILIES,
        *THE_REVIEWED_RULES_KEEP_TO_THEIR_PLACE,
        *TWENTY_FIFTH_AND_EIGHTH_BLIND_EVALUATION_FAMILIES,
        *WHAT_EACH_LAYER_DOES,
        *TWENTY_NINTH_AND_THIRTIETH_BLIND_EVALUATION_FAMILIES,
        *THIRTY_SECOND_BLIND_EVALUATION_FAMILIES,
        *THE_23RD_SESSIONS_RULES_KEEP_TO_THEIR_PLACE,
    ],
)
def test_a_question_claims_exactly_its_layers(
    knowledge: Knowledge, question: str, layers: tuple[int, ...]
) -> None:
    assert answer(knowledge, question).layer_numbers == layers
