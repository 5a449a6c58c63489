"""Layers named by where they sit: next to another ("the one on top of network", "two
below session"), in the middle of the stack, or by their word in a mnemonic ("the 'pizza'
in please do not throw sausage pizza away").

Pure functions over tokens; `bot.core.layer_mentions` calls them with a way to read the
layer (or the thing placed at one layer) that a position is counted from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    # Reads the layer named from a position on: (its number, the position after it).
    Anchor = Callable[[int], tuple[int, int] | None]

__all__ = [
    "counted_step",
    "end_of_the_model",
    "middle_of_the_model",
    "mnemonic_layers",
    "next_to",
    "participle",
    "placed_in_the_stack",
]

# The directions one layer sits from another, the way people type them. Layers are
# numbered from the bottom, so "after network" is 4 and "before transport" is 3, as
# layer 3 comes before layer 4 when the stack is counted.
_UP, _DOWN = 1, -1
_DIRECTIONS: dict[tuple[str, ...], int] = {
    **{(word,): _UP for word in "above over atop after".split()},
    **{(word,): _DOWN for word in "below under beneath underneath before".split()},
    ("on", "top", "of"): _UP,
    ("ontop", "of"): _UP,
    ("higher", "than"): _UP,
    ("lower", "than"): _DOWN,
    ("up", "from"): _UP,
    ("down", "from"): _DOWN,
}
_LONGEST_DIRECTION = max(len(words) for words in _DIRECTIONS)
# A count of steps reads only with a direction that counts ("one up from", "two below");
# "is layer 2 below layer 3?" names two layers.
_COUNTING = frozenset(
    {("up", "from"), ("down", "from"), ("above",), ("below",), ("under",), ("beneath",)}
)
_FROM = frozenset({("up", "from"), ("down", "from")})
_COUNTS = {
    **{word: n for n, word in enumerate("- one two three four five six".split()) if n},
    **{str(n): n for n in range(1, 7)},
    "a": 1,
    "an": 1,
}
_STEP_WORDS = frozenset("layer layers level levels step steps".split())
# Words between "the layer" and where it sits: "the layer (that sits) right above".
_CLOSE = frozenset(
    "right just directly immediately one that thats which sits sit sitting is lies lives "
    "living runs running".split()
)
_ADVERBS = frozenset("right just directly immediately".split())  # "the one right above"
_MAX_CLOSE = 3
_SHORTEST_PARTICIPLE = 4  # "sandwiched", not "red" or "bed"
_THE = frozenset({"the", "osi"})
_MODEL = frozenset("osi stack model layers seven 7".split())
_MIDDLE = 4


def _direction(tokens: Sequence[str], at: int) -> tuple[tuple[str, ...], int] | None:
    for size in range(_LONGEST_DIRECTION, 0, -1):
        words = tuple(tokens[at : at + size])
        if len(words) == size and words in _DIRECTIONS:
            return words, _DIRECTIONS[words]
    return None


def counted_step(tokens: Sequence[str], at: int, anchor: Anchor) -> tuple[int, int] | None:
    """ "two below session", "1 up from L3": a count, a direction and a layer from `at`,
    with no "layer" before them: (the layer, the position after the words read)."""
    if tokens[at] not in _COUNTS or tokens[at] in {"a", "an"}:
        return None
    return _step(tokens, at, anchor, count=None, counting=_COUNTING, need_count=True)


def next_to(
    tokens: Sequence[str],
    at: int,
    anchor: Anchor,
    *,
    count: int | None,
    adverbs_only: bool,
    over: bool = True,
) -> tuple[int, int] | None:
    """ "(the layer) right above transport", "(the layer) sitting on top of the network
    layer", "(layer) one up from transport", "(the one) under l3": the layer next to the
    one named after `at`, `count` steps away if the words before counted ("two layers
    below"). `adverbs_only` allows only "right", "just"... before the direction, for "the
    one", which a verb would make another question ("which one is above calico"). Without
    `over`, "over" is no direction: "what runs over the transport layer" asks what it
    carries."""
    allowed = _ADVERBS if adverbs_only else _CLOSE
    start = at
    while (
        at < len(tokens)
        and at - start < _MAX_CLOSE
        and (tokens[at] in allowed or (not adverbs_only and participle(tokens[at])))
    ):
        if tokens[at] == "one" and _direction(tokens, at + 1):
            break  # "layer one up from transport": "one" counts
        at += 1
    if not over and at < len(tokens) and tokens[at] == "over":
        return None
    # After "layer" a number with "above" is the layer's own: "is layer 2 below layer 3?"
    return _step(tokens, at, anchor, count=count, counting=_FROM, need_count=False)


def participle(word: str) -> bool:
    """ "sandwiched", "wedged", "stacked", "placed": how the layer sits, before where."""
    return len(word) > _SHORTEST_PARTICIPLE and word.endswith(("ed", "ing"))


def _step(
    tokens: Sequence[str],
    at: int,
    anchor: Anchor,
    *,
    count: int | None,
    counting: frozenset[tuple[str, ...]],
    need_count: bool,
) -> tuple[int, int] | None:
    counted = count
    if at < len(tokens) and tokens[at] in _COUNTS and count is None:
        counted = _COUNTS[tokens[at]]
        at += 1
        if at < len(tokens) and tokens[at] in _STEP_WORDS:
            at += 1  # "two layers below"
    if need_count and counted is None:
        return None
    found = _direction(tokens, at) if at < len(tokens) else None
    if found is None:
        return None
    words, step = found
    if counted is not None and count is None and words not in counting:
        return None
    at += len(words)
    while at < len(tokens) and tokens[at] in _THE:
        at += 1
    named = anchor(at)
    if named is None:
        return None
    number, end = named
    if end < len(tokens) and tokens[end] in _STEP_WORDS:
        end += 1  # "below the network *layer*"
    layer = number + step * (counted or 1)
    return (layer, end) if 1 <= layer <= 7 and layer != number else None


_PLACES = {"middle": _MIDDLE, "centre": _MIDDLE, "center": _MIDDLE, "top": 7, "bottom": 1}


def placed_in_the_stack(tokens: Sequence[str], at: int) -> tuple[int, int] | None:
    """ "(the layer) in the middle", "(the one) sitting at the top of the stack", "(the
    layer) on top": the layer the words from `at` place, and the position after them."""
    if at < len(tokens) and tokens[at] in _CLOSE - {"one"}:
        at += 1
    if at + 1 >= len(tokens) or tokens[at] not in {"in", "at", "on"}:
        return None
    at += 1
    while at < len(tokens) and tokens[at] in {"the", "very"}:
        at += 1
    if at >= len(tokens) or tokens[at] not in _PLACES:
        return None
    end = _past_of_the_model(tokens, at + 1)
    return (_PLACES[tokens[at]], end) if end is not None else None


