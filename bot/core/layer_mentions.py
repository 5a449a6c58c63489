"""Finding the OSI layers a question names: "L7", "layer five", "the data-link layer"."""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA

from bot.core.knowledge import EntryKind
from bot.core.layer_positions import (
    counted_step,
    end_of_the_model,
    middle_of_the_model,
    mnemonic_layers,
    next_to,
    placed_in_the_stack,
)
from bot.core.lexicon import is_english_word
from bot.core.text import compact
from bot.core.typos import max_typos
from bot.core.vocabulary import GRAMMAR

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from bot.core.knowledge import Layer
    from bot.core.layer_positions import Anchor as _Anchor
    from bot.core.matching import Match

__all__ = [
    "LAYER_WORDS_ABROAD",
    "SIDE_BY_SIDE",
    "LayerMentions",
    "find_layer_mentions",
    "is_layer_number",
    "layer_name_keys",
    "ordinary_layer",
    "placed_things",
]

# The word "layer" in other languages people write in chat ("capa 7", "couche 3",
# "schicht 4"): before a number they name a layer as "layer" does.
LAYER_WORDS_ABROAD = frozenset(
    "capa capas couche couches schicht schichten camada camadas strato strati warstwa laag".split()
)
_LAYER_WORDS = (
    frozenset({"layer", "layers", "sublayer", "sublayers", "level", "lvl", "lyr", "rung", "rungs"})
    | LAYER_WORDS_ABROAD
)
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
_BOTTOM, _TOP = 1, 7
# The ends of the stack: "the bottom layer", "the highest osi layer"; and its middle.
_ENDS = {
    **dict.fromkeys("top highest uppermost topmost upmost".split(), 7),
    **dict.fromkeys("bottom lowest bottommost lowermost".split(), 1),
    **dict.fromkeys("middle centre center".split(), 4),
}
# "the bottom-most layer", "top most": the end, said twice.
_MOST = frozenset({"most"})
# "the lowest layer that isn't hardware" is the one above it.
_NOT = (("isn", "t"), ("isnt",), ("is", "not"), ("aren", "t"), ("arent",), ("are", "not"))
_WHICH = frozenset({"that", "which", "thats"})
# Words between "layer" and where it sits: "the layer (that is) second from the top".
_COUNTING = frozenset({"counting", "counted", "starting", "up", "down"})
_CLOSE = frozenset("that thats which sits sit sitting is lies lives living".split())
# "the one under transport", "which one is in the middle": "one" is a layer after these.
_ONE_AFTER = frozenset({"the", "which", "that"})
# "layer number 4", "the middle layer of the seven (number 4)": a number this close after
# the word "layer" numbers it.
_NUMBER = frozenset({"number", "num", "nr", "numero"})
# "what's above transport", "anything on top of the network layer": these ask for a layer.
_ASKING_WHAT = frozenset("what whats anything something".split())
_NUMBER_REACH = 6
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
# "three layers of lace" is no layer of the stack; "the layers of the osi model" are, and
# so is "the middle layer of the seven".
_MODEL_WORDS = frozenset("osi model stack network networking tcp ip abstraction".split())
_THE_SEVEN = frozenset({"seven", "7"})
_SIZED = frozenset({"model", "stack", "cake", "diagram", "framework"})  # "the 7 layer model"
# Ordinals before these count from an end: "the second highest layer" is 6.
_COUNTED_ENDS = {
    **dict.fromkeys("top highest uppermost topmost".split(), 7),
    **dict.fromkeys("bottom lowest bottommost lowermost".split(), 1),
}


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


def _osi_numbers(tokens: Sequence[str], position: int) -> bool:
    """Whether a digit after "osi" numbers a layer ("osi 4"), not the model's size ("the
    osi 7 layer model", "osi 7-layer")."""
    after = tokens[position + 1 : position + 3]
    if not after or not after[0].isdigit() or after[0] not in _NUMBER_WORDS:
        return False
    return len(after) < 2 or after[1] not in _LAYER_WORDS | _MODEL_WORDS


def _pronoun_i(tokens: Sequence[str], position: int) -> bool:
    """ "the layer i think it is": the person, not Roman one, when a word follows that is
    neither a joiner nor another number ("layers i and ii")."""
    if tokens[position] != "i" or position + 1 >= len(tokens):
        return False
    following = tokens[position + 1]
    return following not in _NUMBER_WORDS and following not in _JOINERS | _RANGE


