"""A layer named by its name alone, without the word "layer": side by side with another
("physical vs data link", "presentation sits on top of session"), with a guess at its number
("presentation is 6 or 5?"), as the whole question ("transport") or, when asked for, bare
("is metallb transport?")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.layer_words import GLUED_LAYER, JOINERS, LAYER_WORDS, NUMBER_WORDS
from bot.core.question_shape import is_content

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from bot.core.layer_words import LayerMentions

__all__ = [
    "SIDE_BY_SIDE",
    "bare_names_of_layers",
    "compared_names",
    "numbers_guessed",
    "whole_question_layer",
]


def numbers_guessed(
    tokens: Sequence[str], names: Mapping[str, int], skip: set[int], found: LayerMentions
) -> set[int]:
    """ "presentation is 6 or 5?", "is transport l3 or l4", "data link = layer 2?": the
    numbers after a layer's name guess at its number, so the name is the layer asked
    about; the positions read."""
    read: set[int] = set()
    for at in range(len(tokens) - 1):
        size = next((n for n in (2, 1) if "".join(tokens[at : at + n]) in names), 0)
        if not size or skip.intersection(range(at, at + size)) or at in read:
            continue
        if at and tokens[at - 1] in _OWNERS:
            continue  # "is my app l4 or l7": an app of one's own, not the layer
        end = at + size
        end += end < len(tokens) and tokens[end] in LAYER_WORDS
        end += end < len(tokens) and tokens[end] in _GUESSING
        guessed = _guessed_numbers(tokens, end, skip)
        if guessed > end:
            found.add(names["".join(tokens[at : at + size])], *range(at, guessed))
            read.update(range(at, guessed))
    return read


_OWNERS = frozenset("my our your their his her its".split())
_GUESSING = frozenset({"is", "was", "="})


def _guessed_numbers(tokens: Sequence[str], start: int, skip: set[int]) -> int:
    """Where a run of guessed layer numbers from `start` ends ("6 or 5", "l3 or l4",
    "layer 2"); `start` when there is none, or when a bare number counts something
    ("session is 5 minutes")."""
    end = start
    while end < len(tokens) and end not in skip:
        word = tokens[end]
        if GLUED_LAYER.match(word):
            end += 1
        elif word in LAYER_WORDS and end + 1 < len(tokens) and tokens[end + 1].isdigit():
            end += 2
        elif word.isdigit() and word in NUMBER_WORDS:
            end += 1
            if end < len(tokens) and tokens[end] not in JOINERS and is_content(tokens[end]):
                return start  # "5 minutes"
        else:
            break
        if end + 1 < len(tokens) and tokens[end] in {"or", "and"}:
            end += 1
        else:
            return end
    return end - 1 if end > start and tokens[end - 1] in {"or", "and"} else end


def bare_names_of_layers(
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


def compared_names(
    tokens: Sequence[str], names: Mapping[str, int], skip: set[int], found: LayerMentions
) -> None:
    """A layer's one-word name set beside another layer ("physical vs data link",
    "transport vs network layer") names that layer, as its other side does."""
    for at in range(len(tokens) - 2):
        other = _other_side(tokens, at)
        if other is None:
            continue
        pair = (at, other)
        named = [_one_word_layer(tokens, names, skip, found, p) for p in pair]
        if all(n is not None for n in named):
            for position, name in zip(pair, named, strict=True):
                if name is not None and name[0]:
                    found.add(name[0], *range(position, position + name[1]))


# Words that weigh one layer against another: no range between them.
def _other_side(tokens: Sequence[str], at: int) -> int | None:
    """Where the other side of a comparison starts after the word at `at`: after "vs",
    or after a few words that place one above the other ("presentation sits on top of
    session")."""
    if tokens[at + 1] in SIDE_BY_SIDE:
        return at + 2
    end = at + 1
    while end < len(tokens) and end - at <= _PLACING_REACH and tokens[end] in _PLACING:
        end += 1
    placing = not _PLACING_FILLER.issuperset(tokens[at + 1 : end])
    return end if placing and end < len(tokens) else None


_PLACING_REACH = 4  # "sits on top of"
_PLACING_FILLER = frozenset("sits sit is are on of the".split())
_PLACING = _PLACING_FILLER | SIDE_BY_SIDE | frozenset("top higher lower beneath underneath".split())


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


def whole_question_layer(
    tokens: Sequence[str], names: Mapping[str, int], skip: set[int], found: LayerMentions
) -> None:
    """A question that is only a layer's name or number ("transport", "4") asks about it."""
    rest = [t for i, t in enumerate(tokens) if i not in skip and t not in {"osi", "the"}]
    if not rest or len(rest) > 2:
        return
    key = "".join(rest)
    if key in names:
        found.add(names[key], *range(len(tokens)))
    elif len(rest) == 1 and rest[0] in NUMBER_WORDS and rest[0].isdigit():
        # Only ASCII digits are in NUMBER_WORDS: "፩".isdigit() is true, but int() fails.
        found.add(int(rest[0]), *range(len(tokens)))
