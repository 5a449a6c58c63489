"""Whether a name found in a message names the thing there: "calico?" and "calico in prod"
do, "calico kittens up for adoption" does not."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from bot.core.knowledge import EntryKind
from bot.core.lexicon import (
    english_with_s,
    has_everyday_sense,
    is_common_short_word,
    is_english_word,
)
from bot.core.question_shape import AND_OR, DETERMINERS, WH_WORDS, is_content
from bot.core.text import tokenize
from bot.core.vocabulary import AUXILIARIES, GRAMMAR

if TYPE_CHECKING:
    from collections.abc import Callable, Container

    from bot.core.knowledge import Entry
    from bot.core.matching import Match
    from bot.core.text import Tokens

__all__ = [
    "ASKING_FOR_A_PLACE",
    "NETWORK_CONTEXT",
    "OBJECT_NOUNS",
    "Context",
    "asking_parts",
    "breaks_apart",
    "credible",
    "heads_a_noun",
    "is_everyday",
    "part_starts",
    "ranked_against",
]


# Words that show a question is about networking, so an everyday word in it ("where do
# routers sit?", "is encryption done per pod?") may be the name of a thing.
# ("layer" counts where it names the stack, as `find_layer_mentions` reads it: not in
# "three layers of lace".)
NETWORK_CONTEXT = frozenset(
    "osi kubernetes k8s kube cluster clusters pod pods node nodes "
    "traffic network networking service services container containers packet packets "
    "kubectl".split()
)
# Words of running infrastructure: beside them a tool whose name is also an English word
# ("calico in prod", "envoy sidecar") is the tool, not the fabric or the diplomat.
# Words of trouble: a system's, or a flat's ("the heating is broken again"), so they vouch
# for a tool whose name is a common word ("flannel sheet season") only beside others.
_TROUBLE = frozenset(
    "crash crashes crashing error errors restart restarts outage down broken failing timeout "
    "timeouts bug bugs".split()
)
_INFRASTRUCTURE = (
    NETWORK_CONTEXT
    | frozenset(
        "prod production staging dev deploy deployed deploying deployment deployments helm "
        "install installed installing upgrade upgraded config configured configuration "
        "manifest manifests yaml namespace namespaces cni plugin plugins controller daemonset "
        "sidecar sidecars proxy proxies gateway ingress egress mesh dns tcp udp ip http https "
        "grpc tls vpc subnet subnets firewall latency eks gke aks aws gcp azure openshift "
        "cloud datacenter datacentre infra infrastructure server servers ops sre devops "
        "agent agents crashloop crashloopbackoff log logs config cni version "
        "cilium istio linkerd metallb kube-proxy iptables ipvs ebpf bgp vxlan".split()
    )
    | _TROUBLE
)
_CALM_INFRASTRUCTURE = _INFRASTRUCTURE - _TROUBLE


def is_everyday(match: Match, words: list[str]) -> bool:
    """A name that is also an ordinary word: marked in the knowledge, or a one-word
    concept alias that is common English ("frame", "tunnel", "mesh")."""
    if match.target.vouched:
        return False
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


_POINTING_DETERMINERS = DETERMINERS | {"that", "this"}


def _the_noun_of(match: Match, words: list[str], claimed: set[int]) -> bool:
    """ "the contour of that graph", "my certificate of completion": a determiner before
    and "of" after make the name a common noun with its complement, unless that names a
    thing ("the certificate of the ingress"); a tool is "x's envoy", not "the envoy of x"."""
    before, after = match.start - 1, match.end
    if before < 0 or words[before] not in DETERMINERS or words[after : after + 1] != ["of"]:
        return False
    complement = after + 1
    while complement < len(words) and words[complement] in _POINTING_DETERMINERS:
        complement += 1
    return complement < len(words) and complement not in claimed


def _the_word_here(match: Match, words: list[str], context: Context) -> bool:
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


def _networking_besides(span: set[int], context: Context) -> bool:
    """Whether the talk is of networking beyond the everyday name itself: "who ate my
    packet of crisps" speaks of a packet, not of networks."""
    if context.places:
        return True
    return any(w in NETWORK_CONTEXT for i, w in enumerate(context.words) if i not in span)


