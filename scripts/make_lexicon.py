"""Regenerate bot/core/data/english-words.txt: frequent English words the typo matcher trusts.

    python -m venv /tmp/lexicon && /tmp/lexicon/bin/pip install wordfreq
    /tmp/lexicon/bin/python scripts/make_lexicon.py

A word in this list is never read as a typo of a name ("connects" is not "ConnectX"), and a
concept alias that is one of these words counts only where the question is about networking.
wordfreq is needed only to regenerate the file, never to run the bot.
"""

from __future__ import annotations

import re
from pathlib import Path

from wordfreq import top_n_list  # type: ignore[import-not-found]

_SIZE = 30_000  # the most frequent English words; rarer ones are likelier to be typos
_OUT = Path(__file__).resolve().parent.parent / "bot" / "core" / "data" / "english-words.txt"


def main() -> None:
    words = sorted({w for w in top_n_list("en", _SIZE) if re.fullmatch(r"[a-z]{4,}", w)})
    _OUT.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {_OUT}")


if __name__ == "__main__":
    main()
