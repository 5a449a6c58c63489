"""When a question's subject is not known: whether an unknown word is what it asks about,
what to quote back and suggest, and when a layer named beside it is the answer anyway."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.acts import COMPARING, inflects_an_english_word
from bot.core.credibility import NETWORK_CONTEXT, breaks_apart
from bot.core.described import ABOUT_THE_MODEL, SHORT_WORD
from bot.core.knowledge import EntryKind
from bot.core.layer_words import GLUED_LAYER, LAYER_WORDS, LAYER_WORDS_ABROAD
from bot.core.lexicon import english_with_s, is_common_short_word, is_english_word
from bot.core.matching import Match
from bot.core.pastes import POINTERS, subject_slot
from bot.core.question_shape import DETERMINERS, WH_WORDS, past_determiners
from bot.core.subjects import said_twice
from bot.core.text import word_variants
from bot.core.vocabulary import AUXILIARIES, GRAMMAR, GREETINGS

if TYPE_CHECKING:
    from collections.abc import Mapping

    from bot.core.knowledge import Knowledge
    from bot.core.reading import Reading

__all__ = [
    "a_label_in_prose",
    "asks_about_an_unknown",
    "named_by_a_common_word",
    "of_an_unnamed_thing",
    "only_context",
    "quote",
    "suggestion_terms",
]


_MAX_QUOTE = 60
# A word after one of these says where, not what: "anything physical-layer on EKS?".
_WHERE = frozenset("on in at inside within across under for with from to".split())
_NEAR = 4  # words either side of a layer's name
_UNNAMED = frozenset("it this that they these those".split())


def of_an_unnamed_thing(reading: Reading, yes_no: bool) -> bool:
    """Whether a yes/no question asks about a pronoun alone ("is it layer 3 or 5?"), or a
    message names no thing and only guesses at a layer, asking nothing of it ("layer 4
    maybe? idk just guessing", "hmm maybe its layer 4? or 3?")."""
    words = reading.words
    opening = next((at for at, w in enumerate(words) if w not in GREETINGS), len(words))
    asked = words[opening : opening + 2]  # "hey is it layer 3?"
    if yes_no and len(asked) == 2 and asked[0] in AUXILIARIES and asked[1] in _UNNAMED:
        return True
    if reading.matches or _HEDGES.isdisjoint(words):
        return False
    # Nothing but the layers, hedges and filler: "layer 4 maybe? idk just guessing". Not
    # "layer 5 k8s probably", "idk if layer 5 is even used", "guess its l7 since its a 502".
    said = [w for at, w in enumerate(words) if at not in reading.mentions.used]
    if all(w in _HEDGES or w in _FILLER for w in said):
        return True
    # A guess for a thing left unnamed: "layer 4 or 5 maybe? for that thing bob mentioned";
    # not one described after ("maybe l5, the thing that tracks connections").
    return any(
        w == "thing" and words[at - 1] in POINTERS and words[at + 1 : at + 2] not in _DESCRIBED
        for at, w in enumerate(words)
        if at
    )


_HEDGES = frozenset("maybe perhaps probably prob possibly idk dunno guess guessing".split())
_FILLER = frozenset(
    "hmm hm um uh er just or it its s i m d lol tbh then ignore me nvm not sure something "
    "at".split()
)
# "the thing that tracks connections", "the thing is it only sees ports": said what it is.
_DESCRIBED = (["that"], ["which"], ["who"], ["is"], ["s"])


def named_by_a_common_word(knowledge: Knowledge, reading: Reading) -> Match | None:
    """ "where does kubernetes itself sit": the question's only name is a word so common in
    questions ("kubernetes", "k8s") that it is never read as a name beside others. Not
    when the question is about the model itself ("top of the osi stack in k8s")."""
    if not ABOUT_THE_MODEL.isdisjoint(reading.words):
        return None
    for at, word in enumerate(reading.words):
        target = knowledge.index.exact.get(word)
        if target is not None:
            return Match(target, at, at + 1)
    return None


def quote(reading: Reading) -> str | None:
    """The unknown words as the person typed them: the longest unknown phrase."""
    if not reading.unknown_runs:
        return None
    start, end = reading.unknown_runs[0]
    return reading.tokens.quote(start, end)[:_MAX_QUOTE] or None


def suggestion_terms(reading: Reading) -> list[str]:
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


def a_label_in_prose(knowledge: Knowledge, reading: Reading) -> bool:
    """Whether a message that asks nothing uses "l4" or "l1" as a label of an everyday
    thing the knowledge never speaks of: "my L4 disc is acting up", "applied for the l1
    visa transfer"."""
    words, tokens = reading.words, reading.tokens
    if tokens.questions or (words and (words[0] in WH_WORDS or words[0] in AUXILIARIES)):
        return False
    if not NETWORK_CONTEXT.isdisjoint(words) or not _STACK.isdisjoint(words):
        return False
    labelled = [at + 1 for at in reading.mentions.used if GLUED_LAYER.match(words[at])]
    return bool(labelled) and all(
        at < len(words)
        and at in reading.unknown_at
        and is_english_word(words[at])
        and not knowledge.descriptions.knows(words[at])
        for at in labelled
    )


_STACK = frozenset("osi layer layers model stack".split())


def only_context(reading: Reading, yes_no: bool, layer_names: Mapping[str, int]) -> bool:
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
    # "are there any…", "is there a…": asks whether such things exist, not what one is.
    existential = len(words) > 1 and words[0] in AUXILIARIES and words[1] == "there"
    for at, word in zip(reading.unknown_at, reading.unknown, strict=True):
        if _described_by_the_layer(reading, at) or _heads_its_phrase(reading, at, layer_names):
            return False
        where = at > 0 and (words[at - 1] in _WHERE or (at > 1 and words[at - 2] in _WHERE))
        if (
            yes_no
            and at < first_layer
            and clause[at] == clause[first_layer]
            and not where
            and not _an_action(word)  # "is there anything living at l5?"
            and not existential  # "are there any actual session-layer tools"
            and not (at > 0 and words[at - 1] in _UNNAMED)  # "is it fair to say…"
            and not (at > 0 and words[at - 1] in _WHO)  # "can you summarise layer 3…"
        ):
            return False  # "is kafka layer 7?", but "on fargate, layers 1 and 2 are aws's?"
        # The word list holds words of four letters or more: "see", "us" are scenery too,
        # but not the thing a layer describes ("7 layer dip").
        after_layer = (
            at - 1 in reading.mentions.used
            and clause[at] == clause[at - 1]
            and not breaks_apart(reading.tokens, at)  # "the session layer, go 🏁"
        )
        short = len(word) <= SHORT_WORD and word.isalpha() and not after_layer
        # A name the message opens with, or one near the layer, is what it asks about.
        subject = at == 0 or _near_a_layer(reading, at)
        # A form of an English word ("lumped", "docs") is no name.
        english = is_english_word(word) or inflects_an_english_word(word)
        if not english and not where and not short and not abroad and subject:
            return False
    return True


_LAYER_NOUNS = LAYER_WORDS | {"osi"}  # "layer", "level", "osi": none heads a phrase


def _heads_its_phrase(reading: Reading, at: int, layer_names: Mapping[str, int]) -> bool:
    """ "lens desktop app, layer?": a layer's one-word name right after an unknown word is
    the head of a phrase naming something else, an app, not the Application layer; not
    when the two are the layer's name ("data link") or "layer" follows ("network layer")."""
    after = at + 1
    words, tokens, used = reading.words, reading.tokens, reading.mentions.used
    return (
        after in used
        and words[after].isalpha()
        and words[after] not in _LAYER_NOUNS
        and words[at] + words[after] not in layer_names
        and (after + 1 not in used or breaks_apart(tokens, after + 1))
        and tokens.clause[after] == tokens.clause[at]
    )


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


def asks_about_an_unknown(knowledge: Knowledge, reading: Reading, opens_yes_no: bool) -> bool:
    """Whether an unknown word, not the name found, is what is asked about.

    In "is kafka a layer 7 thing like envoy?" it is kafka: an unknown word before the first
    name, in the clause that "is" opens. In "zentroflux cni what layer" it is zentroflux: an
    unknown name right before a concept names one of its kind that the knowledge lacks.
    """
    clause = reading.tokens.clause
    subject = reading.matches[0]
    before = subject.start - 1
    words = reading.words
    if _its_own_layers(reading, subject) or subject.target.entry.name in said_twice(
        reading.matches
    ):
        return False  # "kube-proxy's osi layers", "…a DaemonSet; does the daemonset kind…"
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
    if opening == 0 and (_for_its_purpose(reading, subject) or _acting(reading, subject)):
        return True  # "sops for encrypting our values files": what the unknown name is for
    if (
        subject.target.entry.kind is EntryKind.CONCEPT
        and before in reading.unknown_at
        and len(reading.words[before]) > SHORT_WORD  # "raw tcp": the word list is 4+
        # "inspects http": a verb's form is no product's name.
        and not any(is_english_word(form) for form in word_variants(reading.words[before]))
        # "eth0 nic", "x710 nics": an identifier with digits is one of the kind, a model
        # or an instance, not a product the knowledge lacks.
        and not any(c.isdigit() for c in reading.words[before])
    ):
        return True
    if _asked_before_its_setting(reading) or _asked_after_layer_of(reading):
        return True
    if not opens_yes_no:
        return False
    tokens = reading.tokens
    asked_of = past_determiners(words, 1) if words[0] in AUXILIARIES else None
    return any(
        at < subject.start
        and clause[at] == clause[subject.start]
        # "we went with l2advertisement instead of bgp, so metallb is l2 now?": a part
        # before a comma only sets the scene.
        and not any(breaks_apart(tokens, i) for i in range(at + 1, subject.start + 1))
        and not _an_action(reading.words[at])  # "exposing via NodePort puts us at l4?"
        # "someone said aws elb is l7 …": after who does it, a word is what they do.
        and not (at and reading.words[at - 1] in _WHO)
        and reading.words[at] not in COMPARING  # "is a nic lower than a linux bridge?"
        # "a plain kubernetes Ingress resource is…", "team is split between contour and
        # traefik…": an English word is prose, not a thing the knowledge lacks, unless it
        # is a name too ("does turning http into grpc count…") or the whole subject the
        # question opens asking of ("does a secret mounted into envoy have an osi layer").
        and (not _prose(knowledge, words[at]) or _heads_the_subject(reading, at, asked_of))
        for at in reading.unknown_at
    )


def _prose(knowledge: Knowledge, word: str) -> bool:
    """Whether an unknown word is an English word ("the *old* ambassador ingress") and no
    name the knowledge uses."""
    english = is_english_word(word) or is_common_short_word(word)
    return english and word not in knowledge.index.exact


def _heads_the_subject(reading: Reading, at: int, asked_of: int | None) -> bool:
    """Whether the word at `at` opens the whole subject a yes/no question asks of: "does a
    secret mounted into envoy…", "is sentry l7 like nginx", "is our harbor registry l7";
    not "is the wiki line the whole story…"."""
    if at != asked_of:
        return False
    words, end = reading.words, at + 1
    while end in reading.unknown_at:
        end += 1  # "harbor registry"
    following = words[end] if end < len(words) else ""
    placed = end in reading.mentions.used  # "… l7 like nginx"
    return placed or (end == at + 1 and (following in GRAMMAR or following.endswith(("ed", "ing"))))


def _for_its_purpose(reading: Reading, subject: Match) -> bool:
    """Whether the name the message opens with, unknown and no English word, is followed
    by what it is for: "sops for encrypting…", "kubeseal + the sealed-secrets controller to
    encrypt secrets"."""
    words, before = reading.words, subject.start - 1
    return (
        subject.target.entry.kind is EntryKind.CONCEPT
        and before > 0
        and words[before] in {"for", "to"}
        and _coined(words[0])
        and all(at in reading.unknown_at or words[at] in GRAMMAR for at in range(1, before))
    )


def _acting(reading: Reading, subject: Match) -> bool:
    """Whether the name the message opens with, unknown and no English word, does what the
    rest says: "zorvex hands off a raw byte stream to a target port, which layer". Not
    when the name found is what it acts on ("datadog shows high tcp retransmits"), nor when
    the question points back at what was said ("…, what layer is that")."""
    words = reading.words
    placed = any(words[at] in _PLACING for at in range(max(2, subject.start - 3), subject.start))
    return (
        len(words) > 1
        and _coined(words[0])
        and reading.tokens.clause[0] == reading.tokens.clause[subject.start]
        and words[1] not in GRAMMAR
        and english_with_s(words[1])
        and placed  # "… to a target port", not "… shows high tcp retransmits"
        and _POINTING_BACK.isdisjoint(words[subject.end :])
    )


_PLACING = frozenset("to into from over via on at between across through".split())
_POINTING_BACK = frozenset("that this it".split())


def _coined(word: str) -> bool:
    """A name someone made up: no English word, nor a form of one ("compressing",
    "authenticating": a word ending "-ing" is a verb's, even one the word list lacks)."""
    if len(word) <= SHORT_WORD or word.endswith("ing") or not word.isalpha():
        return False  # "eth0" is an interface, not a product
    return not (is_english_word(word) or inflects_an_english_word(word))


_WHO = frozenset("i we you they he she someone somebody everyone people ppl folks".split())


def _its_own_layers(reading: Reading, subject: Match) -> bool:
    """ "does the mode change kube-proxy's osi layers?": the layers asked for are the
    name's own, whatever else the question says."""
    end = subject.end
    if end >= len(reading.words) or reading.words[end] not in {"osi", "layer", "layers"}:
        return False
    return reading.tokens.gap(end).lstrip().startswith(("'s", "\u2019s"))


def _asked_before_its_setting(reading: Reading) -> bool:
    """ "which layer is the coffee machine on lol, facilities put it on the wifi": the
    question asks about a thing the knowledge does not know, and every name it does know
    only says where that thing is, or is only in what is said around the question."""
    words = reading.words
    slot, after_auxiliary = subject_slot(words, set(reading.named))
    if not after_auxiliary or slot is None or slot not in reading.unknown_at:
        return False
    # "which layer is east-west traffic in the mesh", "the handshake in tls": words of
    # networking name what happens in the place, which is then the thing asked about.
    if (
        reading.only_asks_at(slot, reading.matches)
        # A name, not a word ("is the problem at l4? nlb health checks keep failing").
        and not is_english_word(words[slot])
        and not inflects_an_english_word(words[slot])
    ):
        return True  # "does zentrofs have an osi layer? we manage the vpcs with it"
    first = min(m.start for m in reading.matches)
    if any(_of_networking(word) for word in words[slot:first]):
        return False
    return all(slot < m.start and _in_a_place(m, words) for m in reading.matches)


def _of_networking(word: str) -> bool:
    return word in NETWORK_CONTEXT or word in _NETWORK_NOUNS


# Besides NETWORK_CONTEXT ("traffic", "packet", "pod", "node"…).
_NETWORK_NOUNS = frozenset(
    "handshake frame frames connection connections request requests call calls east west "
    "north south".split()
)


def _asked_after_layer_of(reading: Reading) -> bool:
    """ "vault agent sidecar renders the db creds into /vault/secrets, osi layer of the
    vault agent?": the thing after "layer of" ends the message and is none the knowledge
    knows."""
    words = reading.words
    for at in range(len(words) - 2, 0, -1):
        if words[at] == "of" and words[at - 1] in {"layer", "layers"}:
            rest = range(past_determiners(words, at + 1), len(words))
            return bool(rest) and all(i in reading.unknown_at for i in rest)
    return False


_PLACES = frozenset("on in over via across inside behind".split())


def _in_a_place(match: Match, words: list[str]) -> bool:
    before = match.start - 1
    while before > 0 and words[before] in DETERMINERS:
        before -= 1
    return before >= 0 and words[before] in _PLACES


def _an_action(word: str) -> bool:
    """A gerund of an English verb ("exposing", "running"): what is done, not a thing."""
    return word.endswith("ing") and inflects_an_english_word(word)