class Context(NamedTuple):
    claimed: set[int]  # positions that name a thing or a layer
    about_networking: bool  # the question speaks of layers, packets, pods...
    places: bool  # it names a layer or asks where something is
    words: list[str]
    exact: list[Match]  # every name found, credible or not
    asks: bool  # a question mark, or opened like a question
    # For each asking part of the message ("…, any plumbers here?"): its [start, end).
    asking: list[tuple[int, int]]
    known: Container[str]  # every one-word name of the knowledge, compact
    slashed: Container[int] = frozenset()  # positions after a "/" ("ingress/egress")
    # Whether the knowledge's own sentences use a word: asked only of a noun after a tool
    # named by an everyday word ("calico cat"), so the sentences are searched seldom.
    knows: Callable[[str], bool] = bool

    def about_infrastructure(self, besides: range, *, trouble: bool = True) -> bool:
        """Whether words other than those in `besides` speak of running systems or name a
        specific tool (not one that is also an everyday word); without `trouble`, words
        of trouble ("broken") alone do not."""
        if self.about_networking:
            return True
        words = self.words
        vouching = _INFRASTRUCTURE if trouble else _CALM_INFRASTRUCTURE
        if any(w in vouching for i, w in enumerate(words) if i not in besides):
            return True
        return any(
            m.start not in besides
            and not is_everyday(m, words)
            and not _is_common_word_tool(m, words)
            for m in self.exact
        )


def _with_its_pair(match: Match, words: list[str], slashed: Container[int]) -> range:
    """The name and a word joined to it by "and", "or" or a slash ("ingress and egress
    points", "the ingress/egress map"): a pair is one phrase, and its other half vouches
    for nothing."""
    start, end = match.start, match.end
    if end + 1 < len(words) and words[end] in AND_OR:
        end += 2
    elif end < len(words) and end in slashed:
        end += 1
    if start >= 2 and words[start - 1] in AND_OR:
        start -= 2
    elif start >= 1 and start in slashed:
        start -= 1
    return range(start, end)


def _asked_for(match: Match, words: list[str]) -> bool:
    """ "calico pls, need it before the review": a tool asked for by name; not an everyday
    thing ("move the cable pls")."""
    return (
        words[match.end : match.end + 1] in (["pls"], ["please"], ["plz"])
        and match.target.entry.kind is EntryKind.TOOL
        and not all(is_english_word(words[i]) for i in range(match.start, match.end))
    )


def _a_past_form(match: Match, words: list[str], context: Context) -> bool:
    """Whether a tool is found by a verb's past form of its name ("switched"): a tool's
    name is a noun."""
    word = words[match.start]
    return (
        match.target.entry.kind is EntryKind.TOOL
        and match.end - match.start == 1
        and word.endswith("ed")
        and word not in context.known
    )