def middle_of_the_model(tokens: Sequence[str], at: int) -> int | None:
    """ "the middle of the osi stack": the position after the words, from "middle" at `at`."""
    if tokens[at] not in {"middle", "centre", "center"} or at + 1 >= len(tokens):
        return None
    if tokens[at + 1] != "of":
        return None
    end = _past_of_the_model(tokens, at + 1)
    return end if end is not None and end > at + 1 else None


_MODEL_ENDS = {"top": 7, "bottom": 1}


def end_of_the_model(tokens: Sequence[str], at: int) -> tuple[int, int] | None:
    """ "top of the osi stack", "the bottom of the model": the layer at that end and the
    position after the words; never a bare "top" ("top of the list" is no layer)."""
    layer = _MODEL_ENDS.get(tokens[at])
    if layer is None or at + 1 >= len(tokens) or tokens[at + 1] != "of":
        return None
    end = _past_of_the_model(tokens, at + 1)
    return (layer, end) if end is not None and end > at + 1 else None


def _past_of_the_model(tokens: Sequence[str], at: int) -> int | None:
    """After "middle" or "top": the position past "of the (osi) stack", `at` itself when
    no "of" follows, and None when it is of something else ("the top of the list")."""
    if at >= len(tokens) or tokens[at] != "of":
        return at
    at += 1
    while at < len(tokens) and tokens[at] in {"the", "all", "it"}:
        at += 1
    start = at
    while at < len(tokens) and tokens[at] in _MODEL:
        at += 1
    return at if at > start else None


