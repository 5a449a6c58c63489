"""Finding the OSI layers a question names: "L7", "layer five", "the data-link layer"."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from bot.core.layer_counting import (
    STEP_COUNTS,
    counted_from_an_end,
    end_but_one,
    end_one_of,
    past_close,
    past_layer_word,
    past_the,
    span_from_an_end,
)
from bot.core.layer_names import (
    bare_names_of_layers,
    compared_names,
    numbers_guessed,
    whole_question_layer,
)
from bot.core.layer_positions import (
    counted_step,
    end_of_the_model,
    middle_of_the_model,
    mnemonic_layers,
    next_to,
    placed_in_the_stack,
)
from bot.core.layer_words import (
    BEFORE_LAYER,
    BOTTOM_LAYER,
    COUNTED_ENDS,
    GLUED_LAYER,
    JOINERS,
    LAYER_WORDS,
    METAPHORS,
    MODEL_NAME,
    MOST_WORD,
    NUMBER_WORDS,
    ORDINALS,
    RANGE,
    SIZED_NOUNS,
    STACK_ENDS,
    STACK_WORDS,
    STEPS,
    TOP_LAYER,
    LayerMentions,
    add_range,
    is_stack_word,
    misspelt_layer,
    named_layer,
    numbers_after,
    ordinary_layer,
    osi_numbers,
)
from bot.core.lexicon import is_english_word
from bot.core.vocabulary import GRAMMAR, STOPWORDS

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from bot.core.layer_positions import Anchor as _Anchor

__all__ = ["find_layer_mentions"]


# "the one under transport", "which one is in the middle": "one" is a layer after these.
_ONE_AFTER = frozenset({"the", "which", "that"})
# "layer number 4", "the middle layer of the seven (number 4)": a number this close after
# the word "layer" numbers it.
_NUMBER = frozenset({"number", "num", "nr", "numero"})
# "what's above transport", "anything on top of the network layer": these ask for a layer.
_ASKING_WHAT = frozenset("what whats anything something".split())
_NUMBER_REACH = 6


def _neighbour_of(tokens: Sequence[str], position: int, anchor: _Anchor) -> tuple[int, int] | None:
    """ "layer (right) above transport", "layer just below the network layer", "the layer
    sitting on top of L3", "layer one up from transport", "two layers below session", "the
    layer in the middle", "the layer between network and session": the layer placed, and
    the position after the words read."""
    at = past_close(tokens, position + 1)  # "the layer (sitting) between …"
    if at < len(tokens) and tokens[at] == "between":
        return _between(tokens, at + 1, anchor)
    at = position + 1
    before = tokens[position - 1] if position > 0 else ""
    # "two layers below": a count before the word; "a layer down from" is one step.
    count = STEP_COUNTS.get(before) if tokens[position] in {"layers", "levels"} else None
    step = next_to(tokens, at, anchor, count=count, adverbs_only=False)
    ordinal = ORDINALS.get(before, 0) if tokens[position] in {"layer", "level"} else 0
    if ordinal > 1 and step is not None and step[0] in {BOTTOM_LAYER + 1, TOP_LAYER - 1}:
        # "the fourth layer up from the cables": counted from an end, the end is the first.
        counted = next_to(tokens, at, anchor, count=ordinal - 1, adverbs_only=False)
        upward = step[0] == BOTTOM_LAYER + 1
        if counted is not None and counted[0] == (ordinal if upward else TOP_LAYER + 1 - ordinal):
            return counted
    return step or placed_in_the_stack(tokens, at)


def _between(tokens: Sequence[str], at: int, anchor: _Anchor) -> tuple[int, int] | None:
    """ "the layer between network and session": the one layer between the two named."""
    first = anchor(past_the(tokens, at))
    if first is None:
        return None
    joiner = past_layer_word(tokens, first[1])
    if joiner >= len(tokens) or tokens[joiner] not in {"and", "&"}:
        return None
    second = anchor(past_the(tokens, joiner + 1))
    if second is None or abs(first[0] - second[0]) != 2:
        return None
    return (first[0] + second[0]) // 2, past_layer_word(tokens, second[1])


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
        number, end = placed[at]
        # "cables and nics": things listed at the same layer are one anchor.
        while end + 1 < len(tokens) and tokens[end] in {"and", "or"} and end + 1 in placed:
            if placed[end + 1][0] != number:
                break
            end = placed[end + 1][1]
        return number, end
    if at >= len(tokens) or at in skip:
        return None
    word = tokens[at]
    if word in COUNTED_ENDS:
        return COUNTED_ENDS[word], at + 1  # "one up from the bottom"
    glued = GLUED_LAYER.match(word)
    if glued:
        return int(glued.group(1)), at + 1
    if word in LAYER_WORDS or word == "l":
        following = tokens[at + 1] if at + 1 < len(tokens) else ""
        if following.isdigit() and following in NUMBER_WORDS:
            return int(following), at + 2
        return None
    if word.isdigit() and word in NUMBER_WORDS:
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


def _open_end(tokens: Sequence[str], position: int) -> tuple[int, int] | None:
    """Where a range from the glued layer at `position` runs to the top or the bottom, and
    the last word saying so: "l5 upward", "l5 and up", "from l5 up", "l3 and below"."""
    after = position + 1
    word = tokens[after] if after < len(tokens) else ""
    ahead = tokens[after + 1 : after + 3]
    if len(ahead) == 2 and ahead[0] in RANGE and GLUED_LAYER.match(ahead[1]):
        return None  # "from l3 up to l5": a range with its other end
    if word in _OPEN_ENDS and (
        word.endswith(("ward", "wards")) or tokens[position - 1 : position] == ["from"]
    ):
        return after, _OPEN_ENDS[word]
    following = tokens[after + 1] if after + 1 < len(tokens) else ""
    if word == "and" and following in _OPEN_ENDS:
        return after + 1, _OPEN_ENDS[following]
    return None


_OPEN_ENDS = {
    **dict.fromkeys("up upward upwards onward onwards above higher over beyond".split(), 7),
    **dict.fromkeys("down downward downwards below lower under beneath underneath".split(), 1),
}


def _range_after(
    tokens: Sequence[str],
    position: int,
    first: int,
    found: LayerMentions,
    *,
    skip: set[int],
    joined: frozenset[int],
) -> range:
    """ "l1 to l3", "l4-l7": the layers from a glued one (layer `first`) to the next, and
    the positions read."""
    if not _WEIGHING.isdisjoint(tokens):
        return range(0)  # "l4 to l7, what's the difference" weighs two layers
    after = position + 1
    if after in joined and after < len(tokens) and after not in skip:
        last = GLUED_LAYER.match(tokens[after])  # "l4-l7"
        if last:
            add_range(found, first, int(last.group(1)), after)
            return range(after, after + 1)
    end = _open_end(tokens, position)
    if end is not None:  # "everything from l5 upward", "l3 and below"
        last_at, top = end
        found.used.update(range(after, last_at + 1))
        add_range(found, first, top, last_at)
        return range(after, last_at + 1)
    if after < len(tokens) and tokens[after] in STEPS:
        after += 1  # "from l3 up to l5"
    ahead = tokens[after : after + 2]
    last = GLUED_LAYER.match(ahead[1]) if len(ahead) == 2 and ahead[0] in RANGE else None
    if last is None or after + 1 in skip:
        return range(0)
    found.used.update(range(position + 1, after + 1))
    add_range(found, first, int(last.group(1)), after + 1)
    return range(position + 1, after + 2)


def find_layer_mentions(
    tokens: Sequence[str],
    names: Mapping[str, int],
    skip: set[int],
    *,
    bare_names: bool = False,
    joined: frozenset[int] = frozenset(),
    placed: Mapping[int, tuple[int, int]] | None = None,
    breaks: frozenset[int] = frozenset(),
) -> LayerMentions:
    """Every layer the tokens name, by number, ordinal, name or position, ignoring
    positions in `skip`.

    `names` maps compact layer names to numbers (`layer_name_keys`). With `bare_names`, a
    layer's name counts without the word "layer" ("is metallb transport?"). `joined`
    marks hyphen-joined tokens, so "layers 1-3" reads as a range; `breaks` the tokens after
    punctuation, so "the session layer, one line pls" numbers no layer. `placed` maps where a
    thing of one layer is named to (its layer, the position after its name), so a layer
    can be placed next to it ("the one right above the cables").
    """
    found = LayerMentions()
    # Positions read as part of an earlier mention ("above *transport*").
    consumed = _mnemonics_and_guesses(tokens, names, skip, found)
    anchor: _Anchor = partial(_layer_at, tokens, names=names, skip=skip, placed=placed or {})
    for position, word in enumerate(tokens):
        if position in skip or position in consumed:
            continue
        glued = GLUED_LAYER.match(word)
        if glued:
            first = int(glued.group(1))
            found.add(first, position)
            consumed.update(_range_after(tokens, position, first, found, skip=skip, joined=joined))
            continue
        if _all_beyond(tokens, position, names, skip, found=found, consumed=consumed):
            continue  # "anything below layer 3", "everything above l4"
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
        next_is_number = (
            position + 1 < len(tokens)
            and tokens[position + 1] in NUMBER_WORDS
            and position + 1 not in breaks
        )
        if word == "l" and next_is_number and tokens[position + 1].isdigit():
            found.add(int(tokens[position + 1]), position, position + 1)
            continue
        if word == "osi" and osi_numbers(tokens, position):
            # "osi 4 and 7, which pieces go where": the model's name numbers its layers,
            # unless the number counts them ("the osi 7 layer model").
            found.used.add(position)
            numbers_after(tokens, position + 1, found, joined)
            continue
        if not _a_layer_word(tokens, names, position):
            continue
        if ordinary_layer(tokens, position) and not (
            named_layer(tokens, position, names, skip)
            and skip.intersection(range(position + 2, position + 5))
        ):
            continue  # "a layer of paint"; but "the presentation layer of a service mesh"
        if _a_count_of_layers(tokens, position, found):
            continue  # "need a 3-layer one": a thing with that many layers
        found.used.add(position)
        neighbour = _neighbour_of(tokens, position, anchor) or counted_from_an_end(
            tokens, past_close(tokens, position + 1)
        )
        if neighbour is not None:
            number, end = neighbour
            found.add(number, *range(position, end))
            consumed.update(range(position, end))
            continue
        if next_is_number and not _of_something_else(tokens, position + 2, skip):
            numbers_after(tokens, position + 1, found, joined)
        consumed.update(_read_before(tokens, position, names, skip, found, anchor=anchor))
    _numbered(tokens, skip | consumed, found)
    _elided(tokens, skip | consumed, found)
    compared_names(tokens, names, skip | consumed, found)
    _the_named_one(tokens, names, skip | consumed, found)
    # A two-word name ("data link") is a layer anywhere; one word only if asked for.
    bare_names_of_layers(tokens, names, skip | found.used, found, multiword_only=not bare_names)
    return _finished(tokens, names, skip, found, joined)


def _finished(
    tokens: Sequence[str],
    names: Mapping[str, int],
    skip: set[int],
    found: LayerMentions,
    joined: frozenset[int],
) -> LayerMentions:
    """The mentions, with a layer's one-word name made an adjective counted ("session-y",
    "physical-ish"), the whole question read as a layer's name when none was found, and a
    yardstick layer dropped."""
    for at in range(len(tokens) - 1):
        number = names.get(tokens[at])
        if not number or at + 1 not in joined or tokens[at + 1] not in _LIKE:
            continue
        # "anything session-y in k8s?", "a physical-y problem with the nic" (beside a
        # name); not "the meeting felt very session-y".
        asked = bool(skip) or not _ASKING_WHAT.isdisjoint(tokens[max(0, at - 2) : at])
        if asked and at not in skip and at not in found.used:
            found.add(number, at, at + 1)
    if not found.numbers:
        whole_question_layer(tokens, names, skip, found)
    if not found.numbers:
        _the_whole_model(tokens, skip, found)  # "all seven, k8s flavored"
    _drop_a_yardstick(tokens, found)
    return found


def _the_whole_model(tokens: Sequence[str], skip: set[int], found: LayerMentions) -> None:
    """ "walk me through all 7 layers", "all seven osi layers", or "every layer" and "all
    seven" in a message that says "osi": each of the seven layers, in order. Not "every
    layer of the docker image", "all 7 pods in our stack"."""
    osi = "osi" in tokens
    # In a message of the cluster or its tools, "every layer" is the model's too.
    cluster = not _OF_THE_CLUSTER.isdisjoint(tokens)
    for at in range(len(tokens) - 1):
        pair = (tokens[at], tokens[at + 1])
        if at in skip or at + 1 in skip or pair not in _ALL_SEVEN:
            continue
        following = tokens[at + 2] if at + 2 < len(tokens) else ""
        counted = tokens[at + 1] in {"seven", "7"}
        if not (osi or following in _SEVEN_OF or (cluster and not counted)):
            continue
        add_range(found, 1, 7, at)
        found.used.add(at + 1)
        return


