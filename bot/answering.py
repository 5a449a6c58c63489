"""The answer core: (knowledge, question) -> Answer. Pure, synchronous, no I/O."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bot.knowledge import EntryKind
from bot.layer_mentions import find_layer_mentions
from bot.model import Answer, AnswerKind
from bot.text import strip_chat_noise, tokenize, truncate
from bot.vocabulary import AUXILIARIES, GREETINGS, HELP_WORDS, STOPWORDS

if TYPE_CHECKING:
    from collections.abc import Iterable

    from bot.knowledge import Entry, Knowledge
    from bot.layer_mentions import LayerMentions
    from bot.matching import Match

__all__ = ["answer"]

# Beyond this many words a message is prose, not a question; the rest is not read.
_MAX_TOKENS = 80
_MAX_ALSO = 3


def answer(knowledge: Knowledge, question: str) -> Answer:
    """Understand `question` and say what the knowledge claims about it.

    A layer is claimed only for an exact name, an alias, a close typo of one, or a
    layer named outright; anything weaker is an unknown answer with suggestions.
    """
    question, truncated = truncate(question)
    tokens = tokenize(strip_chat_noise(question))[:_MAX_TOKENS]
    index = knowledge.index

    matches = index.find_exact(tokens, skip=set())
    if not any(m.target.entry.kind is EntryKind.TOOL for m in matches):
        # A misspelt tool is the subject even beside an exact concept ("genev tunnels").
        taken = {i for m in matches for i in range(m.start, m.end)}
        typo = index.find_typo(tokens, skip=taken | _layer_positions(knowledge, tokens))
        if typo and (not matches or typo.target.entry.kind is EntryKind.TOOL):
            matches.append(typo)
    used = {i for m in matches for i in range(m.start, m.end)}
    mentions = find_layer_mentions(tokens, list(knowledge.layers.values()), skip=used)
    used |= mentions.used
    leftover = [t for i, t in enumerate(tokens) if i not in used and t not in STOPWORDS]
    unknown = [t for t in leftover if t not in GREETINGS and t not in HELP_WORDS]
    base = Answer(question=question, kind=AnswerKind.UNKNOWN, truncated=truncated)

    if matches:
        return _entry_answer(knowledge, base, matches, mentions)
    if mentions.valid and not (unknown and tokens[0] in AUXILIARIES):
        layers = tuple(knowledge.layer(n) for n in mentions.valid)
        return replace(base, kind=AnswerKind.LAYER, layers=layers, unknown_term=_term(unknown))
    if mentions.out_of_range:
        return replace(base, asked_layers=tuple(mentions.out_of_range))
    if not unknown:
        return replace(base, kind=AnswerKind.HELP)
    suggestions = index.suggest([*unknown, " ".join(unknown[:2])])
    return replace(base, unknown_term=_term(unknown), suggestions=suggestions)


def _layer_positions(knowledge: Knowledge, tokens: list[str]) -> set[int]:
    """Words that name a layer ("data link layer") must not be read as typos of tools."""
    return find_layer_mentions(tokens, list(knowledge.layers.values()), skip=set()).used


def _entry_answer(
    knowledge: Knowledge, base: Answer, matches: list[Match], mentions: LayerMentions
) -> Answer:
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
    return replace(
        base,
        kind=AnswerKind.TOOL if entry.kind is EntryKind.TOOL else AnswerKind.CONCEPT,
        entry=entry,
        layers=tuple(knowledge.layer(n) for n in claimed),
        asked_layers=tuple(mentions.numbers),
        focus_layer=focus,
        typed=primary.typed,
        also=also[:_MAX_ALSO],
    )


def _unique(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    return tuple({entry.name: entry for entry in entries}.values())  # first-seen order


def _term(words: list[str]) -> str | None:
    return " ".join(words[:4])[:60] or None
