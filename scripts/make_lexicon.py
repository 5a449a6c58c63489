"""Regenerate bot/core/data/english-words.txt: frequent English words the typo matcher trusts,
bot/core/data/rarer-english-words.txt: English words beyond those, still in everyday use, and
bot/core/data/short-english-words.txt: the frequent words of two or three letters ("old").

    python -m venv /tmp/lexicon && /tmp/lexicon/bin/pip install wordfreq
    /tmp/lexicon/bin/python scripts/make_lexicon.py

A word in this list is never read as a typo of a name ("connects" is not "ConnectX"), and a
concept alias that is one of these words counts only where the question is about networking.
The rarer list ("emissary", "ingress", "calico") tells a name with an everyday sense from a
product's coined name ("istio", "nginx"): only the former can be the word in prose.
wordfreq is needed only to regenerate the files, never to run the bot.
"""

from __future__ import annotations

import re
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency  # type: ignore[import-not-found]

_SIZE = 30_000  # the most frequent English words; rarer ones are likelier to be typos
_RARER_SIZE = 150_000
# Zipf 2.5 is about once in three million words: "calico" (2.9) is in, "nginx" (2.2) is not.
_RARER_MIN_ZIPF = 2.5
# English words rarer than the cut that tools are named after: a cilium is a hair on a cell
# (below the Zipf cut), and people say so in chat ("the cilium lecture was wild").
_NAMED_AFTER = frozenset({"cilium"})
_DATA = Path(__file__).resolve().parent.parent / "bot" / "core" / "data"
_OUT = _DATA / "english-words.txt"
_RARER_OUT = _DATA / "rarer-english-words.txt"
_SHORT_OUT = _DATA / "short-english-words.txt"
# Short words are kept out of the lists above (a short word is too often a name's slip or
# an acronym); these are only the very frequent ones, about once in ten thousand words.
_SHORT_MIN_ZIPF = 4.0


def _plain(words: list[str]) -> set[str]:
    return {w for w in words if re.fullmatch(r"[a-z]{4,}", w)}


def main() -> None:
    words = _plain(top_n_list("en", _SIZE))
    _OUT.write_text("\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {_OUT}")
    rarer = {
        w
        for w in _plain(top_n_list("en", _RARER_SIZE)) - words
        if zipf_frequency(w, "en") >= _RARER_MIN_ZIPF
    } | (_NAMED_AFTER - words)
    _RARER_OUT.write_text("\n".join(sorted(rarer)) + "\n", encoding="utf-8")
    print(f"{len(rarer)} words -> {_RARER_OUT}")
    short = {
        w
        for w in top_n_list("en", _SIZE)
        if re.fullmatch(r"[a-z]{2,3}", w) and zipf_frequency(w, "en") >= _SHORT_MIN_ZIPF
    }
    _SHORT_OUT.write_text("\n".join(sorted(short)) + "\n", encoding="utf-8")
    print(f"{len(short)} words -> {_SHORT_OUT}")


if __name__ == "__main__":
    main()
