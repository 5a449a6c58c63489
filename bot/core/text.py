"""Turning chat text into words the matcher can compare.

Chat messages arrive full of platform markup: Slack's `<@U123|name>` and `&lt;` escapes,
Discord's `<@123>` and `<:emoji:1>`, markdown, a leading `/osi`. None of it is part of
the question, so it is removed before anything is matched.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "MAX_QUESTION_CHARS",
    "Tokens",
    "compact",
    "strip_chat_noise",
    "tokenize",
    "tokenize_compounds",
    "truncate",
    "word_variants",
]

# Long enough for a paste of logs or config with the question after it, short enough that
# hostile input stays cheap (benchmarks/core.py measures the worst case).
MAX_QUESTION_CHARS = 4000

# Chat markup, removed in this order. Kept as pattern strings, so `re` compiles each on
# first use only: plain questions (no `_MARKUP_CHARS`) never need them.
_MARKUP_BEFORE_UNESCAPE = (
    # Slack links keep their label (`<https://x|label>` -> `label`) and bare links their
    # address (`<https://metallb.io>` names MetalLB)...
    (r"<(?:https?|mailto):[^|<>\s]{0,2000}\|([^<>]{0,2000})>", r" \1 "),
    (r"<((?:https?|mailto):[^|<>\s]{0,2000})>", r" \1 "),
    # ...and everything else in angle brackets (user, channel and group mentions, Discord
    # emoji) goes.
    (r"<[^<>\s]{1,2000}(?:\|[^<>]{0,2000})?>", " "),
)
_MARKUP_AFTER_UNESCAPE = (
    # Struck-through words are what the writer took back: "~~nginx~~ traefik".
    (r"~~[^~]{0,2000}~~|(?<![\w~])~[^~\s][^~]{0,2000}?~(?![\w~])", " "),
    # A pasted link names its subject ("metallb.io"); its scheme is not HTTP the concept.
    (r"(?i)\b(?:https?|mailto):/*", " "),
    (r"(?i)^\s*/osi(?:-?bot)?\b", " "),  # a leading slash command
    (r"(?<![\w.])@[\w.-]{1,100}", " "),  # @osibot, @here
    (r"(?<![A-Za-z0-9]):[a-z0-9_+-]{1,64}:(?![A-Za-z0-9])", " "),  # :emoji:, not "02:13:44"
    (r"(?<![\w+])\+1(?![\w.+])", " "),  # a "+1" vote, never "layer 1"
)
# A token is a run of letters and digits in one script: Latin runs and other scripts'
# runs are split, so "Envoyは何層ですか" still yields "envoy". Punctuation inside names
# ("http/1.1", "metal-lb") splits them; matching joins neighbouring tokens again.
_LATIN = "0-9a-z\u00df-\u024f"
# A "&" or "+" standing alone is the word "and": "layers 2 & 3", "transport + session".
_TOKEN = re.compile(rf"[{_LATIN}]+|[^\W_{_LATIN}]+|(?<![\w&+])[&+](?![\w&+])")
# Where a sentence or clause ends: "We use calico. Is istio L7?" asks about Istio.
# (Text is NFKC-folded first, so a fullwidth question mark arrives as "?"; U+3002 is the
# CJK full stop, which NFKC keeps.)
# In chat an emoji before a space ends a sentence too: "…on the new node 😩 the nic is l1?".
_CLAUSE_END = re.compile(r"[.!?;](?=\s|$)|[\n\u3002]|[\u2600-\u26ff\U0001f300-\U0001faff](?=\s)")
# Every kind of markup above starts with one of these; plain questions skip the regexes.
_MARKUP_CHARS = re.compile(r"[<&@~:/+]")
_NOT_ALNUM = re.compile(r"[\W_]+")
_POSSESSIVE = re.compile(r"['\u2019]s\b")


def _unescape_slack(text: str) -> str:
    # Slack escapes exactly these three; html.unescape would cost start-up time for
    # entities chat never sends.
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def truncate(question: str) -> tuple[str, bool]:
    """Cut a question to `MAX_QUESTION_CHARS`; report whether anything was cut."""
    if len(question) <= MAX_QUESTION_CHARS:
        return question, False
    return question[:MAX_QUESTION_CHARS], True


def strip_chat_noise(text: str) -> str:
    """Remove mentions, links, emoji codes, markdown and a leading slash command."""
    if not _MARKUP_CHARS.search(text):
        return text
    for pattern, replacement in _MARKUP_BEFORE_UNESCAPE:
        text = re.sub(pattern, replacement, text)
    # Slack escapes &, < and > in message text; unescape after removing real markup so a
    # typed "&lt;@U1&gt;" is read as words, not as a mention.
    text = _unescape_slack(text)
    for pattern, replacement in _MARKUP_AFTER_UNESCAPE:
        text = re.sub(pattern, replacement, text)
    return text


def _fold(text: str) -> str:
    """Case and Unicode folded (fullwidth letters, ligatures), the one form all matching sees."""
    # NFKC leaves ASCII as it is, and casefold() is lower() there: skip the slow path.
    return text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).casefold()


def _words(folded: str) -> Iterator[re.Match[str]]:
    """The word tokens of folded text, without possessive "s": "istio's mtls" is "istio mtls"."""
    for found in _TOKEN.finditer(folded):
        start = found.start()
        if found.group() == "s" and start and folded[start - 1] in "'\u2019":
            continue
        yield found


def tokenize(text: str) -> list[str]:
    """Lower-case words of `text`, read exactly as questions are (names are indexed so)."""
    return [_word(found) for found in _words(_fold(text))]


def _word(found: re.Match[str]) -> str:
    word = found.group()
    return "and" if word in _AND else word


_AND = frozenset("&+")


class Tokens(NamedTuple):
    """The words of a message, with what punctuation said about them."""

    words: list[str]
    joined: frozenset[int]  # positions hyphen-joined to the word before ("kube-VIP")
    clause: list[int]  # the clause each word is in, counting from 0
    questions: frozenset[int]  # clauses that end with a question mark
    spans: tuple[tuple[int, int], ...] = ()  # each word's [start, end) in the text read
    # The text the spans index: as written when folding kept every offset (ASCII), else
    # the folded text, so a quote of the user's words never shifts.
    text: str = ""

    def gap(self, at: int) -> str:
        """The text between word `at - 1` and word `at`: spaces and punctuation."""
        return self.text[self.spans[at - 1][1] : self.spans[at][0]]

    def quote(self, start: int, end: int) -> str:
        """The words at positions [start, end) as written, punctuation between kept."""
        if not self.spans or end <= start:
            return " ".join(self.words[start:end])
        return self.text[self.spans[start][0] : self.spans[end - 1][1]]


def tokenize_compounds(text: str) -> Tokens:
    """Tokens of `text`, with hyphenated compounds and clauses marked."""
    folded = _fold(text)
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    joined: set[int] = set()
    clause: list[int] = []
    ends = [(m.start(), m.group()) for m in _CLAUSE_END.finditer(folded)]
    questions = {i for i, (_, mark) in enumerate(ends) if mark == "?"}
    current = 0
    for found in _words(folded):
        start = found.start()
        while current < len(ends) and ends[current][0] < start:
            current += 1
        if words and start >= 2 and folded[start - 1] == "-" and folded[start - 2].isalnum():
            joined.add(len(words))
        elif words and start >= 2 and folded[start - 1] == "\u2013" and folded[start - 2].isdigit():
            joined.add(len(words))  # "layers 5\u20137": an en dash between numbers
        words.append(_word(found))
        spans.append(found.span())
        clause.append(current)
    written = text if len(text) == len(folded) and text.isascii() else folded
    return Tokens(words, frozenset(joined), clause, frozenset(questions), tuple(spans), written)


@lru_cache(maxsize=8192)
def compact(text: str) -> str:
    """A key that ignores case, spaces and punctuation: "Metal-LB" and "metallb" agree.

    Memoised: loading the knowledge asks for every alias's key twice (validation, index).
    """
    # Possessives go as in `_words`, so a name's key is what its words join to.
    return _NOT_ALNUM.sub("", _POSSESSIVE.sub("", _fold(text)))


@lru_cache(maxsize=8192)
def word_variants(key: str) -> tuple[str, ...]:
    """`key` and its likely stems, so "switches", "routed", "bridging" find their entries."""
    variants = [key]
    if len(key) > 4:
        for suffix, replacement in (
            ("ies", "y"),
            ("es", ""),
            ("s", ""),
            ("ing", ""),
            ("ing", "e"),
            ("ed", ""),
            ("d", ""),
        ):
            if key.endswith(suffix):
                stem = key[: -len(suffix)] + replacement
                if suffix in {"ing", "ed"} and _doubles(stem):
                    continue  # "tuning" is no form of "tun": that would be "tunning"
                variants.append(stem)
                if suffix in {"ing", "ed"} and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                    variants.append(stem[:-1])  # "wrapping", "pinned": "wrap", "pin"
    return tuple(variants)


_SHORT_STEM = 3  # one short syllable: consonant, vowel, consonant


def _doubles(stem: str) -> bool:
    """Whether a short stem doubles its last letter before "-ing" or "-ed" ("run",
    "running"): consonant, vowel, consonant."""
    vowels = "aeiou"
    return (
        len(stem) == _SHORT_STEM
        and stem[0] not in vowels
        and stem[1] in vowels
        and stem[2] not in vowels + "wxy"
    )
