"""A question that points at what was pasted above it ("so which layer is this?"): the name
the paste gives it, and whether the question names its own subject instead."""

from __future__ import annotations

from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING

from bot.core.asking import DEICTIC
from bot.core.credibility import ASKING_FOR_A_PLACE, NETWORK_CONTEXT, heads_a_noun, is_everyday
from bot.core.knowledge import EntryKind
from bot.core.layer_mentions import find_layer_mentions
from bot.core.lexicon import has_everyday_sense, is_english_word
from bot.core.question_shape import (
    MAX_TOKENS,
    WH_WORDS,
    is_content,
    opens_a_yes_no_question,
    past_determiners,
    past_openers,
)
from bot.core.subjects import STRESSING
from bot.core.text import tokenize_compounds
from bot.core.vocabulary import AUXILIARIES, GRAMMAR, GREETINGS, STOPWORDS

if TYPE_CHECKING:
    from bot.core.matching import AliasIndex, Match
    from bot.core.text import Tokens

__all__ = [
    "POINTERS",
    "Paste",
    "asks_about_a_thing",
    "ends_a_compound",
    "named_again",
    "named_by",
    "names_its_subject",
    "points_at_context",
    "subject_slot",
]


def named_by(
    index: AliasIndex,
    tokens: Tokens,
    paste: Paste,
    *,
    writers: bool = False,
    commands: bool = False,
) -> str | None:
    """The name a question pointing at `paste` ("which layer is this?") is about; with
    `writers`, `paste` is the writer's own sentences, whose concepts say what it shows
    ("syns going out, nothing back, retransmits"); with `commands`, the command that printed
    it counts too, when nothing else does ("ipvsadm -Ln" and its table)."""
    from bot.core.evidence import is_evidence, shown_in_paste  # noqa: PLC0415 - pastes only

    pasted = paste.tokens
    found = index.find_exact(pasted.words, set(), pasted.joined)
    # "> lol my calico cat just walked across the keyboard": the cat, not the tool.
    found = [
        m
        for m in found
        if is_evidence(m, pasted, commands=commands) and not _a_thing_of_the_same_name(m, pasted)
    ]
    # What the paste shows answers where it happens; the name it is of answers a question
    # about the thing, and any question its evidence leaves open.
    if asks_about_a_thing(tokens.words):
        return _named_in_context(found, pasted.words)
    # A field label ("IP: 10.244.5.21") is no guess at what went wrong.
    return shown_in_paste(index, pasted, found) or _named_in_context(
        found, pasted.words, tool=not writers
    )


def _a_thing_of_the_same_name(match: Match, pasted: Tokens) -> bool:
    """Whether a tool's everyday name heads a noun in a paste that speaks of no network:
    "my calico cat"; not "we're seeing cilium drop packets"."""
    words = pasted.words
    return (
        NETWORK_CONTEXT.isdisjoint(words)
        and match.target.entry.kind is EntryKind.TOOL
        and has_everyday_sense(words[match.start])
        and heads_a_noun(match, words)
    )


def named_again(index: AliasIndex, tokens: Tokens, parts: list[Paste]) -> str | None:
    """The name of the context that "that <word>" points back at by its last word: "the
    clientip session affinity we turned on… what osi layer is that affinity thing"."""
    words = tokens.words[:MAX_TOKENS]
    pointed = {words[at] for at in range(1, len(words)) if words[at - 1] in POINTERS}
    # "a policy like this": the word before "like this" points back too.
    pointed |= {words[at] for at in range(len(words) - 2) if words[at + 1 : at + 3] in _LIKE_THIS}
    if not pointed:
        return None
    for part in parts:
        pasted = part.tokens
        # The last one named is the one pointed at: "Readiness probe failed: HTTP probe
        # failed … does the probe above fail" is the HTTP probe.
        for match in reversed(index.find_exact(pasted.words, set(), pasted.joined)):
            last = pasted.words[match.end - 1]
            if match.end - match.start > 1 and last in pointed:
                return match.target.entry.name
            # "sessionAffinity: ClientIP … the affinity bit": a name written as one word.
            if any(ends_a_compound(last, w) for w in pointed):
                return match.target.entry.name
    return None


# "that <word>", "the <word>": a word pointing back at a name given before.
POINTERS = frozenset({"that", "this", "the"})
_LIKE_THIS = (["like", "this"], ["like", "that"], ["like", "these"], ["like", "those"])


def ends_a_compound(name: str, word: str) -> bool:
    """Whether a name written as one word ends with `word`, long enough to mean it:
    "httproute" with "route", "sessionaffinity" with "affinity"; not "clusterip" with "ip"."""
    return len(word) >= _SHARED_STEM and name != word and name.endswith(word)


# A pasted context is searched this far for the name it uses most: a screenful of logs or
# config is a fair sample, and the bound keeps a 4,000-character paste cheap.
_MAX_CONTEXT_CHARS = 1000


