"""Finding the layers a question names: numbers, ordinals, names, lists and ranges."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.core.layer_mentions import LayerMentions, find_layer_mentions, layer_name_keys
from bot.core.text import tokenize_compounds

if TYPE_CHECKING:
    from collections.abc import Set

    from bot.core.knowledge import Knowledge


@pytest.fixture(scope="module")
def names(knowledge: Knowledge) -> dict[str, int]:
    return layer_name_keys(knowledge.layers.values())


def _find(
    question: str, names: dict[str, int], skip: Set[int] = frozenset(), *, bare: bool = False
) -> tuple[LayerMentions, list[str]]:
    tokens = tokenize_compounds(question)
    found = find_layer_mentions(
        tokens.words, names, set(skip), bare_names=bare, joined=tokens.joined
    )
    return found, tokens.words


# (compact spelling, the layer it names) — names and aliases from the bundled knowledge
NAME_KEY_CASES = [
    ("app", 7),
    ("transport", 4),
    ("datalink", 2),  # "Data Link" and "data-link" share one key
    ("hardware", 1),
]


@pytest.mark.parametrize(("key", "number"), NAME_KEY_CASES)
def test_layer_name_keys_map_compact_names_to_numbers(
    names: dict[str, int], key: str, number: int
) -> None:
    assert names[key] == number


def test_layer_name_keys_hold_only_compact_spellings(names: dict[str, int]) -> None:
    """Keys are compared with joined tokens, so none may keep a space, hyphen or capital."""
    assert [key for key in names if not key.isalnum() or not key.islower()] == []


# (question, layers named in order, the words that named them)
FIND_CASES = [
    ("", [], ""),
    # Numbers after "layer", glued forms, a spaced "l 7".
    ("is it layer 4?", [4], "layer 4"),
    ("is it L4, l 7, layer5 or osi6?", [4, 7, 5, 6], "l4 l 7 layer5 osi6"),
    # Number words and roman numerals only after "layer"; ordinals on either side (a layer
    # named twice is listed once).
    ("layer five, layer iv", [5, 4], "layer five layer iv"),
    ("iv layer", [], "layer"),
    ("7th layer or seventh layer", [7], "7th layer seventh layer"),
    # "the 7 layers" counts layers rather than naming one.
    ("the 7 layers", [], "7 layers"),
    # Names before "layer", hyphenated or misspelt.
    ("the data-link layer", [2], "data link layer"),
    ("trasnport layer", [4], "trasnport layer"),
    # Lists and ranges.
    ("layer 2 and 3 and 4", [2, 3, 4], "layer 2 and 3 and 4"),
    ("layers 3 to 5", [3, 4, 5], "layers 3 to 5"),
    ("layers 1-3", [1, 2, 3], "layers 1 3"),
    # A question that is only a layer's name or number asks about it.
    ("transport", [4], "transport"),
    ("the osi 4", [4], "the osi 4"),
    # Numbers outside 1-7 are still read, to be told the model has seven layers.
    ("layer 9", [9], "layer 9"),
    # Only ASCII digits are numbers: this one is a digit to str.isdigit, but not to int().
    ("layer \N{ARABIC-INDIC DIGIT FOUR}", [], "layer"),
    # A layer's name alone counts only with `bare_names`.
    ("is metallb transport?", [], ""),
    # The ends of the stack, also across "osi"; and the layer next to a named one.
    ("the bottom layer", [1], "bottom layer"),
    ("the highest osi layer", [7], "highest osi layer"),
    ("first osi layer", [1], "first osi layer"),
    ("the layer right above transport", [5], "layer right above transport"),
    ("the layer just below the network layer", [2], "layer just below the network layer"),
    ("the layer under l3", [2], "layer under l3"),
    ("the layer above layer 7", [7], "layer layer 7"),  # nothing is above 7: "layer 7" counts
    # Between two layers, and counted from an end of the stack.
    ("the layer between network and session", [4], "layer between network and session"),
    ("layer between l5 and l7", [6], "layer between l5 and l7"),
    ("second from the bottom", [2], "second from the bottom"),
    ("the third layer from the top", [5], "third layer from the top"),
    # "layer" as an ordinary word, and "i" as the person.
    ("three layers of lace", [], ""),
    ("the layers of the osi model", [], "layers"),
    ("the layer i think it is", [], "layer"),
    ("layers i and ii", [1, 2], "layers i and ii"),
    pytest.param(
        "layers 3, 4 or 7",
        [3, 4, 7],
        "layers 3 4 or 7",
        marks=pytest.mark.xfail(
            strict=True,
            reason="BUG: _numbers_after documents '3, 4 or 7' but stops at the comma; "
            "answer('what is at layers 3, 4 or 7') answers layer 3 only",
        ),
        id="comma-separated-list",
    ),
]


@pytest.mark.parametrize(("question", "numbers", "used"), FIND_CASES)
def test_find_layer_mentions_reads_every_way_of_naming_a_layer(
    names: dict[str, int], question: str, numbers: list[int], used: str
) -> None:
    found, words = _find(question, names)
    assert found.numbers == numbers
    assert " ".join(words[i] for i in sorted(found.used)) == used


# (question, layers named when a layer's bare name counts)
BARE_CASES = [
    ("is metallb transport?", [4]),
    ("is calico network or data link", [3, 2]),
    ("does it apply to the app", [7]),
    ("physical, or phy?", [1]),  # one layer by two names, listed once
]


@pytest.mark.parametrize(("question", "numbers"), BARE_CASES)
def test_bare_names_count_a_layer_name_without_the_word_layer(
    names: dict[str, int], question: str, numbers: list[int]
) -> None:
    assert _find(question, names, bare=True)[0].numbers == numbers


# (question, positions already claimed by names, layers still named)
SKIP_CASES = [
    ("transport layer", {0}, []),
    ("is metallb transport?", {2}, []),
    ("layer 3 and transport layer", {3}, [3]),
    pytest.param(
        "layer 4",
        {1},
        [],
        marks=pytest.mark.xfail(
            strict=True, reason="BUG: numbers after a layer word are read even when skipped"
        ),
        id="skipped-number",
    ),
]


@pytest.mark.parametrize(("question", "skip", "numbers"), SKIP_CASES)
def test_skipped_positions_name_no_layer(
    names: dict[str, int], question: str, skip: set[int], numbers: list[int]
) -> None:
    assert _find(question, names, skip, bare=True)[0].numbers == numbers


# (question, layers of the OSI model, numbers outside it)
RANGE_CASES = [
    ("layers 0 to 2", [1, 2], [0]),
    ("layer 3 thru 9", [3, 4, 5, 6, 7], [8, 9]),
]


@pytest.mark.parametrize(("question", "valid", "out_of_range"), RANGE_CASES)
def test_mentions_split_into_osi_layers_and_numbers_outside_1_to_7(
    names: dict[str, int], question: str, valid: list[int], out_of_range: list[int]
) -> None:
    found, _ = _find(question, names)
    assert (found.valid, found.out_of_range) == (valid, out_of_range)
