"""Finding the OSI layers a question names: "L7", "layer five", "the data-link layer"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA

from bot.core.lexicon import is_english_word
from bot.core.text import compact
from bot.core.typos import max_typos

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from bot.core.knowledge import Layer

__all__ = ["LayerMentions", "find_layer_mentions", "is_layer_number", "layer_name_keys"]

_LAYER_WORDS = frozenset({"layer", "layers", "level", "lvl", "lyr"})
_JOINERS = frozenset({"and", "or", "vs", "versus", "then", "nor"})
_RANGE = frozenset({"to", "through", "thru"})  # "layers 3 to 5" is 3, 4 and 5
_NUMBER_WORDS = {
    word: number
    for spellings in (
        "0 1 2 3 4 5 6 7 8 9",
        "zero one two three four five six seven eight nine",
        "- i ii iii iv v vi vii viii",
        "- first second third fourth fifth sixth seventh eighth",
        "- 1st 2nd 3rd 4th 5th 6th 7th 8th",
    )
    for number, word in enumerate(spellings.split())
    if word != "-"
}
# Ordinals and digits may come before "layer" ("7th layer"); number words and roman
# numerals only after it, where they can't be ordinary words ("one of the tools").
_BEFORE_LAYER = frozenset(
    "0 1 2 3 4 5 6 7 8 9 1st 2nd 3rd 4th 5th 6th 7th 8th "
    "first second third fourth fifth sixth seventh eighth".split()
)
_GLUED = re.compile(r"^(?:l|layer|osi)([0-9])$")  # "l7", "layer7"
# The ends of the stack: "the bottom layer", "the highest osi layer".
_ENDS = {
    **dict.fromkeys("top highest uppermost topmost".split(), 7),
    **dict.fromkeys("bottom lowest bottommost".split(), 1),
}
# "the layer above transport" is 5; "the layer just below the network layer" is 2.
_NEIGHBOURS = {
    **dict.fromkeys("above over atop".split(), 1),
    **dict.fromkeys("below under beneath underneath".split(), -1),
}
# Words between "layer" and "above": "the layer (that sits) right above transport".
_CLOSE = frozenset(
    "right just directly immediately one that thats which sits sit sitting is lies lives "
    "living runs running".split()
)
_MAX_CLOSE = 3
# "the second (layer) from the bottom" is 2, "third from the top" is 5.
_ORDINALS = {
    word: number
    for spellings in (
        "- first second third fourth fifth sixth seventh",
        "- 1st 2nd 3rd 4th 5th 6th 7th",
    )
    for number, word in enumerate(spellings.split())
    if word != "-"
}
_BETWEEN = frozenset({"osi"})  # "the first osi layer"
# "three layers of lace" is no layer of the stack; "the layers of the osi model" are.
_MODEL_WORDS = frozenset("osi model stack network networking tcp ip abstraction".split())


def is_layer_number(word: str) -> bool:
    """Whether `word` can number a layer after "layer": "4", "four", "iv", "4th"."""
    return word in _NUMBER_WORDS


class LayerMentions:
    """The layers a question names, and which of its words named them."""

    __slots__ = ("numbers", "used")

    def __init__(self) -> None:
        self.numbers: list[int] = []  # in order, without repeats
        self.used: set[int] = set()  # token positions that named a layer

    def add(self, number: int, *positions: int) -> None:
        if number not in self.numbers:
            self.numbers.append(number)
        self.used.update(positions)

    @property
    def valid(self) -> list[int]:
        return [n for n in self.numbers if 1 <= n <= 7]

    @property
    def out_of_range(self) -> list[int]:
        return [n for n in self.numbers if not 1 <= n <= 7]


def layer_name_keys(layers: Iterable[Layer]) -> dict[str, int]:
    """Compact spellings of every layer's name and aliases, built once per knowledge."""
    keys: dict[str, int] = {}
    for layer in layers:
        for name in (layer.name, *layer.aliases):
            keys[compact(name)] = layer.number
    return keys


