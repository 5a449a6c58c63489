"""The picture of the stack: which layers are marked, and how it is drawn."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

import pytest

from bot.core.answering import answer
from bot.render.stack import (
    MAX_COLUMNS,
    Mark,
    answer_stack,
    layer_stack,
    stack_legend,
    stack_lines,
    use_colour,
)

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge
    from bot.render.stack import Stack

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_PHONE_WIDTH = 32  # Slack's and Discord's mobile apps wrap code blocks not far beyond this


def _stack(knowledge: Knowledge, question: str) -> Stack:
    stack = answer_stack(answer(knowledge, question), knowledge.layers)
    assert stack is not None
    return stack


def _marks(stack: Stack) -> dict[int, tuple[Mark, ...]]:
    return {row.number: row.marks for row in stack.rows if set(row.marks) != {Mark.NONE}}


@pytest.mark.parametrize(
    ("question", "marks"),
    [
        # One table layer, nothing beyond it.
        ("what layer is cert-manager?", {6: (Mark.TABLE,)}),
        # Two rows of the table, and one layer beyond it.
        ("kube-proxy", {5: (Mark.TABLE,), 4: (Mark.TABLE,), 3: (Mark.ALSO,)}),
        # The table's L3, and beyond the table L7 and L4: marked apart.
        ("cilium", {7: (Mark.ALSO,), 4: (Mark.ALSO,), 3: (Mark.TABLE,)}),
        # One facet asked: the entry's other table layer and its facet are "also".
        ("istio mtls", {7: (Mark.ALSO,), 6: (Mark.TABLE,), 4: (Mark.ALSO,)}),
        # "Does cilium do L7?": L7 stays beyond the table, never claimed.
        ("does cilium do L7?", {7: (Mark.ALSO,), 4: (Mark.ALSO,), 3: (Mark.TABLE,)}),
        ("what is layer 4", {4: (Mark.TABLE,)}),
        ("layers 3 to 4", {4: (Mark.TABLE,), 3: (Mark.TABLE,)}),
        (
            "geneve vs vxlan",
            {2: (Mark.TABLE, Mark.TABLE)},
        ),
        (
            "envoy vs kube-proxy",
            {
                7: (Mark.TABLE, Mark.NONE),
                6: (Mark.TABLE, Mark.NONE),
                5: (Mark.TABLE, Mark.TABLE),
                4: (Mark.ALSO, Mark.TABLE),
                3: (Mark.NONE, Mark.ALSO),
            },
        ),
    ],
)
def test_the_answer_s_layers_are_marked(
    knowledge: Knowledge, question: str, marks: dict[int, tuple[Mark, ...]]
) -> None:
    stack = _stack(knowledge, question)
    assert [row.number for row in stack.rows] == [7, 6, 5, 4, 3, 2, 1]
    assert [row.name for row in stack.rows] == [knowledge.layer(n).name for n in range(7, 0, -1)]
    assert _marks(stack) == marks


@pytest.mark.parametrize(
    "question",
    [
        "help",
        "what layer is lunch",  # unknown
        "callisto",  # suggestions only ("did you mean Calico?")
        "where are packets lost when the network is busy",  # candidates, none chosen
        "what is layer 9",
    ],
)
def test_an_answer_that_claims_no_layer_has_no_picture(knowledge: Knowledge, question: str) -> None:
    result = answer(knowledge, question)
    assert result.layers == ()
    assert answer_stack(result, knowledge.layers) is None


@pytest.mark.parametrize(
    ("question", "legend"),
    [
        ("what layer is cert-manager?", "● cert-manager"),
        ("cilium", "● Cilium · ○ beyond the table"),
        ("istio mtls", "● Istio · ○ also"),  # L7 is Istio's own, so not "beyond the table"
        ("envoy vs kube-proxy", "A Envoy · B kube-proxy · ○ beyond the table"),
        ("what is layer 4", None),  # the headline names the layer
    ],
)
def test_the_legend_says_what_the_marks_stand_for(
    knowledge: Knowledge, question: str, legend: str | None
) -> None:
    assert stack_legend(_stack(knowledge, question)) == legend


def test_a_comparison_is_one_stack_with_a_lettered_column_per_subject(
    knowledge: Knowledge,
) -> None:
    assert stack_lines(_stack(knowledge, "envoy vs kube-proxy")) == [
        "┌───────────────── A B ┐",
        "│ L7 Application   ●   │",
        "│ L6 Presentation  ●   │",
        "│ L5 Session       ● ● │",
        "│ L4 Transport     ○ ● │",
        "│ L3 Network         ○ │",
        "│ L2 Data Link         │",
        "│ L1 Physical          │",
        "└──────────────────────┘",
    ]


def test_more_subjects_than_fit_a_phone_are_counted_not_drawn(knowledge: Knowledge) -> None:
    many = "cilium vs calico vs flannel vs envoy vs metallb vs haproxy vs traefik vs istio"
    stack = _stack(knowledge, many)
    assert len(stack.columns) == MAX_COLUMNS
    assert stack.hidden == 8 - MAX_COLUMNS
    assert all(len(row.marks) == MAX_COLUMNS for row in stack.rows)
    assert (stack_legend(stack) or "").endswith("· 2 more not drawn")


@pytest.mark.parametrize(
    "question",
    [
        "envoy",
        "what is layer 4",
        "envoy vs kube-proxy",
        "cilium vs calico vs flannel vs envoy vs metallb vs haproxy vs traefik vs istio",
    ],
)
def test_every_line_is_phone_wide_and_the_box_is_square(
    knowledge: Knowledge, question: str
) -> None:
    lines = stack_lines(_stack(knowledge, question))
    assert len({len(line) for line in lines}) == 1  # every line as wide: the box closes
    assert len(lines[0]) <= _PHONE_WIDTH
    assert len(lines) == 9  # seven layers between two edges


def test_a_long_or_backticked_layer_name_cannot_widen_or_break_the_picture(
    knowledge: Knowledge,
) -> None:
    layers = dict(knowledge.layers)
    layers[4] = layers[4]._replace(name="Transport```and a very long name")
    lines = stack_lines(layer_stack(layers, (4,)))
    assert len({len(line) for line in lines}) == 1
    assert "`" not in "".join(lines)
    assert "│ L4 Transport''…  ● │" in lines


def test_colour_is_only_added_codes_around_the_same_picture(knowledge: Knowledge) -> None:
    stack = _stack(knowledge, "cilium")
    coloured = stack_lines(stack, colour=True)
    assert [_ANSI.sub("", line) for line in coloured] == stack_lines(stack)
    assert "\x1b[1;32m●\x1b[0m" in coloured[5]  # L3, the table's layer
    assert "\x1b[33m○\x1b[0m" in coloured[1]  # L7, beyond the table
    assert not any(_ANSI.search(line) for line in stack_lines(stack))


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "environ", "colour"),
    [
        (_Terminal(), {}, True),
        (_Terminal(), {"NO_COLOR": "1"}, False),
        (_Terminal(), {"NO_COLOR": "0"}, False),  # any non-empty value turns it off
        (_Terminal(), {"NO_COLOR": ""}, True),  # empty is unset (no-color.org)
        (_Terminal(), {"TERM": "dumb"}, False),
        (io.StringIO(), {}, False),  # piped or redirected
    ],
)
def test_colour_only_on_a_terminal_without_no_color(
    stream: io.StringIO, environ: dict[str, str], colour: bool
) -> None:
    assert use_colour(stream, environ) is colour
