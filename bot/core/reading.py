"""Reading a question: which words name things, which name layers, which are unknown.

Pure functions over tokens; `bot.core.answering` decides what to say about the reading.
"""

from __future__ import annotations

import re
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from bot.core.asking import DEICTIC, split_message
from bot.core.knowledge import EntryKind
from bot.core.layer_mentions import find_layer_mentions, is_layer_number, placed_things
from bot.core.lexicon import has_everyday_sense, is_english_word
from bot.core.text import strip_chat_noise, tokenize, tokenize_compounds
from bot.core.vocabulary import AUXILIARIES, COPULAS, GRAMMAR, GREETINGS, HELP_WORDS, STOPWORDS

if TYPE_CHECKING:
    from collections.abc import Mapping

    from bot.core.knowledge import Knowledge
    from bot.core.layer_mentions import LayerMentions
    from bot.core.matching import AliasIndex, Match
    from bot.core.text import Tokens

__all__ = [
    "Reading",
    "asks_where",
    "breaks_apart",
    "part_starts",
    "read",
    "said_twice",
    "stressed",
]

# Beyond this many words a message is prose, not a question; the rest is not read.
_MAX_TOKENS = 80
# Words that show a question is about networking, so an everyday word in it ("where do
# routers sit?", "is encryption done per pod?") may be the name of a thing.
# ("layer" counts where it names the stack, as `find_layer_mentions` reads it: not in
# "three layers of lace".)
_NETWORK_CONTEXT = frozenset(
    "osi kubernetes k8s kube cluster clusters pod pods node nodes "
    "traffic network networking service services container containers packet packets "
    "kubectl".split()
)
# Words of running infrastructure: beside them a tool whose name is also an English word
# ("calico in prod", "envoy sidecar") is the tool, not the fabric or the diplomat.
_INFRASTRUCTURE = _NETWORK_CONTEXT | frozenset(
    "prod production staging dev deploy deployed deploying deployment deployments helm "
    "install installed installing upgrade upgraded config configured configuration "
    "manifest manifests yaml namespace namespaces cni plugin plugins controller daemonset "
    "sidecar sidecars proxy proxies gateway ingress egress mesh dns tcp udp ip http https "
    "grpc tls vpc subnet subnets firewall latency eks gke aks aws gcp azure openshift "
    "cloud datacenter datacentre infra infrastructure server servers ops sre devops "
    "agent agents crash crashes crashloop crashloopbackoff error errors log logs restart "
    "restarts outage down broken failing timeout timeouts config cni bug bugs version "
    "cilium istio linkerd metallb kube-proxy iptables ipvs ebpf bgp vxlan".split()
)
# A name right after one of these is what the asker set aside: "not flannel — vxlan?"
_SET_ASIDE = frozenset("not forget ignore except besides excluding unlike instead without".split())
_SET_ASIDE_REACH = 4  # words: "without looking at the URL"
# Words that put several things side by side: "geneve vs vxlan", "ingress and tls".
_JOINING = frozenset(
    "vs versus v or and compare compared comparing difference differ different same both each "
    "either than above below higher lower".split()
)
# "cilium is L2, right?" asks as surely as "is cilium L2?".
_TAG_QUESTION = frozenset({"right", "correct", "true", "yes", "no", "innit", "yeah", "yea"})
_TAG_PRONOUNS = frozenset({"it", "they", "that", "he", "she"})
# Layer names too common in questions to name the layer on their own ("which network
# plugin", "my app"); with the word "layer" they still do.
_TOO_COMMON_LAYER_NAMES = frozenset({"network", "net", "application", "app", "link", "hardware"})
_OPENERS = frozenset({"so", "and", "but", "ok", "okay", "um", "uh", "quick", "q", "question"})
_WH_WORDS = frozenset("what which where how why who when whats wheres hows".split())


class Reading(NamedTuple):
    """What the words of a question were found to be."""

    tokens: Tokens
    matches: list[Match]  # names found, the asked-about subject first
    subjects: list[Match]  # the names asked about together, as written ("geneve vs vxlan")
    generic: bool  # no name but everyday words ("packets", "frames"): maybe a description
    mentions: LayerMentions
    unknown: list[str]  # content words that are neither names, layers nor filler
    unknown_at: list[int]  # their positions
    unknown_runs: list[tuple[int, int]]  # [start, end) of each unknown phrase, longest first
    opens_yes_no: bool  # "is calico layer 2?", "hey, does envoy ...", "cilium is L2, right?"
    yes_no_shaped: bool  # that, or a question mark on a question not opened by "what" & co.

    @property
    def words(self) -> list[str]:
        return self.tokens.words

    @property
    def named(self) -> frozenset[int]:
        """The positions of the words that name something found."""
        return frozenset(i for m in self.matches for i in range(m.start, m.end))

    def set_aside(self, match: Match) -> bool:
        """Whether the question sets `match` aside ("not flannel", "tcp works fine but")."""
        return set_aside(match, self.words, self.named)


def read(knowledge: Knowledge, question: str) -> Reading:
    """Find the names, layers and unknown words of `question` (already truncated).

    A long message is read from its asking sentence; when that names nothing and points
    at the rest ("so which layer is this?"), the name the pasted context uses most is
    read as its subject.
    """
    asking, context, lead, own = split_message(strip_chat_noise(question))
    tokens = tokenize_compounds(asking)
    index = knowledge.index
    if lead:
        # "someone said traefik does tcp routing — is traefik l7 only?": the question after
        # the dash names its own subject, and the claim before it is context; "so metallb —
        # what layer is it?" asks about what the lead names.
        tail = tokenize_compounds(asking[len(lead) :])
        if _names_its_subject(index, tail, _Paste(context)):
            tokens, context, own = tail, f"{lead}\n{context}", f"{lead}\n{own}"
    paste = _Paste(context)
    if (
        context
        and _points_at_context(tokens.words)
        and not _names_its_subject(index, tokens, paste)
    ):
        # Asked about a thing ("what layer are they?"), the writer's own sentences say which
        # before anything they pasted does: "the httproutes split traffic by hostname"
        # above a table naming istio. Where a problem is, the paste's evidence says.
        thing = _asks_about_a_thing(tokens.words) and own.strip() and own != context
        parts = [_Paste(own), paste] if thing else [paste]
        named = next((n for part in parts if (n := _named_by(index, tokens, part))), None)
        if named:
            tokens = tokenize_compounds(f"{named} — {tokens.text}")
    return _read_tokens(knowledge, tokens)