def ordinary_layer(tokens: Sequence[str], position: int) -> bool:
    """ "three layers of lace", "a layer of paint": the word, not the stack."""
    after = tokens[position + 1 : position + 5]
    if not after or after[0] != "of":
        return False
    seven = [word for word in after[1:3] if word not in {"the", "all"}][:1]
    return _MODEL_WORDS.isdisjoint(after[1:]) and not _THE_SEVEN.issuperset(seven or ["-"])


def _neighbour_of(tokens: Sequence[str], position: int, anchor: _Anchor) -> tuple[int, int] | None:
    """ "layer (right) above transport", "layer just below the network layer", "the layer
    sitting on top of L3", "layer one up from transport", "two layers below session", "the
    layer in the middle", "the layer between network and session": the layer placed, and
    the position after the words read."""
    at = _past_close(tokens, position + 1)  # "the layer (sitting) between …"
    if at < len(tokens) and tokens[at] == "between":
        return _between(tokens, at + 1, anchor)
    at = position + 1
    before = tokens[position - 1] if position > 0 else ""
    # "two layers below": a count before the word; "a layer down from" is one step.
    count = _STEP_COUNTS.get(before) if tokens[position] in {"layers", "levels"} else None
    step = next_to(tokens, at, anchor, count=count, adverbs_only=False)
    ordinal = _ORDINALS.get(before, 0) if tokens[position] in {"layer", "level"} else 0
    if ordinal > 1 and step is not None and step[0] in {_BOTTOM + 1, _TOP - 1}:
        # "the fourth layer up from the cables": counted from an end, the end is the first.
        counted = next_to(tokens, at, anchor, count=ordinal - 1, adverbs_only=False)
        upward = step[0] == _BOTTOM + 1
        if counted is not None and counted[0] == (ordinal if upward else _TOP + 1 - ordinal):
            return counted
    return step or placed_in_the_stack(tokens, at)


_STEP_COUNTS = {word: n for n, word in enumerate("- one two three four five six".split()) if n}
_STEP_COUNTS.update({str(n): n for n in range(2, 7)})
# "the bottom two layers" are 1 and 2, "the top 3 layers" 5 to 7.
_SPAN_ENDS = {**_COUNTED_ENDS, "upper": 7, "lower": 1, "first": 1, "last": 7}


def _span_from_an_end(tokens: Sequence[str], position: int) -> range | None:
    """ "the bottom two layers", "top 3 levels", "the first three layers": the layers
    counted from an end of the stack, for the plural "layers" at `position`."""
    if position < 2 or tokens[position] not in {"layers", "levels"}:
        return None
    count = _STEP_COUNTS.get(tokens[position - 1])
    end = _SPAN_ENDS.get(tokens[position - 2])
    if count is None or end is None:
        return None
    return range(_BOTTOM, count + 1) if end == _BOTTOM else range(_TOP + 1 - count, _TOP + 1)


def _between(tokens: Sequence[str], at: int, anchor: _Anchor) -> tuple[int, int] | None:
    """ "the layer between network and session": the one layer between the two named."""
    first = anchor(_past_the(tokens, at))
    if first is None:
        return None
    joiner = _past_layer_word(tokens, first[1])
    if joiner >= len(tokens) or tokens[joiner] not in {"and", "&"}:
        return None
    second = anchor(_past_the(tokens, joiner + 1))
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
    """ "second from the bottom", "the 3rd layer from the top", "the second highest
    layer": (layer, position after)."""
    if position >= len(tokens) or tokens[position] not in _ORDINALS:
        return None
    count = _ORDINALS[tokens[position]]
    following = tokens[position + 1] if position + 1 < len(tokens) else ""
    if following in _COUNTED_ENDS:
        end = _past_layer_word(tokens, position + 2)
        return (count if _COUNTED_ENDS[following] == 1 else _TOP + 1 - count), end
    at = _past_layer_word(tokens, position + 1)
    if at < len(tokens) and tokens[at] in _COUNTING:
        at += 1  # "the third layer counting from the top"
    if at >= len(tokens) or tokens[at] != "from":
        return None
    at = _past_the(tokens, at + 1)
    if at >= len(tokens) or tokens[at] not in {"bottom", "top"}:
        return None
    number = count if tokens[at] == "bottom" else _TOP + 1 - count
    end = _past_layer_word(tokens, at + 1)
    return number, end