def credible(match: Match, words: list[str], context: Context) -> bool:
    """Whether an everyday word names the thing here.

    A tool named by an English word ("envoy", "flannel") is the tool wherever the message
    is about infrastructure, or when it stands alone ("calico?", "we run flannel"); in
    other prose it is the word ("an envoy to the summit", "flannel pyjamas"). A concept's
    ordinary word, or a name the knowledge marks as everyday, must also not sit inside
    another noun phrase ("picture frame", "tunnel vision", "react router").
    """
    span = set(range(match.start, match.end))
    # "skipper (zalando's http router / ingress)", "calico pls", "a NIC vs a switch"
    if (
        _glossed_as_itself(match, words, context)
        or _asked_for(match, words)
        or _ranked_against_another(match, words, context)
    ):
        return True
    if (
        _prose_about_something_else(match, words, context)
        or _the_word_here(match, words, context)
        or _a_past_form(match, words, context)  # "i just switched over from frontend dev"
        or _names_an_everyday_noun(match, words, context)  # "adopted a calico cat"
    ):
        return False
    if match.target.entry.kind is EntryKind.TOOL and not match.target.everyday:
        # Cheap answers first: most questions settle it without the word list.
        if context.about_networking:
            return True
        if _a_common_noun(match, words):
            return False  # "a calico up for adoption", "sent an emissary to ask why…"
        # Words of another script are another language, not English prose around the name.
        english = [w if w.isascii() else "a" for w in words]  # "a": filler
        alone = all(i in span or not is_content(w) for i, w in enumerate(english))
        if alone and _has_no_content_neighbour(match, english, context):
            return True
        common = _is_common_word_tool(match, words)
        phrase = common and heads_a_noun(match, words)  # "flannel sheet season"
        if context.about_infrastructure(range(match.start, match.end), trouble=not phrase):
            return True
        if common:
            # "flannel overlay", "we run flannel in the overlay": the tool's own concepts
            return _with_its_concepts(match, context)
        return context.asks or not _in_prose(match, english, context)
    if not is_everyday(match, words):
        return _specific_name_credible(match, words, context)
    alone = all(i in span or not is_content(w) for i, w in enumerate(words))
    if not _has_no_content_neighbour(match, words, context) or _a_verb_here(match, words):
        return False
    if match.target.entry.no_layer is not None and not context.places:
        return alone  # "how do I switch namespaces in kubectl" asks nothing of layers
    after_layer = match.start > 0 and words[match.start - 1] in {"layer", "layers"}
    if match.target.entry.no_layer is not None and after_layer:
        return False  # "the network-layer jobs in a cluster": the layer's work, no Job
    return alone or (context.about_networking and _networking_besides(span, context))


def _names_an_everyday_noun(match: Match, words: list[str], context: Context) -> bool:
    """Whether a tool's everyday name describes an everyday noun right after it, which no
    sentence of the knowledge uses and no other name, layer or place vouches for: "a calico
    cat", "my flannel pyjamas"; not "calico node", "calico docs say it's l3", "calico
    release notes mention ebpf"."""
    after = words[match.end] if match.end < len(words) else ""
    # Cheap tests first: a question that names a tool reads no word list.
    if (
        context.places
        or match.target.entry.kind is not EntryKind.TOOL
        or match.target.everyday
        or match.end - match.start > 1
        or not after
        or not is_content(after)
        or after in _INFRASTRUCTURE  # "calico cni"
        or after in context.known  # "calico felix"
    ):
        return False
    if any(
        m.start != match.start and m.target.entry.layers and not is_everyday(m, words)
        for m in context.exact
    ):
        return False  # "calico release notes mention ebpf"; not "…staring at grafana"
    if not has_everyday_sense(words[match.start]) or english_with_s(after):
        return False  # "istio sidecars", "flannel keeps crashing"
    noun = has_everyday_sense(after) or is_common_short_word(after)
    return noun and not context.knows(after)


def _ranked_against_another(match: Match, words: list[str], context: Context) -> bool:
    """Whether another name is set against this one by "vs" or a place in the stack ("is a
    NIC lower than a switch"): each says the other is a thing.
    Only in a question, with nothing but an article between."""
    if not context.asks:
        return False
    named = frozenset(i for m in context.exact if m is not match for i in range(m.start, m.end))
    return ranked_against(match, words, named)


def ranked_against(match: Match, words: list[str], named: Container[int]) -> bool:
    """Whether a name in `named` is set against this one by "vs" or a place in the stack,
    with only articles between: "switches vs routers", "a NIC lower than a switch", "is a
    router above a switch?"; not a place in something else ("is the nic above the switch
    in the rack?"). Asked about, everyday word or not."""
    rankings = _RANKING if _placed_elsewhere(words) else _RANKING + _PLACING
    after = match.end
    while after < len(words) and words[after] in _ARTICLES:
        after += 1
    for pattern in rankings:
        end = after + len(pattern)
        if words[after:end] == pattern:
            while end < len(words) and words[end] in _ARTICLES:
                end += 1
            if end in named:
                return True
    before = match.start - 1
    while before >= 0 and words[before] in _ARTICLES:
        before -= 1
    for pattern in rankings:
        start = before + 1 - len(pattern)
        if start >= 0 and words[start : before + 1] == pattern:
            start -= 1
            while start >= 0 and words[start] in _ARTICLES:
                start -= 1
            if start in named:
                return True
    return False


