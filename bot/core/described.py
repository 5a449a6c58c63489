"""Answering through what a question describes ("which layer wraps packets into frames?"):
whether the description is clear enough to claim a layer, or a name it points at."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from bot.core.acts import (
    ASKING_WORDS,
    PREFIXES,
    converted,
    inflects_an_english_word,
    only_concepts,
    opens_with_a_gerund,
    opens_with_the_act,
    points_at_the_act,
    the_layer_acts,
)
from bot.core.credibility import breaks_apart, is_everyday, part_starts
from bot.core.knowledge import EntryKind
from bot.core.layer_words import ordinary_layer
from bot.core.lexicon import english_with_s, has_everyday_sense, is_english_word, written_out
from bot.core.model import Answer, AnswerKind
from bot.core.pastes import subject_slot
from bot.core.phrasing import layer_title
from bot.core.question_shape import past_determiners
from bot.core.reading import asks_where
from bot.core.subjects import stressed
from bot.core.text import word_variants
from bot.core.vocabulary import AUXILIARIES, GRAMMAR

if TYPE_CHECKING:
    from bot.core.describing import Found, Passage
    from bot.core.knowledge import Knowledge
    from bot.core.matching import Match
    from bot.core.reading import Reading

__all__ = [
    "ABOUT_THE_MODEL",
    "SHORT_WORD",
    "by_description",
    "description_of",
]


SHORT_WORD = 3  # the English word list holds longer words only
# A description needs this many describing words ("forwards packets"), and its best
# layer must lead the next by this factor to be claimed.
_MIN_DESCRIBING_WORDS = 2
_CLEAR_LEAD = 1.25
_WIDE_LEAD = 1.5  # beside an unknown name
_MAX_CANDIDATES = 3
_UNHEARD_SHARE = 3  # unknown words this share of the describing ones (a third)
# A description outweighs the concepts a question names ("…names to ips") only with this
# many words shared (or most of its words in one sentence) and this lead over the next layer.
_STRONG_WORDS = 4
_STRONG_LEAD = 2.0


def by_description(
    knowledge: Knowledge, base: Answer, reading: Reading, subject_unknown: bool, action: bool
) -> Answer | Reading:
    """The answer a question's description finds, or the reading to answer from: with a
    name the description points at put first."""
    if _glossing_an_unknown_name(knowledge, reading):
        return reading  # "what layer is kyverno? it's our policy engine": a gloss of it
    found = description_of(knowledge, base, reading)
    # Several ordinary words beside the names describe; one ("roughly") does not.
    describing = sum(1 for word in reading.unknown if is_english_word(written_out(word))) >= 2
    strong = (
        found.answer is not None
        and action
        and describing
        and found.strong
        and only_concepts(reading)
    )
    if (
        found.name is not None
        and not subject_unknown
        and not stressed(reading.matches[0], reading.words, reading.named)
        and not opens_with_the_act(reading)
        # "haproxy that just forwards tcp, which layer": a tool asked about keeps its place.
        and not _a_tool_by_name(reading, found.name)
    ):
        # A name the description points at answers: "at which layer are frames built
        # from packets" is about Ethernet frames.
        others = [m for m in reading.matches if m is not found.name]
        return reading._replace(matches=[found.name, *others], subjects=[found.name])
    if (
        found.answer is not None
        and found.answer.layers
        and found.name is None
        and (
            # "…re-encodes json bodies as protobuf for the grpc services, what osi layer
            # is that re-encoding": the names are what the act is done to.
            points_at_the_act(reading)
            # "which layer wraps ip packets into frames": the layer acts on the names.
            or (action and the_layer_acts(reading) and only_concepts(reading))
            # "translating http/1.1 requests into grpc calls": one named thing turned into
            # another.
            or found.turned
        )
    ):
        return found.answer
    named_tool = any(m.target.entry.kind is EntryKind.TOOL for m in reading.matches)
    if found.answer is not None and not found.answer.layers and named_tool and not subject_unknown:
        return reading  # "rke2 defaulted us to canal. what layer...": the tool, not a guess
    if found.answer is not None and (reading.generic or subject_unknown):
        if _only_its_names(reading, found.answer):
            return reading  # "do Namespace objects have an osi layer?": nothing described
        if found.name is None or all(is_english_word(written_out(w)) for w in reading.unknown):
            return found.answer
        if found.answer.layers and the_layer_acts(reading):
            return found.answer  # "what layer forwards bytes … no clue if it's http, redis"
        # "katran load balancer, what osi layer": the unknown name is the subject.
    elif strong and found.answer is not None:
        # "resolving service names to ips — layer": the names are what the action is
        # done to, and the description points clearly elsewhere.
        return found.answer
    elif action and found.strong and found.answer is not None and opens_with_a_gerund(reading):
        # "resolving service names to cluster ips through the cluster dns — which osi
        # layer": the act the question opens with is asked about, whatever it names.
        return found.answer
    elif (
        action
        and found.strong
        and found.answer is not None
        and found.answer.basis is not None
        and _only_unplaced(reading)
        and _described_besides_them(reading, found.answer.basis)
    ):
        # "which layer routes packets between worker nodes": a thing with no layer of its
        # own is only where the action happens; the action, clearly placed, is the answer.
        return found.answer
    return reading  # the question's names stand: the layer found is none of theirs


def _only_its_names(reading: Reading, found: Answer) -> bool:
    """Whether the question names only things with no layer, and the sentence found shares
    no describing word with it besides their names ("namespace" and "objects")."""
    from bot.core.describing import shape_stems  # noqa: PLC0415 - descriptions only

    return (
        bool(reading.matches)
        and _only_unplaced(reading)
        and found.basis is not None
        and not _described_besides_them(reading, found.basis)
        and not shape_stems(reading.tokens.text)  # "send /checkout to one deployment"
    )


def _a_tool_by_name(reading: Reading, name: Match) -> bool:
    """Whether the question's first name is another tool, named by its own name and not an
    everyday word ("switching frames"): it stays what is asked about."""
    first = reading.matches[0]
    return (
        first is not name
        and first.target.entry.kind is EntryKind.TOOL
        and not is_everyday(first, reading.words)
    )


def _glossing_an_unknown_name(knowledge: Knowledge, reading: Reading) -> bool:
    """Whether the question asks where a thing the knowledge has never heard of sits,
    right after "what layer is" ("what layer is spindrift, the new tool the data team
    installed", "what layer is kyverno? it's our policy engine"): the other words gloss
    that thing, and describe no layer's work."""
    words = reading.words
    slot, after_auxiliary = subject_slot(words, set(reading.named))
    slots = [slot] if after_auxiliary and slot is not None else []
    later_parts = part_starts(reading.tokens, len(words))[1:]
    # "our jenkins agents run as pods now; does jenkins get an osi layer": asked after an
    # auxiliary that opens a later part.
    slots += [past_determiners(words, at + 1) for at in later_parts if words[at] in AUXILIARIES]
    # "…blocked my deployment, what osi layer is kyverno even": asked later on.
    slots += [
        at + 1
        for at in range(1, len(words) - 1)
        if words[at - 1] == "layer" and words[at] in AUXILIARIES
    ]
    # "which osi layer pandas works at": named between the layer and the verb placing it.
    slots += [
        at
        for at in range(1, len(words) - 1)
        if words[at - 1] in {"layer", "osi"} and words[at + 1] in _PLACING_VERBS
    ]
    # "…: kyverno, osi layer or n/a?", "jaeger, which layer? it sees every http span":
    # named right before the part that asks.
    slots += [at - 1 for at in later_parts if _asks_for_the_layer(words, at)]
    if _opens_doing(reading):
        slots.append(0)  # "kyverno blocks pods without resource limits — which layer"
    return any(
        at in reading.unknown_at
        and not is_english_word(written_out(words[at]))  # "certs" is a word, written short
        and not knowledge.descriptions.knows(words[at])
        for at in slots
    )


def _opens_doing(reading: Reading) -> bool:
    """Whether the message opens with a name, one word or hyphenated, that does what the
    rest says ("kyverno blocks pods…", "argo-rollouts doing our canary analysis…"), and
    names nothing else that works at a layer: the question is about that name."""
    words, joined = reading.words, reading.tokens.joined
    end = 1
    while end in joined and end in reading.unknown_at:
        end += 1  # "argo-rollouts"
    if end + 1 >= len(words) or reading.unknown_at[:1] != [0]:
        return False
    verb = words[end] in _DOING or english_with_s(words[end]) or words[end].endswith("ing")
    # "postmortem notes, customer impact…": a noun's plural ends its part.
    return (
        verb
        and not breaks_apart(reading.tokens, end + 1)
        and not any(m.target.entry.layers for m in reading.matches)
    )


_DOING = AUXILIARIES | frozenset("now just also still".split())


def _asks_for_the_layer(words: list[str], at: int) -> bool:
    """Whether the words from `at` ask for a layer: "osi layer"; "which layer" after the
    one word the message opens with ("jaeger, which layer?")."""
    if words[at] in {"which", "what"} and at == 1:
        at += 1
    return at < len(words) and words[at] in {"osi", "layer", "layers"}


class _Description(NamedTuple):
    """What a question's description finds: a layer answer (or the few layers it may be),
    the question's own name at that layer, if any, and whether the description is strong
    (many words shared, far ahead of the next layer)."""

    answer: Answer | None = None
    name: Match | None = None
    strong: bool = False
    turned: bool = False  # it describes one named thing turned into another (`converted`)


def description_of(knowledge: Knowledge, base: Answer, reading: Reading) -> _Description:
    """The layer a question finds by what it describes, or the few it may be; nothing when
    the question describes too little to search."""
    if not _asks_where(reading):
        return _Description()  # prose that asks nothing ("an envoy arrived at the summit")
    if any(_hyphenated_name(knowledge, reading, at) for at in reading.unknown_at):
        return _Description()  # an unknown hyphenated name ("foo-bar-proxy") is a thing
    from bot.core.describing import shape_stems, stems  # noqa: PLC0415 - descriptions only

    text = reading.tokens.text or " ".join(reading.words)
    query = stems(text) + shape_stems(text)
    turned = converted(reading)
    besides = [term for term in query if term not in stems(" ".join(turned))] if turned else []
    if len(set(besides)) > _MIN_DESCRIBING_WORDS:
        # "converting http/1.1 calls into grpc": the act is asked, the names only say
        # what it acts on, so the sentences that merely mention them weigh nothing; but
        # in "turning http/1.1 into grpc" the act's one word needs them beside it.
        query = besides
    describing = len(set(query))
    if describing < _MIN_DESCRIBING_WORDS:
        return _Description()
    found = knowledge.descriptions.search(query)
    if not found or found[0].shared < _MIN_DESCRIBING_WORDS:
        return _Description()  # one shared word is a coincidence ("node-problem-detector")
    best = found[0]
    # A question naming nothing known may name what the passage mentions in passing.
    unnamed = [] if reading.matches else reading.unknown
    if _names_what_the_passage_mentions(query, best.passage, unnamed, reading.tokens.text):
        # "hashicorp vault which layer" names Vault, which the knowledge only mentions in
        # Vault PKI's summary: that is not a description, and Vault is not Vault PKI.
        entry = best.passage.entry
        return _Description(base._replace(suggestions=(entry.name,) if entry else ()))
    # Not a name set aside ("tcp connects fine but then the tls handshake dies").
    named = [
        m
        for m in reading.matches
        if best.layer in m.target.entry.layers
        and not reading.set_aside(m)
        and not reading.qualifies(m)  # "which layer is metallb when it's in bgp mode"
    ]
    unheard = sum(1 for term in set(query) if _unheard_of(knowledge, term))
    clear = _clearly_ahead(found, describing, _unknown_name(knowledge, reading), unheard)
    name = named[0] if named and (clear or named[0] is reading.matches[0]) else None
    if clear or name is not None:
        many = best.shared >= _STRONG_WORDS or best.own * 2 > describing  # or most of them
        strong = many and (len(found) == 1 or best.score >= _STRONG_LEAD * found[1].score)
        layer = knowledge.layer(best.layer)
        claimed = base._replace(
            kind=AnswerKind.LAYER, layers=(layer,), basis=best.passage.text, unknown_term=None
        )
        return _Description(claimed, name, strong, turned=bool(turned))
    close = [f for f in found[:_MAX_CANDIDATES] if f.score >= best.score / 2]
    candidates = tuple(knowledge.layer(f.layer) for f in close)
    unsure = base._replace(
        candidates=candidates,
        suggestions=tuple(layer_title(layer) for layer in candidates),
        unknown_term=None,
    )
    return _Description(unsure)


def _clearly_ahead(found: list[Found], describing: int, unknown_name: bool, unheard: int) -> bool:
    """Whether the best layer is clearly the one described.

    Its best sentence must hold two of the question's words by itself: one shared word is
    a coincidence ("object" in "a Deployment object — is that at any layer?", "helm" in a
    sentence that mentions Helm). Beside a name the knowledge has never heard of ("falco
    runtime security", "longhorn replicating volumes across nodes") the words may describe
    that thing rather than a layer, so the lead must be wider ("buildah running in a pod
    for image builds" is not a debugging image's sentence). And two words shared mean
    nothing when the question has as many words that no sentence of the knowledge uses, a
    third of all it says: "the photo frame on my desk stopped cycling pictures" is about
    something else.
    """
    best = found[0]
    if best.own < _MIN_DESCRIBING_WORDS:
        return False
    if (
        best.own == _MIN_DESCRIBING_WORDS
        and unheard >= _MIN_DESCRIBING_WORDS
        and unheard * _UNHEARD_SHARE >= describing
    ):
        return False
    lead = _WIDE_LEAD if unknown_name else _CLEAR_LEAD
    return len(found) == 1 or best.score >= lead * found[1].score


def _unheard_of(knowledge: Knowledge, term: str) -> bool:
    """Whether a stemmed word of the question is one no describing sentence uses: a word,
    not a version or an interface name ("http1", "eth0"), and longer than an abbreviation."""
    word = term.removeprefix("-")
    return len(word) > SHORT_WORD and word.isalpha() and not knowledge.descriptions.holds(word)


def _unknown_name(knowledge: Knowledge, reading: Reading) -> bool:
    """Whether the question holds a name the knowledge never uses: an unknown word that is
    neither English nor in any of its sentences."""
    return any(
        len(word) > SHORT_WORD
        and word.isalpha()
        and not is_english_word(word)
        and not inflects_an_english_word(word)  # "peeks"
        and not knowledge.descriptions.knows(word)
        for word in reading.unknown
    )


def _only_unplaced(reading: Reading) -> bool:
    return all(m.target.entry.no_layer is not None for m in reading.matches)


def _described_besides_them(reading: Reading, basis: str) -> bool:
    """Whether the sentence found shares describing words besides the names of things with
    no layer: "k8s secrets (the object)" shares only "secret" and "object" with a sentence
    about Secrets, which is no description of anything."""
    from bot.core.describing import stems  # noqa: PLC0415 - only descriptions need it

    named = reading.named
    rest = " ".join(w for i, w in enumerate(reading.words) if i not in named)
    return len(set(stems(rest)) & set(stems(basis))) >= _MIN_DESCRIBING_WORDS


def _names_what_the_passage_mentions(
    query: list[str], passage: Passage, unknown: list[str], asked: str
) -> bool:
    """Whether the question names a thing the knowledge mentions in passing, and describes
    nothing: every describing word of it is part of a proper name in the passage found
    ("hashicorp vault" and "HashiCorp Vault's secrets engine…"), or it uses such a name,
    unknown to the knowledge as a name of its own, and shares too few other words to
    describe ("vault (the secret store)")."""
    from bot.core.describing import sentences, stems  # noqa: PLC0415 - descriptions only

    names: set[str] = set()
    for sentence in sentences(passage.text):
        capitalised = re.findall(r"(?:^|(?<=\s))[A-Z][\w'\u2019-]*", sentence)
        if capitalised and sentence.startswith(capitalised[0]):
            first = capitalised[0].lower().split("'")[0]
            if is_english_word(first) or first in GRAMMAR:
                capitalised = capitalised[1:]  # "Issues and renews…" opens a sentence
        names.update(stems(" ".join(w for w in capitalised if not _a_keyword(w, asked))))
    wanted = {term for term in query if not term.startswith("-")}
    if not wanted or wanted <= names:
        return bool(wanted)
    # A name with a word or two of gloss describes that thing, not a layer.
    mentioned = wanted & names & set(stems(" ".join(unknown)))
    besides = wanted.intersection(stems(passage.text)) - names
    glossed = len(wanted - names) <= _MIN_DESCRIBING_WORDS
    return bool(mentioned) and glossed and len(besides) < _MIN_DESCRIBING_WORDS


def _a_keyword(word: str, asked: str) -> bool:
    """Whether a word in capitals is a keyword both the knowledge and the question write so,
    an English word or a short one ("GET", "POST", "DELETE"), not a proper name ("CNCF")."""
    if not word.isupper() or not re.search(rf"\b{re.escape(word)}\b", asked):
        return False
    return len(word) <= _SHORT_KEYWORD or is_english_word(word.lower())


_SHORT_KEYWORD = 3  # the English word list holds longer words only


# Words for a kind of software, after a name: "external-secrets operator", "foo-bar cli".
_SOFTWARE = frozenset(
    "operator operators controller controllers plugin plugins agent agents tool tools app "
    "apps daemon cli server library sdk".split()
)
_PLACING_VERBS = frozenset(
    "works work sits sit runs run lives live belongs belong operates falls fits".split()
)
_ASKING_NOT_WHERE = ASKING_WORDS - {"where"}
# Words that put a question without "which" or "layer" in the network: "how are pod ips
# handed out?".
_NETWORK_WORDS = frozenset(
    "pod pods node nodes cluster clusters service services packet packets traffic network "
    "networking kubernetes k8s container containers ip ips tcp udp http https tls dns".split()
)
ABOUT_THE_MODEL = frozenset("stack top bottom highest lowest".split())


def _hyphenated_name(knowledge: Knowledge, reading: Reading, at: int) -> bool:
    """Whether the unknown word at `at` is part of a hyphenated name asked about: not one
    that describes the ordinary word after it ("an x-user-group *header*"), an English word
    with a prefix ("re-encodes", "multi-cluster"), or two words the knowledge's own
    sentences use together ("user-agent")."""
    joined, words = reading.tokens.joined, reading.words
    if at not in joined:
        return False
    start, end = at, at + 1
    while start in joined:
        start -= 1
    while end in joined:
        end += 1
    if words[end - 1] == "wise":
        return False  # "osi-wise", "layer-wise": a manner, not a name
    tokens = reading.tokens
    if tokens.spans and tokens.text[: tokens.spans[start][0]].endswith("/"):
        return False  # a part of a URL path ("/old-api/*"), not a name
    dotted = [tokens.gap(at) == "." for at in (start, end) if 0 < at < len(words)]
    if tokens.spans and any(dotted):
        return False  # a part of a DNS name ("my-svc.my-ns"), not a name of its own
    parts = words[start:end]
    if (parts[0] in PREFIXES or parts[0] in GRAMMAR) and all(_english(part) for part in parts[1:]):
        return False  # "re-encodes", "multi-cluster", "per-route", "in-cluster"
    if knowledge.descriptions.says_together(parts):
        return False
    following = words[end] if end < len(words) else ""
    # "external-secrets operator" names software; "an x-user-group header" a header.
    ordinary = following not in ASKING_WORDS and following not in _SOFTWARE
    # "is kube-state-metrics tied to …": a verb after it says what the named thing does.
    ordinary = ordinary and not following.endswith("ed")
    return not (is_english_word(following) and ordinary)


def _english(word: str) -> bool:
    return any(has_everyday_sense(form) for form in word_variants(word))


def _ordinary(words: list[str], at: int) -> bool:
    """ "a layer of management", but not "the osi layer of that problem" (with no name
    that problem could be)."""
    of_that = at and words[at - 1] == "osi" and words[at + 2 : at + 3] in (["that"], ["this"])
    return ordinary_layer(words, at) and not of_that


def _asks_where(reading: Reading) -> bool:
    """A question for a place: "which/what/where" or "layer", or a question mark on a
    question about the network ("anyone getting the new nintendo switch?" is not one)."""
    words = reading.words
    layer_words = [at for at, word in enumerate(words) if word in {"layer", "layers"}]
    ordinary = ordinary_layer if reading.matches else _ordinary
    if layer_words and all(ordinary(words, at) for at in layer_words):
        return False  # "which layer of management do i complain to"
    if not _ASKING_NOT_WHERE.isdisjoint(words):
        return True
    if asks_where(reading.words, reading.tokens):  # not "a book where the king sends…"
        return True
    return bool(reading.tokens.questions) and not _NETWORK_WORDS.isdisjoint(reading.words)
