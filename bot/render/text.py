"""Plain-text rendering of an answer: the terminal's output and every platform's fallback."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.knowledge import EntryKind
from bot.core.model import Answer, AnswerKind
from bot.core.phrasing import (
    ASK_HINT,
    EXAMPLE_QUESTIONS,
    TRUNCATED_NOTE,
    basis_line,
    beyond_table_lines,
    headline,
    mentioned_list,
    other_layers_line,
    related_line,
    tools_by_origin,
    understood_line,
)
from bot.render.origin import team_line
from bot.render.stack import answer_stack, stack_legend, stack_lines

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge

__all__ = ["picture_lines", "render_text"]


def _entry_lines(answer: Answer) -> list[str]:
    entry = answer.entry
    assert entry is not None
    lines = [
        f"  L{layer.number} {layer.name}: {entry.role_at(layer.number)}" for layer in answer.layers
    ]
    if entry.no_layer:
        lines.append(f"Why: {entry.no_layer}")
    others = other_layers_line(answer)
    if others:
        lines.append(others)
    lines.extend(beyond_table_lines(answer))
    lines.append(f"{entry.name}: {entry.summary}")
    if entry.note:
        lines.append(f"Note: {entry.note}")
    if answer.also:
        lines.append(f"Also mentioned: {mentioned_list(answer)}.")
    if related := related_line(answer):
        lines.append(related)
    if entry.source:
        lines.append(f"Source: {entry.source}")
    return lines


def _layer_lines(answer: Answer, knowledge: Knowledge | None) -> list[str]:
    basis = basis_line(answer)
    lines = [basis] if basis else []
    for layer in answer.layers:
        lines.append(f"L{layer.number} {layer.name} — {layer.description}")
        if knowledge is not None:
            tools = knowledge.entries_at(layer.number, EntryKind.TOOL)
            if tools:
                table = {e.name for e in tools if e.table}
                lines.append(f"  Tools: {tools_by_origin([e.name for e in tools], table)}")
    if answer.unknown_term:
        lines.append(f"(I don't know “{answer.unknown_term}”.)")
    return lines


def _subject_lines(answer: Answer) -> list[str]:
    """Each subject of a several-subject answer: its layers and roles, then its summary."""
    lines = []
    for subject in answer.subjects:
        entry = subject.entry
        typed = f" (you typed “{subject.typed}”)" if subject.typed else ""
        lines.append(f"{entry.name}{typed}:")
        lines.extend(
            f"  L{layer.number} {layer.name}: {entry.role_at(layer.number)}"
            for layer in subject.layers
        )
        lines.append(f"  {entry.summary}")
    if answer.also:
        lines.append(f"Also mentioned: {mentioned_list(answer)}.")
    return lines


def picture_lines(answer: Answer, knowledge: Knowledge, *, colour: bool = False) -> list[str]:
    """The stack with the answer's layers marked, and its legend; nothing for an answer
    that claims no layer."""
    stack = answer_stack(answer, knowledge.layers)
    if stack is None:
        return []
    legend = stack_legend(stack)
    return [*stack_lines(stack, colour=colour), *([legend] if legend else [])]


def render_text(
    answer: Answer,
    knowledge: Knowledge | None = None,
    *,
    picture: bool = True,
    colour: bool = False,
) -> str:
    """The answer as readable plain text, one fact per line.

    Args:
        picture: draw the stack under the headline (it needs `knowledge` for the layers).
        colour: colour the picture with ANSI codes, for a terminal.
    """
    lines = [headline(answer, knowledge)]
    if picture and knowledge is not None:
        lines.extend(picture_lines(answer, knowledge, colour=colour))
    if answer.subjects:
        lines.extend(_subject_lines(answer))
    elif answer.kind in (AnswerKind.TOOL, AnswerKind.CONCEPT):
        understood = understood_line(answer)
        if understood:
            lines.append(f"(Understood {understood})")
        lines.extend(_entry_lines(answer))
    elif answer.kind is AnswerKind.LAYER:
        lines.extend(_layer_lines(answer, knowledge))
    elif answer.kind is AnswerKind.HELP:
        lines.append("Try: " + " · ".join(f"“{q}”" for q in EXAMPLE_QUESTIONS))
    elif answer.suggestions:
        lines.append(f"Did you mean: {', '.join(answer.suggestions)}?")
    else:
        lines.append(ASK_HINT)
    if team := team_line(answer, knowledge):
        lines.append(team)
    if answer.truncated:
        lines.append(f"({TRUNCATED_NOTE})")
    return "\n".join(lines)