def _placed_elsewhere(words: list[str]) -> bool:
    """Whether "in"/"on" the something names a place other than the stack: "in the rack",
    "on the shelf"; not "in the osi model"."""
    for at in range(len(words) - 1):
        if words[at] not in {"in", "on"}:
            continue
        place = at + 1
        while place < len(words) and words[place] in _ARTICLES:
            place += 1
        if place < len(words) and words[place] not in _OF_THE_STACK:
            return True
    return False


_OF_THE_STACK = frozenset("osi model stack layer layers k8s kubernetes".split())


_ARTICLES = frozenset(("a", "an", "the"))
_RANKING = [["vs"], ["versus"]] + [[word, "than"] for word in ("lower", "higher")]
_PLACING = [["above"], ["below"], ["under"], ["over"]]


def _a_verb_here(match: Match, words: list[str]) -> bool:
    """Whether an everyday plural after "it" or "this" is a verb: "the mtls this switches
    on", "it bridges the two"."""
    word, at = words[match.start], match.start
    return (
        match.end - at == 1
        and at > 0
        and words[at - 1] in _SINGULAR_SUBJECTS
        # "is it switches or routers…", "which layer is it that…": a noun after all.
        and not (at > 1 and words[at - 2] in AUXILIARIES)
        and word.endswith("s")
        and is_english_word(word[:-1] if not word.endswith("es") else word[:-2])
    )


# Not "that": "the layer that switches work at" is a relative clause.
_SINGULAR_SUBJECTS = frozenset("it this he she".split())


def heads_a_noun(match: Match, words: list[str]) -> bool:
    """Whether an everyday noun follows the name, making a phrase of the two: "flannel
    sheet season", "my calico cat"; not a verb ("flannel keeps crashing") nor a word of
    running systems ("calico cni", "envoy sidecar")."""
    after = words[match.end] if match.end < len(words) else ""
    verb = english_with_s(after)
    short = match.end - match.start == 1 and after.isalpha() and len(after) <= _SHORT_NOUN
    english = is_english_word(after) or short
    return is_content(after) and english and not verb and after not in _INFRASTRUCTURE


def _with_its_concepts(match: Match, context: Context) -> bool:
    """Whether a concept of the knowledge is named right after the name ("flannel
    overlay", "flannel tunnel"), or named anywhere in words of the tool's own text ("we
    run flannel in the overlay": Flannel's summary speaks of its overlay)."""
    own = _own_words(match.target.entry)
    for m in context.exact:
        overlaps = m.start < match.end and m.end > match.start
        if m.target.entry.kind is not EntryKind.CONCEPT or overlaps:
            continue
        if m.start == match.end or all(
            w.removesuffix("s") in own for w in context.words[m.start : m.end]
        ):
            return True
    return False


@lru_cache(maxsize=256)  # a reload brings new entries
def _own_words(entry: Entry) -> frozenset[str]:
    """The words of an entry's own sentences, singular."""
    texts = [entry.summary, entry.note or ""]
    texts += [role.role for role in entry.roles] + [facet.role for facet in entry.also]
    return frozenset(w.removesuffix("s") for w in tokenize(" ".join(texts)))


_SHORT_NOUN = 3  # the word list holds longer words only: "cat", "dog"


def _a_common_noun(match: Match, words: list[str]) -> bool:
    """Whether a tool's one-word name with an everyday sense follows "a" or "an": a tool
    is named bare ("we run calico"), a cat or a messenger with an article."""
    start = match.start
    return (
        match.end - start == 1
        and start > 0
        and words[start - 1] in {"a", "an"}
        and has_everyday_sense(words[start])
        # "a cilium upgrade", "a calico install": the tool's, named before the noun.
        and _INFRASTRUCTURE.isdisjoint(words[match.end : match.end + 1])
    )