_SEVEN_OF = frozenset(("layers", "osi", "k8s", "kubernetes"))  # "all seven, k8s flavored"
_OF_THE_CLUSTER = frozenset("k8s kubernetes cluster pod pods tool tools".split())
_ALL_SEVEN = frozenset(
    [("all", "seven"), ("all", "7"), ("all", "layers"), ("every", "layer"), ("each", "layer")]
)


def _drop_a_yardstick(tokens: Sequence[str], found: LayerMentions) -> None:
    """ "faster but dumber than L7, which layer is that": the one layer named is what the
    asked one is measured against, so the question names no layer of its own (the words
    are read). Not a place in the stack ("higher than l3"), which the stack answers."""
    if len(found.numbers) != 1:
        return
    for at in range(2, len(tokens)):
        if tokens[at - 1] != "than" or at not in found.used:
            continue
        measure = tokens[at - 2]
        asking = any(
            tokens[i] in LAYER_WORDS and i not in range(at, at + 2) for i in range(len(tokens))
        )
        if (
            asking
            and measure not in _PLACES
            and (
                measure in {"more", "less"} or (measure.endswith("er") and is_english_word(measure))
            )
        ):
            found.numbers.clear()
            return


_LIKE = frozenset(("ish", "y", "ey", "esque"))  # "session-y", "physical-ish"

