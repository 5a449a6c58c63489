"""What counts as a typo: how many slips a word may have, and which slips are plausible.

A typo claims a layer as surely as the exact name, so the model is strict: long words get
more slack than short ones, digits never change, and a replaced letter must be one a
finger or an ear could have produced.
"""

from __future__ import annotations

from rapidfuzz.distance import OSA, Levenshtein

__all__ = ["max_typos", "plausible_typo"]

_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_VOWELS = frozenset("aeiouy")
_SOUND_ALIKE = frozenset({("c", "k"), ("k", "c"), ("c", "s"), ("s", "c"), ("s", "z"), ("z", "s")})


def _keyboard_neighbours() -> dict[str, frozenset[str]]:
    """Keys within one row and one column of each other (a slightly generous QWERTY)."""
    place = {
        key: (row, col) for row, keys in enumerate(_KEYBOARD_ROWS) for col, key in enumerate(keys)
    }
    return {
        key: frozenset(
            other
            for other, (other_row, other_col) in place.items()
            if other != key and abs(other_row - row) <= 1 and abs(other_col - col) <= 1
        )
        for key, (row, col) in place.items()
    }


_NEIGHBOURS = _keyboard_neighbours()


def _slip(typed: str, name: str, position: int) -> bool:
    """Could a finger or an ear have put `typed` where `name` has its letter at `position`?

    Adjacent keys, a vowel for a vowel, letters that sound alike, or a neighbouring letter
    of the word typed twice ("opensll").
    """
    meant = name[position]
    return (
        typed in _NEIGHBOURS.get(meant, ())
        or (typed in _VOWELS and meant in _VOWELS)
        or (typed, meant) in _SOUND_ALIKE
        or typed in name[max(position - 1, 0) : position + 2]
    )


def plausible_typo(typed: str, name: str) -> bool:
    """Whether `typed` is a slip for `name` rather than another word ("openssh" is no "openssl").

    Digits are never typos ("docker" is not "docker0"); letters may be dropped, doubled or
    swapped; a replaced letter must be a plausible slip.
    """
    if [c for c in typed if c.isdigit()] != [c for c in name if c.isdigit()]:
        return False
    if OSA.distance(typed, name) < Levenshtein.distance(typed, name):
        return True  # a swap of neighbouring letters: "calcio"
    return all(
        _slip(typed[op.src_pos], name, op.dest_pos)
        for op in Levenshtein.editops(typed, name)
        if op.tag == "replace"
    )


def max_typos(length: int) -> int:
    """How many edits a word of this length may have and still count as a typo.

    Short words get none: "ipvs" one edit away is "ipv6", another real thing.
    """
    if length < 5:
        return 0
    return 1 if length < 8 else 2