def _specific_name_credible(match: Match, words: list[str], context: Context) -> bool:
    """A concept's specific name in an everyday statement is the word: "the tide's ingress
    flooded the harbour road"."""
    if match.end - match.start > 1 or context.about_networking or context.asks:
        return True
    pair = _with_its_pair(match, words, context.slashed)
    if context.about_infrastructure(pair):
        return True
    if len(pair) > match.end - match.start:
        # "ingress and egress for the parking garage are swapped on monday": a pair of
        # ordinary words in a statement about nothing technical is the words.
        besides = [w for i, w in enumerate(words) if i not in pair and is_content(w)]
        return len(besides) < _PROSE_STATEMENT
    return not _in_prose(match._replace(start=pair.start, end=pair.stop), words, context)


_GLOSS_WORDS = 2  # words of its own summary that make an everyday word the thing
_GLOSS_BEFORE, _GLOSS_AFTER = 3, 8  # words around it that may describe it


def _glossed_as_itself(match: Match, words: list[str], context: Context) -> bool:
    """Whether the words around the name describe it in its own summary's words, among
    them another name the knowledge knows: "skipper (zalando's http router / ingress)" is
    Zalando's HTTP router, not a boat's captain; "a new canary, it's blue and green" is a
    bird."""
    start, end = max(0, match.start - _GLOSS_BEFORE), match.end + _GLOSS_AFTER
    summary = {w for w in tokenize(match.target.entry.summary) if is_content(w)}
    gloss = summary.intersection(words[start : match.start] + words[match.end : end])
    if len(gloss) < _GLOSS_WORDS or not any(w in context.known for w in gloss):
        return False
    return match.target.everyday or is_english_word(words[match.start])


# A statement this long, about nothing technical, is prose: "calico kittens up for
# adoption" is about cats, though "calico" is no common English word.
_PROSE_WORDS = 3
_PROSE_STATEMENT = 4  # content words besides a pair of names: a sentence of its own
# Words that ask for a place or a layer, not about a thing of their own.
ASKING_FOR_A_PLACE = frozenset(
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
    between = tokens.gap(at)
    return not _PART_BREAKS.isdisjoint(between) or " - " in between


def asking_parts(tokens: Tokens, words: list[str]) -> list[tuple[int, int]]:
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
        opened = words[start] in WH_WORDS or words[start] in AUXILIARIES
        if last_of_question or opened:
            asking.append((start, end))
    return asking


def _prose_about_something_else(match: Match, words: list[str], context: Context) -> bool:
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
    article = article and not (after and is_content(after))
    others = [w for i, w in enumerate(words) if i not in span and is_content(w)]
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


def _inside_a_phrase(match: Match, words: list[str], context: Context) -> bool:
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
    return all(not is_content(w) or w in ASKING_FOR_A_PLACE for w in asked)


def _in_prose(match: Match, words: list[str], context: Context) -> bool:
    """Whether a name sits in an everyday statement: among several words, none of them
    technical, and next to a word it forms a phrase with ("calico cat")."""
    content = [w for w in words if is_content(w)]
    if len(content) < _PROSE_WORDS:
        return False
    return any(word.isalpha() for word in _content_neighbours(match, words, context))


def _has_no_content_neighbour(match: Match, words: list[str], context: Context) -> bool:
    return not _content_neighbours(match, words, context)


def _content_neighbours(match: Match, words: list[str], context: Context) -> list[str]:
    """The words right before and after the name that are content, not other names, nor
    identifiers with digits ("the physical eth0 nic": "eth0" is no prose around "nic")."""
    return [
        words[i]
        for i in (match.start - 1, match.end)
        if 0 <= i < len(words)
        and i not in context.claimed
        and is_content(words[i])
        and not any(c.isdigit() for c in words[i])
        and not (i == match.end and words[i] in OBJECT_NOUNS)  # "Namespace objects"
        and not (i < match.start and context.places and _a_verb_of_its_subject(words, i))
    ]


def _a_verb_of_its_subject(words: list[str], at: int) -> bool:
    """ "which layer understands cookies": a verb after "layer" or "which", whose object
    the name is, makes no phrase with it."""
    return english_with_s(words[at]) and any(
        w in {"layer", "which", "what", "who"} for w in words[max(0, at - 3) : at]
    )


# After a name, these say it is a cluster's object, not the everyday word with its noun.
OBJECT_NOUNS = frozenset("object objects resource resources".split())
