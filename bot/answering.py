"""The answer core: (knowledge, question) -> Answer. Pure, synchronous, no I/O."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from bot.knowledge import EntryKind
from bot.layer_mentions import find_layer_mentions
from bot.model import Answer, AnswerKind
from bot.text import strip_chat_noise, tokenize_compounds, truncate
from bot.vocabulary import AUXILIARIES, EXCLUSIVE, GREETINGS, HELP_WORDS, STOPWORDS

if TYPE_CHECKING:
    from collections.abc import Iterable

    from bot.knowledge import Entry, Knowledge
    from bot.layer_mentions import LayerMentions
    from bot.matching import Match

__all__ = ["answer"]

# Beyond this many words a message is prose, not a question; the rest is not read.
_MAX_TOKENS = 80
_MAX_ALSO = 3
# Words that make a question about where something sits, so an everyday word in it
# ("where do routers sit?") may be the name of a thing.
_LAYER_CONTEXT = frozenset({"layer", "layers", "osi", "level", "where"})
# "cilium is L2, right?" asks as surely as "is cilium L2?".
_TAG_QUESTION = frozenset({"right", "correct", "true", "yes", "no", "innit", "yeah", "yea"})
_OPENERS = frozenset({"so", "and", "but", "ok", "okay", "um", "uh", "quick", "q", "question"})


class _Reading(NamedTuple):
    """What the words of a question were found to be."""

    tokens: list[str]
    matches: list[Match]
    mentions: LayerMentions
    unknown: list[str]  # content words that are neither names, layers nor filler
    first_unknown: int | None  # position of the first of them


def answer(knowledge: Knowledge, question: str) -> Answer:
    """Understand `question` and say what the knowledge claims about it.

    A layer is claimed only for an exact name, an alias, a close typo of one, or a
    layer named outright; anything weaker is an unknown answer with suggestions.
    """
    question, truncated = truncate(question)
    reading = _read(knowledge, question)
    tokens, unknown = reading.tokens, reading.unknown
    yes_no = _is_yes_no(tokens)
    base = Answer(
        question=question,
        kind=AnswerKind.UNKNOWN,
        yes_no=yes_no,
        exclusive=yes_no and bool(EXCLUSIVE.intersection(tokens)),
        unknown_term=" ".join(unknown[:4])[:60] or None,
        truncated=truncated,
    )
    if reading.matches and not _subject_unknown(reading, yes_no):
        return _entry_answer(knowledge, base, reading)
    mentions = reading.mentions
    if mentions.valid and not unknown:
        layers = tuple(knowledge.layer(n) for n in mentions.valid)
        return base._replace(kind=AnswerKind.LAYER, layers=layers)
    if mentions.out_of_range and not reading.matches:
        return base._replace(asked_layers=tuple(mentions.out_of_range))
    if not unknown:
        return base._replace(kind=AnswerKind.HELP)
    terms = [*unknown, " ".join(unknown[:2])]
    return base._replace(suggestions=knowledge.index.suggest(terms))


def _is_yes_no(tokens: list[str]) -> bool:
    opening = [t for t in tokens if t not in GREETINGS and t not in _OPENERS][:1]
    return bool(opening and opening[0] in AUXILIARIES) or bool(
        tokens and tokens[-1] in _TAG_QUESTION
    )


def _read(knowledge: Knowledge, question: str) -> _Reading:
    tokens, joined = tokenize_compounds(strip_chat_noise(question))
    tokens = tokens[:_MAX_TOKENS]
    index = knowledge.index
    layer_words = find_layer_mentions(tokens, index.layer_names, skip=set())
    about_layers = bool(layer_words.numbers) or not _LAYER_CONTEXT.isdisjoint(tokens)
    content = {i for i, t in enumerate(tokens) if t not in STOPWORDS}

    def credible(match: Match) -> bool:
        # An everyday word names a thing only in a question about layers, or alone.
        span = set(range(match.start, match.end))
        return not match.target.everyday or about_layers or content <= span

    exact = index.find_exact(tokens, set(), joined)
    matches = [m for m in exact if credible(m)]
    if not any(m.target.entry.kind is EntryKind.TOOL for m in matches):
        # A misspelt tool is the subject even beside an exact concept ("genev tunnels");
        # a word known exactly, even one set aside as everyday, is no one's typo.
        taken = {i for m in exact for i in range(m.start, m.end)}
        typo = index.find_typo(tokens, taken | layer_words.used, joined)
        if typo and (not matches or typo.target.entry.kind is EntryKind.TOOL):
            matches.append(typo)
    used = {i for m in matches for i in range(m.start, m.end)}
    # Names take their words first ("transport layer security" is TLS, not layer 4).
    mentions = find_layer_mentions(tokens, index.layer_names, skip=used) if used else layer_words
    used |= mentions.used
    unknown_at = [
        i
        for i in sorted(content - used)
        if tokens[i] not in GREETINGS and tokens[i] not in HELP_WORDS
    ]
    return _Reading(
        tokens=tokens,
        matches=matches,
        mentions=mentions,
        unknown=[tokens[i] for i in unknown_at],
        first_unknown=unknown_at[0] if unknown_at else None,
    )


def _subject_unknown(reading: _Reading, yes_no: bool) -> bool:
    """In "is kafka a layer 7 thing like envoy?" the subject, kafka, is what's asked about."""
    if not yes_no or reading.first_unknown is None:
        return False
    return reading.first_unknown < min(m.start for m in reading.matches)


def _entry_answer(knowledge: Knowledge, base: Answer, reading: _Reading) -> Answer:
    matches = reading.matches
    # The tool is the subject of "is sticky-session affinity a kube-proxy thing?";
    # a phrase that names one facet ("istio mtls") is more specific than a bare name.
    primary = min(
        matches,
        key=lambda m: (m.target.layer is None, m.target.entry.kind is not EntryKind.TOOL, m.start),
    )
    entry = primary.target.entry
    focus = primary.target.layer
    claimed = (focus,) if focus is not None else entry.layers
    also = _unique(m.target.entry for m in matches if m.target.entry is not entry)
    return base._replace(
        kind=AnswerKind.TOOL if entry.kind is EntryKind.TOOL else AnswerKind.CONCEPT,
        entry=entry,
        layers=tuple(knowledge.layer(n) for n in claimed),
        asked_layers=tuple(reading.mentions.numbers),
        focus_layer=focus,
        typed=primary.typed,
        also=also[:_MAX_ALSO],
    )


def _unique(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    return tuple({entry.name: entry for entry in entries}.values())  # first-seen order
