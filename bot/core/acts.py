"""Questions that describe an act rather than name a thing: "which layer *wraps* ip packets
into frames", "what osi layer is that re-encoding", "translating http/1.1 requests into grpc
calls": where the act is, and whether it, not the names it acts on, is asked about."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.core.credibility import part_starts
from bot.core.knowledge import EntryKind
from bot.core.lexicon import has_everyday_sense, is_english_word, written_out
from bot.core.question_shape import DETERMINERS
from bot.core.text import word_variants
from bot.core.vocabulary import AUXILIARIES, GRAMMAR

if TYPE_CHECKING:
    from bot.core.reading import Reading

__all__ = [
    "ASKING_WORDS",
    "COMPARING",
    "PREFIXES",
    "a_verb_acting",
    "converted",
    "describes_an_action",
    "inflects_an_english_word",
    "only_concepts",
    "opens_with_a_gerund",
    "opens_with_the_act",
    "points_at_the_act",
    "the_layer_acts",
]


# Words that set the things asked about side by side: "geneve vs vxlan", "same layer?".
COMPARING = frozenset(
    "vs versus v or compare compared comparison difference differ differs different same "
    "than above below higher lower beneath under over atop each both either".split()
)


def points_at_the_act(reading: Reading) -> bool:
    """Whether the question asks about an act it has just described, pointing back at it
    with "that" or "this" and a word for the act that names nothing the knowledge knows:
    "what layer is that re-encoding", "osi layer of that translation?". Not "that svc", a
    thing it names, nor "that knob"."""
    words, named = reading.words, set(reading.named)
    if _WHICH_LAYER.isdisjoint(words) and not ASKING_WORDS.intersection(words):
        return False
    for at in range(1, len(words)):
        pointer = at - 1
        if at in reading.tokens.joined and words[pointer] in PREFIXES:
            pointer -= 1  # "that re-encoding"
        if pointer < 0 or words[pointer] not in {"that", "this"} or at in named:
            continue
        if at not in reading.unknown_at or not _an_act_word(words[at]):
            continue
        following = words[at + 1] if at + 1 < len(words) else ""
        if following and following not in _AFTER_THE_ACT:
            continue  # "that split traffic": a verb, not the act named
        asked = words[max(0, pointer - 4) : pointer]
        if not ASKING_WORDS.isdisjoint(asked) or any(w in AUXILIARIES for w in asked):
            return True
    return False


_SHORT_VERB = 3


# Words that may follow the act pointed at: "is that wrapping *at*", "that split *happen*".
_AFTER_THE_ACT = frozenset("at in on happen happens done layer osi".split())


def _an_act_word(word: str) -> bool:
    """A word for an act: a gerund ("wrapping") or a noun of action ("translation")."""
    if word.endswith("ing"):
        stem = word[:-3]
        if len(stem) >= _SHORT_VERB and stem[-1] == stem[-2] and stem[-1] not in "lsz":
            return True  # "pinning", "mapping": only a verb doubles its last letter so
        return any(has_everyday_sense(form) for form in word_variants(word)[1:])
    return word.endswith(("tion", "sion", "ment")) and is_english_word(word)


def opens_with_a_gerund(reading: Reading) -> bool:
    """Whether the question opens with an act it does not name: "resolving …", "keeping …"."""
    words = reading.words
    return (
        bool(reading.unknown_at)
        and reading.unknown_at[0] == 0
        and words[0].endswith("ing")
        and inflects_an_english_word(words[0])
    )


def opens_with_the_act(reading: Reading) -> bool:
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


def converted(reading: Reading) -> list[str]:
    """The names' words in "<act> A into B" or "A to B <act>", where the act turns one
    named thing into another ("translating http/1.1 requests into grpc calls", "http/1.1
    → grpc conversion"); none otherwise."""
    words, named, tokens = reading.words, reading.named, reading.tokens
    for second in reading.matches:
        at = second.start - 1
        while at > 0 and words[at] in DETERMINERS:
            at -= 1  # "into a grpc call"
        if at < 1:
            continue
        if words[at] in _INTO:
            joined_by = at
        elif tokens.spans and _ARROW.search(tokens.gap(second.start)):
            joined_by = second.start  # "http/1.1 → grpc": the arrow is between the words
        else:
            continue
        first = next(
            (m for m in reading.matches if joined_by - _CONVERT_REACH <= m.end - 1 < joined_by),
            None,
        )
        if first is None or first is second:
            continue
        # Protocols and formats are turned into each other; "istio to linkerd migration"
        # moves between two tools.
        if EntryKind.TOOL in {first.target.entry.kind, second.target.entry.kind}:
            continue
        # Two things of one layer, one turned into the other ("http/1.1 into grpc"); not
        # one layer's unit into another's ("udp into vxlan packets", "ip packets into
        # frames"), which the later one's layer does.
        if set(first.target.entry.layers).isdisjoint(second.target.entry.layers):
            continue
        verb, act = first.start - 1, second.end
        if (
            words[at] == "into"
            and verb >= 0
            and verb not in named
            and inflects_an_english_word(words[verb])
        ) or (act < len(words) and act not in named and words[act].endswith(_ACT_NOUNS)):
            return [*words[first.start : first.end], *words[second.start : second.end]]
    return []


_INTO = frozenset({"into", "to"})
_ARROW = re.compile(r"->|=>|\u2192|\u27f6")
_ACT_NOUNS = ("sion", "tion", "ing")  # "conversion", "translation", "transcoding"


_CONVERT_REACH = 3  # words from the first name to "into": "http/1.1 requests into"


def only_concepts(reading: Reading) -> bool:
    """Whether every name in the question is a concept ("ips", "packets"), none a tool."""
    return all(m.target.entry.kind is EntryKind.CONCEPT for m in reading.matches)


ASKING_WORDS = frozenset("what which where layer layers osi level row rows".split())


_WHICH_LAYER = frozenset("which what where".split())


def describes_an_action(reading: Reading) -> bool:
    """ "which layer *wraps* ip packets into ethernet frames": names, and an ordinary verb
    saying what happens to them, in a question for a layer."""
    words = reading.words
    # "which layer wraps…", or, naming no tool, a part of its own after the description:
    # "the thing that blocks pod traffic by source ip, which layer is that".
    starts = part_starts(reading.tokens, len(words)) if only_concepts(reading) else [0]
    asks_for_layer = any(
        not _WHICH_LAYER.isdisjoint(words[start : start + 3])
        and not ASKING_WORDS.isdisjoint(words[start : start + 4])
        for start in starts
    )
    # "packaging ip packets into ethernet frames for the nic, layer?" asks at its end.
    ends_asking = bool(words) and words[-1] in {"layer", "osi"} and _asked_apart(reading)
    if points_at_the_act(reading):
        return True  # "…, which layer is that pinning"
    if converted(reading) and not ASKING_WORDS.isdisjoint(words):
        return True  # "turning http/1.1 into grpc, is that even a layer thing?"
    if len(reading.subjects) > 1 and not COMPARING.isdisjoint(words):
        return False  # "aws vpc cni compared to metallb, layer?" compares, describes nothing
    asks = asks_for_layer or ends_asking or the_layer_acts(reading)
    return asks and any(is_english_word(written_out(w)) for w in reading.unknown)


def the_layer_acts(reading: Reading) -> bool:
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
        if verb + 1 < len(words) and a_verb_acting(words[verb], words[verb + 1]):
            return True
    return False


def a_verb_acting(word: str, following: str) -> bool:
    """A verb in the third person ("wraps", "sends"), not a plural noun before its own verb
    ("which layer protocols are…")."""
    if not word.endswith("s") or word in GRAMMAR or following in AUXILIARIES:
        return False
    return inflects_an_english_word(word)


def _asked_apart(reading: Reading) -> bool:
    """Whether the message's last word asks on its own: after a question mark, or set
    apart by a dash, comma or colon ("resolving service names to ips — layer")."""
    tokens = reading.tokens
    if tokens.questions:
        return True
    # "… — layer", "… — which osi layer": a last part of nothing but asking words.
    last = part_starts(tokens, len(reading.words))[-1] if reading.words else 0
    return last > 0 and all(word in ASKING_WORDS for word in reading.words[last:])


# Prefixes that are no words of their own: "re-encodes", "multi-cluster". Not "non-" or
# "anti-": "non-root", "anti-affinity" name things of their own.
PREFIXES = frozenset("re pre un co de sub multi inter intra mis semi bi".split())


_LONG_AGENT = 8  # "refresher", "installer"


def inflects_an_english_word(word: str) -> bool:
    """Whether `word` is a form of an English word ("wraps", "exposing"), though the word
    list may not hold the form itself."""
    # "summarise": the word list spells it "summarize".
    british = word.replace("is", "iz") if re.search(r"is(?:e|es|ed|ing)$", word) else word
    # "concretely", "happily": an adverb of an English adjective; "refresher": one who
    # does an English verb (long words only: "docker" is a product).
    adverb = (
        (word[:-3] + "y",) if word.endswith("ily") else (word[:-2],) if word.endswith("ly") else ()
    )
    if word.endswith("er") and len(word) >= _LONG_AGENT:
        adverb = (*adverb, word[:-2], word[:-1])
    return any(
        is_english_word(form)
        for form in (*word_variants(word), *word_variants(british), *adverb)
        if form != word
    )