def _named_by(index: AliasIndex, tokens: Tokens, paste: _Paste) -> str | None:
    """The name a question pointing at `paste` ("which layer is this?") is about."""
    from bot.core.evidence import is_evidence, shown_in_paste  # noqa: PLC0415 - pastes only

    pasted = paste.tokens
    found = index.find_exact(pasted.words, set(), pasted.joined)
    found = [match for match in found if is_evidence(match, pasted)]
    # What the paste shows answers where it happens; the name it is of answers a question
    # about the thing, and any question its evidence leaves open.
    if _asks_about_a_thing(tokens.words):
        return _named_in_context(found, pasted.words)
    # A field label ("IP: 10.244.5.21") is no guess at what went wrong.
    return shown_in_paste(index, pasted, found) or _named_in_context(found, pasted.words, tool=True)


# A pasted context is searched this far for the name it uses most: a screenful of logs or
# config is a fair sample, and the bound keeps a 4,000-character paste cheap.
_MAX_CONTEXT_CHARS = 1000


class _Paste:
    """A message's context, tokenized once, when first needed, up to the bound."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def tokens(self) -> Tokens:
        return tokenize_compounds(self.text[:_MAX_CONTEXT_CHARS])


def _names_its_subject(index: AliasIndex, tokens: Tokens, paste: _Paste) -> bool:
    """Whether the asking part names what it asks about, so borrows nothing from the paste.

    A tool or concept ("it's L7, right?" names none; nor does "is this routing happening
    at L7?" with its everyday "routing"), or any name where the subject goes ("an http 503
    like that is L7, yes?"); a word the knowledge lacks where a question's subject goes
    ("does helm have a layer?", "what layer is a db deadlock?"), unless it points at the
    paste itself ("the log", "a policy like this"), at what is wrong in it ("which layer is
    broken?", "what layer is the problem in") or back at something the paste shows ("is
    the 503 coming from", "the drop" of a log that says DROPPED); or a layer the question is about
    ("what's the session layer for, does anything use it?"), not one it claims of the
    paste ("is it L7?") or offers as an answer ("which layer, 3 or 4?").
    """
    words = tokens.words[:_MAX_TOKENS]
    found = index.find_exact(words, set(), tokens.joined)
    if any(not _is_everyday(match, words) for match in found):
        return True
    named = {i for m in found for i in range(m.start, m.end)}
    mentions = find_layer_mentions(words, index.layer_names, named, joined=tokens.joined)
    subject, after_auxiliary = _subject_slot(words, named)
    if subject in named:
        return True
    if after_auxiliary and subject is not None and subject not in mentions.used:
        # Not "the log", nor "a policy like this": those are the paste.
        pointing = not DEICTIC.isdisjoint(words[subject + 1 : subject + 3])
        pasted = words[subject] in _PASTED or words[subject] in _TROUBLE
        if not pasted and not pointing and not _refers_back(words, subject, paste):
            return True
    if not mentions.numbers or _opens_yes_no(words) or _offers_layers(words):
        # "is it L7?", "does the transport layer handle this?": a claim about the paste;
        # "l4 or l7 — which is it?": a choice for it.
        return False
    first_named = min(i for i in mentions.used if words[i] not in _LAYER_QUESTION)
    pointing_at = [i for i, w in enumerate(words) if w in DEICTIC]
    if pointing_at:
        return first_named < pointing_at[0]  # "the session layer — does anything use it?"
    return words[_past_openers(words)] in _WH_WORDS  # "what does layer 6 do?"


# Words for what was pasted: "is the log from L7?" asks about the paste, as "this" does.
_PASTED = frozenset(
    "log logs output error errors trace traceback stacktrace config yaml manifest snippet "
    "paste dump capture message messages event events line lines".split()
)
# Words for what is wrong, which the paste shows: "which layer is *broken*?"
_TROUBLE = frozenset(
    "problem problems issue issues fault faults culprit bug bugs broken failing failure "
    "failures wrong".split()
)
# Words that point back at something already said: "*the* drop", "*that* 503".
_DEFINITE = frozenset("the this that these those".split())
# A word of the question is one of the paste's if it starts one of them this long or more:
# "the drop" and "DROPPED".
_SHARED_STEM = 4


def _refers_back(words: list[str], subject: int, paste: _Paste) -> bool:
    """Whether the subject, after "the" and the like, is something the paste shows: "is
    the 503 coming from", "the drop" (of "DROPPED"); not "the kafka broker", a name the
    paste may mention but no word of its own."""
    start = subject
    while start > 0 and (words[start - 1].isdigit() or words[start - 1] in STOPWORDS):
        start -= 1
        if words[start] in _DEFINITE:
            break
    if not start or words[start] not in _DEFINITE:
        return False
    said = paste.tokens.words
    for word in words[start + 1 : subject + 1]:
        if word.isdigit() and word in said:
            return True
        long_enough = is_english_word(word) and len(word) >= _SHARED_STEM
        if long_enough and any(w.startswith(word) for w in said):
            return True
    return False


# Words that may stand before a question's subject: "is *the* ...", "does *our* ...".
_DETERMINERS = frozenset("a an the my our your their his her some any".split())


def _subject_slot(words: list[str], named: set[int]) -> tuple[int | None, bool]:
    """The head of a question's subject, and whether an auxiliary stands before it.

    After the auxiliary, past determiners and the words of any question ("pod", "feature"):
    "does [helm] have a layer", "what osi layer is a [db] deadlock", "what layer is a
    feature [flag]"; none in "which layer does that happen at". The auxiliary must come
    first, or after the words that ask ("which osi layer", "so what"). Without one, the
    start of a statement: "an [http] 503 like that is L7, yes?".
    """
    start = _past_openers(words)
    while start < len(words) and words[start] in _WH_WORDS | _LAYER_QUESTION:
        start += 1
    after_auxiliary = start < len(words) and words[start] in AUXILIARIES
    start += after_auxiliary
    while start < len(words) and words[start] in _DETERMINERS:
        start += 1
    for at in range(start, len(words)):
        if words[at] in GRAMMAR:
            break
        if words[at] not in STOPWORDS and (at in named or _is_content(words[at])):
            return at, after_auxiliary
    return None, after_auxiliary


_LAYER_QUESTION = frozenset("osi layer layers level row rows".split())


def _past_openers(words: list[str]) -> int:
    """Where a question starts after "so", "ok", "quick question" and the like."""
    at = 0
    while at < len(words) - 1 and (words[at] in _OPENERS or words[at] in GREETINGS):
        at += 1
    return at


def _offers_layers(words: list[str]) -> bool:
    """ "which layer …", "what osi layer …", "l4 or l7?": the layers named are answers
    offered, not the subject."""
    if "which" in words or "or" in words or (words and words[-1] in _LAYER_QUESTION):
        return True
    return any(
        w in _LAYER_QUESTION and (words[i - 1] in _WH_WORDS or words[i - 1] == "osi")
        for i, w in enumerate(words[1:], 1)
    )


def _a_name_itself(word: str) -> bool:
    """Whether a word stressed by "itself" is a name ("prometheus itself"), not a pointer
    or a word for what happens ("the resending itself")."""
    return (
        word not in DEICTIC and word not in STOPWORDS and not word.endswith(("ing", "ion", "ions"))
    )


def _points_at_context(words: list[str]) -> bool:
    """ "which layer is *this*?", or a question of filler words only ("which layer are we
    even talking about") — not one with a name of its own, known or not ("…kafka?")."""
    following = [*words[1:], ""] if words else []
    pairs = list(zip(words, following, strict=True))
    if any(
        n in _STRESSING and _a_name_itself(w) and (at == 0 or words[at - 1] not in DEICTIC)
        for at, (w, n) in enumerate(pairs)
    ):
        return False  # "which osi layer would prometheus itself be": its own subject
    if any(w in DEICTIC and n not in _TIMES for w, n in pairs):
        return True  # "which layer is this?", not "who's on call this weekend"
    if len(words) > _FEW_WORDS and _ASKING_FOR_A_PLACE.isdisjoint(words):
        return False  # "who's on call this weekend, i need to swap saturday?" asks of no paste
    return all(w in STOPWORDS or w in GREETINGS or w.isdigit() or is_english_word(w) for w in words)


# "this weekend", "that time": a deictic word before these points at a time, not the paste.
_TIMES = frozenset(
    "morning afternoon evening night week weekend month year quarter sprint time release".split()
)
_FEW_WORDS = 4


# Words that ask about a thing the paste is of, not about what it shows went wrong: "which
# layer is this *thing* at", "what layer does *it* work at".
_A_THING = frozenset(
    "it its they them thing things component components tool tools stuff software".split()
)


def _asks_about_a_thing(words: list[str]) -> bool:
    """Whether the question asks where the thing the paste is of sits ("which layer is
    this thing even at", "a proxy like this", "where does that sit"), which the paste's
    own name answers; not where what it shows happens ("which layer is this?" after a
    capture, "what layer is the problem in"), which its evidence answers."""
    if not _A_THING.isdisjoint(words):
        return True
    return any(
        (first == "like" or first in AUXILIARIES) and second in DEICTIC
        for first, second in pairwise(words)
        if first not in {"is", "are", "s"}
    )


def _named_in_context(found: list[Match], words: list[str], *, tool: bool = False) -> str | None:
    """The name the context is about, of those `found` in it (which are evidence of
    something, `bot.core.evidence.is_evidence`): a tool before a concept, then a manifest's
    kind, then the first one named ("kube-proxy on node-3 is acting up, logs:
    …conntrack…" is about kube-proxy); never an everyday word ("node IPs" in a kube-proxy
    log is not it).

    A tool named by a common word counts here: a paste being asked about is technical.
    With `tool`, only a tool is named.
    """
    seen: dict[str, tuple[bool, bool, int]] = {}  # name -> (a tool, a kind:, -position)
    for match in found:
        entry = match.target.entry
        if entry.name in seen or _is_everyday(match, words):
            continue
        # "kind: HTTPRoute" says what a manifest is, before its apiVersion's group does.
        kind = match.start > 0 and words[match.start - 1] == "kind"
        seen[entry.name] = (entry.kind is EntryKind.TOOL, kind, -match.start)
    named = max(seen, key=seen.__getitem__) if seen else None
    return None if named is None or (tool and not seen[named][0]) else named


def _read_tokens(knowledge: Knowledge, tokens: Tokens) -> Reading:
    words = tokens.words[:_MAX_TOKENS]
    opens_yes_no = _opens_yes_no(words)
    # "geneve - layer 3?" may name a layer bare ("is metallb transport"), so it is read so.
    ends_asking = bool(words) and tokens.clause[len(words) - 1] in tokens.questions
    yes_no_shaped = opens_yes_no or (ends_asking and words[0] not in _WH_WORDS)
    index = knowledge.index
    layer_words = find_layer_mentions(words, index.layer_names, set(), joined=tokens.joined)
    exact = [
        _vouched(m, words, index.layer_names) for m in index.find_exact(words, set(), tokens.joined)
    ]
    # A thing with no layer of its own vouches for no neighbour: "switch namespaces".
    claimed = layer_words.used | {
        i for m in exact if m.target.entry.layers for i in range(m.start, m.end)
    }
    claimed |= {m.start - 1 for m in exact if _its_layer_before(m, words, index.layer_names)}
    places = bool(layer_words.used) or asks_where(words, tokens)  # names a layer, asks where
    about_networking = places or not _NETWORK_CONTEXT.isdisjoint(words)
    asks = bool(tokens.questions) or opens_yes_no or (bool(words) and words[0] in _WH_WORDS)
    context = _Context(
        claimed, about_networking, places, words, exact, asks, _asking_parts(tokens, words)
    )
    matches = [m for m in exact if _credible(m, words, context)]
    matches += _shared_heads(index, words, matches)
    if not any(m.target.entry.kind is EntryKind.TOOL for m in matches):
        # A misspelt tool is the subject even beside an exact concept ("genev tunnels");
        # a word known exactly, even one set aside as everyday, is no one's typo.
        taken = {i for m in exact for i in range(m.start, m.end)}
        typo = index.find_typo(words, taken | layer_words.used, tokens.joined)
        if typo and (not matches or typo.target.entry.kind is EntryKind.TOOL):
            matches.append(typo)
    parts = _without_wholes(matches, words)
    # A whole beside its part ("a NetworkPolicy egress rule") is no unknown word either.
    wholes = {i for m in matches if m not in parts for i in range(m.start, m.end)}
    matches = parts
    # "the http layer", "the tcp layer": a one-layer concept before "layer" names its layer.
    naming_layers = [m for m in matches if _names_its_layer(m, tokens)]
    matches = [m for m in matches if m not in naming_layers]
    named = frozenset(i for m in matches for i in range(m.start, m.end))
    used = set(named) | wholes | {i for m in naming_layers for i in range(m.start, m.end + 1)}
    # Names take their words first ("transport layer security" is TLS, not layer 4).
    mentions = layer_words
    if used:
        placed = placed_things(matches)
        mentions = find_layer_mentions(
            words,
            index.layer_names,
            used,
            bare_names=yes_no_shaped,
            joined=tokens.joined,
            placed=placed,
        )
        # A thing a layer is placed next to ("the one above the cables", "the layer just
        # above the physical cables") is not asked about.
        matches = [
            m
            for m in matches
            if m.start not in mentions.used
            and not (
                mentions.numbers
                and m.start - 1 in mentions.used
                and m.start in placed
                and placed[m.start][0] not in mentions.numbers
            )
        ]
    elif about_networking and not layer_words.numbers:
        # Nothing named, the talk is of clusters and pods: a layer's own name is the layer
        # ("the physical bits in a cluster"), but not the everyday "network" or "app".
        names = {k: n for k, n in index.layer_names.items() if k not in _TOO_COMMON_LAYER_NAMES}
        mentions = find_layer_mentions(words, names, set(), bare_names=True, joined=tokens.joined)
    for m in naming_layers:
        mentions.add(m.target.entry.layers[0], *range(m.start, m.end + 1))
    used |= mentions.used
    if mentions.numbers:
        # A known name set aside as an everyday word is still no unknown word: "physical
        # nic, what layer" asks about the physical layer, not about a "nic" it never heard of.
        used |= {i for m in exact if m not in matches for i in range(m.start, m.end)}
    unknown_at = [
        i
        for i, word in enumerate(words)
        if i not in used and _is_content(word) and word not in HELP_WORDS
    ]
    repeated = said_twice(matches)
    ranked = sorted(matches, key=lambda m: _subject_rank(m, words, tokens, named, repeated))
    return Reading(
        tokens=tokens,
        matches=ranked,
        subjects=_subjects(ranked, words, tokens, named, mentions.used),
        generic=all(_is_everyday(m, words) or set_aside(m, words, named) for m in ranked),
        mentions=mentions,
        unknown=[words[i] for i in unknown_at],
        unknown_at=unknown_at,
        unknown_runs=_unknown_runs(unknown_at, words, tokens),
        opens_yes_no=opens_yes_no,
        yes_no_shaped=yes_no_shaped,
    )


_AND_OR = frozenset(("and", "or"))
_BECAUSE = frozenset("because cause cuz coz bc".split())
_LAYER_WORD = frozenset(("layer", "layers", "level"))
_PAIRING = COPULAS | {"at"}  # "metallb is l4", "envoy at l7"
_ADDING = frozenset("and also plus".split())  # "And the fiber cabling?" asks on
_MODE = frozenset(("mode", "modes"))
_FINE = frozenset("fine ok okay healthy".split())
# What another name works by or for: "mtls with istio", "… for the bare-metal pods".
_MEANS = frozenset("with using via through for".split())
# "compare A with B", "A compared to B": B is the other thing compared, not A's means.
_COMPARED = frozenset("compare compared compares comparing comparison".split())
_PARTNER = frozenset({"with", "to", "against", "and"})
_SETS_BESIDE = frozenset("same vs versus than compared unlike".split())
# A whole named this close to one of its parts is that part's: "a Gateway API TCPRoute",
# "svc of type LoadBalancer".
_PART_REACH = 3


def _its_layer_before(match: Match, words: list[str], layer_names: Mapping[str, int]) -> bool:
    """ "the physical nic": the name of a layer the thing works at, right before it."""
    before = words[match.start - 1] if match.start else ""
    return layer_names.get(before) in match.target.entry.layers


def _vouched(match: Match, words: list[str], layer_names: Mapping[str, int]) -> Match:
    """A name that is also an everyday word ("nic") is the thing after its own layer's
    name ("the physical nic")."""
    if match.target.everyday and _its_layer_before(match, words, layer_names):
        return match._replace(target=match.target._replace(everyday=False))
    return match


def _without_wholes(matches: list[Match], words: list[str]) -> list[Match]:
    """The names found, less any whole (the knowledge's `part_of`) written beside one of
    its parts: "nodeport svc" is a NodePort Service, not also every Service; but "gateway
    api vs tcproute" sets them side by side."""

    def beside_a_part(whole: Match) -> bool:
        for part in matches:
            if whole.target.entry.name not in part.target.entry.part_of:
                continue
            between = words[min(part.end, whole.end) : max(part.start, whole.start)]
            if len(between) <= _PART_REACH and _JOINING.isdisjoint(between):
                return True
        return False

    return [m for m in matches if not beside_a_part(m)]


def _asks_origin(words: list[str], clause: list[int]) -> bool:
    """Whether the words from a "where" ask where something came from: "where's it from?",
    with "from" ending the clause; not "where is the request from envoy terminated"."""
    end = next(
        at for at in range(len(words)) if at + 1 == len(words) or clause[at + 1] != clause[at]
    )
    return words[end] == "from"


def asks_where(words: list[str], tokens: Tokens) -> bool:
    """Whether the message asks where something is ("where does envoy sit", "envoy, where
    is it"), which is talk of placing it; not a "where" that joins a clause ("a book
    where the king sends an envoy")."""
    for at, word in enumerate(words):
        if word != "where":
            continue
        if _asks_origin(words[at:], tokens.clause[at:]):
            continue  # "where's it from?" asks where a thing came from
        following = words[at + 1] if at + 1 < len(words) else ""
        if at == 0 or tokens.clause[at] != tokens.clause[at - 1] or following in AUXILIARIES:
            return True
        if following in {"s", "would"} or not following:
            return True
    return False


_GLUED_LAYER = re.compile(r"^l[1-7]$")
_SHARING = frozenset({"vs", "versus", "or", "and"})


def _shared_heads(index: AliasIndex, words: list[str], matches: list[Match]) -> list[Match]:
    """ "l4 vs l7 load balancing" is "l4 load balancing" vs "l7 load balancing": the
    names the first layer makes with the words the second one's name shares."""
    found: list[Match] = []
    for match in matches:
        start = match.start
        if start < 2 or not _GLUED_LAYER.match(words[start]) or match.end - start < 2:
            continue
        if words[start - 1] not in _SHARING or not _GLUED_LAYER.match(words[start - 2]):
            continue
        if any(other.start < start - 2 for other in matches):
            continue  # "is haproxy an l4 or l7 load balancer?" asks about HAProxy
        layer = int(words[start - 2][1])
        other = [words[start - 2], *words[start + 1 : match.end]]
        for named in index.find_exact(other, set(), frozenset()):
            # "l4 load balancing" may be one name, or "load balancing" at layer 4.
            if named.end == len(other) and (named.start == 0 or layer in named.target.entry.layers):
                found.append(named._replace(start=start - 2, end=start - 1))
                break
    return found


def _names_its_layer(match: Match, tokens: Tokens) -> bool:
    entry, words = match.target.entry, tokens.words
    if (
        match.end >= len(words)
        or tokens.text[tokens.spans[match.end - 1][1] : tokens.spans[match.end][0]].strip()
    ):
        return False  # "the node's nic, layer?" asks about the NIC
    return (
        entry.kind is EntryKind.CONCEPT
        and len(entry.layers) == 1
        and match.target.layer is None
        and match.end < len(words)
        and words[match.end] == "layer"
        and match.end + 1 not in tokens.joined  # "dns vs tcp layer-wise" compares the two
        # "is gre layer 2?" asks about GRE.
        and not (match.end + 1 < len(words) and is_layer_number(words[match.end + 1]))
    )


def _opens_yes_no(words: list[str]) -> bool:
    opening = [w for w in words if w not in GREETINGS and w not in _OPENERS][:1]
    if opening and opening[0] in AUXILIARIES:
        return True
    # "cilium is L2, right?", and the tag "…, isn't it" / "…, is it" / "…, aren't they".
    # Not "— which is it?", which asks which.
    tagged = (
        len(words) > 2
        and words[-1] in _TAG_PRONOUNS
        and _WH_WORDS.isdisjoint(words[-5:-2])  # nor "like which layer is it"
    )
    tag = bool(words) and words[-1] in _TAG_QUESTION
    if tag and len(words) > 1 and words[-2] in _RIGHT_AS_ADJECTIVE:
        tag = words[-1] != "right"  # "who's right", "want to get it right": no tag question
    return tag or (tagged and not AUXILIARIES.isdisjoint(words[-3:-1]))


# Before these, "right" is what something is, not a tag asking for agreement.
_RIGHT_AS_ADJECTIVE = frozenset("who s it is are was were be get got am thing that".split())


def _is_content(word: str) -> bool:
    # Numbers are versions, counts and "like I'm 5", not things the bot should know, nor
    # are ordinals ("the 7th").
    return (
        word not in STOPWORDS
        and word not in GREETINGS
        and not word.isdigit()
        and not _ORDINAL.fullmatch(word)
    )


_ORDINAL = re.compile(r"[0-9]+(?:st|nd|rd|th)")


def _is_everyday(match: Match, words: list[str]) -> bool:
    """A name that is also an ordinary word: marked in the knowledge, or a one-word
    concept alias that is common English ("frame", "tunnel", "mesh")."""
    if match.target.everyday:
        return True
    return match.target.entry.kind is EntryKind.CONCEPT and _is_one_english_word(match, words)


def _is_common_word_tool(match: Match, words: list[str]) -> bool:
    """A tool whose name is also a common English word: "envoy", "flannel", "contour"."""
    return (
        match.target.entry.kind is EntryKind.TOOL
        and not match.target.everyday
        and _is_one_english_word(match, words)
    )


_POINTING_DETERMINERS = _DETERMINERS | {"that", "this"}
_POINTING = frozenset({"that", "this", "those", "these"})
_STRESSING = frozenset({"itself", "themselves"})  # "is the hpa *itself* at some layer"


def _the_noun_of(match: Match, words: list[str], claimed: set[int]) -> bool:
    """ "the contour of that graph", "my certificate of completion": a determiner before
    and "of" after make the name a common noun with its complement, unless that names a
    thing ("the certificate of the ingress"); a tool is "x's envoy", not "the envoy of x"."""
    before, after = match.start - 1, match.end
    if before < 0 or words[before] not in _DETERMINERS or words[after : after + 1] != ["of"]:
        return False
    complement = after + 1
    while complement < len(words) and words[complement] in _POINTING_DETERMINERS:
        complement += 1
    return complement < len(words) and complement not in claimed


def _the_word_here(match: Match, words: list[str], context: _Context) -> bool:
    """Whether the grammar around a name makes it the ordinary word: "the contour of that
    latency graph", "my certificate of completion"."""
    return _the_noun_of(match, words, context.claimed) and _is_one_english_word(match, words)


def _one_of_a_kind(match: Match, words: list[str]) -> bool:
    """Whether a tool's one-word name is counted as a thing of a kind, "a cilium is…",
    "an envoy was sent": a product takes no "a" unless it names another noun after it
    ("a haproxy instance", "a calico thing")."""
    return (
        match.target.entry.kind is EntryKind.TOOL
        and match.end - match.start == 1
        and match.start > 0
        and words[match.start - 1] in {"a", "an"}
        and (match.end == len(words) or words[match.end] in GRAMMAR)
    )


def _is_one_english_word(match: Match, words: list[str]) -> bool:
    return match.end - match.start == 1 and is_english_word(words[match.start])


def _networking_besides(span: set[int], context: _Context) -> bool:
    """Whether the talk is of networking beyond the everyday name itself: "who ate my
    packet of crisps" speaks of a packet, not of networks."""
    if context.places:
        return True
    return any(w in _NETWORK_CONTEXT for i, w in enumerate(context.words) if i not in span)


class _Context(NamedTuple):
    claimed: set[int]  # positions that name a thing or a layer
    about_networking: bool  # the question speaks of layers, packets, pods...
    places: bool  # it names a layer or asks where something is
    words: list[str]
    exact: list[Match]  # every name found, credible or not
    asks: bool  # a question mark, or opened like a question
    # For each asking part of the message ("…, any plumbers here?"): its [start, end).
    asking: list[tuple[int, int]]

    def about_infrastructure(self, besides: range) -> bool:
        """Whether words other than those in `besides` speak of running systems or name a
        specific tool (not one that is also an everyday word)."""
        if self.about_networking:
            return True
        words = self.words
        if any(w in _INFRASTRUCTURE for i, w in enumerate(words) if i not in besides):
            return True
        return any(
            m.start not in besides
            and not _is_everyday(m, words)
            and not _is_common_word_tool(m, words)
            for m in self.exact
        )


def _with_its_pair(match: Match, words: list[str]) -> range:
    """The name and a word joined to it by "and"/"or" ("ingress and egress points"): a
    pair is one phrase, and its other half vouches for nothing."""
    start, end = match.start, match.end
    if end + 1 < len(words) and words[end] in _AND_OR:
        end += 2
    if start >= 2 and words[start - 1] in _AND_OR:
        start -= 2
    return range(start, end)


def _credible(match: Match, words: list[str], context: _Context) -> bool:
    """Whether an everyday word names the thing here.

    A tool named by an English word ("envoy", "flannel") is the tool wherever the message
    is about infrastructure, or when it stands alone ("calico?", "we run flannel"); in
    other prose it is the word ("an envoy to the summit", "flannel pyjamas"). A concept's
    ordinary word, or a name the knowledge marks as everyday, must also not sit inside
    another noun phrase ("picture frame", "tunnel vision", "react router").
    """
    span = set(range(match.start, match.end))
    if _glossed_as_itself(match, words):
        return True  # "skipper (zalando's http router / ingress)"
    if _prose_about_something_else(match, words, context) or _the_word_here(match, words, context):
        return False
    if match.target.entry.kind is EntryKind.TOOL and not match.target.everyday:
        # Cheap answers first: most questions settle it without the word list.
        if context.about_networking:
            return True
        # Words of another script are another language, not English prose around the name.
        english = [w if w.isascii() else "a" for w in words]  # "a": filler
        alone = all(i in span or not _is_content(w) for i, w in enumerate(english))
        if alone and _has_no_content_neighbour(match, english, context):
            return True
        if context.about_infrastructure(range(match.start, match.end)):
            return True
        if _is_common_word_tool(match, words):
            return False
        return context.asks or not _in_prose(match, english, context)
    if not _is_everyday(match, words):
        # A concept's specific name in an everyday statement is the word: "the tide's
        # ingress flooded the harbour road".
        if match.end - match.start > 1 or context.about_networking or context.asks:
            return True
        pair = _with_its_pair(match, words)
        if context.about_infrastructure(pair):
            return True
        return not _in_prose(match._replace(start=pair.start, end=pair.stop), words, context)
    alone = all(i in span or not _is_content(w) for i, w in enumerate(words))
    if not _has_no_content_neighbour(match, words, context):
        return False
    if match.target.entry.no_layer is not None and not context.places:
        return alone  # "how do I switch namespaces in kubectl" asks nothing of layers
    return alone or (context.about_networking and _networking_besides(span, context))


_GLOSS_WORDS = 2  # words of its own summary that make an everyday word the thing


def _glossed_as_itself(match: Match, words: list[str]) -> bool:
    """Whether the message describes the thing in its own summary's words: "skipper
    (zalando's http router / ingress)" is Zalando's HTTP router, not a boat's captain."""
    summary = {w for w in tokenize(match.target.entry.summary) if _is_content(w)}
    said = {w for i, w in enumerate(words) if not match.start <= i < match.end}
    if len(summary & said) < _GLOSS_WORDS:
        return False
    return match.target.everyday or is_english_word(words[match.start])


# A statement this long, about nothing technical, is prose: "calico kittens up for
# adoption" is about cats, though "calico" is no common English word.
_PROSE_WORDS = 3
# Words that ask for a place or a layer, not about a thing of their own.
_ASKING_FOR_A_PLACE = frozenset(
    "what which where whats wheres layer layers osi level row rows".split()
)
# Marks that end one part of a sentence and start another: "…, any plumbers here?"
_PART_BREAKS = frozenset(",;:()\u2014\u2013")


def part_starts(tokens: Tokens, count: int) -> list[int]:
    """Where each part of the first `count` words starts: the first word, and each word
    after a clause end, comma, colon, bracket or dash."""
    breaks = [
        at
        for at in range(1, count)
        if tokens.clause[at] != tokens.clause[at - 1] or breaks_apart(tokens, at)
    ]
    return [0, *breaks] if count else []


def breaks_apart(tokens: Tokens, at: int) -> bool:
    """Whether a comma, colon, bracket or dash stands between word `at` and the one before."""
    between = tokens.text[tokens.spans[at - 1][1] : tokens.spans[at][0]]
    return not _PART_BREAKS.isdisjoint(between) or " - " in between


def _asking_parts(tokens: Tokens, words: list[str]) -> list[tuple[int, int]]:
    """The parts of the message that ask: the last part of each question (split at commas,
    dashes and the like), and any part opened by a question word or an auxiliary."""
    if not words:
        return []
    starts = part_starts(tokens, len(words))
    parts = list(zip(starts, [*starts[1:], len(words)], strict=True))
    asking = []
    for start, end in parts:
        last_of_question = tokens.clause[end - 1] in tokens.questions and (
            end == len(words) or tokens.clause[end] != tokens.clause[end - 1]
        )
        opened = words[start] in _WH_WORDS or words[start] in AUXILIARIES
        if last_of_question or opened:
            asking.append((start, end))
    return asking


def _prose_about_something_else(match: Match, words: list[str], context: _Context) -> bool:
    """A name with an everyday sense in a message about nothing technical that says or
    asks something else: "the emissary from the platform team came by", "an ingress of
    rainwater under the door, any plumbers here?", "load balancing my weekend". A coined
    name ("istio") is a name anywhere; a short message ("we run flannel") or one that asks
    about the name ("is calico a good choice for a startup?") keeps it."""
    span = range(match.start, match.end)
    if context.about_infrastructure(span):
        return False
    after = words[match.end] if match.end < len(words) else ""
    # "my cat is a calico", "an emissary to the king": a thing, not the tool.
    article = match.start > 0 and words[match.start - 1] in {"a", "an"}
    article = article and not (after and _is_content(after))
    others = [w for i, w in enumerate(words) if i not in span and _is_content(w)]
    if not article and len(others) < _PROSE_WORDS:
        return False  # too short to be prose; and no word list is read for it
    if not all(has_everyday_sense(words[i]) for i in span):
        # A coined name takes "a" only as one of a kind: "a cilium is a tiny hair".
        return _one_of_a_kind(match, words)
    if article:
        return True
    if sum(is_english_word(w) for w in others) < _PROSE_WORDS:
        return False
    if _inside_a_phrase(match, words, context):
        return True  # "ip67 means dust and water ingress protection right?"
    return not any(_asks_about(match, part, words) for part in context.asking)


def _inside_a_phrase(match: Match, words: list[str], context: _Context) -> bool:
    """Whether English words on both sides make the name part of another phrase: "water
    ingress protection"."""
    neighbours = _content_neighbours(match, words, context)
    return len(neighbours) == 2 and all(w.isalpha() and is_english_word(w) for w in neighbours)


def _asks_about(match: Match, part: tuple[int, int], words: list[str]) -> bool:
    """Whether an asking part is about the name: it holds it, or asks nothing of its own
    ("…, what layer?", "…, what is it")."""
    start, end = part
    if start <= match.start < end:
        return True
    asked = words[start:end]
    if "where" in asked and asked[-1] == "from":
        return False  # "…, where's it from?" asks where a thing came from
    return all(not _is_content(w) or w in _ASKING_FOR_A_PLACE for w in asked)


def _in_prose(match: Match, words: list[str], context: _Context) -> bool:
    """Whether a name sits in an everyday statement: among several words, none of them
    technical, and next to a word it forms a phrase with ("calico cat")."""
    content = [w for w in words if _is_content(w)]
    if len(content) < _PROSE_WORDS:
        return False
    return any(word.isalpha() for word in _content_neighbours(match, words, context))


def _has_no_content_neighbour(match: Match, words: list[str], context: _Context) -> bool:
    return not _content_neighbours(match, words, context)


def _content_neighbours(match: Match, words: list[str], context: _Context) -> list[str]:
    """The words right before and after the name that are content, not other names, nor
    identifiers with digits ("the physical eth0 nic": "eth0" is no prose around "nic")."""
    return [
        words[i]
        for i in (match.start - 1, match.end)
        if 0 <= i < len(words)
        and i not in context.claimed
        and _is_content(words[i])
        and not any(c.isdigit() for c in words[i])
    ]


# Unknown words this far apart (in filler words) are one phrase: "weather in berlin".
_MAX_GAP = 2


def _unknown_runs(unknown_at: list[int], words: list[str], tokens: Tokens) -> list[tuple[int, int]]:
    """The unknown words as the phrases they were typed in, longest first.

    A phrase spans filler words between unknown ones ("weather in berlin") and the parts
    of a hyphenated word ("node-problem-detector", though "node" alone is filler).
    """
    runs: list[list[int]] = []
    for at in unknown_at:
        if runs:
            last = runs[-1][1]
            gap = range(last, at)
            same_clause = tokens.clause[at] == tokens.clause[last - 1]
            filler = all(not _is_content(words[i]) or i in tokens.joined for i in gap)
            if same_clause and len(gap) <= _MAX_GAP and filler:
                runs[-1][1] = at + 1
                continue
        runs.append([at, at + 1])
    for run in runs:
        while run[0] in tokens.joined and run[0] > 0:
            run[0] -= 1
        while run[1] < len(words) and run[1] in tokens.joined:
            run[1] += 1
    ordered = sorted(runs, key=lambda run: (run[0] - run[1], run[0]))
    return [(start, end) for start, end in ordered]


def set_aside(match: Match, words: list[str], named: frozenset[int]) -> bool:
    """Whether a word before the name sets it aside ("not flannel", "without the URL"),
    looking back a few words but never past another name ("not envoy — what about
    haproxy?" sets aside envoy only), or the words after it say it works, before a "but"
    ("tcp connects fine but the tls handshake dies")."""
    if match.start and words[match.start - 1] == "no" and match.start - 1 not in named:
        return True  # "flannel in host-gw mode (no vxlan)"
    for at in range(match.start - 1, max(-1, match.start - 1 - _SET_ASIDE_REACH), -1):
        if at in named:
            return False
        if words[at] in _SET_ASIDE:
            return True
    # "tcp connects fine but then the tls handshake dies": what works is not the question.
    after = words[match.end : match.end + _SET_ASIDE_REACH]
    return not _FINE.isdisjoint(after) and "but" in words[match.end :]


def _qualifies(match: Match, words: list[str], named: frozenset[int]) -> bool:
    """Whether the name only says how another one works: a mode ("kube-proxy in iptables
    mode", "metallb's bgp mode"), what it is built on ("contour, the envoy-based ingress
    controller") or, after another name, the means or the purpose ("mtls
    between pods with istio", "encryption using wireguard", "macvlan vs flannel for the
    bare-metal pods")."""
    if not any(at < match.start - 1 for at in named):
        return False  # alone, it is the subject: "iptables mode, which layer"
    # "in iptables mode", "in ebpf dataplane mode": the mode word at most one word on;
    # "an envoy-based ingress controller": what another is built on.
    mode = not _MODE.isdisjoint(words[match.end - 1 : match.end + 2])
    mode = mode or words[match.end : match.end + 1] in (["based"], ["powered"], ["backed"])
    before = match.start - 1
    while before > 0 and words[before] in _DETERMINERS:
        before -= 1  # "with the mesh", "for the bare-metal pods"
    if before > 1 and before not in named and words[before - 1] in _DETERMINERS | _MEANS:
        before -= 1  # one word describing it: "for the secondary nics"
        while before > 0 and words[before] in _DETERMINERS:
            before -= 1
    first = min(named)
    if words[before] in _PARTNER and not _COMPARED.isdisjoint(words[:first]):
        return False  # "compare geneve with ipsec": the other one compared
    # "is cilium higher because ebpf": the reason given; "metallb does arp in l2 mode":
    # what the name before the verb does.
    done = before - 1 in named and _an_act(words[before])
    return mode or done or words[before] in _MEANS | _BECAUSE


def _an_act(word: str) -> bool:
    """A verb in the third person, saying what a thing does: "does", "speaks", "answers"."""
    return word == "does" or (
        word.endswith("s") and word not in GRAMMAR and is_english_word(word[:-1])
    )


def _subjects(
    ranked: list[Match],
    words: list[str],
    tokens: Tokens,
    named: frozenset[int],
    layer_words: set[int],
) -> list[Match]:
    """Every name asked about beside the first: in its clause, not set aside, not an
    everyday word, once each.

    "where do traefik and cert-manager each sit" asks about both; "we use calico. is
    istio L7?", "not flannel, what about cilium?" and "which layer routes on http
    headers" (where "routes" is the verb) about one.
    """
    if not ranked:
        return []
    first = ranked[0]
    clause = tokens.clause[first.start]
    # A concept beside a tool is usually what the tool is ("flannel as our CNI", "calico
    # network policy"): it is a subject of its own only when the question joins them, by
    # comparing or by an "and"/"or" between the two ("is flannel the simplest cni? and
    # what layer is it" joins two questions, not two names).
    compares = not (_JOINING - _AND_OR).isdisjoint(words)
    if stressed(first, words) and not compares:
        return [first]  # "kube-router replaces kube-proxy, but what layer is kube-router itself"

    def joined(match: Match) -> bool:
        between = words[min(first.end, match.end) : max(first.start, match.start)]
        return compares or not _AND_OR.isdisjoint(between)

    # A clause that sets another name beside the first ("traefik is l4 right? same as
    # metallb") or adds one to the question ("… MetalLB or VXLAN? And the fiber cabling?").
    comparing = {tokens.clause[at] for at, word in enumerate(words) if word in _SETS_BESIDE}
    comparing |= {
        tokens.clause[at]
        for at, word in enumerate(words)
        if word in _ADDING
        and (at == 0 or tokens.clause[at - 1] != tokens.clause[at])
        and tokens.clause[at] in tokens.questions
    }
    # "ingress = l7, service type LoadBalancer = l4, right?": clauses that each pair a name
    # with its own layer set the names side by side.
    paired = {tokens.clause[m.start] for m in ranked if _paired_with_a_layer(m, words, layer_words)}
    if clause not in paired:
        paired = set()
    comparing |= paired
    several = _asks_of_several(words)
    tools = {m.end for m in ranked if m.target.entry.kind is EntryKind.TOOL}
    ends = {m.end for m in ranked}
    chosen: dict[str, Match] = {}
    for match in sorted(ranked, key=lambda m: m.start):
        # "its virtualservice routing rules", "the metallb svc": a concept right after a
        # tool, or a phrase right after any name, is that one's; "tls mtls" are two.
        phrase = match.end - match.start > 1 and match.start in ends
        follows = match.target.entry.kind is EntryKind.CONCEPT and (match.start in tools or phrase)
        asked = match is first or (
            not follows
            and (
                several
                or tokens.clause[match.start] == clause
                or tokens.clause[match.start] in comparing
            )
            and not set_aside(match, words, named)
            and not _is_everyday(match, words)
            and (several or not _qualifies(match, words, named))
            and (
                joined(match)
                or match.target.entry.kind is EntryKind.TOOL
                or (bool(paired) and _paired_with_a_layer(match, words, layer_words))
            )
        )
        if asked:
            chosen.setdefault(match.target.entry.name, match)
    return list(chosen.values())


_THE_FEW = frozenset("the those these".split())
_FEW = frozenset("two three both".split())
_THEM = frozenset("them those these the".split())


def _asks_of_several(words: list[str]) -> bool:
    """Whether the question asks about every thing it named: "which of the two is
    higher", "is emissary the higher of those two?", "which layer does each of those
    belong to"."""
    return any(
        (word in _THE_FEW and following in _FEW)
        or (word in {"each", "both", "which"} and following == "of" and after in _THEM)
        for word, following, after in zip(words, words[1:], [*words[2:], ""], strict=False)
    )


def _paired_with_a_layer(match: Match, words: list[str], layer_words: set[int]) -> bool:
    """Whether a layer follows the name at once ("ingress = l7", "metallb is l4")."""
    after = match.end + (match.end < len(words) and words[match.end] in _PAIRING)
    if after >= len(words) or after not in layer_words:
        return False
    # A bare "layer" ("sticky sessions on a service, layer?") asks; "layer 4" pairs.
    return words[after] not in _LAYER_WORD or after + 1 in layer_words


def stressed(match: Match, words: list[str]) -> bool:
    """Whether the question stresses this name as the one it asks about: "is the hpa
    *itself* at some layer", "what osi layer is kube-router itself", "…and got a 34.x ip —
    what osi layer is *that* lb?"."""
    if match.end < len(words) and words[match.end] in _STRESSING:
        return True
    start = match.start
    if _asked_for_last(match, words):
        return True
    return (
        start >= 2  # a verb and "that" before the name
        and words[start - 1] in _POINTING
        and (words[start - 2] in AUXILIARIES or words[start - 2] == "s")
        and not _is_everyday(match, words)  # "is that routing happening at" points back
        # The question ends with it: "is that calico or flannel?" asks about both.
        and not any(_is_content(word) for word in words[match.end :])
    )


_ASKING_WHERE = frozenset("layer layers level where".split())


def _asked_for_last(match: Match, words: list[str]) -> bool:
    """ "envoy uses tls, what layer is tls?", "…, so where is kube-proxy": a question
    that ends asking where its last name sits, after others."""
    start = match.start
    return (
        start >= 2
        and words[start - 1] in COPULAS
        and words[start - 2] in _ASKING_WHERE
        and not any(_is_content(word) for word in words[match.end :])
    )


def said_twice(matches: list[Match]) -> set[str]:
    """The things a message names twice, apart ("tunnels between nodes so the overlay
    works…"): the talk is about them. Two names side by side ("clientip stickiness") are
    one mention."""
    ends: dict[str, list[tuple[int, int]]] = {}
    for m in sorted(matches, key=lambda m: m.start):
        ends.setdefault(m.target.entry.name, []).append((m.start, m.end))
    return {
        name
        for name, spans in ends.items()
        if any(later[0] > earlier[1] for earlier, later in pairwise(spans))
    }


def _subject_rank(
    match: Match, words: list[str], tokens: Tokens, named: frozenset[int], repeated: set[str]
) -> tuple[int, ...]:
    """Sort key: the name the question is about comes first.

    Not a name set aside ("forget metallb, what about cilium?"); one in the clause that
    asks ("We use calico. Is istio L7?"); a one-facet phrase ("istio mtls"); a tool before
    a concept; a specific name before an everyday word; then the order written.
    """
    aside = set_aside(match, words, named) or _qualifies(match, words, named)
    clause = tokens.clause[match.start]
    asking = tokens.questions or {max(tokens.clause, default=0)}
    outside_question = clause not in asking
    return (
        aside,
        outside_question,
        not stressed(match, words),
        match.target.entry.name not in repeated,
        match.target.layer is None,
        match.target.entry.kind is not EntryKind.TOOL,
        _is_everyday(match, words),
        match.start,
    )