# Comparatives of a place in the stack: "higher than l3" names a layer by it.
_PLACES = frozenset("higher lower upper later earlier deeper closer further farther".split())


def _mnemonics_and_guesses(
    tokens: Sequence[str], names: Mapping[str, int], skip: set[int], found: LayerMentions
) -> set[int]:
    """The layers a mnemonic's words point at and those named with a guess at their
    number, read before anything else; the positions read."""
    read: set[int] = set()
    for layer, positions in mnemonic_layers(tokens):
        found.add(layer, *positions)
        read.update(positions)
    return read | numbers_guessed(tokens, names, skip, found)


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
    counted = counted_from_an_end(tokens, position)
    if counted is not None:
        return counted
    word = tokens[position]
    if word in NUMBER_WORDS and (position == 0 or tokens[position - 1] not in LAYER_WORDS):
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
    # "one up from the cables — which layer": opening the message, too.
    if word == "one" and (position == 0 or tokens[position - 1] in _ONE_AFTER):
        return next_to(tokens, position + 1, anchor, count=None, adverbs_only=True) or (
            placed_in_the_stack(tokens, position + 1)
        )
    middle = middle_of_the_model(tokens, position)
    return (4, middle) if middle is not None else end_of_the_model(tokens, position)


def _all_beyond(
    tokens: Sequence[str],
    position: int,
    names: Mapping[str, int],
    skip: set[int],
    *,
    found: LayerMentions,
    consumed: set[int],
) -> bool:
    """ "anything below layer 3", "everything above l4", "stuff under the network layer":
    whether every layer past the one named, to the end of the stack that way, was found
    (the positions read are added to `consumed`). "what's below layer 3" asks of one."""
    if tokens[position] not in _ALL_OF:
        return False
    named: _Anchor = partial(_layer_at, tokens, names=names, skip=skip, placed={})
    step = next_to(tokens, position + 1, named, count=None, adverbs_only=False)
    if step is None:
        return False
    number, end = step
    towards = next((_OPEN_ENDS[w] for w in tokens[position + 1 : end] if w in _OPEN_ENDS), None)
    if towards is None:
        return False
    add_range(found, number, towards, position)
    found.used.update(range(position, end))
    found.spread = True
    consumed.update(range(position, end))
    return True