def _layer_at(
    tokens: Sequence[str],
    at: int,
    names: Mapping[str, int],
    skip: set[int],
    placed: Mapping[int, tuple[int, int]],
) -> tuple[int, int] | None:
    """A layer named from position `at` on ("transport", "data link", "l4", "layer 4",
    "4"), or a thing placed at one layer ("the cables"): (its number, the position after
    it)."""
    if at in placed:
        return placed[at]
    if at >= len(tokens) or at in skip:
        return None
    word = tokens[at]
    if word in _COUNTED_ENDS:
        return _COUNTED_ENDS[word], at + 1  # "one up from the bottom"
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
    placed: Mapping[int, tuple[int, int]] | None = None,
) -> LayerMentions:
    """Every layer the tokens name, by number, ordinal, name or position, ignoring
    positions in `skip`.

    `names` maps compact layer names to numbers (`layer_name_keys`). With `bare_names`, a
    layer's name counts without the word "layer" ("is metallb transport?"). `joined`
    marks hyphen-joined tokens, so "layers 1-3" reads as a range. `placed` maps where a
    thing of one layer is named to (its layer, the position after its name), so a layer
    can be placed next to it ("the one right above the cables").
    """
    found = LayerMentions()
    consumed: set[int] = set()  # read as part of an earlier mention ("above *transport*")
    anchor: _Anchor = partial(_layer_at, tokens, names=names, skip=skip, placed=placed or {})
    for layer, positions in mnemonic_layers(tokens):
        found.add(layer, *positions)
        consumed.update(positions)
    for position, word in enumerate(tokens):
        if position in skip or position in consumed:
            continue
        glued = _GLUED.match(word)
        if glued:
            found.add(int(glued.group(1)), position)
            continue
        where = _placed_without_layer(tokens, position, anchor, names, skip)
        if where is not None:
            number, end = where
            # "sandwiched between …", "wedged between …": the verb that places it too.
            start = (
                position - 1 if word == "between" and _placing_verb(tokens, position) else position
            )
            found.add(number, *range(start, end))
            consumed.update(range(start, end))
            continue
        next_is_number = position + 1 < len(tokens) and tokens[position + 1] in _NUMBER_WORDS
        if word == "l" and next_is_number and tokens[position + 1].isdigit():
            found.add(int(tokens[position + 1]), position, position + 1)
            continue
        if word == "osi" and _osi_numbers(tokens, position):
            # "osi 4 and 7, which pieces go where": the model's name numbers its layers,
            # unless the number counts them ("the osi 7 layer model").
            found.used.add(position)
            _numbers_after(tokens, position + 1, found, joined)
            continue
        if word not in _LAYER_WORDS and not _misspelt_layer(word):
            continue
        if ordinary_layer(tokens, position) and not (
            _named_layer(tokens, position, names, skip)
            and skip.intersection(range(position + 2, position + 5))
        ):
            continue  # "a layer of paint"; but "the presentation layer of a service mesh"
        found.used.add(position)
        neighbour = _neighbour_of(tokens, position, anchor) or _counted_from_an_end(
            tokens, _past_close(tokens, position + 1)
        )
        if neighbour is not None:
            number, end = neighbour
            found.add(number, *range(position, end))
            consumed.update(range(position, end))
            continue
        if next_is_number:
            _numbers_after(tokens, position + 1, found, joined)
        consumed.update(_read_before(tokens, position, names, skip, found, anchor=anchor))
    _numbered(tokens, skip | consumed, found)
    _elided(tokens, skip | consumed, found)
    _compared_names(tokens, names, skip | consumed, found)
    # A two-word name ("data link") is a layer anywhere; one word only if asked for.
    _bare_names(tokens, names, skip | found.used, found, multiword_only=not bare_names)
    if not found.numbers:
        _whole_question_layer(tokens, names, skip, found)
    return found


