"""The answer core: (knowledge, question) -> Answer. Pure, synchronous, no I/O."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.knowledge import EntryKind
from bot.core.model import Answer, AnswerKind
from bot.core.reading import read
from bot.core.text import truncate
from bot.core.vocabulary import EXCLUSIVE

if TYPE_CHECKING:
    from collections.abc import Iterable

    from bot.core.knowledge import Entry, Knowledge
    from bot.core.reading import Reading

__all__ = ["answer"]

_MAX_ALSO = 3
# Suggestions answer a mistyped name, not a sentence of unknown words.
_MAX_TERMS_TO_SUGGEST_FOR = 3


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
        unknown_term=" ".join(unknown[:4])[:60] or None,
        truncated=truncated,
    )
    if reading.matches and not _subject_unknown(reading, reading.opens_yes_no):
        return _entry_answer(knowledge, base, reading)
    mentions = reading.mentions
    if mentions.valid and not unknown:
        layers = tuple(knowledge.layer(n) for n in mentions.valid)
        return base._replace(kind=AnswerKind.LAYER, layers=layers)
    if mentions.out_of_range and not reading.matches:
        return base._replace(asked_layers=tuple(mentions.out_of_range))
    if not unknown:
        return base._replace(kind=AnswerKind.HELP)
    if len(unknown) > _MAX_TERMS_TO_SUGGEST_FOR:
        return base
    terms = [*unknown, " ".join(unknown[:2])]
    return base._replace(suggestions=knowledge.index.suggest(terms))


def _subject_unknown(reading: Reading, opens_yes_no: bool) -> bool:
    """In "is kafka a layer 7 thing like envoy?" the subject, kafka, is what's asked about:
    an unknown word before the first name, in the clause that "is" opens."""
    if not opens_yes_no:
        return False
    clause = reading.tokens.clause
    subject = reading.matches[0]
    return any(
        at < subject.start and clause[at] == clause[subject.start] for at in reading.unknown_at
    )


def _entry_answer(knowledge: Knowledge, base: Answer, reading: Reading) -> Answer:
    primary = reading.matches[0]  # the reading puts the asked-about subject first
    entry = primary.target.entry
    focus = primary.target.layer
    claimed = (focus,) if focus is not None else entry.layers
    also = _unique(m.target.entry for m in reading.matches if m.target.entry is not entry)
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
