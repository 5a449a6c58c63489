"""What a long chat message asks about: a paste of logs or config, a story, then a question.

Each row stands for a family of messages (found by a blind evaluation, then written anew):
the asking sentence is the last that asks; the part of it before a dash or colon is either
what it asks about ("so metallb — what layer is it?") or a claim it answers ("bob said it
does tcp — is traefik l7 only?"); a question naming its own subject, known or not, borrows
none from the paste; a pronoun after a layer it names refers to that layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.core.answering import answer

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge

_LINKERD = (
    "```\n$ kubectl logs deploy/web -c linkerd-proxy\n"
    "[  12.4s]  WARN ThreadId(01) outbound: Server failed to accept connection error=reset\n```"
)
_METALLB = (
    '```\n{"caller":"main.go:49","msg":"start of service update","service":"default/web"}\n'
    "$ kubectl -n metallb-system get pods\nspeaker-x2k9d   1/1   Running\n```"
)
_CALICO = (
    "calico-node keeps logging this:\n"
    "```\nbird: BGP: Unexpected connect from unknown address 10.0.4.9 (port 43117)\n```"
)
_TRACEBACK = (
    '```\nTraceback (most recent call last):\n  File "app.py", line 12, in <module>\n'
    "requests.exceptions.ConnectionError: HTTPConnectionPool(host='orders', port=8080)\n```"
)
_HAPROXY = (
    "```\n# /etc/haproxy/haproxy.cfg\nfrontend fe\n    bind *:443 ssl crt /certs/site.pem\n"
    "    default_backend be\n```"
)
_EVENTS = (
    "```\n$ kubectl get events -n kube-system\nWarning  Unhealthy  pod/coredns-5d78c9869d-x  "
    "Readiness probe failed: HTTP probe failed with statuscode: 503\n```"
)
_CURL = "```\n$ curl -si https://shop.example.com/cart\nHTTP/2 404\nserver: nginx\n```"
# Longer than a question (80 words), with no paste: a story, then what is asked.
_STORY = (
    "rough week. on monday kube-router on the backup cluster dropped all of its bgp peers "
    "because somebody changed the asn on the top of rack switches without telling anyone, "
    "on tuesday the metallb address pool ran dry in the middle of a release, on wednesday "
    "coredns was slow again because of the ndots setting nobody wants to touch, and on "
    "thursday a node lost its nic and took half of the ingress traffic with it. "
)


# (message, the name answered, its layers; None: no layer claimed)
ASKED = [
    # The claim before the dash is context; the question after it names its subject.
    (
        f"{_LINKERD}\na colleague claims linkerd does plain tcp proxying so it's really an "
        "l4 thing — is linkerd l7 or not?",
        "Linkerd",
        (7, 6),
    ),
    (
        f"{_HAPROXY}\nmy lead says haproxy does http routing so it's an l7 box — is haproxy "
        "l5 or not?",
        "HAProxy",
        (5,),
    ),
    # The part after a colon names the subject: the words before it ask nothing.
    (
        f"{_CALICO}\nquestion for the channel: the wireguard part of calico specifically, "
        "what layer is that?",
        "WireGuard",
        (3,),
    ),
    (
        f"{_CALICO}\nsanity check: a bgp session like that is layer 3, yes?",
        "BGP",
        (3,),
    ),
    (f"{_CURL}\nsanity check: a 404 from the ingress like that is layer 7, yes?", "Ingress", (7,)),
    # "— which is it?" asks which, about what the sentence names; it is no tag question.
    (
        f"{_METALLB}\nthe lead asked me which layer metallb sits at and i'd like to give her "
        "a straight answer — which is it?",
        "MetalLB",
        (4,),
    ),
    (
        f"{_EVENTS}\nthe on-call asked which osi layer coredns works at and i want the "
        "textbook answer: which is it?",
        "CoreDNS",
        (7,),
    ),
    # A pronoun after the layer the question names is that layer, not the story's tools.
    (
        f"{_STORY}anyway, unrelated to all that, i'm writing a talk: what's the presentation "
        "layer for, does anything in a cluster use it?",
        "Presentation",
        (6,),
    ),
    # Nothing of the writer's own asks: the quoted question they pass on is the question.
    (
        f"> where does envoy sit in the osi model?\nthat came up in standup today, nobody "
        f"knew\n{_METALLB}",
        "Envoy",
        (7, 6, 5),
    ),
    # A question naming its own subject, even one the knowledge lacks, borrows none.
    (f"{_METALLB}\nwe install it with helm. which layer is helm?", None, None),
    (f"{_METALLB}\ndoes harbor have an osi layer?", None, None),
    (f"{_CALICO}\nping me later. does kafka sit at a layer", None, None),
    (
        f"{_TRACEBACK}\nour intern wants to know what layer a python exception is at. does "
        "a traceback even have a layer?",
        None,
        None,
    ),
    (f"{_EVENTS}\nwe're moving off coredns soon. what layer is a feature flag at?", None, None),
    (
        "```\nERROR:  deadlock detected\nDETAIL:  Process 4821 waits for ShareLock on "
        "transaction 991\n```\ntwo jobs update the same rows in a different order and the "
        "app team blames the network. what osi layer is a db deadlock, if any?",
        None,
        None,
    ),
]


@pytest.mark.parametrize(("message", "name", "layers"), ASKED)
def test_a_long_message_asks_about_what_its_question_names(
    knowledge: Knowledge, message: str, name: str | None, layers: tuple[int, ...] | None
) -> None:
    result = answer(knowledge, message)
    assert (result.matched, result.layer_numbers or None) == (name, layers)


def test_a_reported_claim_is_not_a_second_subject(knowledge: Knowledge) -> None:
    """ "someone said traefik does tcp routing — is traefik l7 only?" compares nothing."""
    message = (
        f"{_HAPROXY}\nworks. someone said traefik does tcp routing so it's really l4 — is "
        "traefik l7 only, or what?"
    )
    result = answer(knowledge, message)
    assert (result.matched, result.subjects, result.layer_numbers) == ("Traefik", (), (7,))


# Messages that look alike but point at the paste, or name their subject in the lead:
# they must keep borrowing it.
POINTING = [
    (f"{_LINKERD}\nlinkerd — which osi layer is it at, then?", "Linkerd"),
    (f"{_LINKERD}\nwhat layer does a proxy like this work at?", "Linkerd"),
    (f"{_LINKERD}\nis it l7?", "Linkerd"),
    (f"{_CALICO}\nwhich layer is this, 3 or 4?", "Calico"),
    (f"{_CALICO}\nwhat layer is the log above from", "Calico"),
    (f'{_HAPROXY}\nbtw someone said this is "just l4". thoughts?', "HAProxy"),
    (f"{_HAPROXY}\nno idea what layer this stuff is at", "HAProxy"),
    (f"which layer is this?\n{_HAPROXY}\nthat's our config btw, nothing special in it.", "HAProxy"),
    (f"{_METALLB}\nfyi: the speaker here is metallb's. is it layer 2?", "MetalLB"),
    (f"{_EVENTS}\ndoes the probe above fail at layer 7?", "CoreDNS"),
    (f"{_HAPROXY}\ndoes the transport layer handle this?", "HAProxy"),
    (f"{_HAPROXY}\nl4 or l7 — which is it?", "HAProxy"),
]


@pytest.mark.parametrize(("message", "name"), POINTING)
def test_a_question_that_points_at_the_paste_is_about_it(
    knowledge: Knowledge, message: str, name: str
) -> None:
    assert answer(knowledge, message).matched == name


# Its own sentences and pastes that ask do not take the question from the writer.
OWN_QUESTION = [
    (f"{_HAPROXY}\nwhich layer is haproxy? and where does coredns sit?", "CoreDNS"),
    ("```\n# q: which layer? (ask netops)\nbind *:80\n```\nwhere does cilium sit", "Cilium"),
    ("> which layer is istio?\nnot what i'm asking. is linkerd L7?", "Linkerd"),
    (f"{_CURL}\nnginx says 404 here. is nginx l7 only or l4 too?", "NGINX Ingress"),
]


@pytest.mark.parametrize(("message", "name"), OWN_QUESTION)
def test_the_writers_last_question_is_the_question(
    knowledge: Knowledge, message: str, name: str
) -> None:
    assert answer(knowledge, message).matched == name
