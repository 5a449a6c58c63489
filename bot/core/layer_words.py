"""The words that name a layer: numbers ("4", "four", "iv", "4th"), "layer" in several
languages, the ends of the stack, and the layers' own names; and the mentions found."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA

from bot.core.knowledge import EntryKind
from bot.core.lexicon import is_english_word
from bot.core.text import compact
from bot.core.typos import max_typos
from bot.core.vocabulary import STOPWORDS

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from bot.core.knowledge import Layer
    from bot.core.matching import Match

__all__ = [
    "BEFORE_LAYER",
    "BOTTOM_LAYER",
    "COUNTED_ENDS",
    "GLUED_LAYER",
    "IS_NOT",
    "JOINERS",
    "LAYER_WORDS",
    "LAYER_WORDS_ABROAD",
    "METAPHORS",
    "MODEL_NAME",
    "MOST_WORD",
    "NUMBER_WORDS",
    "ORDINALS",
    "RANGE",
    "RELATIVE",
    "SIZED_NOUNS",
    "STACK_ENDS",
    "STACK_WORDS",
    "STEPS",
    "THE_SEVEN",
    "TOP_LAYER",
    "LayerMentions",
    "add_range",
    "is_layer_number",
    "is_stack_word",
    "layer_name_keys",
    "misspelt_layer",
    "named_layer",
    "numbers_after",
    "ordinary_layer",
    "osi_numbers",
    "placed_things",
]


# The word "layer" in other languages people write in chat ("capa 7", "couche 3",
# "schicht 4"): before a number they name a layer as "layer" does.
# A rung of a ladder, a floor of a building: a layer of the stack, in a message about the
# stack.
METAPHORS = frozenset({"rung", "rungs", "floor", "floors", "storey", "storeys", "story"})
STACK_WORDS = frozenset({"osi", "model", "stack"})
LAYER_WORDS_ABROAD = frozenset(
    "capa capas couche couches schicht schichten camada camadas strato strati warstwa laag".split()
)
LAYER_WORDS = (
    frozenset({"layer", "layers", "sublayer", "sublayers", "level", "lvl", "lyr"})
    | METAPHORS
    | LAYER_WORDS_ABROAD
)
JOINERS = frozenset({"and", "or", "vs", "versus", "then", "nor"})
RANGE = frozenset({"to", "through", "thru"})  # "layers 3 to 5" is 3, 4 and 5
STEPS = frozenset(("up", "down"))  # "layer 3 up to 4", "from l3 up to l5"
NUMBER_WORDS = {
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
BEFORE_LAYER = frozenset(
    "0 1 2 3 4 5 6 7 8 9 1st 2nd 3rd 4th 5th 6th 7th 8th "
    "first second third fourth fifth sixth seventh eighth".split()
)
GLUED_LAYER = re.compile(r"^(?:l|layer|osi)([0-9])$")  # "l7", "layer7"
BOTTOM_LAYER = 1
TOP_LAYER = 7
# The ends of the stack: "the bottom layer", "the highest osi layer"; and its middle.
STACK_ENDS = {
    **dict.fromkeys("top highest uppermost topmost upmost".split(), 7),
    **dict.fromkeys("bottom lowest bottommost lowermost".split(), 1),
    **dict.fromkeys("middle centre center".split(), 4),
}
# "the bottom-most layer", "top most": the end, said twice.
MOST_WORD = frozenset({"most"})
# "the lowest layer that isn't hardware" is the one above it.
IS_NOT = (("isn", "t"), ("isnt",), ("is", "not"), ("aren", "t"), ("arent",), ("are", "not"))
RELATIVE = frozenset({"that", "which", "thats"})
# "the second (layer) from the bottom" is 2, "third from the top" is 5.
ORDINALS = {
    word: number
    for spellings in (
        "- first second third fourth fifth sixth seventh",
        "- 1st 2nd 3rd 4th 5th 6th 7th",
    )
    for number, word in enumerate(spellings.split())
    if word != "-"
}
MODEL_NAME = frozenset({"osi"})  # "the first osi layer"
# "three layers of lace" is no layer of the stack; "the layers of the osi model" are, and
# so is "the middle layer of the seven".
_MODEL_WORDS = frozenset("osi model stack network networking tcp ip abstraction".split())
THE_SEVEN = frozenset({"seven", "7"})
SIZED_NOUNS = frozenset({"model", "stack", "cake", "diagram", "framework"})  # "the 7 layer model"
# Ordinals before these count from an end: "the second highest layer" is 6.
COUNTED_ENDS = {
    **dict.fromkeys("top highest uppermost topmost".split(), 7),
    **dict.fromkeys("bottom lowest bottommost lowermost".split(), 1),
}


def is_layer_number(word: str) -> bool:
    """Whether `word` can number a layer after "layer": "4", "four", "iv", "4th"."""
    return word in NUMBER_WORDS


class LayerMentions:
    """The layers a question names, and which of its words named them."""

    __slots__ = ("numbers", "spread", "used")

    def __init__(self) -> None:
        self.numbers: list[int] = []  # in order, without repeats
        self.used: set[int] = set()  # token positions that named a layer
        # Read as every layer past one named ("anything below l3"), not named one by one.
        self.spread = False

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


def placed_things(matches: Iterable[Match]) -> dict[int, tuple[int, int]]:
    """Where each concept of one layer is named ("the cables", "ip"), mapped to (its
    layer, the position after its name): what a layer can be placed next to. Not a tool:
    "is metallb one layer above calico?" compares the tools."""
    return {
        m.start: (m.target.entry.layers[0], m.end)
        for m in matches
        if m.target.entry.kind is EntryKind.CONCEPT
        and len(m.target.entry.layers) == 1
        and m.target.layer is None
    }


def named_layer(
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


_SHORTEST_CUT = 4  # "pres", "phys", "sess"; not "pre" or "ne"


def _close_name(key: str, names: Mapping[str, int]) -> int | None:
    allowed = max_typos(len(key))
    for name, number in names.items() if allowed else ():
        if name[0] == key[0] and OSA.distance(key, name, score_cutoff=allowed) <= allowed:
            return number
    # A name cut short ("pres layer", "phys layer"): the start of one layer's name alone,
    # not a whole word of it ("data" of "data link": "link" is a word too) nor a longer
    # English word ("the present layer"). The word list is read only for such a start.
    if len(key) < _SHORTEST_CUT:
        return None
    cut = {
        (name, n) for name, n in names.items() if name.startswith(key) and len(name) >= len(key) + 3
    }
    if len({n for _, n in cut}) != 1 or (len(key) > _SHORTEST_CUT and is_english_word(key)):
        return None
    name, number = cut.pop()
    return None if is_english_word(name[len(key) :]) else number


def numbers_after(
    tokens: Sequence[str], start: int, found: LayerMentions, joined: frozenset[int]
) -> None:
    """Read "3", "3 and 4", "3, 4 or 7", "3 to 5" and "1-3" from `start` on."""
    position = start
    while position < len(tokens) and tokens[position] in NUMBER_WORDS:
        if _pronoun_i(tokens, position):
            break
        number = NUMBER_WORDS[tokens[position]]
        found.add(number, position)
        nxt = position + 1
        if nxt in joined and nxt < len(tokens) and tokens[nxt] in NUMBER_WORDS:
            add_range(found, number, NUMBER_WORDS[tokens[nxt]], nxt)  # "1-3"
            position = nxt + 1
            continue
        if (
            nxt + 2 < len(tokens)
            and tokens[nxt] in STEPS
            and tokens[nxt + 1] in RANGE
            and _ends_a_range(tokens, nxt + 3)
        ):
            found.used.add(nxt)
            nxt += 1  # "layer 3 up to 4"; not "layer 7 up to two replicas"
        if nxt + 1 < len(tokens) and tokens[nxt + 1] in NUMBER_WORDS:
            if tokens[nxt] in RANGE:
                found.used.add(nxt)
                add_range(found, number, NUMBER_WORDS[tokens[nxt + 1]], nxt + 1)
                position = nxt + 2
                continue
            if tokens[nxt] in JOINERS:
                found.used.add(nxt)
                position = nxt + 1
                continue
        break


_AFTER_A_RANGE = frozenset("osi then and or in for on at of is are with".split())


def _ends_a_range(tokens: Sequence[str], at: int) -> bool:
    """Whether the number before `at` ends a range of layers: nothing or a layer word
    follows, not a count's noun ("up to two replicas", "down to two engineers")."""
    following = tokens[at] if at < len(tokens) else ""
    return not following or following in LAYER_WORDS or following in _AFTER_A_RANGE