def _placed_without_layer(
    tokens: Sequence[str],
    position: int,
    anchor: _Anchor,
    names: Mapping[str, int],
    skip: set[int],
) -> tuple[int, int] | None:
    """A layer placed by words that need no "layer" before them: "second from the
    bottom", "two below session", "the one above ip", "the middle of the stack", "between
    data link and transport"."""
    counted = _counted_from_an_end(tokens, position)
    if counted is not None:
        return counted
    word = tokens[position]
    if word in _NUMBER_WORDS and (position == 0 or tokens[position - 1] not in _LAYER_WORDS):
        # Counted from a layer named outright, not from a thing or a bare number.
        named: _Anchor = partial(_layer_at, tokens, names=names, skip=skip, placed={})
        stepped = counted_step(tokens, position, lambda at: _not_a_number(tokens, at, named))
        if stepped is not None:
            return stepped
    if word in _ASKING_WHAT:
        # "what's above transport": from a layer named outright, not a thing ("what runs
        # over tcp" asks what runs on TCP).
        named = partial(_layer_at, tokens, names=names, skip=skip, placed={})
        return next_to(tokens, position + 1, named, count=None, adverbs_only=False, over=False)
    if word == "between":
        # "sandwiched between data link and transport": two layers named outright.
        named = partial(_layer_at, tokens, names=names, skip=skip, placed={})
        return _between(tokens, position + 1, named)
    if word == "one" and position > 0 and tokens[position - 1] in _ONE_AFTER:
        return next_to(tokens, position + 1, anchor, count=None, adverbs_only=True) or (
            placed_in_the_stack(tokens, position + 1)
        )
    middle = middle_of_the_model(tokens, position)
    return (4, middle) if middle is not None else end_of_the_model(tokens, position)


def _placing_verb(tokens: Sequence[str], position: int) -> bool:
    """Whether the word before `position` is a participle ("sandwiched", "sitting")."""
    before = tokens[position - 1] if position > 0 else ""
    return len(before) > len("ing") and before.endswith(("ed", "ing"))


def _not_a_number(tokens: Sequence[str], at: int, anchor: _Anchor) -> tuple[int, int] | None:
    """The layer `anchor` reads at `at`, unless only a bare number ("2 below 3")."""
    if at < len(tokens) and tokens[at].isdigit():
        return None
    return anchor(at)


def _past_close(tokens: Sequence[str], at: int) -> int:
    """Past words between "layer" and where it sits: "the layer (that is) second…"."""
    while at < len(tokens) and tokens[at] in _CLOSE:
        at += 1
    return at


_ELIDED_AFTER = frozenset({"at", "on", "in"})
_ELIDED_REACH = 4  # words from the last layer named to "and which at four"


def _elided(tokens: Sequence[str], skip: set[int], found: LayerMentions) -> None:
    """ "which things work at layer three and which at four": a number after "at", joined
    to a layer named just before, is a layer with its word left out."""
    if not found.used:
        return
    for at, word in enumerate(tokens[:-1]):
        number = tokens[at + 1]
        if word not in _ELIDED_AFTER or at in skip or number not in _NUMBER_WORDS:
            continue
        last = max((p for p in found.used if p < at), default=None)
        between = tokens[last + 1 : at] if last is not None else []
        if last is None or len(between) > _ELIDED_REACH or _JOINERS.isdisjoint(between):
            continue
        # The number ends its clause ("…and which at four?"), not "at 4 pm".
        following = tokens[at + 2] if at + 2 < len(tokens) else ""
        ends = not following or following in GRAMMAR
        if ends and _BOTTOM <= _NUMBER_WORDS[number] <= _TOP and tokens[last] not in _LAYER_WORDS:
            found.add(_NUMBER_WORDS[number], at + 1)


def _numbered(tokens: Sequence[str], skip: set[int], found: LayerMentions) -> None:
    """ "layer number 4", "the middle layer of the seven (number 4)": a number after the
    word "number", a few words after a "layer" that names the stack."""
    for at, word in enumerate(tokens[:-1]):
        following = tokens[at + 1]
        if word not in _NUMBER or at in skip or following not in _NUMBER_WORDS:
            continue
        if any(
            tokens[before] in _LAYER_WORDS and before in found.used
            for before in range(max(0, at - _NUMBER_REACH), at)
        ):
            found.add(_NUMBER_WORDS[following], at, at + 1)


