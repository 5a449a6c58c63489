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
    (f"{_METALLB}\nwe install it with helm. which layer is helm?", "Helm", None),
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
    # The writer's own words are evidence beside the paste's, and the name they lend is
    # the subject, not a description: the sfp reseated, under a log of a link going down.
    (
        "node wk-07 went NotReady, dmesg:\n```\n[1203311.402] ixgbe 0000:5e:00.1 enp94s0f1: "
        "NIC Link is Down\n[1203313.919] bond0: (slave enp94s0f1): link status definitely up"
        "\n```\ndc ops says they reseated the sfp. which osi layer is this failing at?",
        "Cabling",
    ),
    # A lead that only says what the answer is for ("for the rca:") is no subject.
    (
        "```\n$ ethtool -S eno2\n     rx_crc_errors: 184223\n```\nthe counter keeps climbing."
        " for the rca: which osi layer was the fault at?",
        "CRC errors",
    ),
    # "the probe" is the paste's last-named probe, the HTTP one, not the pod it probes.
    (f"{_EVENTS}\ndoes the probe above fail at layer 7?", "httpGet probe"),
    (f"{_EVENTS}\nis the pod above failing at layer 7?", "CoreDNS"),
    (f"{_HAPROXY}\ndoes the transport layer handle this?", "HAProxy"),
    (f"{_HAPROXY}\nl4 or l7 — which is it?", "HAProxy"),
    # "the affinity bit" is the paste's sessionAffinity, a name written as one word.
    (
        "```yaml\nservice:\n  type: ClusterIP\n  sessionAffinity: ClientIP\n```\n"
        "the affinity bit — what osi layer does that operate at?",
        "Session affinity",
    ),
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