# Mnemonics for the seven layers, each read in its own order: the first from layer 1 up,
# the second from layer 7 down.
_MNEMONICS: tuple[tuple[tuple[str, ...], int], ...] = (
    (tuple("please do not throw sausage pizza away".split()), _UP),
    (tuple("please do not touch steve pet alligator".split()), _UP),
    (tuple("all people seem to need data processing".split()), _DOWN),
)
_MNEMONIC_WORDS = frozenset(word for words, _ in _MNEMONICS for word in words)
# This many of a mnemonic's words, in its order, make it the mnemonic and not a sentence.
_MIN_RUN = 4
_MIN_NAMED_RUN = 2
_CALLED_A_MNEMONIC = frozenset({"mnemonic", "mnemonics", "acronym"})
# What points at a word of the mnemonic: "the 'throw'", "the 'pizza' layer", "'need' one".
_POINTING = frozenset("layer one word letter stand stands in".split())
_POINTING_BEFORE = frozenset("the is does about".split())


def mnemonic_layers(tokens: Sequence[str]) -> list[tuple[int, list[int]]]:
    """The layers a question points at by their word in a mnemonic: each as (layer, the
    positions read). "the 'throw' in please do not throw" is layer 4: the mnemonic is
    recognised by several of its words in its order, and the word pointed at elsewhere in
    the question is the layer."""
    # Called a mnemonic, two of its words in order are enough ("the sausage-pizza mnemonic").
    least = _MIN_NAMED_RUN if _CALLED_A_MNEMONIC.intersection(tokens) else _MIN_RUN
    if sum(word in _MNEMONIC_WORDS for word in tokens) < least + 1:
        return []  # the cheap case: no mnemonic and a word pointed at
    found: list[tuple[int, list[int]]] = []
    for words, direction in _MNEMONICS:
        run = _longest_run(tokens, words)
        if len(run) < least:
            continue
        for at, word in enumerate(tokens):
            if at in run or word not in words or not _pointed_at(tokens, at):
                continue
            place = words.index(word)
            layer = place + 1 if direction == _UP else 7 - place
            called = [i for i, token in enumerate(tokens) if token in _CALLED_A_MNEMONIC]
            found.append((layer, [*run, at, *called]))
    return found


def _longest_run(tokens: Sequence[str], words: tuple[str, ...]) -> list[int]:
    """Positions of the longest stretch of `tokens` that are words of the mnemonic in its
    order, none left out ("please do not throw", "do not throw sausage"): "we all need data
    processing" has only three."""
    best: list[int] = []
    run: list[int] = []
    last = -1
    for at, token in enumerate(tokens):
        if run and last + 1 < len(words) and token == words[last + 1]:
            last += 1
            run.append(at)
        elif token in words:
            last = words.index(token)
            run = [at]
        else:
            run = []
        if len(run) > len(best):
            best = list(run)
    return best


def _pointed_at(tokens: Sequence[str], at: int) -> bool:
    """Whether a mnemonic word outside the mnemonic is the one asked about, set apart by
    the words around it ("the 'need' one", "what does 'do' stand for", "which is pizza",
    "'seem' in the mnemonic"),
    not a sentence going on ("please do not throw pizza at me")."""
    before = tokens[at - 1] if at else ""
    after = tokens[at + 1] if at + 1 < len(tokens) else ""
    return before in _POINTING_BEFORE or after in _POINTING