def _named_layer(
    tokens: Sequence[str], end: int, names: Mapping[str, int], skip: set[int]
) -> tuple[int, int] | None:
    """A layer name ending just before position `end`: (layer, first position)."""
    for size in (2, 1):
        start = end - size
        if start < 0 or skip.intersection(range(start, end)):
            continue
        key = "".join(tokens[start:end])  # tokens are already compact
        number = names.get(key) or _close_name(key, names)
        if number:
            return number, start
    return None


def _close_name(key: str, names: Mapping[str, int]) -> int | None:
    allowed = max_typos(len(key))
    if not allowed:
        return None
    for name, number in names.items():
        if name[0] == key[0] and OSA.distance(key, name, score_cutoff=allowed) <= allowed:
            return number
    return None


def _numbers_after(
    tokens: Sequence[str], start: int, found: LayerMentions, joined: frozenset[int]
) -> None:
    """Read "3", "3 and 4", "3, 4 or 7", "3 to 5" and "1-3" from `start` on."""
    position = start
    while position < len(tokens) and tokens[position] in _NUMBER_WORDS:
        if _pronoun_i(tokens, position):
            break
        number = _NUMBER_WORDS[tokens[position]]
        found.add(number, position)
        nxt = position + 1
        if nxt in joined and nxt < len(tokens) and tokens[nxt] in _NUMBER_WORDS:
            _add_range(found, number, _NUMBER_WORDS[tokens[nxt]], nxt)  # "1-3"
            position = nxt + 1
            continue
        if nxt + 1 < len(tokens) and tokens[nxt + 1] in _NUMBER_WORDS:
            if tokens[nxt] in _RANGE:
                found.used.add(nxt)
                _add_range(found, number, _NUMBER_WORDS[tokens[nxt + 1]], nxt + 1)
                position = nxt + 2
                continue
            if tokens[nxt] in _JOINERS:
                found.used.add(nxt)
                position = nxt + 1
                continue
        break


def _pronoun_i(tokens: Sequence[str], position: int) -> bool:
    """ "the layer i think it is": the person, not Roman one, when a word follows that is
    neither a joiner nor another number ("layers i and ii")."""
    if tokens[position] != "i" or position + 1 >= len(tokens):
        return False
    following = tokens[position + 1]
    return following not in _NUMBER_WORDS and following not in _JOINERS | _RANGE


def _ordinary_layer(tokens: Sequence[str], position: int) -> bool:
    """ "three layers of lace", "a layer of paint": the word, not the stack."""
    after = tokens[position + 1 : position + 5]
    return bool(after) and after[0] == "of" and _MODEL_WORDS.isdisjoint(after[1:])


def _neighbour_of(
    tokens: Sequence[str], position: int, names: Mapping[str, int], skip: set[int]
) -> tuple[int, int] | None:
    """ "layer (right) above transport", "layer just below the network layer", "the layer
    under L3": the layer next to the one named, and the position after the words read."""
    at = position + 1
    while at < len(tokens) and at - position <= _MAX_CLOSE and tokens[at] in _CLOSE:
        at += 1
    if at < len(tokens) and tokens[at] == "between":
        return _between(tokens, at + 1, names, skip)
    if at >= len(tokens) or tokens[at] not in _NEIGHBOURS:
        return None
    step = _NEIGHBOURS[tokens[at]]
    at += 1
    while at < len(tokens) and tokens[at] in {"the", "osi"}:
        at += 1
    named = _layer_at(tokens, at, names, skip)
    if named is None:
        return None
    number, end = named
    if end < len(tokens) and tokens[end] in _LAYER_WORDS:
        end += 1  # "below the network *layer*"
    neighbour = number + step
    return (neighbour, end) if 1 <= neighbour <= 7 else None