# A question that points at the paste without naming a thing ("which layer is this?",
# "what layer is the problem in", "which layer is the 502 coming from") asks where what
# the paste shows happens: its evidence answers, weighed through the knowledge's names,
# not the tool that printed it. (message, the name answered, its layers; None: no claim)
_FENCE = "```"
SHOWN = [
    # A connection refused: a TCP handshake, whatever printed it.
    (
        f"{_FENCE}\n$ curl -v http://10.96.14.2:8080/health\n*   Trying 10.96.14.2:8080...\n"
        f"* connect to 10.96.14.2 port 8080 failed: Connection refused\n{_FENCE}\nservice "
        "looks fine in kubectl. what layer is the problem?",
        "TCP handshake",
        (4,),
    ),
    # Certificates and handshakes failing: TLS, in a Java trace, gRPC or openssl.
    (
        f"payments can't reach the ledger api:\n{_FENCE}\njavax.net.ssl.SSLHandshakeException: "
        "Received fatal alert: handshake_failure\n\tat java.base/sun.security.ssl.Alert."
        "createSSLException(Alert.java:131)\n\tat java.base/sun.security.ssl.Alert."
        "createSSLException(Alert.java:117)\n\tat java.base/sun.security.ssl.TransportContext."
        f"fatal(TransportContext.java:365)\n{_FENCE}\nwhat layer is the problem in",
        "TLS",
        (6,),
    ),
    (
        f"grpc client in checkout keeps failing with\n{_FENCE}\nrpc error: code = Unavailable "
        'desc = connection error: desc = "transport: authentication handshake failed: x509: '
        f'certificate signed by unknown authority"\n{_FENCE}\nwhich layer should i check first?',
        "TLS",
        (6,),
    ),
    # HTTP status lines and access logs: Layer 7, not every layer of the proxy that logged.
    (
        f"{_FENCE}\nHTTP/1.1 502 Bad Gateway\nserver: envoy\ncontent-length: 87\n\nupstream "
        f"connect error or disconnect/reset before headers. reset reason: remote reset\n{_FENCE}"
        "\nthat's what the gateway returns for /orders. which layer is the 502 coming from?",
        "HTTP",
        (7,),
    ),
    (
        f"nginx ingress is throwing these since the deploy:\n{_FENCE}\n2025/02/03 04:11:09 "
        "[error] 31#31: *8812 upstream timed out (110: Connection timed out) while reading "
        'response header from upstream, request: "GET /api/cart HTTP/1.1", upstream: '
        f'"http://10.244.3.7:8080/api/cart"\n{_FENCE}\nwhich layer is the problem at?',
        "NGINX Ingress",
        (7,),
    ),
    # Pods left without addresses: IP addressing; a strict mTLS policy: its TLS facet.
    (
        f"{_FENCE}\nNAME          READY   STATUS              IP       NODE\n"
        "api-6d9f-2xk   0/1     ContainerCreating   <none>   wk-3\n"
        "  Warning  FailedCreatePodSandBox  kubelet  plugin "
        'type="cilium-cni" failed (add): unable to allocate IP via local cilium agent: no more '
        f"IPs available\n{_FENCE}\nnew pods get no ips on wk-3. which layer is broken?",
        "Pod IP addressing",
        (3,),
    ),
    (
        f"turned on strict mtls:\n{_FENCE}\nkind: PeerAuthentication\nspec:\n  mtls:\n    mode: "
        f"STRICT\n{_FENCE}\nnow the old cronjob without a sidecar gets connection resets. "
        "which layer should I check first",
        "PeerAuthentication",
        (6,),
    ),
    # Words a log shouts are its verdicts ("INGRESS DENIED"), not the names they spell.
    (
        f"hubble says:\n{_FENCE}\nweb/api-7d9 (ID:1201) <> db/pg-0:5432 (ID:880) "
        "policy-verdict:none INGRESS DENIED (TCP Flags: SYN)\n"
        "web/api-7d9 (ID:1201) <> db/pg-0:5432 (ID:880) Policy "
        "denied DROPPED (TCP Flags: SYN)\nweb/api-7d9 (ID:1201) <> db/pg-0:5432 (ID:880) "
        f"Policy denied DROPPED (TCP Flags: SYN)\n{_FENCE}\nthe api was never meant to reach the "
        "database directly, only through the orders service. at what layer is the drop "
        "happening?",
        "TCP flags",  # the knowledge's most specific name for what the paste shows
        (4,),
    ),
    # Nothing in the paste is networking: no claim, and a timestamp's "+0000" is no address.
    (
        f"pod keeps restarting:\n{_FENCE}\n    Last State:     Terminated\n      Reason:       "
        "OOMKilled\n      Exit Code:    137\n      Started:      Mon, 03 Feb 2025 02:51:10 "
        f"+0000\n    IP:             10.244.5.21\n{_FENCE}\nwhich layer is this",
        None,
        None,
    ),
    (
        f"our worker keeps dying:\n{_FENCE}\nTraceback (most recent call last):\n  File "
        "\"/app/worker.py\", line 88, in run\n    total = sum(item['price'] for item in "
        f"basket)\nKeyError: 'price'\n{_FENCE}\nwhich layer is the problem in?",
        None,
        None,
    ),
]


@pytest.mark.parametrize(("message", "name", "layers"), SHOWN)
def test_a_question_about_what_the_paste_shows_is_answered_by_its_evidence(
    knowledge: Knowledge, message: str, name: str | None, layers: tuple[int, ...] | None
) -> None:
    result = answer(knowledge, message)
    assert (result.matched, result.layer_numbers or None) == (name, layers)


# A question about the thing the paste is of ("this thing", "it", "a policy like this")
# is still answered by the paste's own name, even where its evidence points elsewhere.
THING = [
    (
        f"kube-proxy on node-2 is logging:\n{_FENCE}\nE0203 05:12:01.33 proxier.go:1525] "
        '"Failed to execute iptables-restore" err="exit status 1"\n'
        f'I0203 05:12:01.33 proxier.go:803] "Sync failed"\n{_FENCE}\nwhich layer is this thing at?',
        "kube-proxy",
    ),
    (
        f"{_FENCE}\nkind: NetworkPolicy\nspec:\n  podSelector: {{}}\n  ingress:\n    - from:\n"
        "        - ipBlock:\n            cidr: 10.0.0.0/8\n      ports:\n        - protocol: "
        f"TCP\n{_FENCE}\nwhat layer does a policy like this act on?",
        "NetworkPolicy",
    ),
    (
        f"{_FENCE}\n$ kubectl -n istio-system get pods\nistiod-7c9f7d9b8-2xk4p   1/1   Running\n"
        f"{_FENCE}\nwhat layer does it work at?",
        "Istio",
    ),
]