def _read_before(
    tokens: Sequence[str],
    position: int,
    names: Mapping[str, int],
    skip: set[int],
    found: LayerMentions,
    *,
    anchor: _Anchor,
) -> range:
    """The words before a "layer" at `position`: "the bottom (osi) layer", "7th layer",
    "the 7 layers" (a count), "the data link layer"; the positions read after it."""
    span = _span_from_an_end(tokens, position)
    if span is not None and not skip.intersection(range(position - 2, position)):
        for number in span:
            found.add(number, position - 2, position - 1, position)
        return range(0)
    end_one = _end_one_of(tokens, position)
    if end_one is not None and end_one not in skip:
        found.add(_ENDS[tokens[end_one]], *range(end_one, position + 1))
        return range(0)
    before_at = position - 1
    while before_at > 0 and tokens[before_at] in _BETWEEN:
        before_at -= 1  # "the first osi layer"
    if before_at > 0 and tokens[before_at] in _MOST and tokens[before_at - 1] in _ENDS:
        before_at -= 1  # "the bottom-most layer"
    before = tokens[before_at] if before_at >= 0 else ""
    if before in _ENDS and before_at not in skip:
        number, end = _end_but_one(tokens, _ENDS[before], position + 1, anchor)
        found.add(number, *range(before_at, end))
        return range(position + 1, end)
    if before_at != position - 1 and before in _BEFORE_LAYER and before_at not in skip:
        found.add(_NUMBER_WORDS[before], *range(before_at, position + 1))
        return range(0)
    before = tokens[position - 1] if position > 0 else ""
    # "the 7 layers" and "the 7 layer model" count layers; "7th layers" or "layer 7" names one.
    after = tokens[position + 1] if position + 1 < len(tokens) else ""
    counts = before.isdigit() and (tokens[position] == "layers" or after in _SIZED)
    if counts:
        found.used.add(position - 1)
    elif before in _BEFORE_LAYER and position - 1 not in skip:
        found.add(_NUMBER_WORDS[before], position - 1)
    elif position > 0:
        named = _named_layer(tokens, position, names, skip)
        if named:
            found.add(named[0], *range(named[1], position))
    return range(0)


def _end_one_of(tokens: Sequence[str], position: int) -> int | None:
    """ "the middle one of the seven layers", "the top one of the osi layers": where the
    end of the stack is said, before "one of (the) (seven/osi)" and the "layers" at
    `position`."""
    at = position - 1
    while at >= 0 and (tokens[at] in _THE_SEVEN or tokens[at] in _BETWEEN or tokens[at] == "the"):
        at -= 1
    if at < 2 or tokens[at] != "of" or tokens[at - 1] != "one" or tokens[at - 2] not in _ENDS:
        return None
    return at - 2


def _end_but_one(tokens: Sequence[str], end: int, at: int, anchor: _Anchor) -> tuple[int, int]:
    """ "the lowest layer that isn't hardware" is 2: an end of the stack that is not the
    layer named is the one next to it. (layer, position after the words read)."""
    if at >= len(tokens) or tokens[at] not in _WHICH or end not in {1, 7}:
        return end, at
    for negation in _NOT:
        after = at + 1 + len(negation)
        if tuple(tokens[at + 1 : after]) != negation:
            continue
        named = anchor(_past_the(tokens, after))
        if named is not None and named[0] == end:
            return (2 if end == 1 else 6), _past_layer_word(tokens, named[1])
    return end, at


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


# Words that set two layers side by side: "transport vs network layer", "is session above
# presentation".
SIDE_BY_SIDE = frozenset("vs versus or and above below over under than".split())


def _compared_names(
    tokens: Sequence[str], names: Mapping[str, int], skip: set[int], found: LayerMentions
) -> None:
    """A layer's one-word name set beside another layer ("physical vs data link",
    "transport vs network layer") names that layer, as its other side does."""
    for at in range(len(tokens) - 2):
        if tokens[at + 1] not in SIDE_BY_SIDE:
            continue
        pair = (at, at + 2)
        named = [_one_word_layer(tokens, names, skip, found, p) for p in pair]
        if all(n is not None for n in named):
            for position, name in zip(pair, named, strict=True):
                if name is not None and name[0]:
                    found.add(name[0], *range(position, position + name[1]))


def _one_word_layer(
    tokens: Sequence[str],
    names: Mapping[str, int],
    skip: set[int],
    found: LayerMentions,
    at: int,
) -> tuple[int, int] | None:
    """The layer a word names and how many words name it ("data link": two); layer 0 when
    it is already read as one, None when it names none."""
    if at in found.used:
        return 0, 1
    if at in skip:
        return None
    if tokens[at] in names:
        return names[tokens[at]], 1
    if at + 1 < len(tokens) and tokens[at] + tokens[at + 1] in names:
        return names[tokens[at] + tokens[at + 1]], 2
    return None


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
