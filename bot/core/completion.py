"""Completions for a half-typed question, best first: "envo" -> Envoy, "cilu" -> Cilium.

Used for Discord's `/osi` autocomplete; platform-neutral like the rest of the core.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from bot.core.knowledge import EntryKind
from bot.core.phrasing import layer_title
from bot.core.text import compact, strip_chat_noise, tokenize, truncate
from bot.core.vocabulary import STOPWORDS

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge

__all__ = ["MAX_CHOICE_LENGTH", "complete"]

MAX_CHOICE_LENGTH = 100  # Discord's limit for a choice's name and value
_FUZZY_MIN_SCORE = 75.0


@lru_cache(maxsize=8)
def _pool(knowledge: Knowledge) -> tuple[tuple[str, str, bool], ...]:
    """Every (compact key, display name, is the name itself) to complete from, built once."""
    pool: list[tuple[str, str, bool]] = []
    for layer in knowledge.layers.values():
        title = layer_title(layer)
        spellings = (f"layer {layer.number}", f"l{layer.number}", layer.name, *layer.aliases)
        pool.extend((compact(s), title, s == layer.name) for s in spellings)
    for entry in knowledge.entries:
        pool.append((compact(entry.name), entry.name, True))
        aliases = (*entry.aliases, *(a for r in entry.roles for a in r.aliases))
        pool.extend((compact(alias), entry.name, False) for alias in aliases)
    return tuple(pool)


def _defaults(knowledge: Knowledge, limit: int) -> tuple[str, ...]:
    tools = [e.name for e in knowledge.entries if e.kind is EntryKind.TOOL]
    return tuple([layer_title(layer) for layer in knowledge.layers.values()] + tools)[:limit]


def _typo_score(key: str, candidate: str) -> float:
    """How well `key` matches `candidate` or the start of it, allowing for typos."""
    return max(fuzz.ratio(key, candidate), fuzz.ratio(key, candidate[: len(key) + 1]))


def _score(key: str, candidate: str) -> float | None:
    if candidate.startswith(key):
        # Among prefixes, the shortest completion is the most likely one.
        return 300.0 - len(candidate)
    if key in candidate:
        return 200.0 - len(candidate)
    if len(key) >= 3 and candidate[0] == key[0]:
        score = _typo_score(key, candidate)
        return score if score >= _FUZZY_MIN_SCORE else None
    return None


def complete(knowledge: Knowledge, partial: str, limit: int = 25) -> tuple[str, ...]:
    """Up to `limit` names `partial` is heading for: prefixes, inner matches, then typos."""
    words = tokenize(strip_chat_noise(truncate(partial)[0]))
    subject = [w for w in words if w not in STOPWORDS]
    # Read both ways: "what layer is metal" means "metal", but "kube-pr" means all of it.
    keys = {compact("".join(words)), compact("".join(subject))} - {""}
    if not keys:
        return _defaults(knowledge, limit)
    ranked: dict[str, float] = {}
    for candidate, name, is_name in _pool(knowledge):
        scores = [s for s in (_score(key, candidate) for key in keys) if s is not None]
        if scores:
            score = max(scores) + (0.5 if is_name else 0.0)
            ranked[name] = max(score, ranked.get(name, 0.0))
    if not ranked and not subject:
        return _defaults(knowledge, limit)
    best = sorted(ranked, key=lambda name: (-ranked[name], name))
    return tuple(name[:MAX_CHOICE_LENGTH] for name in best[:limit])
