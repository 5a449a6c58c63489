"""English words (bot/core/data/*english-words.txt, made by scripts/make_lexicon.py).

Loaded on first use only: most questions name a tool exactly and never need it, and
`osi-bot ask` must start fast.
"""

from __future__ import annotations

import os
from functools import cache

__all__ = [
    "english_with_s",
    "has_everyday_sense",
    "is_common_short_word",
    "is_english_word",
    "written_out",
]

_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


@cache
def _words(name: str = "english-words.txt") -> frozenset[str]:
    try:
        with open(os.path.join(_DATA, name), encoding="utf-8") as file:
            return frozenset(file.read().split())
    except OSError:
        # Without the list every word may be a typo: matching gets laxer, never wrong-headed.
        return frozenset()


def is_english_word(word: str) -> bool:
    """Whether `word` (lower-case) is a common English word, so no one's typo of a name."""
    return word in _words()


def has_everyday_sense(word: str) -> bool:
    """Whether `word` is English at all, if rarer ("emissary", "calico"), unlike a coined
    name ("istio"): only such a name can be the plain word in a sentence."""
    return is_english_word(word) or word in _words("rarer-english-words.txt")


def is_common_short_word(word: str) -> bool:
    """Whether `word` is a very frequent English word of two or three letters ("old",
    "new"), which the lists above leave out."""
    return word in _words("short-english-words.txt")


def english_with_s(word: str) -> bool:
    """Whether `word` is an English word with an "s" after it: a verb said of its subject
    ("speaks", "keeps", "understands"). The word list is read only for such a word."""
    return word.endswith("s") and is_english_word(word[:-1])


# Chat shorthand for describing words: "src and dst ports", "client certs".
_SHORTHAND = {
    "addr": "address",
    "addrs": "addresses",
    "msg": "message",
    "msgs": "messages",
    "req": "request",
    "reqs": "requests",
    "resp": "response",
    "hdr": "header",
    "hdrs": "headers",
    "cert": "certificate",
    "certs": "certificates",
    "encap": "encapsulation",
    "decap": "decapsulation",
    # An IP of either version is IP: "maps IPv4 addresses" answers "ip mapped to a mac".
    "ipv4": "ip",
    "ipv6": "ip",
}


def written_out(word: str) -> str:
    """The word chat shorthand stands for ("certs" -> "certificates"), or the word itself."""
    return _SHORTHAND.get(word, word)
