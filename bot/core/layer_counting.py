"""Layers counted from an end of the stack: "the bottom two layers", "the second from the
top", "the middle one of the seven layers", "the lowest layer that isn't hardware"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.layer_positions import participle
from bot.core.layer_words import (
    BOTTOM_LAYER,
    COUNTED_ENDS,
    IS_NOT,
    LAYER_WORDS,
    MODEL_NAME,
    ORDINALS,
    RELATIVE,
    STACK_ENDS,
    THE_SEVEN,
    TOP_LAYER,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from bot.core.layer_positions import Anchor as _Anchor

__all__ = [
    "STEP_COUNTS",
    "counted_from_an_end",
    "end_but_one",
    "end_one_of",
    "past_close",
    "past_layer_word",
    "past_the",
    "span_from_an_end",
]


# Words between "layer" and where it sits: "the layer (that is) second from the top".
_COUNTING = frozenset({"counting", "counted", "starting", "up", "down"})
_CLOSE = frozenset("that thats which sits sit sitting is lies lives living".split())
STEP_COUNTS = {
    **{word: n for n, word in enumerate("- one two three four five six".split()) if n},
    **{str(n): n for n in range(2, 7)},
}
# "the bottom two layers" are 1 and 2, "the top 3 layers" 5 to 7.
_SPAN_ENDS = {**COUNTED_ENDS, "upper": 7, "lower": 1, "first": 1, "last": 7}


def span_from_an_end(tokens: Sequence[str], position: int) -> range | None:
    """ "the bottom two layers", "top 3 levels", "the first three layers": the layers
    counted from an end of the stack, for the plural "layers" at `position` (or the "osi"
    before it: "the bottom two osi layers")."""
    if position < 2 or tokens[position] not in {"layers", "levels", "osi"}:
        return None
    if tokens[position] == "osi" and tokens[position + 1 : position + 2] not in (
        ["layers"],
        ["levels"],
    ):
        return None
    count = STEP_COUNTS.get(tokens[position - 1])
    end = _SPAN_ENDS.get(tokens[position - 2])
    if count is None and end is None:
        # "the two lowest layers": the count before the end.
        count, end = STEP_COUNTS.get(tokens[position - 2]), _SPAN_ENDS.get(tokens[position - 1])
    if count is None or end is None:
        return None
    return (
        range(BOTTOM_LAYER, count + 1)
        if end == BOTTOM_LAYER
        else range(TOP_LAYER + 1 - count, TOP_LAYER + 1)
    )


def past_the(tokens: Sequence[str], at: int) -> int:
    while at < len(tokens) and tokens[at] in {"the", "osi"}:
        at += 1
    return at


def past_layer_word(tokens: Sequence[str], at: int) -> int:
    """Past "layer" at `at`, or "osi layer": "second from the top osi layer"."""
    if at + 1 < len(tokens) and tokens[at] in MODEL_NAME and tokens[at + 1] in LAYER_WORDS:
        return at + 2
    return at + 1 if at < len(tokens) and tokens[at] in LAYER_WORDS else at


def counted_from_an_end(tokens: Sequence[str], position: int) -> tuple[int, int] | None:
    """ "second from the bottom", "the 3rd layer from the top", "the second highest
    layer": (layer, position after)."""
    if position >= len(tokens) or tokens[position] not in ORDINALS:
        return None
    count = ORDINALS[tokens[position]]
    following = tokens[position + 1] if position + 1 < len(tokens) else ""
    if following in COUNTED_ENDS:
        end = past_layer_word(tokens, position + 2)
        return (count if COUNTED_ENDS[following] == 1 else TOP_LAYER + 1 - count), end
    at = past_layer_word(tokens, position + 1)
    if at < len(tokens) and tokens[at] in _COUNTING:
        at += 1  # "the third layer counting from the top"
    if at >= len(tokens) or tokens[at] != "from":
        return None
    at = past_the(tokens, at + 1)
    if at >= len(tokens) or tokens[at] not in {"bottom", "top"}:
        return None
    number = count if tokens[at] == "bottom" else TOP_LAYER + 1 - count
    end = past_layer_word(tokens, at + 1)
    return number, end


def past_close(tokens: Sequence[str], at: int) -> int:
    """Past words between "layer" and where it sits: "the layer (that is) second…"."""
    start = at
    while at < len(tokens) and (tokens[at] in _CLOSE or (at == start and participle(tokens[at]))):
        at += 1
    return at


def end_one_of(tokens: Sequence[str], position: int) -> int | None:
    """ "the middle one of the seven layers", "the top one of the osi layers": where the
    end of the stack is said, before "one of (the) (seven/osi)" and the "layers" at
    `position`."""
    at = position - 1
    model = False  # "of the layers in my lasagna" is no stack
    while at >= 0 and (tokens[at] in THE_SEVEN or tokens[at] in MODEL_NAME or tokens[at] == "the"):
        model = model or tokens[at] != "the"
        at -= 1
    if at < 2 or tokens[at] != "of" or tokens[at - 1] != "one" or tokens[at - 2] not in STACK_ENDS:
        return None
    return at - 2 if model else None


def end_but_one(tokens: Sequence[str], end: int, at: int, anchor: _Anchor) -> tuple[int, int]:
    """ "the lowest layer that isn't hardware" is 2: an end of the stack that is not the
    layer named is the one next to it. (layer, position after the words read)."""
    if at >= len(tokens) or tokens[at] not in RELATIVE or end not in {1, 7}:
        return end, at
    for negation in IS_NOT:
        after = at + 1 + len(negation)
        if tuple(tokens[at + 1 : after]) != negation:
            continue
        named = anchor(past_the(tokens, after))
        if named is not None and named[0] == end:
            return (2 if end == 1 else 6), past_layer_word(tokens, named[1])
    return end, at
