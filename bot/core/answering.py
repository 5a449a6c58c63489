"""The answer core: (knowledge, question) -> Answer. Pure, synchronous, no I/O."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from bot.core.credibility import breaks_apart, part_starts
from bot.core.knowledge import EntryKind
from bot.core.layer_mentions import LAYER_WORDS_ABROAD, SIDE_BY_SIDE, ordinary_layer
from bot.core.lexicon import is_english_word
from bot.core.matching import Match
from bot.core.model import Answer, AnswerKind, Relation, Subject
from bot.core.phrasing import layer_title
from bot.core.reading import asks_where, read
from bot.core.subjects import said_twice, stressed
from bot.core.text import tokenize, truncate, word_variants
from bot.core.vocabulary import AUXILIARIES, COPULAS, EXCLUSIVE, GRAMMAR

if TYPE_CHECKING:
    from collections.abc import Iterable

    from bot.core.describing import Found, Passage
    from bot.core.knowledge import Entry, Knowledge
    from bot.core.reading import Reading

__all__ = ["answer"]

_MAX_ALSO = 3
_MAX_RELATED = 5  # a short list to follow, and one row of Discord buttons
# Suggestions answer a mistyped name, not a sentence of unknown words.
_MAX_TERMS_TO_SUGGEST_FOR = 3
_MAX_QUOTE = 60
_SHORT_WORD = 3  # the English word list holds longer words only
# Words that set the things asked about side by side: "geneve vs vxlan", "same layer?".
_COMPARING = frozenset(
    "vs versus v or compare compared comparison difference differ differs different same "
    "than above below higher lower beneath under over atop each both either".split()
)
# What "is A above B?" supposes about their layers.
_PREMISES = {
    **dict.fromkeys("above higher over atop".split(), Relation.ABOVE),
    **dict.fromkeys("below lower beneath under underneath".split(), Relation.BELOW),
    "same": Relation.SAME,
    **dict.fromkeys("different differ differs".split(), Relation.DIFFERENT),
}
# A word after one of these says where, not what: "anything physical-layer on EKS?".
_WHERE = frozenset("on in at inside within across under for with from".split())


def answer(knowledge: Knowledge, question: str) -> Answer:
    """Understand `question` and say what the knowledge claims about it.

    A layer is claimed only for an exact name, an alias, a close typo of one, or a
    layer named outright; anything weaker is an unknown answer with suggestions.
    """
    question, truncated = truncate(question)
    reading = read(knowledge, question)
    words, unknown = reading.words, reading.unknown
    # "calico = L3?" is a yes/no question too, once it names a thing and a layer.
    named_both = bool(reading.matches and reading.mentions.numbers)
    yes_no = reading.opens_yes_no or (reading.yes_no_shaped and named_both)
    base = Answer(
        question=question,
        kind=AnswerKind.UNKNOWN,
        yes_no=yes_no,
        exclusive=yes_no and bool(EXCLUSIVE.intersection(words)),
        unknown_term=_quote(reading),
        truncated=truncated,
    )
    mentions = reading.mentions
    subject_unknown = bool(reading.matches) and _subject_unknown(reading, reading.opens_yes_no)
    action = _describes_an_action(reading)
    if (reading.generic or subject_unknown or action) and not mentions.valid:
        described = _by_description(knowledge, base, reading, subject_unknown, action)
        if isinstance(described, Answer):
            return described
        reading = described
    if reading.matches and not subject_unknown:
        # The layer asked about with names only setting the scene, or layers set side by
        # side before any name ("l2 vs l3 pod networking, what's the difference").
        if mentions.valid and (_names_only_the_setting(reading) or _layers_compared_first(reading)):
            layers = tuple(knowledge.layer(n) for n in mentions.valid)
            return base._replace(kind=AnswerKind.LAYER, layers=layers, unknown_term=None)
        return _entry_answer(knowledge, base, reading)
    if mentions.valid and yes_no and _of_an_unnamed_thing(reading):
        # "is it l4? (the thing from standup, forgot the name)": whatever "it" is, the
        # bot cannot know, so it claims nothing.
        return base._replace(unknown_term=None)
    if mentions.valid and _only_context(reading, yes_no):
        layers = tuple(knowledge.layer(n) for n in mentions.valid)
        return base._replace(kind=AnswerKind.LAYER, layers=layers, unknown_term=None)
    if mentions.valid and (reading.generic or subject_unknown) and action:
        # "a bridge learning which mac is behind which port — what layer is that": a word
        # for a layer ("mac") inside a description; the description must agree with it.
        claimed = _described(knowledge, base, reading).answer
        if (
            claimed is not None
            and claimed.layers
            and set(claimed.layer_numbers) <= set(mentions.valid)
        ):
            return claimed
    if mentions.out_of_range and not reading.matches:
        return base._replace(asked_layers=tuple(mentions.out_of_range))
    if not unknown:
        named = _named_by_a_common_word(knowledge, reading)
        if named is not None:
            return _entry_answer(knowledge, base, reading._replace(matches=[named], subjects=[]))
        return base._replace(kind=AnswerKind.HELP)
    if len(unknown) > _MAX_TERMS_TO_SUGGEST_FOR:
        return base
    return base._replace(suggestions=knowledge.index.suggest(_suggestion_terms(reading)))


# A description needs this many describing words ("forwards packets"), and its best
# layer must lead the next by this factor to be claimed.
_MIN_DESCRIBING_WORDS = 2
_CLEAR_LEAD = 1.25
_WIDE_LEAD = 1.5  # beside an unknown name, when its best sentence holds half the words
_MAX_CANDIDATES = 3
_UNHEARD_SHARE = 3  # unknown words this share of the describing ones (a third)
_NEAR = 4  # words either side of a layer's name
# A description outweighs the concepts a question names ("…names to ips") only with this
# many words shared (or most of its words in one sentence) and this lead over the next layer.
_STRONG_WORDS = 4
_STRONG_LEAD = 2.0


def _by_description(
    knowledge: Knowledge, base: Answer, reading: Reading, subject_unknown: bool, action: bool
) -> Answer | Reading:
    """The answer a question's description finds, or the reading to answer from: with a
    name the description points at put first."""
    found = _described(knowledge, base, reading)
    # Several ordinary words beside the names describe; one ("roughly") does not.
    describing = sum(1 for word in reading.unknown if is_english_word(word)) >= 2
    strong = (
        found.answer is not None
        and action
        and describing
        and found.strong
        and _only_concepts(reading)
    )
    if (
        found.name is not None
        and not subject_unknown
        and not stressed(reading.matches[0], reading.words)
        and not _opens_with_the_act(reading)
    ):
        # A name the description points at answers: "at which layer are frames built
        # from packets" is about Ethernet frames.
        others = [m for m in reading.matches if m is not found.name]
        return reading._replace(matches=[found.name, *others], subjects=[found.name])
    named_tool = any(m.target.entry.kind is EntryKind.TOOL for m in reading.matches)
    if found.answer is not None and not found.answer.layers and named_tool and not subject_unknown:
        return reading  # "rke2 defaulted us to canal. what layer...": the tool, not a guess
    if found.answer is not None and (reading.generic or subject_unknown):
        if found.name is None or all(is_english_word(w) for w in reading.unknown):
            return found.answer
        # "katran load balancer, what osi layer": the unknown name is the subject.
    elif strong and found.answer is not None:
        # "resolving service names to ips — layer": the names are what the action is
        # done to, and the description points clearly elsewhere.
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


def _opens_with_the_act(reading: Reading) -> bool:
    """Whether the question opens by naming the act it asks about ("transcoding rest
    calls into grpc — which layer", "load balancing udp flows, what layer"): the names
    after it are what the act is done to."""
    first = reading.matches[0]
    return (
        first.start == 0
        and first.target.entry.kind is EntryKind.CONCEPT
        and bool(first.target.entry.layers)
        and reading.words[first.end - 1].endswith("ing")
        # Not an everyday word for many acts: "routing on a header" may be any routing.
        and not (first.end - first.start == 1 and is_english_word(reading.words[first.start]))
    )


class _Description(NamedTuple):
    """What a question's description finds: a layer answer (or the few layers it may be),
    the question's own name at that layer, if any, and whether the description is strong
    (many words shared, far ahead of the next layer)."""

    answer: Answer | None = None
    name: Match | None = None
    strong: bool = False


def _described(knowledge: Knowledge, base: Answer, reading: Reading) -> _Description:
    """The layer a question finds by what it describes, or the few it may be; nothing when
    the question describes too little to search."""
    if not _asks_where(reading):
        return _Description()  # prose that asks nothing ("an envoy arrived at the summit")
    if any(_hyphenated_name(reading, at) for at in reading.unknown_at):
        return _Description()  # an unknown hyphenated name ("foo-bar-proxy") is a thing
    from bot.core.describing import shape_stems, stems  # noqa: PLC0415 - descriptions only

    text = reading.tokens.text or " ".join(reading.words)
    query = stems(text) + shape_stems(text)
    describing = len(set(query))
    if describing < _MIN_DESCRIBING_WORDS:
        return _Description()
    found = knowledge.descriptions.search(query)
    if not found or found[0].shared < _MIN_DESCRIBING_WORDS:
        return _Description()  # one shared word is a coincidence ("node-problem-detector")
    best = found[0]
    # A question naming nothing known may name what the passage mentions in passing.
    unnamed = [] if reading.matches else reading.unknown
    if _names_what_the_passage_mentions(query, best.passage, unnamed):
        # "hashicorp vault which layer" names Vault, which the knowledge only mentions in
        # Vault PKI's summary: that is not a description, and Vault is not Vault PKI.
        entry = best.passage.entry
        return _Description(base._replace(suggestions=(entry.name,) if entry else ()))
    # Not a name set aside ("tcp connects fine but then the tls handshake dies").
    named = [
        m
        for m in reading.matches
        if best.layer in m.target.entry.layers and not reading.set_aside(m)
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
        return _Description(claimed, name, strong)
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
    that thing rather than a layer: then the lead must be wider when that sentence holds
    at most half of them, or only two. And two words shared mean nothing when the question
    has as many words that no sentence of the knowledge uses, a third of all it says: "the
    photo frame on my desk stopped cycling pictures" is about something else.
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
    wide = unknown_name and (best.own * 2 <= describing or best.own == _MIN_DESCRIBING_WORDS)
    lead = _WIDE_LEAD if wide else _CLEAR_LEAD
    return len(found) == 1 or best.score >= lead * found[1].score


def _unheard_of(knowledge: Knowledge, term: str) -> bool:
    """Whether a stemmed word of the question is one no describing sentence uses: a word,
    not a version or an interface name ("http1", "eth0"), and longer than an abbreviation."""
    word = term.removeprefix("-")
    return len(word) > _SHORT_WORD and word.isalpha() and not knowledge.descriptions.holds(word)


def _unknown_name(knowledge: Knowledge, reading: Reading) -> bool:
    """Whether the question holds a name the knowledge never uses: an unknown word that is
    neither English nor in any of its sentences."""
    return any(
        len(word) > _SHORT_WORD
        and word.isalpha()
        and not is_english_word(word)
        and not knowledge.descriptions.knows(word)
        for word in reading.unknown
    )


def _only_concepts(reading: Reading) -> bool:
    """Whether every name in the question is a concept ("ips", "packets"), none a tool."""
    return all(m.target.entry.kind is EntryKind.CONCEPT for m in reading.matches)


_UNNAMED = frozenset("it this that they these those".split())


def _of_an_unnamed_thing(reading: Reading) -> bool:
    """Whether a yes/no question asks about a pronoun alone: "is it layer 3 or 5?"."""
    words = reading.words
    return len(words) > 1 and words[0] in AUXILIARIES and words[1] in _UNNAMED


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
    query: list[str], passage: Passage, unknown: list[str]
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
        # A word in capitals is a term ("GET or POST", "NXDOMAIN"), not a proper name.
        names.update(stems(" ".join(w for w in capitalised if not w.isupper())))
    wanted = {term for term in query if not term.startswith("-")}
    if not wanted or wanted <= names:
        return bool(wanted)
    # A name with a word or two of gloss describes that thing, not a layer.
    mentioned = wanted & names & set(stems(" ".join(unknown)))
    besides = wanted.intersection(stems(passage.text)) - names
    glossed = len(wanted - names) <= _MIN_DESCRIBING_WORDS
    return bool(mentioned) and glossed and len(besides) < _MIN_DESCRIBING_WORDS


# Words for a kind of software, after a name: "external-secrets operator", "foo-bar cli".
_SOFTWARE = frozenset(
    "operator operators controller controllers plugin plugins agent agents tool tools app "
    "apps daemon cli server library sdk".split()
)
_ASKING_WORDS = frozenset("what which where layer layers osi level row rows".split())
_ASKING_NOT_WHERE = _ASKING_WORDS - {"where"}
# Words that put a question without "which" or "layer" in the network: "how are pod ips
# handed out?".
_NETWORK_WORDS = frozenset(
    "pod pods node nodes cluster clusters service services packet packets traffic network "
    "networking kubernetes k8s container containers ip ips tcp udp http https tls dns".split()
)
_ABOUT_THE_MODEL = frozenset("stack top bottom highest lowest".split())
_WHICH_LAYER = frozenset("which what where".split())


def _describes_an_action(reading: Reading) -> bool:
    """ "which layer *wraps* ip packets into ethernet frames": names, and an ordinary verb
    saying what happens to them, in a question for a layer."""
    words = reading.words
    # "which layer wraps…", or, naming no tool, a part of its own after the description:
    # "the thing that blocks pod traffic by source ip, which layer is that".
    starts = part_starts(reading.tokens, len(words)) if _only_concepts(reading) else [0]
    asks_for_layer = any(
        not _WHICH_LAYER.isdisjoint(words[start : start + 3])
        and not _ASKING_WORDS.isdisjoint(words[start : start + 4])
        for start in starts
    )
    # "packaging ip packets into ethernet frames for the nic, layer?" asks at its end.
    ends_asking = bool(words) and words[-1] in {"layer", "osi"} and _asked_apart(reading)
    if len(reading.subjects) > 1 and not _COMPARING.isdisjoint(words):
        return False  # "aws vpc cni compared to metallb, layer?" compares, describes nothing
    asks = asks_for_layer or ends_asking or _the_layer_acts(reading)
    return asks and any(is_english_word(w) for w in reading.unknown)


def _the_layer_acts(reading: Reading) -> bool:
    """Whether the question asks for the layer that does something, with the layer as the
    verb's subject: "which layer *wraps* ip packets into ethernet frames", "the layer that
    *slaps* a mac header onto an ip packet". The names after the verb are what it is done
    to, not what is asked about."""
    words = reading.words
    for at in range(len(words) - 2):
        if words[at] not in _WHICH_LAYER and words[at] != "the":
            continue
        if words[at + 1] != "layer":
            continue
        verb = at + 2 + (words[at + 2] in {"that", "which"})
        if verb + 1 < len(words) and _a_verb_acting(words[verb], words[verb + 1]):
            return True
    return False


def _a_verb_acting(word: str, following: str) -> bool:
    """A verb in the third person ("wraps", "sends"), not a plural noun before its own verb
    ("which layer protocols are…")."""
    if not word.endswith("s") or word in GRAMMAR or following in AUXILIARIES:
        return False
    return _inflects_an_english_word(word)


def _asked_apart(reading: Reading) -> bool:
    """Whether the message's last word asks on its own: after a question mark, or set
    apart by a dash, comma or colon ("resolving service names to ips — layer")."""
    tokens = reading.tokens
    if tokens.questions:
        return True
    return len(tokens.spans) > 1 and breaks_apart(tokens, len(tokens.spans) - 1)


def _hyphenated_name(reading: Reading, at: int) -> bool:
    """Whether the unknown word at `at` is part of a hyphenated name asked about: not one
    that describes the ordinary word after it ("an x-user-group *header*")."""
    joined, words = reading.tokens.joined, reading.words
    if at not in joined:
        return False
    end = at + 1
    while end in joined:
        end += 1
    if words[end - 1] == "wise":
        return False  # "osi-wise", "layer-wise": a manner, not a name
    following = words[end] if end < len(words) else ""
    # "external-secrets operator" names software; "an x-user-group header" a header.
    ordinary = following not in _ASKING_WORDS and following not in _SOFTWARE
    return not (is_english_word(following) and ordinary)


def _asks_where(reading: Reading) -> bool:
    """A question for a place: "which/what/where" or "layer", or a question mark on a
    question about the network ("anyone getting the new nintendo switch?" is not one)."""
    words = reading.words
    layer_words = [at for at, word in enumerate(words) if word in {"layer", "layers"}]
    if layer_words and all(ordinary_layer(words, at) for at in layer_words):
        return False  # "which layer of management do i complain to"
    if not _ASKING_NOT_WHERE.isdisjoint(words):
        return True
    if asks_where(reading.words, reading.tokens):  # not "a book where the king sends…"
        return True
    return bool(reading.tokens.questions) and not _NETWORK_WORDS.isdisjoint(reading.words)


def _named_by_a_common_word(knowledge: Knowledge, reading: Reading) -> Match | None:
    """ "where does kubernetes itself sit": the question's only name is a word so common in
    questions ("kubernetes", "k8s") that it is never read as a name beside others. Not
    when the question is about the model itself ("top of the osi stack in k8s")."""
    if not _ABOUT_THE_MODEL.isdisjoint(reading.words):
        return None
    for at, word in enumerate(reading.words):
        target = knowledge.index.exact.get(word)
        if target is not None:
            return Match(target, at, at + 1)
    return None


def _quote(reading: Reading) -> str | None:
    """The unknown words as the person typed them: the longest unknown phrase."""
    if not reading.unknown_runs:
        return None
    start, end = reading.unknown_runs[0]
    return reading.tokens.quote(start, end)[:_MAX_QUOTE] or None


def _suggestion_terms(reading: Reading) -> list[str]:
    """What a "did you mean" may resemble: each unknown phrase whole, and each word of it
    that could be a mistyped name; an English word ("secrets", "frame") is no one's typo,
    and the parts of a hyphenated name ("argo-rollouts") are not names of their own."""
    tokens = reading.tokens
    terms = [
        tokens.quote(start, end)
        for start, end in reading.unknown_runs
        if end - start > 1 or not is_english_word(reading.words[start])
    ]
    for at, word in zip(reading.unknown_at, reading.unknown, strict=True):
        hyphenated = at in tokens.joined or at + 1 in tokens.joined
        if not hyphenated and not is_english_word(word):
            terms.append(word)
    return terms


def _only_context(reading: Reading, yes_no: bool) -> bool:
    """Whether the words besides a named layer only set the scene.

    "who lives on L5 these days", "which k8s pieces are L4" and "anything physical-layer
    on EKS?" ask about the layer; "is kafka layer 7?" asks about kafka, and "is the
    weather layer 7?" about the weather: an unknown subject before the layer in a yes/no
    question, or an unknown name that is not an English word, is not scenery.
    """
    words, clause = reading.words, reading.tokens.clause
    first_layer = min(reading.mentions.used, default=len(words))
    # "capa 7 en kubernetes, ejemplos?": the other words are of that language.
    abroad = any(words[at] in LAYER_WORDS_ABROAD for at in reading.mentions.used)
    for at, word in zip(reading.unknown_at, reading.unknown, strict=True):
        if _described_by_the_layer(reading, at):
            return False
        where = at > 0 and (words[at - 1] in _WHERE or (at > 1 and words[at - 2] in _WHERE))
        if yes_no and at < first_layer and clause[at] == clause[first_layer] and not where:
            return False  # "is kafka layer 7?", but "on fargate, layers 1 and 2 are aws's?"
        # The word list holds words of four letters or more: "see", "us" are scenery too,
        # but not the thing a layer describes ("7 layer dip").
        after_layer = at - 1 in reading.mentions.used and clause[at] == clause[at - 1]
        short = len(word) <= _SHORT_WORD and word.isalpha() and not after_layer
        # A name the message opens with, or one near the layer, is what it asks about.
        subject = at == 0 or _near_a_layer(reading, at)
        if not is_english_word(word) and not where and not short and not abroad and subject:
            return False
    return True


def _near_a_layer(reading: Reading, at: int) -> bool:
    """Whether the word at `at` stands close enough to a named layer to be what it is said
    of: "kafka layer 7?" asks about kafka, "layer 1 on aks, or is that msft's problem" not."""
    return any(abs(used - at) <= _NEAR for used in reading.mentions.used)


def _described_by_the_layer(reading: Reading, at: int) -> bool:
    """ "a 3 layer cake", "7-layer dip": a number and "layer" before a word describe it."""
    words = reading.words
    return (
        at >= 2
        and words[at - 1] in {"layer", "layered"}
        and words[at - 2].isdigit()
        and at - 1 in reading.mentions.used
    )


def _subject_unknown(reading: Reading, opens_yes_no: bool) -> bool:
    """Whether an unknown word, not the name found, is what is asked about.

    In "is kafka a layer 7 thing like envoy?" it is kafka: an unknown word before the first
    name, in the clause that "is" opens. In "zentroflux cni what layer" it is zentroflux: an
    unknown name right before a concept names one of its kind that the knowledge lacks.
    """
    clause = reading.tokens.clause
    subject = reading.matches[0]
    before = subject.start - 1
    words = reading.words
    if before >= 2 and words[before] in {"a", "an"} and words[before - 1] == "as":
        before -= 2  # "zephyrnet as a cni": the unknown name is the CNI asked about
    opening = reading.unknown_at[0] if reading.unknown_at else None
    if (
        opening == 0
        and opening < subject.start
        and clause[opening] == clause[subject.start]
        and opening + 1 in reading.tokens.joined
        # "site-to-site ipsec": right before the name, it says what kind of one it is.
        and (opening, subject.start) not in reading.unknown_runs
    ):
        return True  # "argo-rollouts is doing blue/green": the name the message opens with
    if (
        subject.target.entry.kind is EntryKind.CONCEPT
        and before in reading.unknown_at
        and len(reading.words[before]) > _SHORT_WORD  # "raw tcp": the word list is 4+
        # "inspects http": a verb's form is no product's name.
        and not any(is_english_word(form) for form in word_variants(reading.words[before]))
        # "eth0 nic", "x710 nics": an identifier with digits is one of the kind, a model
        # or an instance, not a product the knowledge lacks.
        and not any(c.isdigit() for c in reading.words[before])
    ):
        return True
    if not opens_yes_no:
        return False
    return any(
        at < subject.start
        and clause[at] == clause[subject.start]
        and not _an_action(reading.words[at])  # "exposing via NodePort puts us at l4?"
        for at in reading.unknown_at
    )


def _an_action(word: str) -> bool:
    """A gerund of an English verb ("exposing", "running"): what is done, not a thing."""
    return word.endswith("ing") and _inflects_an_english_word(word)


def _inflects_an_english_word(word: str) -> bool:
    """Whether `word` is a form of an English word ("wraps", "exposing"), though the word
    list may not hold the form itself."""
    return any(is_english_word(form) for form in word_variants(word) if form != word)


def _subject(knowledge: Knowledge, match: Match) -> Subject:
    entry, focus = match.target.entry, match.target.layer
    claimed = (focus,) if focus is not None else entry.layers
    return Subject(entry, tuple(knowledge.layer(n) for n in claimed), focus, match.typed)


def _entry_answer(knowledge: Knowledge, base: Answer, reading: Reading) -> Answer:
    # The asked-about subject comes first. A thing with no layer of its own (a Deployment,
    # the kubelet) is only where the rest happens, and no side of a comparison: beside
    # things that have layers it is only mentioned ("routes packets between worker nodes",
    # "kubelet vs kube-proxy").
    first = reading.matches[0]
    subjects = tuple(s for s in (_subject(knowledge, m) for m in reading.subjects) if s.layers)
    if (
        not first.target.entry.layers
        and not stressed(first, reading.words)
        and not _asked_again_as_it(first, reading)
        # "…a statefulset with stable hostnames… does that make statefulset a…": named
        # twice, it is what the message is about.
        and first.target.entry.name not in said_twice(reading.matches)
    ):
        # Not one set aside: "a Namespace (the k8s kind, not a linux netns)".
        placed = [m for m in reading.matches if not reading.set_aside(m)]
        first = next((m for m in placed if m.target.entry.layers), first)
    primary = _subject(knowledge, first)
    entry = primary.entry
    # "which layers does istio touch" asks for them all, whatever else it names.
    plural = not {"layers", "levels"}.isdisjoint(reading.words)
    facet = None if plural else _facet_named_apart(knowledge, first, reading.matches)
    if facet is not None and len(subjects) < 2:
        primary = primary._replace(layers=(knowledge.layer(facet),), focus_layer=facet)
    asked = {entry.name, *(s.entry.name for s in subjects)}
    also = _unique(m.target.entry for m in reading.matches if m.target.entry.name not in asked)
    answer = base._replace(
        kind=AnswerKind.TOOL if entry.kind is EntryKind.TOOL else AnswerKind.CONCEPT,
        entry=entry,
        layers=primary.layers,
        asked_layers=tuple(reading.mentions.numbers),
        focus_layer=primary.focus_layer,
        typed=primary.typed,
        also=also[:_MAX_ALSO],
    )
    if len(subjects) < 2:
        return answer._replace(related=knowledge.related(entry.name)[:_MAX_RELATED])
    union = sorted({n for s in subjects for n in s.layer_numbers}, reverse=True)
    premises = [_PREMISES[w] for w in reading.words if w in _PREMISES]
    # "sessionAffinity or ingress cookies, same layer?" asks yes or no, as "is A above B?".
    question_mark = bool(reading.tokens.questions)  # "same layer? calico and cilium"
    supposes = bool(premises) and (base.yes_no or reading.yes_no_shaped or question_mark)
    return answer._replace(
        layers=tuple(knowledge.layer(n) for n in union),
        subjects=subjects,
        compares=not _COMPARING.isdisjoint(reading.words),
        premise=premises[0] if supposes else None,
        yes_no=base.yes_no or supposes,
    )


def _asked_again_as_it(first: Match, reading: Reading) -> bool:
    """Whether the message opens with the name and then asks about it as "it": "the pause
    container holds the pod's netns — does it have a layer?"""
    words = reading.words
    if any(word not in _SETTING_FILLER for word in words[: first.start]):
        return False
    return any(
        words[at] == "it" and words[at - 1] in AUXILIARIES
        for at in range(first.end + 1, len(words))
    )


_SETTING = frozenset("in for within across inside on with running using".split())


def _layers_compared_first(reading: Reading) -> bool:
    """Whether the question opens by setting layers side by side, before any name: "l2 vs
    l3 pod networking, what's the difference", "physical vs data link — where's the line on
    bare metal"; not "is calico l2 or l3?"."""
    words, used = reading.words, sorted(reading.mentions.used)
    if len(reading.mentions.valid) < 2:  # two sides
        return False
    first_name = min((m.start for m in reading.matches), default=len(words))
    opening = words[: used[0]]
    if used[-1] > first_name or any(w not in AUXILIARIES | _SETTING_FILLER for w in opening):
        return False
    return not SIDE_BY_SIDE.isdisjoint(words[used[0] : used[-1]])


def _names_only_the_setting(reading: Reading) -> bool:
    """Whether every name comes after the layer asked about, in a phrase that sets the
    scene: "what's l6 even for in a service-mesh world", "anything at layer five worth
    knowing about for our ingress setup"."""
    words, first_layer = reading.words, min(reading.mentions.used)
    # "l7 for metallb right?" asks about MetalLB; "does the presentation layer do anything
    # in our mesh?" about the layer, the subject of its verb.
    opens = bool(first_layer) and words[0] in AUXILIARIES - COPULAS
    opens = opens and all(w in _SETTING_FILLER for w in words[1:first_layer])
    if reading.yes_no_shaped and not opens:
        return False
    # "what lives in the presentation layer of a service mesh": asked what is in a layer,
    # the thing it belongs to sets the scene too.
    setting = _SETTING | {"of"} if words[0] in _ASKING_WHAT_IS_IN else _SETTING
    for match in reading.matches:
        before = match.start - 1
        while before > first_layer and words[before] in _SETTING_FILLER:
            before -= 1
        if match.start < first_layer or words[before] not in setting:
            return False
    return True


_ASKING_WHAT_IS_IN = frozenset("what whats who anything".split())


_SETTING_FILLER = frozenset("a an the our my your their this that".split())


def _facet_named_apart(knowledge: Knowledge, subject: Match, matches: list[Match]) -> int | None:
    """The one layer of a tool's that the question names apart from it: "the ClientIP mode
    of kube-proxy" is the table's "Kube-proxy ClientIP" (L5), "istio does its mutual tls
    thing" Istio's mTLS (L6). A layer's alias made of the tool's name and another entry's
    name counts when that entry is named too."""
    entry = subject.target.entry
    if subject.target.layer is not None or len(entry.roles) < 2:
        return None
    others = {m.target.entry.name for m in matches if m.target.entry is not entry}
    if not others:
        return None  # most questions name the tool alone: no alias need be read
    own = {word for name in (entry.name, *entry.aliases) for word in tokenize(name)}
    for role in entry.roles:
        for alias in role.aliases:
            rest = [word for word in tokenize(alias) if word not in own]
            found = knowledge.index.find_exact(rest, set()) if rest else []
            whole = len(found) == 1 and (found[0].start, found[0].end) == (0, len(rest))
            if whole and found[0].target.entry.name in others:
                return role.layer
    return None


def _unique(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    return tuple({entry.name: entry for entry in entries}.values())  # first-seen order