@pytest.mark.parametrize(("message", "name"), THING)
def test_a_question_about_the_thing_the_paste_is_of_gets_its_name(
    knowledge: Knowledge, message: str, name: str
) -> None:
    assert answer(knowledge, message).matched == name


# Which name a question about the paste takes, and when the question has its own.
# (message, the layers answered)
WHOSE_NAME = [
    # "what layer are they?" after "the httproutes split traffic by hostname" asks about
    # HTTPRoutes, not istio, the class a printed table names.
    (
        "$ kubectl get gateway,httproute -n edge\n"
        "NAME                                     CLASS   ADDRESS        PROGRAMMED   AGE\n"
        "gateway.gateway.networking.k8s.io/main   istio   34.120.8.19    True         6d\n\n"
        "NAME                                          HOSTNAMES               AGE\n"
        'httproute.gateway.networking.k8s.io/web       ["www.example.com"]     6d\n\n'
        "the httproutes are what split traffic by hostname. what layer are they?",
        (7,),
    ),
    # "kind: HTTPRoute" says what the paste is; its apiVersion's group only names the
    # Gateway API's everyday word "gateway".
    (
        f"{_FENCE}yaml\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n"
        "  name: search-canary\nspec:\n  parentRefs:\n  - name: public-gw\n  rules:\n"
        '  - matches:\n    - headers:\n      - name: x-beta-user\n        value: "true"\n'
        f"{_FENCE}\n^ that's the canary route, works fine. for the onboarding doc i want to say "
        "which layer the header match happens at, which is it?",
        (7,),
    ),
    # "which layer would prometheus itself be" asks about prometheus, which the bot does not
    # know, not about the alert pasted above it...
    (
        "firing in #alerts all morning:\n\n> [FIRING:1] KubePodCrashLooping "
        "(reporting-worker-5c9d7 bi critical)\n> Pod bi/reporting-worker-5c9d7 (worker) is in "
        'waiting state (reason: "CrashLoopBackOff").\n\nbtw while we\'re at it, which osi '
        "layer would prometheus itself be, for the platform diagram?",
        (),
    ),
    # ...while "this manifest itself" still points at the paste.
    (
        f"{_FENCE}yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n"
        f"  type: LoadBalancer\n  ports:\n  - port: 80\n{_FENCE}\n"
        "which layer is this manifest itself at?",
        (4,),
    ),
]


@pytest.mark.parametrize(("message", "layers"), WHOSE_NAME)
def test_a_question_about_the_paste_takes_the_right_name(
    knowledge: Knowledge, message: str, layers: tuple[int, ...]
) -> None:
    assert answer(knowledge, message).layer_numbers == layers


def test_a_short_follow_up_after_a_layer_question_is_read_with_it(knowledge: Knowledge) -> None:
    """ "layer? nodeport?" after a paste: the fragment goes on from the question before
    it, which asks of a layer; reading both must not lose the question (it raised once)."""
    message = "```\nkind: Service\nspec:\n  type: NodePort\n```\nlayer? nodeport?"
    assert answer(knowledge, message).layer_numbers == (4,)


def test_a_quoted_line_singles_out_what_this_points_at(knowledge: Knowledge) -> None:
    """ "> sessionAffinity: ClientIP" quoted under a Service's YAML, then "what osi layer
    does this setting belong to?": the quoted line's session affinity (L5), not the
    manifest's ports."""
    message = (
        "reviewing a PR from the payments team:\n```yaml\napiVersion: v1\nkind: Service\n"
        "spec:\n  ports:\n  - port: 443\n    targetPort: 8443\n  sessionAffinity: ClientIP\n"
        "```\n> sessionAffinity: ClientIP\nwhat osi layer does this setting belong to?"
    )
    assert answer(knowledge, message).layer_numbers == (5,)