_ALL_OF = frozenset("anything everything stuff things all".split())


def _a_count_of_layers(tokens: Sequence[str], position: int, found: LayerMentions) -> bool:
    """Whether the "layer" at `position` follows "a" or "an" and a number: "a 3-layer one"
    is a thing with three layers, not layer 3. Both words are read."""
    following = tokens[position + 1] if position + 1 < len(tokens) else ""
    if (
        position > 1
        and tokens[position - 1].isdigit()
        and tokens[position - 2] in {"a", "an"}
        and following not in _LAYERED_KINDS  # "a 4 layer load balancer" is an L4 one
        # "a 4 layer lb or a 7 layer one?": "one" stands for a layered kind named before.
        and not (following == "one" and not _LAYERED_KINDS.isdisjoint(tokens[:position]))
    ):
        found.used.update((position - 1, position))
        return True
    return False


# Kinds of network thing named by their layer: "a 7 layer lb", "a 3 layer switch".
_LAYERED_KINDS = frozenset(
    "load lb lbs balancer balancers balancing switch switches proxy proxies firewall "
    "firewalls gateway gateways router routers routing device devices protocol protocols "
    "policy policies filter filtering thing component tool".split()
)


def _placing_verb(tokens: Sequence[str], position: int) -> bool:
    """Whether the word before `position` is a participle ("sandwiched", "sitting")."""
    before = tokens[position - 1] if position > 0 else ""
    return len(before) > len("ing") and before.endswith(("ed", "ing"))