def _between(
    tokens: Sequence[str], at: int, names: Mapping[str, int], skip: set[int]
) -> tuple[int, int] | None:
    """ "the layer between network and session": the one layer between the two named."""
    first = _layer_at(tokens, _past_the(tokens, at), names, skip)
    if first is None:
        return None
    joiner = _past_layer_word(tokens, first[1])
    if joiner >= len(tokens) or tokens[joiner] not in {"and", "&"}:
        return None
    second = _layer_at(tokens, _past_the(tokens, joiner + 1), names, skip)
    if second is None or abs(first[0] - second[0]) != 2:
        return None
    return (first[0] + second[0]) // 2, _past_layer_word(tokens, second[1])


def _past_the(tokens: Sequence[str], at: int) -> int:
    while at < len(tokens) and tokens[at] in {"the", "osi"}:
        at += 1
    return at


def _past_layer_word(tokens: Sequence[str], at: int) -> int:
    return at + 1 if at < len(tokens) and tokens[at] in _LAYER_WORDS else at


def _counted_from_an_end(tokens: Sequence[str], position: int) -> tuple[int, int] | None:
    """ "second from the bottom", "the 3rd layer from the top": (layer, position after)."""
    if tokens[position] not in _ORDINALS:
        return None
    at = _past_layer_word(tokens, position + 1)
    if at >= len(tokens) or tokens[at] != "from":
        return None
    at = _past_the(tokens, at + 1)
    if at >= len(tokens) or tokens[at] not in {"bottom", "top"}:
        return None
    count = _ORDINALS[tokens[position]]
    number = count if tokens[at] == "bottom" else 8 - count
    end = _past_layer_word(tokens, at + 1)
    return number, end


def _layer_at(
    tokens: Sequence[str], at: int, names: Mapping[str, int], skip: set[int]
) -> tuple[int, int] | None:
    """A layer named from position `at` on ("transport", "data link", "l4", "layer 4",
    "4"): (its number, the position after it)."""
    if at >= len(tokens) or at in skip:
        return None
    word = tokens[at]
    glued = _GLUED.match(word)
    if glued:
        return int(glued.group(1)), at + 1
    if word in _LAYER_WORDS or word == "l":
        following = tokens[at + 1] if at + 1 < len(tokens) else ""
        if following.isdigit() and following in _NUMBER_WORDS:
            return int(following), at + 2
        return None
    if word.isdigit() and word in _NUMBER_WORDS:
        return int(word), at + 1
    for size in (2, 1):
        key = "".join(tokens[at : at + size])
        if (
            at + size <= len(tokens)
            and key in names
            and not skip.intersection(range(at, at + size))
        ):
            return names[key], at + size
    return None


def _misspelt_layer(word: str) -> bool:
    """ "layr", "lyaer", "layre": one slip from "layer" — but never a real word ("later")."""
    if not 4 <= len(word) <= 6 or word[0] != "l" or word in _NUMBER_WORDS:
        return False
    slips = min(OSA.distance(word, "layer"), OSA.distance(word, "layers"))
    return slips == 1 and not is_english_word(word)


def _add_range(found: LayerMentions, first: int, last: int, position: int) -> None:
    low, high = sorted((first, last))
    for number in range(low, high + 1) if high - low < 8 else (first, last):
        found.add(number, position)


