"""Families of questions the bot first met unseen, in blind evaluations written from the
reference table alone, and the rules they taught: each row is a question and exactly the
layers its answer claims (none for "no layer" or "not sure").

Each family holds the missed question and others of its kind that it was never tuned on;
a row the rule's old code answered wrongly proves the rule, the rest keep it in its place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.core.answering import answer

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge

Rows = list[tuple[str, tuple[int, ...]]]

# "the osi layer of that problem": a pointer back at what the message described, so the
# description is searched; with a name in the message, or a name after "of", it is not.
POINTING_BACK_AT_A_DESCRIPTION: Rows = [
    ("link light is off on the server port. osi layer of that problem?", (1,)),
    ("the fibre to rack 4 got cut by the builders. osi layer of that issue?", (1,)),
    ("kured reboots our nodes after patching, osi layer of kured?", ()),
    ("turned on sessionAffinity for the cart svc — osi layer of that setting?", (5,)),
    ("a layer of that paint peeled off the wall", ()),
]

# A hyphenated word inside a URL path is part of the path, not a name.
PATHS_ARE_NOT_NAMES: Rows = [
    ("rewriting /old-api/* to /v2/* before the request reaches the pod, which layer", (7,)),
    ("sending /shop-legacy/ and /shop-new/ to different services, which layer", (7,)),
    ("is old-api at an osi layer?", ()),
    # Nor inside a DNS name.
    ("turning my-svc.my-ns into an ip for the pod that asks, which layer is that lookup", (7,)),
]

# A layer's name cut short before "layer" is that layer, when the start is one name's only.
NAMES_CUT_SHORT: Rows = [
    ("pres layer — anything there for us", (6,)),
    ("anything at the phys layer i should watch on eks", (1,)),
    ("sess layer, who lives there in k8s", (5,)),
    ("what osi layer is the data layer", ()),  # the app's data tier, not "data link"
    ("is the present layer relevant to k8s", ()),
    ("what does the net layer do for pods", (3,)),
    ("the pre layer of the cake", ()),
]

# How a layer sits, said with a participle, before where it sits.
PLACED_WITH_A_PARTICIPLE: Rows = [
    ("the osi layer sandwiched above transport and under presentation, its job?", (5,)),
    ("the layer wedged under presentation", (5,)),
    ("what's the layer stacked on top of network", (4,)),
    ("the layer that sits above transport", (5,)),
    ("the layer sandwiched between frames and ports: what is its purpose in a cluster", (3,)),
    ("the layer wedged between ip and session", (4,)),
]

# Counted from an end, then "osi layer".
COUNTED_FROM_AN_END: Rows = [
    ("the bottom two osi layers in k8s land?", (1, 2)),
    ("the top 3 osi layers, examples", (5, 6, 7)),
    ("second-from-the-top osi layer, what's in there for kubernetes", (6,)),
    ("the third from the bottom osi layer, examples?", (3,)),
]

# Things listed at one layer are one place to count from.
COUNTED_FROM_A_LIST: Rows = [
    ("the layer one up from cables and nics — what goes on there for pods", (2,)),
    ("the layer right above frames or mac addresses", (3,)),
    ("the layer one up from cables", (2,)),
]

# What an unknown name opening the message is for is no subject: the name is asked. Beside
# known names, an opening "for <doing>" is their purpose.
WHAT_A_THING_IS_FOR: Rows = [
    ("sops for encrypting our values files, is that an osi thing", ()),
    ("kubeseal + the sealed-secrets controller to encrypt secrets in git, which osi layer", ()),
    ("zorblat for load balancing, which layer", ()),
    ("for encrypting between nodes we could do wg or ipsec — different layers?", (3,)),
    ("for load balancing we run metallb, which layer is it", (4,)),
    ("for envoy vs haproxy which layer is each", (7, 6, 5)),
    ("where does encryption happen", (6,)),
    ("encrypting pod traffic, which layer", (6,)),
    # An unknown name described by what it does, with few of the question's words in the
    # knowledge's best sentence, needs a wide lead.
    ("buildah running in a pod for image builds — which osi layer", ()),
]

# A phrase of real words whose short word is not the name's is no typo of the name; one
# slip in a short word still is.
SHORT_WORDS_ARE_NOT_SLIPS: Rows = [
    ("lod balancer osi layer", (4,)),
    ("what layer is the kub proxy", (5, 4)),
    ("no two pods anywhere in the cluster end up with the same address, which layer is that", ()),
    ("the socket set in the garage is missing the 10mm, of course it is", ()),
    ("cluster dsn is broken again, which layer", (7,)),
    ("kube prxy, what layer", (5, 4)),
]

# "they" compared are the tools named, whatever one does to the other.
THEY_ARE_THE_TOOLS_NAMED: Rows = [
    ("cilium replaces kube-proxy in our setup, so they must live at the same layer?", (5, 4, 3)),
    ("istio wraps envoy, so do they cover exactly the same layers?", (7, 6, 5)),
    ("metallb does arp in l2 mode, is it l2?", (4,)),
    ("choosing between envoy and haproxy for the tcp+http edge, same layers?", (7, 6, 5)),
    # "replacing A with B" sets B beside A, not as its means; a hedge opens nothing.
    ("replacing haproxy with kong at the edge, are we moving up or down the stack?", (7, 5)),
    ("we replaced kube-proxy with cilium, which layer is cilium", (3,)),
    ("mtls with istio, which layer", (6,)),
    ("pretty sure our haproxy box is a lower layer than metallb. correct?", (5, 4)),
    ("fairly sure kafka is layer 7, right?", ()),
]

# A cilium is a hair on a cell: in prose about something else it is the word, while any
# question that speaks of clusters, or names it alone, still gets the CNI.
CILIUM_IS_ALSO_A_WORD: Rows = [
    ("cilium are tiny hair-like structures on cells, my kid's biology homework is wild", ()),
    ("the cilium lecture was wild, those little hairs beat in sync", ()),
    ("cilium?", (3,)),
    ("we run cilium", (3,)),
    ("cilium in prod keeps dropping packets", (3,)),
    ("is cilium l3", (3,)),
    ("we need a calico upgrade before friday", (3,)),
    # A name asked for by name, "pls", is the thing whatever follows.
    ("/osi cilium pls, need it before the design review in 5 min", (3,)),
    ("calico pls, need it before the design review", (3,)),
    ("anyone got a spare ethernet cable pls", ()),
    ("move the cable pls, the desk is a mess", ()),
]

# A form of an English word ("peeks") is no name the knowledge lacks, so the description
# needs no wider lead for it.
FORMS_OF_WORDS_ARE_NO_NAMES: Rows = [
    (
        "which layer hands off a raw byte stream to a target address + port and never peeks inside",
        (4,),
    ),
    (
        "which layer glues the container interfaces on the host into one switch-like thing",
        (2,),
    ),
    # An unknown name opening the message does what the rest says; a gerund does not.
    ("zorvex hands off a raw byte stream to a target port, which layer", ()),
    ("datadog shows high tcp retransmits, what layer is that", (4,)),
    ("pagerduty fires on 502s from the ingress, which layer is that", (7,)),
    ("authenticating users with oidc before the request ever reaches the app, which layer", (7,)),
]

# What each layer does, in more of the words people use for it.
WHAT_EACH_LAYER_DOES_IN_MORE_WORDS: Rows = [
    ("flow control and windowing, which osi layer is that", (4,)),
    ("what layer pins a client to one particular pod for the whole visit", (5,)),
    ("the sliding window that stops a fast sender drowning a slow receiver, which layer", (4,)),
    # A number joined to its unit is one word; a hyphenated word opening with a preposition
    # is no name.
    ("48-bit hardware addresses on the interfaces, which layer uses those", (2,)),
    ("per-route retries on 503s, at what layer does that happen", (7,)),
]

# Long messages: lines indented as a program prints them are a paste; a sentence that asks
# by its mark beats a later one that only speaks of a layer; "that type of svc" after a
# lead points back at the kind the lead named.
PASTES_AND_WHAT_ASKS: Rows = [
    # A line that asks of a layer ends what a shell command printed.
    (
        "node gpu-07 dropped out of the cluster at 03:12:\n"
        "[1203344.10] mlx5_core 0000:3b:00.0 ens1f0: Link down\n"
        "[1203344.11] mlx5_core 0000:3b:00.0 ens1f0: Link down\n"
        "$ ethtool ens1f0 | grep -i detected\n"
        "\tLink detected: no\n"
        "dc ops say they'll check the port. which osi layer is this failure",
        (1,),
    ),
    # A tool's everyday name heading a noun in a quote is the thing, lent to nothing.
    (
        "> lol my calico cat just walked across the keyboard and approved the PR\n"
        "> she's a better reviewer than half of us\n"
        "> anyway who's ordering lunch\n"
        "i'll do it, pizza or sushi?",
        (),
    ),
    (
        "> calico cni keeps restarting on node-3\nwhich layer is that?",
        (3,),
    ),
    (
        "hey team, context for my question:\n"
        "  we're moving off flannel\n"
        "  the new cni will be cilium\n"
        "so what osi layer do both live at?",
        (3,),
    ),
    (
        "wireshark on the client, filtered to the stream:\n"
        "  12 0.0031 10.0.0.5 -> 203.0.113.9 TLSv1.3 Client Hello (SNI=api.example.com)\n"
        "  19 0.0442 10.0.0.5 -> 203.0.113.9 HTTP2 HEADERS[1]: GET /v1/status\n"
        "tls and http2 — which layer is each?",
        (7, 6),
    ),
    (
        "tcpdump on the node:\n"
        "  10:01:02.1 IP 10.244.1.5.5432 > 10.244.2.9.41234: Flags [S.]\n"
        "  10:01:02.2 IP 10.244.2.9.41234 > 10.244.1.5.5432: Flags [R]\n"
        "the tcp resets, which layer are they at?",
        (4,),
    ),
    (
        'resource "aws_lb" "ingest" {\n'
        '  name               = "ingest-nlb"\n'
        '  load_balancer_type = "network"\n'
        "}\n"
        "so this nlb is layer 4, right? reviewer wants the osi layer in the PR description",
        (4,),
    ),
    (
        "$ kubectl get svc -n payments\n"
        "NAME          TYPE           CLUSTER-IP      EXTERNAL-IP     PORT(S)\n"
        "payments-api  LoadBalancer   10.100.31.7     203.0.113.40    443:31442/TCP\n"
        "payments-db   ClusterIP      None            <none>          5432/TCP\n"
        "the payments-api one, a LoadBalancer service — what osi layer is that type of svc",
        (4,),
    ),
]

# An everyday plural after "it", "this" or "that" is a verb, not the things it names.
EVERYDAY_VERBS: Rows = [
    ("the mtls this switches on works at which osi layer?", (6,)),
    ("where do switches sit", (1,)),
    ("this switch, which layer", (1,)),
    ("what osi layer is it that switches work at", (1,)),
    ("is it tunnels that add the overhead, which layer", (2,)),
    # A verb after "which layer" takes the everyday name as its object: no phrase with it.
    ("which layer actualy understands cookies", (7,)),
    ("which layer reads cookies", (7,)),
    ("my fortune cookies came with the takeaway", ()),
]

# A name said with what it works by is the one name the knowledge gives the two.
WHAT_IT_WORKS_BY: Rows = [
    (
        "sticky sessions via sessionAffinity vs routing on the url path: which is lower in osi",
        (7, 5),
    ),
    ("routing based on the request's hostname, which layer", (7,)),
    ("routing on the url path, which layer", (7,)),
]

# In a dotted field path the last name is asked; the ones before only hold it.
FIELD_PATHS: Rows = [
    ("remind me: svc.spec.sessionAffinity=ClientIP sits at which layer", (5,)),
    ("is ingress.spec.tls l6?", (6,)),
    ("calico. is istio l7?", (7, 6)),
    # A whole pointed back at ("that svc type") is the part named before it.
    (
        "type: LoadBalancer on bare metal sits in pending forever. what layer is that svc type",
        (4,),
    ),
    ("we have a nodeport open. what layer is this service", (4,)),
]

# An adverb of an English word ("concretely") and a "bit" of a layer are no unknown names.
WORDS_AROUND_A_LAYER: Rows = [
    ("data link layer in a cluster — concretely, what's doing that job", (2,)),
    ("the physical bit of osi, explain it for a cloud-only team", (1,)),
    ("which of the k8s networking bits count as data link", (2,)),
    ("the transport bit of the osi model, honestly, what is it for", (4,)),
]

# "objects" after an everyday name says it is a cluster's object; a sentence found that
# shares only the names of things with no layer describes nothing.
OBJECTS_BY_NAME: Rows = [
    ("do Namespace objects have an osi layer?", ()),
    ("do ConfigMap objects sit at any layer", ()),
    ("which layer lets me send /checkout to one deployment and the rest to the monolith", (7,)),
]

# "l4" labelling an everyday thing, in a message that asks nothing, is no layer.
LAYER_NUMBERS_AS_LABELS: Rows = [
    ("my L4 disc is acting up again so i'm working from the couch", ()),
    ("applied for the l1 visa transfer, fingers crossed for the london move", ()),
    ("l4 stuff", (4,)),
    ("the l2 mode thing", (2,)),
    ("my l7 ingress is acting up again", (7,)),
]

# Found after the sealed sets were scored (so not unseen results): an agent noun of an
# English verb ("refresher") is no unknown name; an English word right before the name
# says what kind it is; a tool's name in a verb's past form is the verb.
AFTER_THE_SEALED_SETS: Rows = [
    ("quick refresher on the physical layer pls, bare metal context", (1,)),
    ("quick sanity check: a plain kubernetes Ingress resource is application layer, yes?", (7,)),
    ("is kafka layer 7?", ()),
    ("explain layer seven to me like i just switched over from frontend dev", (7,)),
    ("where do switches sit", (1,)),
]

# "is that l3?" after a part that names a thing with no layer asks about that thing, not
# about the kind of things its words name.
ASKED_OF_WHAT_WAS_NAMED: Rows = [
    ("karpenter spins up nodes for us now; is that an l3 or l4 component", ()),
    ("karpenter scales nodes, is it l4", ()),
    ("cluster-autoscaler adds nodes when pods are pending — is that l3?", ()),
    ("which kubernetes pieces are l4", (4,)),
    ("which of the k8s networking bits count as data link", (2,)),
]

# A thing a layer's work hides under, or runs behind, only sets the scene.
UNDER_A_THING: Rows = [
    ("what kind of link-layer plumbing is hiding under a k8s node", (2,)),
    ("what l1 stuff sits beneath a kubernetes node", (1,)),
    ("is a deployment l3 or l4", ()),
]

# A name right after the verb of "is X at any osi layer" is the one asked about, even an
# everyday word, whatever the message described before it.
ASKED_WHERE_IT_SITS: Rows = [
    ("renovate keeps opening PRs for the same dep — is renovate at any osi layer", ()),
    ("renovate opened forty PRs overnight; is renovate in the osi model at all", ()),
    ("dependabot bumps our charts every night, does dependabot sit at an osi layer", ()),
    ("our calico cat knocked the router off the shelf. anyway is calico at any osi layer", (3,)),
    ("the ambassador flew home early. is ambassador at an osi layer", (7,)),
]

# A name the knowledge lacks that opens the message doing what the rest says is what the
# question asks about, when nothing else named works at a layer.
AN_UNKNOWN_NAME_DOING: Rows = [
    ("kyverno blocks pods without resource limits in our clusters — which layer would that be", ()),
    ("goldilocks dashboards tell us to lower requests everywhere — any osi layer for it?", ()),
    ("gatekeeperx rejects deployments with no owner label, which layer is that", ()),
    ("datadog shows high tcp retransmits, what layer is that", (4,)),
    ("flannel encapsulates frames in udp, which layer", (3,)),
    (
        "postmortem notes, customer impact section: users were logged out because the new "
        "replicas lost their sticky sessions. which osi layer broke?",
        (5,),
    ),
]

# "layer 1 of the reference table": what shows the model holds its layers, as the stack
# does; a lasagna's layers are its own.
LAYERS_OF_WHAT_SHOWS_THE_MODEL: Rows = [
    ("which tools are in layer 1 of the reference table?", (1,)),
    ("what's in layer 2 of the diagram", (2,)),
    ("layer 2 of the lasagna is the best layer", ()),
]

# A place the message opens with, set apart by a comma, sets the scene for the layer asked;
# so does what is being done after a message that opens with the layer.
AN_OPENING_PLACE: Rows = [
    ("on the worker nodes, what's doing link layer work", (2,)),
    ("on the worker nodes, is that l2?", ()),
    ("data-link layer pieces in a typical cni setup?", (2,)),
    ("data link layer, which bits matter for someone writing cni configs", (2,)),
]

# "a 3-layer one" counts a thing's layers; it names no layer.
A_COUNT_OF_LAYERS: Rows = [
    ("anyone got a good layer cake recipe? need a 3-layer one for friday", ()),
    ("knitting a 2-layer scarf, any tips", ()),
]

# An English word well before the names is prose, not an unknown thing asked about, unless
# it is the whole subject a yes/no question opens with.
ENGLISH_WORDS_BEFORE_THE_NAMES: Rows = [
    (
        "team is split between contour and traefik for the new cluster. do they differ "
        "layer-wise at all or is it purely features",
        (7,),
    ),
    ("is zorvex like calico?", ()),
    ("does a secret mounted into envoy have an osi layer", ()),
]

# A yes/no question that opens asking of a thing with no layer, naming no layer, asks of
# that thing, whatever else it names.
ASKED_OF_A_THING_WITH_NO_LAYER: Rows = [
    ("does a configmap mounted into nginx count as anything osi-wise? i assume not", ()),
    (
        "does the kubelet have its own osi layer or does it just call the cni to do the networking",
        (),
    ),
    ("does calico count as l3", (3,)),
]

# "-ish" is chat filler: "layer-1-ish" is layer 1.
ISH: Rows = [
    ("anything layer-1-ish i actually need to worry about on gke?", (1,)),
    ("it's l4-ish i think, metallb", (4,)),
]

# "layers for X per the table": a source it is asked by is no more words about X.
ASKED_BY_A_SOURCE: Rows = [
    (
        "we flipped kube-proxy from iptables to ipvs mode during the upgrade. layers for "
        "kube-proxy per the table?",
        (5, 4),
    ),
    ("which layers for cilium according to the docs, ebpf mode and all", (3,)),
]

# A yes/no question in a later part asks of the thing with no layer it opens with.
A_LATER_YES_NO: Rows = [
    (
        "the cni itself runs as a DaemonSet — does the DaemonSet object have a layer or only "
        "what runs in it",
        (),
    ),
    ("our ingress runs as a Deployment — does the Deployment have an osi layer?", ()),
]

# A verb that opens a question of its own says nothing of the name before the break.
A_VERB_OPENING_A_QUESTION: Rows = [
    (
        "we're retiring haproxy for envoy; does envoy span more osi layers than haproxy did",
        (7, 6, 5),
    ),
    ("metallb does arp in l2 mode", (4,)),
]

# Chat shorthand in a description reads as the word it stands for ("certs").
SHORTHAND_IN_DESCRIPTIONS: Rows = [
    (
        "orders refuses to talk to billing unless billing shows a client cert too. that "
        "two-way cert check happens at which layer",
        (6,),
    ),
    (
        "before the orders svc and payments svc exchange any data they both present certs "
        "and verify them. what layer is that happening at",
        (6,),
    ),
    ("a balancer that only sees the 5-tuple (src ip, dst ip, src port, dst port) — layer?", (4,)),
    # Light verbs ("goes", "makes sure") describe nothing.
    ("which layer looks at nothing but the destination port when deciding where stuff goes", (4,)),
    ("what layer can tell a GET from a POST", (7,)),
]

# A command with a flag and no prompt ("tcpdump -ni eth0 …") and the timed lines it printed
# are a paste; the command shows nothing, and the writer's own words say what it shows.
A_COMMAND_WITHOUT_A_PROMPT: Rows = [
    (
        "tcpdump -ni eth0 port 6379\n"
        "11:02:01.118 IP 10.244.1.9.40112 > 10.244.3.4.6379: Flags [S], seq 11, win 64240\n"
        "11:02:01.119 IP 10.244.3.4.6379 > 10.244.1.9.40112: Flags [R.], seq 0, ack 12, win 0\n"
        "syn then rst straight back, redis isn't up on that pod. these resets, which osi "
        "layer are they at?",
        (4,),
    ),
    (
        "tcpdump -ni any port 8443\n"
        "09:00:01.001 IP 10.0.0.5.5512 > 10.0.0.9.8443: Flags [S], seq 1, win 64240, length 0\n"
        "09:00:02.010 IP 10.0.0.5.5512 > 10.0.0.9.8443: Flags [S], seq 1, win 64240, length 0\n"
        "syns go out, nothing comes back, retransmits. what layer's handshake is this",
        (4,),
    ),
    (
        "kube-proxy --proxy-mode=ipvs on the new clusters: are kube-proxy's layers any "
        "different than in iptables mode?",
        (5, 4),
    ),
]

# Two layers set against each other are both answered: "an l4 and an l7 load balancer"
# (the name shared), "difference between l2 and l3", a layer on each side of "vs".
LAYERS_SET_AGAINST_EACH_OTHER: Rows = [
    (
        "for the interview panel: what's the actual difference between an l4 and an l7 load "
        "balancer in k8s?",
        (7, 4),
    ),
    ("difference between l2 and l3 when it comes to pod networking?", (2, 3)),
    ("l2 overlay vs l3 routed pod network — what's the actual diff", (2, 3)),
    ("calico l3 vs flannel l2?", (3,)),
]

# A gloss after the one name a message opens with ("the one doing…", "the kernel thing…")
# describes that name; the names in it are not asked about.
A_GLOSS_OF_THE_NAME: Rows = [
    ("/osi haproxy 🙏 the one doing the tcp balancing for rabbitmq", (5,)),
    ("/osi ipvs — the kernel thing kube-proxy can use, not some product", (4,)),
    ("metallb, the one that gives our svcs ips", (4,)),
    ("haproxy vs envoy", (7, 6, 5)),
    # In brackets right after a name, unless the brackets add one.
    ("each pod's veth (one end in the pod netns, one on the host) is at which osi layer", (2,)),
    ("azure alb (the app gateway for containers thing), layer pls", (4,)),
    ("hubble (cilium observability) what layer does it see", (4, 3)),
    ("we run envoy (and istio) — layers?", (7, 6, 5)),
]

# A range open at one end: "from l5 upward", "l5 and up", "l3 and below".
OPEN_RANGES: Rows = [
    ("everything from l5 upward, summarize", (5, 6, 7)),
    ("l5 and up, what lives there", (5, 6, 7)),
    ("l3 and below on bare metal, who owns it", (3, 2, 1)),
    ("is l3 above l2", (3, 2)),
]

# "X aside" sets X aside.
SET_ASIDE_AFTER: Rows = [
    ("infiniband aside, the mellanox cards we racked for the ml team sit where in osi?", (1,)),
    ("calico aside, what layer is flannel", (3,)),
]

# English words spelt right, split where a name is not ("cluster setup" against
# "clusterset ip"), are no slip of it; one name typed apart ("keeps alive") still is.
WORDS_SPLIT_ELSEWHERE: Rows = [
    ("anything in our cluster setup that counts as L2? list me the tools", (2,)),
    ("node pot, which layer", (4,)),
    ("kub proxy layer", (5, 4)),
    ("cert manger layer?", (6,)),
    ("which layer opens, keeps alive and tears down a conversation between two apps", (5,)),
]

# "faster but dumber than L7": the layer named is the yardstick; the layer asked is the one
# the description finds. A place in the stack ("higher than l3") still names by it.
A_LAYER_AS_THE_YARDSTICK: Rows = [
    ("faster but dumber than L7, which layer is that lol", (4,)),
    ("the one that's faster than l7 but dumber, which layer is that", (4,)),
    ("is l4 faster than l7?", (4, 7)),
    ("which layer is higher than l3", (4,)),
]

# Fragmenting a packet too big for the MTU is the network layer's (L3), though the MTU
# belongs to the link (L2).
FRAGMENTATION: Rows = [
    ("at which layer does fragmentation happen when the mtu is too small for the packet", (3,)),
    ("an mtu mismatch makes the node chop a datagram into pieces — which layer chops", (3,)),
    ("what layer is the mtu", (2,)),
    ("memory fragmentation on the node is awful", ()),
]

# Session's description says it remembers which backend served a client, so later requests
# land on the same replica: questions phrased that way find L5.
A_CLIENT_KEPT_ON_ITS_REPLICA: Rows = [
    ("the layer that remembers a client's backend between requests", (5,)),
    ("which layer remembers which pod a client went to last time", (5,)),
    ("which layer keeps sending a returning user to the replica they hit before", (5,)),
]

# Found by an independent review of the session's rules, each with the rule it bounds.
AFTER_THE_REVIEW: Rows = [
    # A gloss ends where a name is added or set beside it, or where it says what it is.
    ("calico, the one doing bgp, and metallb — which layers", (4, 3)),
    ("nginx, the one in front, plus envoy behind it — layers?", (7, 6, 5)),
    # A name alone in brackets says which one it is; brackets that add one add it.
    ("our lb (nginx) which layer", (7,)),
    ("the tunnel (wireguard) which layer", (3,)),
    ("cilium (we also run istio on top), which layers", (7, 6, 3)),
    # "aside from" is "besides".
    ("envoy aside from http also proxies tcp, what layers", (7, 6, 5)),
    # A comparing question's one tool is set beside the tools said before it.
    ("we replaced the aws alb with nginx; does nginx sit at a different layer", (7, 4)),
    # An English word that names the subject of "is X l7 like Y" is a thing the bot lacks.
    ("is sentry l7 like nginx", ()),
    ("is our harbor registry l7 like nginx", ()),
    # A wh-question names its own subject.
    ("does a daemonset run kube-proxy, which layer is kube-proxy", (5, 4)),
    # "a 4 layer load balancer" is an L4 one.
    ("is the nlb a 4 layer load balancer", (4,)),
    # The command is the subject when nothing else in its output names one.
    (
        "ipvsadm -Ln\nTCP  10.96.0.1:443 rr\n  -> 192.168.1.10:6443  Masq 1 3 0\n"
        "  -> 192.168.1.11:6443  Masq 1 2 0\nwhich layer is this",
        (4,),
    ),
    ("the layer that's blind to what the traffic is", (4,)),
    ("what layer reassembles packets in order", (4,)),
    # A tool in brackets after a kind of thing says which one it is.
    ("the lb (nginx one) which layer", (7,)),
    ("the cni (calico/cilium) which layer", (3,)),
    ("the firewall (calico netpols) which layer", (3,)),
    # A rule's comment names what the rule is for, not what the paste is of.
    (
        "iptables -t nat -L KUBE-SERVICES\nChain KUBE-SERVICES (2 references)\n"
        "target     prot opt source               destination\n"
        "KUBE-SVC-ERIFXISQEP7F7OF4  tcp  --  0.0.0.0/0  10.96.0.10  "
        "/* kube-system/kube-dns:dns-tcp cluster IP */ tcp dpt:53\n"
        "what layer does this live at",
        (4, 3),
    ),
    # With no count asked, what a tool is said to do is no thing of its own.
    (
        "@osi-bot drawing the edge diagram: traefik does routing, cert-manager does certs - "
        "which layer does each go on",
        (7, 6),
    ),
]

# "mac" alone is the MAC address (L2) beside networking words, and a computer elsewhere.
MAC_AND_IP: Rows = [
    ("mac vs ip", (3, 2)),
    ("a pod has both a mac and an ip on its eth0 — which osi layer does each belong to", (3, 2)),
    ("my mac is so slow today", ()),
    ("anyone selling a used mac?", ()),
]


# A tool whose name is a common word is the tool beside a concept of its own: one named
# right after it, or one its own text speaks of ("flannel ... overlay"); the word stays
# the fabric beside anything else.
A_TOOL_WITH_ITS_CONCEPTS: Rows = [
    ("we run flannel in the overlay", (3,)),
    ("flannel overlay", (3,)),
    ("flannel tunnel flapping again", (3,)),
    ("we use flannel for the overlay between nodes", (3,)),
    ("wearing my flannel pyjamas today", ()),
    ("flannel sheet season", ()),
    ("the envoy negotiated the session", ()),
]


# "what about X" after a question asks the same of X; a statement before it asks nothing.
WHAT_ABOUT_THE_NEXT: Rows = [
    ("is nginx l7? what about haproxy", (7, 5)),
    ("is traefik l7? how about metallb", (7, 4)),
    ("calico is l3. what about cilium?", (3,)),
]

# "&" and "+" standing alone join as "and" does.
AMPERSANDS_AND_PLUSES: Rows = [
    ("layers 2 & 3 — diff?", (2, 3)),
    ("transport + session layer, which k8s things are in those", (5, 4)),
    ("datalink + physical, any tools we touch there", (2, 1)),
    ("AT&T fiber, which layer", (1,)),
]

# "anything/everything below X" is every layer under it; "what's below X" is the next one.
ALL_BEYOND_A_LAYER: Rows = [
    ("anything below layer 3 i should care about as a dev", (2, 1)),
    ("everything above l4, who owns it here", (5, 6, 7)),
    ("stuff under the network layer we touch?", (2, 1)),
    ("what's below layer 3", (2,)),
    ("the layer right above transport", (5,)),
]


# One protocol turned into another is the act asked about, however it is written: with
# "into" and a verb, with an arrow or "to" and a noun for the act, or asked "is that a
# layer thing"; the act's one word keeps the names beside it to find its sentence.
ONE_PROTOCOL_TURNED_INTO_ANOTHER: Rows = [
    ("turning http/1.1 into grpc, is that even a layer thing?", (6,)),
    ("http/1.1 → grpc conversion, which layer would that be", (6,)),
    ("converting http/1.1 calls into grpc — is that a layer thing", (6,)),
    ("converting http/1.1 into grpc, which layer", (6,)),
    ("which layer turns service ips into pod ips (the NAT bit)", (3,)),
    ("packing ip packets into ethernet frames, which layer", (2,)),
    ("we send http to the grpc services, which layer", (7,)),
]


# A layer said "like" another thing says it of both: the other is a subject too.
A_LAYER_LIKE_ANOTHER: Rows = [
    ("ARP is l3 like IP yeah?", (3, 2)),
    ("is vxlan l3 like calico?", (3, 2)),
    ("is cert-manager l7 like traefik", (7, 6)),
    ("i'd like l7 routing for nginx", (7,)),
]


# A message that names no thing and only guesses at a layer asks nothing of it; a layer
# past the model is asked, not a description of the words around it.
GUESSES_AND_LAYER_EIGHT: Rows = [
    ("layer 4 maybe? idk just guessing", ()),
    ("hmm maybe its layer 4? or 3? idk", ()),
    ("l4 probably", ()),
    ("maybe a dumb question but what's layer 5", (5,)),
    ("probably layer 7 stuff, explain it", (7,)),
    ("layer 8 issue again (the user) 🙄", ()),
    ("osi layer 8 lol, the humans", ()),
    ("layer 4 or 7? idk just guessing, ignore me", ()),
    ("hey is it layer 3?", ()),
    ("layer 4 or 5 maybe? for that thing bob mentioned", ()),
    ("hi, is layer 5 used in k8s?", (5,)),
    ("hmm maybe layer 4? not sure tbh", ()),
    ("probably something at layer 3 idk", ()),
    ("i'm not sure, maybe l4", ()),
    ("not sure what's at layer 3, maybe?", (3,)),
]


# A concept a tool possesses names one of its layers: "envoy's tls" is Envoy's L6 work;
# without the possessive ("envoy sidecar") the tool keeps all its layers.
A_TOOLS_OWN_PART: Rows = [
    ("envoy's http router filter, which layer is *that* part", (7,)),
    ("is istio's mtls above or below envoy's http routing", (7, 6)),
    ("linkerd's mtls vs istio's mtls — same layer?", (6,)),
    ("envoy's tls, which layer", (6,)),
    ("envoy sidecar which layer", (7, 6, 5)),
    ("envoy's sidecar, which layer", (7, 6, 5)),
]


# "from l3 up to l5" is a range with both ends, not open upward; an IP of either version
# is IP to the description search ("maps IPv4 addresses to MAC addresses").
RANGES_WITH_A_STEP: Rows = [
    ("everything from l3 up to l5, quick rundown", (3, 4, 5)),
    ("from l7 down to l4 what runs", (7, 6, 5, 4)),
    ("everything from l5 upward", (5, 6, 7)),
]
IP_OF_EITHER_VERSION: Rows = [
    ("where does an ip get mapped to a mac address", (2,)),
    ("figuring out which mac goes with an ip on the lan — what layer", (2,)),
]


# A layer's one-word name made an adjective ("session-y", "physical-ish") names it; a
# message opening "anything" asks for what is at the layer, in a setting that is no tool.
LAYERS_AS_ADJECTIVES: Rows = [
    ("anything session-y in kubernetes networking?", (5,)),
    ("anything physical-ish we should worry about running on bare metal?", (1,)),
    ("anything session layer in kubernetes networking?", (5,)),
    ("any presentation layer things in the mesh?", (6,)),
    ("any l2 stuff in calico?", (3,)),
]


# A word for what kind of thing it is ("object") describes nothing: the common word's
# name is found ("service" is the Kubernetes Service) instead of a description search.
WHAT_KIND_OF_THING_IT_IS: Rows = [
    ("what layer is a Service (the k8s object)", (4, 3)),
    ("what layer is a Service, the k8s object", (4, 3)),
    ("which layer is the object", ()),
]


# A last question asking of no layer ("is that why…?") goes on from the one before it that
# asks of a layer: both are the question.
A_FOLLOW_UP_AFTER_THE_LAYER_QUESTION: Rows = [
    (
        "our app drops websocket connections after 4 min idle. a senior said:\n\n"
        "> thats the azure load balancer idle timeout\n\nsetting the annotation fixed it. "
        "which layer is the azure load balancer at? is that why it doesnt know about websockets?",
        (4,),
    ),
    (
        "our app drops websocket connections after 4 min idle. a senior said:\n\n"
        "> thats the azure load balancer idle timeout\n\nsetting the annotation fixed it. "
        "is that why it doesnt know about websockets? which layer is http at?",
        (7,),
    ),
]


# A frequent short English word ("old", "new") is prose, not a product the knowledge
# lacks, though the word lists hold words of four letters and more.
SHORT_ENGLISH_WORDS: Rows = [
    ("is the old ambassador ingress still up on staging", (7,)),
    ("is the new calico l3", (3,)),
    ("is our harbor registry l7 like nginx", ()),
]


# A concept named by the verb the layer asked for does is no subject when it is another
# layer's work than what it is done to: "rewrites the service ip" is no HTTP rewriting.
THE_LAYERS_VERB: Rows = [
    ("what layer rewrites the service ip to a pod ip (the dnat thing)", (3,)),
    ("which layer rewrites the url path before it hits the pod", (7,)),
    ("which layer switches belong to", (1,)),
]


# A tool's everyday name before an everyday noun that no sentence of the knowledge uses,
# with no other name, layer or place beside it, is the word: "a calico cat" (whatever
# else the message says of deploys and packets); "calico docs say it's l3" is the tool.
AN_EVERYDAY_NOUN_AFTER_THE_NAME: Rows = [
    ("adopted a calico cat this weekend 🐱 named her Packet", ()),
    ("our calico cat just walked across my keyboard mid-deploy", ()),
    ("the calico cat from accounting is asleep on the server room keyboard again 😹", ()),
    ("my flannel pyjamas, packets of crisps", ()),
    ("calico docs say it's l3, right?", (3,)),
    ("calico release notes mention ebpf", (4, 3)),
    ("calico node keeps crashing", (3,)),
    ("the calico felix agent", (3,)),
    # A thing with no layer named beside it vouches for nothing.
    ("put on my fuzziest flannel shirt and now i'm staring at grafana like it owes me money", ()),
]


# Names set against each other by "vs" are asked about, everyday words or not, instead of
# reading the message as a description ("switches vs routers" is no routing question).
SET_AGAINST_EACH_OTHER: Rows = [
    ("switches vs routers, which osi layer is each", (1,)),
    ("routers vs switches which layer", (1,)),
    ("tunnel vs bridge which layer", (2,)),
    ("nintendo switch vs ps5", ()),
    # A concept before "layer" names its layer, unless it is set against another.
    ("nodeport vs clusterip layer diff?", (4, 3)),
    ("what's in the tcp layer", (4,)),
]


# Guards from the session's review, each a probe a rule of this session made worse:
# hedges that belong to the asker, ranges beside a tool, "any LN stuff in" a thing with
# no such layer, adjectives in chat, tools moved between, layers offered as choices.
AFTER_THE_REVIEW_OF_SESSION_26: Rows = [
    ("layer 5 is probably the least understood one. thoughts?", (5,)),
    ("idk if layer 5 is even used", (5,)),
    ("guess its layer 7 since its a 502", (7,)),
    ("maybe its an l1 issue, bad cable?", (1,)),
    ("anything below l3 in calico?", (3,)),
    ("anything above l4 in metallb?", (4,)),
    ("everything above l4 goes through istio", (7, 6)),
    ("any l4 stuff in ingress?", (7,)),
    ("any l7 stuff in network policies?", (4, 3)),
    ("the meeting felt very session-y", ()),
    ("that bug is very network-y", ()),
    ("istio to linkerd migration, which layer", (7, 6)),
    ("l4 & l7, which one is nginx", (7,)),
    ("layer 3 + layer 4, which one is calico", (3,)),
    ("from l3 up to the application layer", (3, 4, 5, 6, 7)),
]


# Things ranked against each other ("lower than", "above", "vs") are both asked about,
# everyday words or not; "can someone explain layers 2-4" asks for the layers.
RANKED_AGAINST_EACH_OTHER: Rows = [
    ("is a NIC lower than a switch", (1,)),
    ("is the frame above the cable?", (2, 1)),
    ("nintendo switch vs xbox?", ()),
    ("can someone explain layers 2-4 for k8s networking", (2, 3, 4)),
    ("does anyone know if metallb is l4", (4,)),
]


# Descriptions: chat shorthand is a word ("certs"), not an unknown name glossed; "but"
# ends what a negation denies ("can't see cookies but is faster"); "who picks…" asks for
# a place as "which layer" does.
DESCRIPTIONS_IN_CHAT: Rows = [
    ("where do certs get issued + rotated", (6,)),
    ("which layer can't see cookies but is faster", (4,)),
    ("who ate my lunch", ()),
    ("who is on call tonight", ()),
]


# The layers in more words: "layer 3 up to 4" is a range; "the transport one" in a
# question is the transport layer; "all seven", "every layer" are the whole model.
LAYERS_IN_MORE_WORDS: Rows = [
    ("everything from layer 3 up to 4?", (3, 4)),
    ("layers 3 up to 5", (3, 4, 5)),
    ("what goes at the transport one", (4,)),
    ("the app one crashed", ()),
    ("give me the whole stack, all seven, k8s flavored", (1, 2, 3, 4, 5, 6, 7)),
    ("walk me through all 7 layers", (1, 2, 3, 4, 5, 6, 7)),
    ("all seven of us are in the meeting", ()),
    ("map each to its layer", ()),
]


# A short last question ("what do i put?") goes on from the sentence of a layer before it,
# asking or not; "a policy like this" points back at the paste's NetworkPolicy.
_POLICY = (
    "```yaml\nkind: NetworkPolicy\nspec:\n  podSelector:\n    matchLabels: {app: db}\n"
    "  ingress:\n  - ports:\n    - protocol: TCP\n      port: 5432\n```\n"
)
WHAT_THE_PASTED_POLICY_IS: Rows = [
    (
        _POLICY
        + 'security review asks "at what osi layer(s) is this policy enforced". what do i put?',
        (4, 3),
    ),
    (_POLICY + "the auditor wants an osi layer next to it in the matrix. what do i put?", (4, 3)),
    (
        _POLICY + "applied this and now health checks from the LB fail. what layer(s) does a "
        "policy like this filter on?",
        (4, 3),
    ),
]


# Tools compared "for" a purpose at one of their layers compare that layer's work.
COMPARED_FOR_A_PURPOSE: Rows = [
    ("haproxy vs envoy for sticky sessions specifically, same layer?", (5,)),
    ("envoy vs istio for mtls, same layer?", (6,)),
    ("haproxy vs envoy, same layer?", (7, 6, 5)),
]

# "<word>-based <name>" is "<word> <name>" when the knowledge knows that name.
WORD_BASED_NAMES: Rows = [
    ("url-based routing", (7,)),
    ("sticky sessions vs url-based routing — what layers are those", (7, 5)),
    ("label-based routing", ()),
]


# Guards from the second review of this session, each a probe a rule of this session made
# worse: the whole model beside docker layers or a stack, "the X one" as a room or a talk,
# "up to" a count, a sentence of a support tier or a job level before a chat question,
# "who" a person, a place in a rack, a layer explained for a tool that has none there, and
# "the thing" said what it is.
AFTER_THE_SECOND_REVIEW_OF_SESSION_26: Rows = [
    ("docker pull re-downloads every layer, why?", ()),
    ("all 7 pods in our stack are crashlooping", ()),
    ("we have monitoring at every layer of the stack", ()),
    ("what runs at every layer in k8s", (1, 2, 3, 4, 5, 6, 7)),
    ("which room is the session one in", ()),
    ("what did you think of the transport one", ()),
    ("what's in the session one", (5,)),
    ("layer 7 up to two replicas", (7,)),
    ("layers 2 up to 4 in k8s", (2, 3, 4)),
    (
        "we spent the whole morning on the capacity review and the numbers for next quarter "
        "look tight, especially on the storage side where the growth has been faster than "
        "forecast, and procurement wants the paperwork by the end of the month at the latest. "
        "she just got promoted to l5 which is great news. also a reminder that the quarterly "
        "access review is due and everybody needs to confirm which groups they still need "
        "before the security team revokes the rest. who's up for coffee?",
        (),
    ),
    ("who moves the cables in the dc tomorrow", ()),
    ("who gets paged when packets drop", ()),
    ("is the nic above the switch in the rack?", ()),
    ("is a router above a switch?", (1,)),
    ("can someone explain l7 for calico", (3,)),
    ("can somebody walk me through l1-l3 for bare metal k8s", (1, 2, 3)),
    ("maybe l5, the thing that tracks connections", (5,)),
    ("probably layer 3 for the thing alice set up", ()),
]


# A word set aside as everyday may start a longer name misspelt after it, when the rest is
# no English word: "mac adresses" is MAC addresses; "router table" and "switch died" are not.
A_MISSPELT_NAME_AFTER_AN_EVERYDAY_WORD: Rows = [
    ("mac adresses live at which layer?", (2,)),
    ("what layer deals w/ mac adresses", (2,)),
    ("my dad built a router table for his woodworking shop, it's insane", ()),
    ("my nintendo switch died mid boss fight 😤", ()),
]


@pytest.mark.parametrize(
    ("question", "layers"),
    [
        *POINTING_BACK_AT_A_DESCRIPTION,
        *PATHS_ARE_NOT_NAMES,
        *NAMES_CUT_SHORT,
        *PLACED_WITH_A_PARTICIPLE,
        *COUNTED_FROM_A_LIST,
        *COUNTED_FROM_AN_END,
        *WHAT_A_THING_IS_FOR,
        *SHORT_WORDS_ARE_NOT_SLIPS,
        *THEY_ARE_THE_TOOLS_NAMED,
        *CILIUM_IS_ALSO_A_WORD,
        *FORMS_OF_WORDS_ARE_NO_NAMES,
        *WHAT_EACH_LAYER_DOES_IN_MORE_WORDS,
        *PASTES_AND_WHAT_ASKS,
        *EVERYDAY_VERBS,
        *WHAT_IT_WORKS_BY,
        *FIELD_PATHS,
        *WORDS_AROUND_A_LAYER,
        *OBJECTS_BY_NAME,
        *LAYER_NUMBERS_AS_LABELS,
        *AFTER_THE_SEALED_SETS,
        *ASKED_OF_WHAT_WAS_NAMED,
        *UNDER_A_THING,
        *ASKED_WHERE_IT_SITS,
        *AN_UNKNOWN_NAME_DOING,
        *LAYERS_OF_WHAT_SHOWS_THE_MODEL,
        *AN_OPENING_PLACE,
        *A_COUNT_OF_LAYERS,
        *ENGLISH_WORDS_BEFORE_THE_NAMES,
        *ASKED_OF_A_THING_WITH_NO_LAYER,
        *ISH,
        *ASKED_BY_A_SOURCE,
        *A_LATER_YES_NO,
        *A_VERB_OPENING_A_QUESTION,
        *SHORTHAND_IN_DESCRIPTIONS,
        *A_COMMAND_WITHOUT_A_PROMPT,
        *LAYERS_SET_AGAINST_EACH_OTHER,
        *A_GLOSS_OF_THE_NAME,
        *OPEN_RANGES,
        *SET_ASIDE_AFTER,
        *WORDS_SPLIT_ELSEWHERE,
        *A_LAYER_AS_THE_YARDSTICK,
        *FRAGMENTATION,
        *A_CLIENT_KEPT_ON_ITS_REPLICA,
        *AFTER_THE_REVIEW,
        *MAC_AND_IP,
        *A_TOOL_WITH_ITS_CONCEPTS,
        *WHAT_ABOUT_THE_NEXT,
        *AMPERSANDS_AND_PLUSES,
        *ALL_BEYOND_A_LAYER,
        *ONE_PROTOCOL_TURNED_INTO_ANOTHER,
        *A_LAYER_LIKE_ANOTHER,
        *GUESSES_AND_LAYER_EIGHT,
        *A_TOOLS_OWN_PART,
        *RANGES_WITH_A_STEP,
        *IP_OF_EITHER_VERSION,
        *LAYERS_AS_ADJECTIVES,
        *WHAT_KIND_OF_THING_IT_IS,
        *A_FOLLOW_UP_AFTER_THE_LAYER_QUESTION,
        *SHORT_ENGLISH_WORDS,
        *THE_LAYERS_VERB,
        *AN_EVERYDAY_NOUN_AFTER_THE_NAME,
        *SET_AGAINST_EACH_OTHER,
        *AFTER_THE_REVIEW_OF_SESSION_26,
        *RANKED_AGAINST_EACH_OTHER,
        *DESCRIPTIONS_IN_CHAT,
        *LAYERS_IN_MORE_WORDS,
        *WHAT_THE_PASTED_POLICY_IS,
        *WORD_BASED_NAMES,
        *AFTER_THE_SECOND_REVIEW_OF_SESSION_26,
        *COMPARED_FOR_A_PURPOSE,
        *A_MISSPELT_NAME_AFTER_AN_EVERYDAY_WORD,
    ],
)
def test_a_question_claims_exactly_its_layers(
    knowledge: Knowledge, question: str, layers: tuple[int, ...]
) -> None:
    assert answer(knowledge, question).layer_numbers == layers


def test_an_opening_for_x_vs_y_asks_about_x_first(knowledge: Knowledge) -> None:
    """ "for envoy vs haproxy…" compares the two: Envoy, named first, leads the answer."""
    assert answer(knowledge, "for envoy vs haproxy which layer is each").matched == "Envoy"