def _not_a_number(tokens: Sequence[str], at: int, anchor: _Anchor) -> tuple[int, int] | None:
    """The layer `anchor` reads at `at`, unless only a bare number ("2 below 3")."""
    if at < len(tokens) and tokens[at].isdigit():
        return None
    return anchor(at)


_ELIDED_AFTER = frozenset({"at", "on", "in"})
_ELIDED_REACH = 4  # words from the last layer named to "and which at four"


# What a numbered layer may be "of" and still be the stack's: "layer 4 of the osi model",
# "layer 7 of a k8s cluster"; not "layer 2 of the lasagna".
# Things a layer is "of", besides the stack itself: what the model runs in ("layer 2 of the
# cluster") and what shows it ("layer 1 of the reference table").
_STACK_HOLDERS = frozenset(
    "cluster clusters kubernetes k8s mesh internet web stack model "
    "table chart diagram reference poster cheatsheet wiki".split()
)


def _of_something_else(tokens: Sequence[str], at: int, skip: set[int]) -> bool:
    """Whether "layer N" at `at` - 2 is followed by "of" an ordinary thing: "layer 2 of the
    lasagna is the best layer" is about a lasagna."""
    if at >= len(tokens) or tokens[at] != "of":
        return False
    head = at + 1
    while head < len(tokens) and tokens[head] in {"the", "a", "an", "my", "our", "this", "that"}:
        head += 1
    if head >= len(tokens) or head in skip:
        return False
    word = tokens[head]
    return is_english_word(word) and word not in _STACK_HOLDERS and not is_stack_word(word)


def _a_layer_word(tokens: Sequence[str], names: Mapping[str, int], position: int) -> bool:
    """ "layer", "lyaer", "level"; "rung" or "floor" only where the message speaks of the
    stack ("is the top rung safe to stand on?" is a ladder's), and never numbered ("the
    coffee machine on floor 3" is a building's)."""
    word = tokens[position]
    if word not in LAYER_WORDS and not misspelt_layer(word):
        return False
    if word not in METAPHORS:
        return True
    numbered = position + 1 < len(tokens) and tokens[position + 1] in NUMBER_WORDS
    if numbered:
        return False
    if word in _BUILDING:  # "the top floor has bad wifi": a building's, unless the model
        return not STACK_WORDS.isdisjoint(tokens)  # is named ("top floor of the osi model")
    return _speaks_of_the_stack(tokens, names, position)


_BUILDING = frozenset("floor floors storey storeys story".split())


def _speaks_of_the_stack(tokens: Sequence[str], names: Mapping[str, int], position: int) -> bool:
    """Whether the message, besides the word at `position`, speaks of the stack: "layer",
    "osi", "model", "stack" or a layer's name ("one rung up from tcp in the model", "one
    rung down from application")."""
    return any(
        at != position
        and word not in METAPHORS  # "rung 3 of the promotion ladder… till rung 4?"
        and (word in LAYER_WORDS or word in STACK_WORDS or word in names)
        for at, word in enumerate(tokens)
    )


