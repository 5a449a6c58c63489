"""The answer core: (knowledge, question) -> Answer. Pure, synchronous, no I/O."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.knowledge import EntryKind
from bot.model import Answer, AnswerKind
from bot.reading import read
from bot.text import truncate
from bot.vocabulary import AUXILIARIES, EXCLUSIVE, GREETINGS

if TYPE_CHECKING:
    from collections.abc import Iterable

    from bot.knowledge import Entry, Knowledge
    from bot.reading import Reading

__all__ = ["answer"]

_MAX_ALSO = 3
# Suggestions answer a mistyped name, not a sentence of unknown words.
_MAX_TERMS_TO_SUGGEST_FOR = 3
# "cilium is L2, right?" asks as surely as "is cilium L2?".
_TAG_QUESTION = frozenset({"right", "correct", "true", "yes", "no", "innit", "yeah", "yea"})
_OPENERS = frozenset({"so", "and", "but", "ok", "okay", "um", "uh", "quick", "q", "question"})
_WH_WORDS = frozenset("what which where how why who when whats wheres hows".split())


def answer(knowledge: Knowledge, question: str) -> Answer:
    """Understand `question` and say what the knowledge claims about it.

    A layer is claimed only for an exact name, an alias, a close typo of one, or a
    layer named outright; anything weaker is an unknown answer with suggestions.
    """
    question, truncated = truncate(question)
    shaped = _yes_no_shaped(question)
    reading = read(knowledge, question, yes_no_shaped=shaped)
    words, unknown = reading.words, reading.unknown
    # "calico = L3?" is a yes/no question too, once it names a thing and a layer.
    yes_no = _opens_yes_no(words) or (shaped and bool(reading.matches and reading.mentions.numbers))
    base = Answer(
        question=question,
        kind=AnswerKind.UNKNOWN,
        yes_no=yes_no,
        exclusive=yes_no and bool(EXCLUSIVE.intersection(words)),
        unknown_term=" ".join(unknown[:4])[:60] or None,
        truncated=truncated,
    )
    if reading.matches and not _subject_unknown(reading, _opens_yes_no(words)):
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


def _opens_yes_no(words: list[str]) -> bool:
    opening = [w for w in words if w not in GREETINGS and w not in _OPENERS][:1]
    return bool(opening and opening[0] in AUXILIARIES) or bool(words and words[-1] in _TAG_QUESTION)


def _yes_no_shaped(question: str) -> bool:
    """Could this be a yes/no question: one opened by "is", or one ending in "?" that
    does not open with "what", "where" and the like ("geneve - layer 3?")."""
    stripped = question.strip().casefold()
    first = stripped.split(maxsplit=1)[0] if stripped else ""
    if first.strip("@<>`*_~") in AUXILIARIES:
        return True
    ends_asking = stripped.endswith(("?", "\uff1f"))  # "\uff1f" is the fullwidth "?"
    return ends_asking and not any(stripped.startswith(wh) for wh in _WH_WORDS)


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
