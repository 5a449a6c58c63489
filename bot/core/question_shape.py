"""The shape of a question: where it starts, whether it asks yes or no, and which of its
words carry content."""

from __future__ import annotations

import re

from bot.core.vocabulary import AUXILIARIES, GREETINGS, STOPWORDS

__all__ = [
    "AND_OR",
    "DETERMINERS",
    "MAX_TOKENS",
    "WH_WORDS",
    "is_content",
    "opens_a_yes_no_question",
    "past_determiners",
    "past_openers",
]


# Beyond this many words a message is prose, not a question; the rest is not read.
MAX_TOKENS = 80
# "cilium is L2, right?" asks as surely as "is cilium L2?".
_TAG_QUESTION = frozenset({"right", "correct", "true", "yes", "no", "innit", "yeah", "yea"})
_TAG_PRONOUNS = frozenset({"it", "they", "that", "he", "she"})
_OPENERS = frozenset({"so", "and", "but", "ok", "okay", "um", "uh", "quick", "q", "question"})
WH_WORDS = frozenset("what which where how why who when whats wheres hows".split())
# Words that may stand before a question's subject: "is *the* ...", "does *our* ...".
DETERMINERS = frozenset("a an the my our your their his her some any".split())


def past_determiners(words: list[str], at: int) -> int:
    """Where the words from `at` on get past "a", "the", "our" and the like."""
    while at < len(words) and words[at] in DETERMINERS:
        at += 1
    return at


def past_openers(words: list[str]) -> int:
    """Where a question starts after "so", "ok", "quick question" and the like."""
    at = 0
    while at < len(words) - 1 and (words[at] in _OPENERS or words[at] in GREETINGS):
        at += 1
    return at


AND_OR = frozenset(("and", "or"))


def opens_a_yes_no_question(words: list[str]) -> bool:
    opening = [w for w in words if w not in GREETINGS and w not in _OPENERS][:1]
    if opening and opening[0] in AUXILIARIES:
        return True
    # "cilium is L2, right?", and the tag "…, isn't it" / "…, is it" / "…, aren't they".
    # Not "— which is it?", which asks which.
    tagged = (
        len(words) > 2
        and words[-1] in _TAG_PRONOUNS
        and WH_WORDS.isdisjoint(words[-5:-2])  # nor "like which layer is it"
    )
    tag = bool(words) and words[-1] in _TAG_QUESTION
    if tag and len(words) > 1 and words[-2] in _RIGHT_AS_ADJECTIVE:
        tag = words[-1] != "right"  # "who's right", "want to get it right": no tag question
    # The auxiliary stands right before the pronoun, or before a "not"/"n't" that does:
    # "what k8s stuff is at it?" ends with no tag.
    negated = len(words) > 2 and words[-2] in {"not", "t"}
    before = words[-3] if negated else words[-2] if len(words) > 1 else ""
    return tag or (tagged and before in AUXILIARIES)


# Before these, "right" is what something is, not a tag asking for agreement.
_RIGHT_AS_ADJECTIVE = frozenset("who s it is are was were be get got am thing that".split())


def is_content(word: str) -> bool:
    # Numbers are versions, counts and "like I'm 5", not things the bot should know, nor
    # are ordinals ("the 7th").
    return (
        word not in STOPWORDS
        and word not in GREETINGS
        and not word.isdigit()
        and not _ORDINAL.fullmatch(word)
    )


_ORDINAL = re.compile(r"[0-9]+(?:st|nd|rd|th)")