def _elided(tokens: Sequence[str], skip: set[int], found: LayerMentions) -> None:
    """ "which things work at layer three and which at four": a number after "at", joined
    to a layer named just before, is a layer with its word left out."""
    if not found.used:
        return
    for at, word in enumerate(tokens[:-1]):
        number = tokens[at + 1]
        if word not in _ELIDED_AFTER or at in skip or number not in NUMBER_WORDS:
            continue
        last = max((p for p in found.used if p < at), default=None)
        between = tokens[last + 1 : at] if last is not None else []
        if last is None or len(between) > _ELIDED_REACH or JOINERS.isdisjoint(between):
            continue
        if any(w not in STOPWORDS for w in between):
            continue  # "is haproxy l7 and lunch at 1?": another thing is at 1
        # The number ends its clause ("…and which at four?"), not "at 4 pm".
        following = tokens[at + 2] if at + 2 < len(tokens) else ""
        ends = not following or following in GRAMMAR
        if (
            ends
            and BOTTOM_LAYER <= NUMBER_WORDS[number] <= TOP_LAYER
            and tokens[last] not in LAYER_WORDS
        ):
            found.add(NUMBER_WORDS[number], at + 1)


def _numbered(tokens: Sequence[str], skip: set[int], found: LayerMentions) -> None:
    """ "layer number 4", "the middle layer of the seven (number 4)": a number after the
    word "number", a few words after a "layer" that names the stack."""
    for at, word in enumerate(tokens[:-1]):
        following = tokens[at + 1]
        if word not in _NUMBER or at in skip or following not in NUMBER_WORDS:
            continue
        if any(
            tokens[before] in LAYER_WORDS and before in found.used
            for before in range(max(0, at - _NUMBER_REACH), at)
        ):
            found.add(NUMBER_WORDS[following], at, at + 1)


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
    osi = position - 1 if tokens[position - 1 : position] == ["osi"] else position
    span = span_from_an_end(tokens, osi)
    if span is not None and not skip.intersection(range(osi - 2, position)):
        for number in span:
            found.add(number, *range(osi - 2, position + 1))
        return range(0)
    end_one = end_one_of(tokens, position)
    if end_one is not None and end_one not in skip:
        found.add(STACK_ENDS[tokens[end_one]], *range(end_one, position + 1))
        return range(0)
    before_at = position - 1
    while before_at > 0 and tokens[before_at] in MODEL_NAME:
        before_at -= 1  # "the first osi layer"
    if before_at > 0 and tokens[before_at] in MOST_WORD and tokens[before_at - 1] in STACK_ENDS:
        before_at -= 1  # "the bottom-most layer"
    before = tokens[before_at] if before_at >= 0 else ""
    if before in STACK_ENDS and before_at not in skip:
        number, end = end_but_one(tokens, STACK_ENDS[before], position + 1, anchor)
        found.add(number, *range(before_at, end))
        return range(position + 1, end)
    if before_at != position - 1 and before in BEFORE_LAYER and before_at not in skip:
        found.add(NUMBER_WORDS[before], *range(before_at, position + 1))
        return range(0)
    before = tokens[position - 1] if position > 0 else ""
    # "the 7 layers" and "the 7 layer model" count layers; "7th layers" or "layer 7" names one.
    after = tokens[position + 1] if position + 1 < len(tokens) else ""
    counts = before.isdigit() and (tokens[position] == "layers" or after in SIZED_NOUNS)
    if counts:
        found.used.add(position - 1)
    elif before in BEFORE_LAYER and position - 1 not in skip:
        found.add(NUMBER_WORDS[before], position - 1)
    elif position > 0:
        named = named_layer(tokens, position, names, skip)
        if named:
            found.add(named[0], *range(named[1], position))
    return range(0)


_WEIGHING = frozenset(
    "difference different differ better worse faster slower compare compared vs versus switch "
    "switching move moving migrate migrating".split()
)


def _the_named_one(
    tokens: Sequence[str], names: Mapping[str, int], skip: set[int], found: LayerMentions
) -> None:
    """ "the session one, 5 i think": a layer's one-word name before "one" names it, in a
    message that speaks of the stack or numbers a layer ("the app one crashed" does not)."""
    numbered = any(token.isdigit() and token in NUMBER_WORDS for token in tokens)
    asking = bool(tokens) and tokens[0] in _ASKING_WHAT | {"which", "where"}
    for at in range(1, len(tokens) - 1):
        if tokens[at - 1] != "the" or tokens[at + 1] != "one" or at in skip:
            continue
        number = names.get(tokens[at])
        # "what goes at the transport one": asked what is in it; not "which room is the
        # session one in", "what did you think of the transport one".
        inside = asking and at >= 2 and tokens[at - 2] in {"at", "in", "on", "into"}
        stack = numbered or inside or _speaks_of_the_stack(tokens, names, at)
        if number and stack and at not in found.used:
            found.add(number, at, at + 1)
