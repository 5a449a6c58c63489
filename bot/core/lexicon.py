"""Frequent English words (bot/core/data/english-words.txt, made by scripts/make_lexicon.py).

Loaded on first use only: most questions name a tool exactly and never need it, and
`osi-bot ask` must start fast.
"""

from __future__ import annotations

import os
from functools import cache

__all__ = ["is_english_word"]

_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "english-words.txt")


@cache
def _words() -> frozenset[str]:
    try:
        with open(_PATH, encoding="utf-8") as file:
            return frozenset(file.read().split())
    except OSError:
        # Without the list every word may be a typo: matching gets laxer, never wrong-headed.
        return frozenset()


def is_english_word(word: str) -> bool:
    """Whether `word` (lower-case) is a common English word, so no one's typo of a name."""
    return word in _words()