class Paste:
    """A message's context, tokenized once, when first needed, up to the bound."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def tokens(self) -> Tokens:
        return tokenize_compounds(self.text[:_MAX_CONTEXT_CHARS])


def names_its_subject(index: AliasIndex, tokens: Tokens, paste: Paste) -> bool:
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
    words = tokens.words[:MAX_TOKENS]
    found = index.find_exact(words, set(), tokens.joined)
    if any(not is_everyday(match, words) for match in found):
        return True
    named = {i for m in found for i in range(m.start, m.end)}
    mentions = find_layer_mentions(words, index.layer_names, named, joined=tokens.joined)
    subject, after_auxiliary = subject_slot(words, named)
    if subject in named:
        return True
    if any(m.end in mentions.used for m in found):
        return True  # "flapping nic = physical layer problem?": a name paired with a layer
    if after_auxiliary and subject is not None and subject not in mentions.used:
        # Not "the log", nor "a policy like this": those are the paste.
        pointing = not DEICTIC.isdisjoint(words[subject + 1 : subject + 3])
        pasted = words[subject] in _PASTED or words[subject] in _TROUBLE
        if not pasted and not pointing and not _refers_back(words, subject, paste):
            return True
    if not mentions.numbers or opens_a_yes_no_question(words) or _offers_layers(words):
        # "is it L7?", "does the transport layer handle this?": a claim about the paste;
        # "l4 or l7 — which is it?": a choice for it.
        return False
    first_named = min(i for i in mentions.used if words[i] not in _LAYER_QUESTION)
    pointing_at = [i for i, w in enumerate(words) if w in DEICTIC]
    if pointing_at:
        return first_named < pointing_at[0]  # "the session layer — does anything use it?"
    return words[past_openers(words)] in WH_WORDS  # "what does layer 6 do?"


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


def _refers_back(words: list[str], subject: int, paste: Paste) -> bool:
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


def subject_slot(words: list[str], named: set[int]) -> tuple[int | None, bool]:
    """The head of a question's subject, and whether an auxiliary stands before it.

    After the auxiliary, past determiners and the words of any question ("pod", "feature"):
    "does [helm] have a layer", "what osi layer is a [db] deadlock", "what layer is a
    feature [flag]"; none in "which layer does that happen at". The auxiliary must come
    first, or after the words that ask ("which osi layer", "so what"). Without one, the
    start of a statement: "an [http] 503 like that is L7, yes?".
    """
    start = past_openers(words)
    while start < len(words) and words[start] in WH_WORDS | _LAYER_QUESTION:
        start += 1
    after_auxiliary = start < len(words) and words[start] in AUXILIARIES
    start = past_determiners(words, start + after_auxiliary)
    for at in range(start, len(words)):
        if words[at] in GRAMMAR:
            break
        if words[at] not in STOPWORDS and (at in named or is_content(words[at])):
            return at, after_auxiliary
    return None, after_auxiliary


_LAYER_QUESTION = frozenset("osi layer layers level row rows".split())


def _offers_layers(words: list[str]) -> bool:
    """ "which layer …", "what osi layer …", "l4 or l7?": the layers named are answers
    offered, not the subject."""
    if "which" in words or "or" in words or (words and words[-1] in _LAYER_QUESTION):
        return True
    return any(
        w in _LAYER_QUESTION and (words[i - 1] in WH_WORDS or words[i - 1] == "osi")
        for i, w in enumerate(words[1:], 1)
    )


def _a_name_itself(word: str) -> bool:
    """Whether a word stressed by "itself" is a name ("prometheus itself"), not a pointer
    or a word for what happens ("the resending itself")."""
    return (
        word not in DEICTIC and word not in STOPWORDS and not word.endswith(("ing", "ion", "ions"))
    )


def points_at_context(words: list[str]) -> bool:
    """ "which layer is *this*?", or a question of filler words only ("which layer are we
    even talking about") — not one with a name of its own, known or not ("…kafka?")."""
    following = [*words[1:], ""] if words else []
    pairs = list(zip(words, following, strict=True))
    if any(
        n in STRESSING and _a_name_itself(w) and (at == 0 or words[at - 1] not in DEICTIC)
        for at, (w, n) in enumerate(pairs)
    ):
        return False  # "which osi layer would prometheus itself be": its own subject
    if any(w in DEICTIC and n not in _TIMES for w, n in pairs):
        return True  # "which layer is this?", not "who's on call this weekend"
    if len(words) > _FEW_WORDS and ASKING_FOR_A_PLACE.isdisjoint(words):
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
    "it its they them thing things component components tool tools stuff software setup".split()
)


def asks_about_a_thing(words: list[str]) -> bool:
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
        if entry.name in seen or is_everyday(match, words):
            continue
        # "kind: HTTPRoute" says what a manifest is, before its apiVersion's group does.
        kind = match.start > 0 and words[match.start - 1] == "kind"
        seen[entry.name] = (entry.kind is EntryKind.TOOL, kind, -match.start)
    named = max(seen, key=seen.__getitem__) if seen else None
    return None if named is None or (tool and not seen[named][0]) else named
