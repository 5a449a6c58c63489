"""A picture of the seven layers with an answer's layers marked, for every surface.

`answer_stack` and `layer_stack` decide what is marked (pure, platform-neutral rows);
`stack_lines` draws them as a small box of monospace text that the terminal prints and the
chat platforms fence in a code block, and `stack_legend` names what the marks stand for.
It stays narrow (at most 32 characters) so a phone shows it without wrapping.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import TextIO

    from bot.core.knowledge import Entry, Layer
    from bot.core.model import Answer

__all__ = [
    "MAX_COLUMNS",
    "Mark",
    "Stack",
    "StackRow",
    "answer_stack",
    "layer_stack",
    "stack_legend",
    "stack_lines",
    "use_colour",
]

MAX_COLUMNS = 6  # 20 + 2 per column: six keep the box at 32 characters, phone-wide
_NAME_WIDTH = 12  # "Presentation"; a longer name from a custom knowledge file is clipped
_LETTERS = "ABCDEF"
# ANSI: a layer the answer claims in bold green, an "also" layer in yellow.
_BOLD, _GREEN, _YELLOW, _RESET = "\x1b[1m", "\x1b[1;32m", "\x1b[33m", "\x1b[0m"


class Mark(StrEnum):
    """How one subject stands at one layer."""

    TABLE = "table"  # the answer's layer: the knowledge places it there
    ALSO = "also"  # it also works there: beyond the table, or its other layers for one facet
    NONE = "none"


_GLYPHS = {Mark.TABLE: "●", Mark.ALSO: "○", Mark.NONE: " "}


class StackRow(NamedTuple):
    number: int
    name: str
    marks: tuple[Mark, ...]  # one per column, in the order of `Stack.columns`


class Stack(NamedTuple):
    """The seven layers from 7 down to 1, each with one mark per column."""

    rows: tuple[StackRow, ...]
    columns: tuple[str, ...] = ()  # what each column marks; empty when that is plain
    also_label: str = "also"  # what an ALSO mark means here
    hidden: int = 0  # subjects left out: more than MAX_COLUMNS were asked about

    def marked(self, mark: Mark) -> tuple[int, ...]:
        """The layers where any column has `mark`, highest first."""
        return tuple(row.number for row in self.rows if mark in row.marks)


def _rows(layers: Mapping[int, Layer], columns: list[dict[int, Mark]]) -> tuple[StackRow, ...]:
    return tuple(
        StackRow(n, layers[n].name, tuple(column.get(n, Mark.NONE) for column in columns))
        for n in sorted(layers, reverse=True)
    )


def _column(entry: Entry, claimed: tuple[int, ...]) -> dict[int, Mark]:
    """The claimed layers; the entry's other layers (one facet asked) and its facets as ALSO."""
    marks = dict.fromkeys((*entry.layers, *(f.layer for f in entry.also)), Mark.ALSO)
    marks.update(dict.fromkeys(claimed, Mark.TABLE))
    return marks


def layer_stack(layers: Mapping[int, Layer], marked: tuple[int, ...]) -> Stack:
    """The stack with `marked` layers marked: a layer answer, the layer of the day."""
    return Stack(_rows(layers, [dict.fromkeys(marked, Mark.TABLE)]))


def answer_stack(answer: Answer, layers: Mapping[int, Layer]) -> Stack | None:
    """The stack for an answer that claims layers; None for help, unknown and suggestions.

    Args:
        layers: every layer of the knowledge, for the rows' names.
    """
    if not answer.layers:
        return None
    if answer.subjects:
        shown = answer.subjects[:MAX_COLUMNS]
        columns = [_column(s.entry, s.layer_numbers) for s in shown]
        entries = [s.entry for s in shown]
        names = tuple(s.entry.name for s in shown)
        hidden = len(answer.subjects) - len(shown)
    elif answer.entry is not None:
        columns, entries = [_column(answer.entry, answer.layer_numbers)], [answer.entry]
        names, hidden = (answer.entry.name,), 0
    else:
        return layer_stack(layers, answer.layer_numbers)
    # "Beyond the table" only when that is all the hollow marks say, as the answer's text does.
    beyond = all(
        e.table and {n for n, m in c.items() if m is Mark.ALSO} <= {f.layer for f in e.also}
        for e, c in zip(entries, columns, strict=True)
    )
    label = "beyond the table" if beyond else "also"
    return Stack(_rows(layers, columns), names, label, hidden)


def _label(row: StackRow) -> str:
    name = row.name if len(row.name) <= _NAME_WIDTH else row.name[: _NAME_WIDTH - 1] + "…"
    # Platforms fence the picture in a code block, which a backtick could close.
    return f"L{row.number} {name}".replace("`", "'").ljust(_NAME_WIDTH + 3)


def _glyph(mark: Mark, colour: bool) -> str:
    glyph = _GLYPHS[mark]
    if not colour or mark is Mark.NONE:
        return glyph
    return f"{_GREEN if mark is Mark.TABLE else _YELLOW}{glyph}{_RESET}"


def stack_lines(stack: Stack, *, colour: bool = False) -> list[str]:
    """The stack as a box drawn with box-drawing characters, column letters on its top edge
    when it has several columns; ANSI colours only when `colour`."""
    count = len(stack.rows[0].marks) if stack.rows else 1
    inner = _NAME_WIDTH + 3 + 3 + 2 * count  # " " label "  " marks " "
    if len(stack.columns) > 1:
        top = "┌" + "─" * (_NAME_WIDTH + 5) + " " + " ".join(_LETTERS[:count]) + " ┐"
    else:
        top = "┌" + "─" * inner + "┐"
    lines = [top]
    for row in stack.rows:
        label = _label(row)
        if colour and Mark.TABLE in row.marks:
            label = f"{_BOLD}{label}{_RESET}"
        marks = " ".join(_glyph(mark, colour) for mark in row.marks)
        lines.append(f"│ {label}  {marks} │")
    lines.append("└" + "─" * inner + "┘")
    return lines


def stack_legend(stack: Stack) -> str | None:
    """What the marks mean: "● Cilium · ○ beyond the table", or the column letters' names;
    None when the stack marks only the layers the answer names."""
    if not stack.columns:
        return None
    if len(stack.columns) == 1:
        parts = [f"● {stack.columns[0]}"]
    else:
        parts = [f"{letter} {name}" for letter, name in zip(_LETTERS, stack.columns, strict=False)]
    if stack.marked(Mark.ALSO):
        parts.append(f"○ {stack.also_label}")
    if stack.hidden:
        parts.append(f"{stack.hidden} more not drawn")
    return " · ".join(parts)


def use_colour(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Colour for a terminal only: not when piped, nor when NO_COLOR is set to anything
    (https://no-color.org), nor on a terminal that says it cannot (TERM=dumb)."""
    if environ.get("NO_COLOR") or environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