def osi_numbers(tokens: Sequence[str], position: int) -> bool:
    """Whether a digit after "osi" numbers a layer ("osi 4"), not the model's size ("the
    osi 7 layer model", "osi 7-layer")."""
    after = tokens[position + 1 : position + 3]
    if not after or not after[0].isdigit() or after[0] not in NUMBER_WORDS:
        return False
    # "osi 4 and 7", "osi 3?"; not "osi 2 approved licenses" (the Open Source Initiative).
    return len(after) < 2 or (
        after[1] in STOPWORDS and after[1] not in LAYER_WORDS and after[1] not in _MODEL_WORDS
    )


def _pronoun_i(tokens: Sequence[str], position: int) -> bool:
    """ "the layer i think it is": the person, not Roman one, when a word follows that is
    neither a joiner nor another number ("layers i and ii")."""
    if tokens[position] != "i" or position + 1 >= len(tokens):
        return False
    following = tokens[position + 1]
    return following not in NUMBER_WORDS and following not in JOINERS | RANGE


def is_stack_word(word: str) -> bool:
    """Whether `word` names the model itself: "osi", "model", "stack", "network"…"""
    return word in _MODEL_WORDS


def ordinary_layer(tokens: Sequence[str], position: int) -> bool:
    """ "three layers of lace", "a layer of paint": the word, not the stack."""
    after = tokens[position + 1 : position + 5]
    if not after or after[0] != "of":
        return False
    seven = [word for word in after[1:3] if word not in {"the", "all"}][:1]
    return _MODEL_WORDS.isdisjoint(after[1:]) and not THE_SEVEN.issuperset(seven or ["-"])


def misspelt_layer(word: str) -> bool:
    """ "layr", "lyaer", "layre": one slip from "layer" — but never a real word ("later")."""
    if not 4 <= len(word) <= 6 or word[0] != "l" or word in NUMBER_WORDS:
        return False
    slips = min(OSA.distance(word, "layer"), OSA.distance(word, "layers"))
    return slips == 1 and not is_english_word(word)


def add_range(found: LayerMentions, first: int, last: int, position: int) -> None:
    """The layers from `first` to `last`, in the order said ("from l7 down to l4")."""
    step = 1 if last >= first else -1
    for number in range(first, last + step, step) if abs(last - first) < 8 else (first, last):
        found.add(number, position)