def find_layer_mentions(
    tokens: Sequence[str],
    names: Mapping[str, int],
    skip: set[int],
    *,
    bare_names: bool = False,
    joined: frozenset[int] = frozenset(),
) -> LayerMentions:
    """Every layer the tokens name, by number, ordinal or name, ignoring positions in `skip`.

    `names` maps compact layer names to numbers (`layer_name_keys`). With `bare_names`, a
    layer's name counts without the word "layer" ("is metallb transport?"). `joined`
    marks hyphen-joined tokens, so "layers 1-3" reads as a range.
    """
    found = LayerMentions()
    consumed: set[int] = set()  # read as part of an earlier mention ("above *transport*")
    for position, word in enumerate(tokens):
        if position in skip or position in consumed:
            continue
        glued = _GLUED.match(word)
        if glued:
            found.add(int(glued.group(1)), position)
            continue
        counted = _counted_from_an_end(tokens, position)
        if counted is not None:
            number, end = counted
            found.add(number, *range(position, end))
            consumed.update(range(position, end))
            continue
        next_is_number = position + 1 < len(tokens) and tokens[position + 1] in _NUMBER_WORDS
        if word == "l" and next_is_number and tokens[position + 1].isdigit():
            found.add(int(tokens[position + 1]), position, position + 1)
            continue
        if word not in _LAYER_WORDS and not _misspelt_layer(word):
            continue
        if _ordinary_layer(tokens, position):
            continue
        found.used.add(position)
        if next_is_number:
            _numbers_after(tokens, position + 1, found, joined)
        neighbour = _neighbour_of(tokens, position, names, skip)
        if neighbour is not None:
            number, end = neighbour
            found.add(number, *range(position, end))
            consumed.update(range(position, end))
            continue
        _read_before(tokens, position, names, skip, found)
    # A two-word name ("data link") is a layer anywhere; one word only if asked for.
    _bare_names(tokens, names, skip | found.used, found, multiword_only=not bare_names)
    if not found.numbers:
        _whole_question_layer(tokens, names, skip, found)
    return found


def _read_before(
    tokens: Sequence[str],
    position: int,
    names: Mapping[str, int],
    skip: set[int],
    found: LayerMentions,
) -> None:
    """The words before a "layer" at `position`: "the bottom (osi) layer", "7th layer",
    "the 7 layers" (a count), "the data link layer"."""
    before_at = position - 1
    while before_at > 0 and tokens[before_at] in _BETWEEN:
        before_at -= 1  # "the first osi layer"
    before = tokens[before_at] if before_at >= 0 else ""
    if before in _ENDS and before_at not in skip:
        found.add(_ENDS[before], *range(before_at, position + 1))
        return
    if before_at != position - 1 and before in _BEFORE_LAYER and before_at not in skip:
        found.add(_NUMBER_WORDS[before], *range(before_at, position + 1))
        return
    before = tokens[position - 1] if position > 0 else ""
    # "the 7 layers" counts layers; "7th layers" or "layer 7" names one.
    counts = tokens[position] == "layers" and before.isdigit()
    if counts:
        found.used.add(position - 1)
    elif before in _BEFORE_LAYER and position - 1 not in skip:
        found.add(_NUMBER_WORDS[before], position - 1)
    elif position > 0:
        named = _named_layer(tokens, position, names, skip)
        if named:
            found.add(named[0], *range(named[1], position))


def _bare_names(
    tokens: Sequence[str],
    names: Mapping[str, int],
    skip: set[int],
    found: LayerMentions,
    *,
    multiword_only: bool = False,
) -> None:
    position = 0
    while position < len(tokens):
        for size in (2,) if multiword_only else (2, 1):
            span = range(position, position + size)
            if position + size > len(tokens) or skip.intersection(span):
                continue
            number = names.get("".join(tokens[position : position + size]))
            if number:
                found.add(number, *span)
                position += size - 1
                break
        position += 1


def _whole_question_layer(
    tokens: Sequence[str], names: Mapping[str, int], skip: set[int], found: LayerMentions
) -> None:
    """A question that is only a layer's name or number ("transport", "4") asks about it."""
    rest = [t for i, t in enumerate(tokens) if i not in skip and t not in {"osi", "the"}]
    if not rest or len(rest) > 2:
        return
    key = "".join(rest)
    if key in names:
        found.add(names[key], *range(len(tokens)))
    elif len(rest) == 1 and rest[0] in _NUMBER_WORDS and rest[0].isdigit():
        # Only ASCII digits are in _NUMBER_WORDS: "፩".isdigit() is true, but int() fails.
        found.add(int(rest[0]), *range(len(tokens)))
