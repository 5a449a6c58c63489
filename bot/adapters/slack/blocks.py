"""An answer as a Slack message: Block Kit blocks plus the plain `text` notifications show.

Every string from the user or the knowledge is escaped here (`mrkdwn.escape`); the shared
sentences come from `bot.core.phrasing`, so Slack says what every other platform says.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from bot.adapters.slack.feedback import vote_blocks
from bot.adapters.slack.limits import (
    BUTTON_TEXT_LIMIT,
    CONTEXT_TEXT_LIMIT,
    FIELD_TEXT_LIMIT,
    MAX_FIELDS,
    TEXT_FALLBACK_LIMIT,
    fit_blocks,
    split_text,
    trim,
)
from bot.adapters.slack.mrkdwn import bold, escape, link
from bot.core.knowledge import EntryKind
from bot.core.model import AnswerKind
from bot.core.phrasing import (
    ASK_HINT,
    EXAMPLE_QUESTIONS,
    TRUNCATED_NOTE,
    basis_line,
    beyond_table_lines,
    headline,
    layer_title,
    mentioned_list,
    other_layers_line,
    related_line,
    tools_by_origin,
    understood_line,
)
from bot.render.origin import team_line
from bot.render.stack import answer_stack, stack_legend, stack_lines
from bot.render.text import render_text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from bot.core.knowledge import Knowledge
    from bot.core.model import Answer, Subject
    from bot.render.stack import Stack

__all__ = [
    "ASK_ACTION_PREFIX",
    "SlackMessage",
    "apology_message",
    "context",
    "mrkdwn",
    "picture_blocks",
    "render_answer",
    "sections",
]

# Buttons that ask the bot a question carry it in `value`; their action_ids share a prefix.
# Examples, "did you mean" and Related buttons all work this way.
ASK_ACTION_PREFIX = "osi_ask_"
_MAX_BUTTONS = 6  # an actions block holds up to 25; more than a handful is noise
_VALUE_LIMIT = 2000
_BOLD_HEADLINE_LIMIT = 500

Block = dict[str, Any]


@dataclass(frozen=True, slots=True)
class SlackMessage:
    """What is sent to Slack: `text` for notifications, `blocks` for display."""

    text: str
    blocks: list[Block]

    def as_kwargs(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": self.blocks}


def mrkdwn(text: str) -> dict[str, Any]:
    """A mrkdwn text object for already-escaped `text`.

    `verbatim` stops Slack from turning a bare "@here" or "#channel" in knowledge text into
    a live mention or link; escaping only covers the `<...>` forms.
    """
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def sections(text: str) -> list[Block]:
    """One section, or several when `text` is longer than a section may hold."""
    return [{"type": "section", "text": mrkdwn(part)} for part in split_text(text)]


def context(text: str) -> Block:
    """Small print; trimmed rather than split, as it is never the answer itself."""
    return {"type": "context", "elements": [mrkdwn(trim(text, CONTEXT_TEXT_LIMIT))]}


def picture_blocks(stack: Stack | None) -> list[Block]:
    """The stack in a code block, which keeps its columns lined up on the mobile app too
    (it is 32 characters at most), and its legend as small print."""
    if stack is None:
        return []
    box = escape("\n".join(stack_lines(stack)))
    legend = stack_legend(stack)
    return [*sections(f"```\n{box}\n```"), *([context(escape(legend))] if legend else [])]


def _ask_buttons(questions: Sequence[str]) -> Block:
    buttons = [
        {
            "type": "button",
            "action_id": f"{ASK_ACTION_PREFIX}{i}",
            # plain_text: no markup at all, and `:name:` stays as typed.
            "text": {
                "type": "plain_text",
                "text": trim(question, BUTTON_TEXT_LIMIT),
                "emoji": False,
            },
            "value": question[:_VALUE_LIMIT],
        }
        for i, question in enumerate(questions[:_MAX_BUTTONS])
    ]
    return {"type": "actions", "elements": buttons}


def _also_mentioned(answer: Answer) -> list[Block]:
    """Further things the question named, outside what it asked about."""
    if not answer.also:
        return []
    return [context(f"Also mentioned: {mentioned_list(answer, escape)}.")]


def _subject_field(subject: Subject) -> dict[str, Any]:
    entry = subject.entry
    lines = [f"{bold(entry.name)} ({entry.kind.value})"]
    if subject.typed:
        lines.append(f"_you typed “{escape(subject.typed)}”_")
    lines += [
        f"{bold(layer_title(layer))}\n{escape(entry.role_at(layer.number) or '')}"
        for layer in subject.layers
    ]
    return mrkdwn(trim("\n".join(lines), FIELD_TEXT_LIMIT))


def _subjects_blocks(answer: Answer) -> list[Block]:
    """Several subjects side by side (a section's fields, two to a row on desktop and
    stacked on the mobile app), then each one's summary."""
    subjects = answer.subjects
    blocks: list[Block] = [
        {"type": "section", "fields": [_subject_field(s) for s in subjects[i : i + MAX_FIELDS]]}
        for i in range(0, len(subjects), MAX_FIELDS)
    ]
    blocks += [
        context(f"{bold(s.entry.name)} — {escape(s.entry.summary)}") for s in answer.subjects
    ]
    blocks += _also_mentioned(answer)
    return blocks


def _entry_blocks(answer: Answer) -> list[Block]:
    entry = answer.entry
    assert entry is not None
    blocks: list[Block] = []
    understood = understood_line(answer)
    if understood:
        blocks.append(context(f"Understood {escape(understood)}"))
    if entry.no_layer:
        blocks += sections(escape(entry.no_layer))
    for layer in answer.layers:
        role = entry.role_at(layer.number) or ""
        blocks += sections(
            f"{bold(layer_title(layer))} · {escape(layer.component)}\n{escape(role)}"
        )
    if others := other_layers_line(answer):
        blocks.append(context(escape(others)))
    blocks += [context(escape(line)) for line in beyond_table_lines(answer)]
    blocks += sections(f"{bold(entry.name)} ({entry.kind.value}) — {escape(entry.summary)}")
    if entry.note:
        blocks.append(context(f"Note: {escape(entry.note)}"))
    blocks += _also_mentioned(answer)
    if entry.source:
        host = urlsplit(entry.source).hostname or entry.source
        blocks.append(context(f"Source: {link(entry.source, host)}"))
    if related := related_line(answer, escape):
        blocks.append(context(related))  # right above its buttons
    return blocks


@functools.lru_cache(maxsize=64)
def _tools_at(knowledge: Knowledge, number: int) -> str:
    """The tools at a layer, escaped, once per knowledge and layer.

    Keyed on the Knowledge object itself: a reload brings a new object, so a reloaded file
    is never answered from the old list (and the bounded cache lets old ones go).
    """
    tools = knowledge.entries_at(number, EntryKind.TOOL)
    table = {e.name for e in tools if e.table}
    room = CONTEXT_TEXT_LIMIT - len("Tools: ")
    return tools_by_origin([e.name for e in tools], table, escape, room)


def _layer_blocks(answer: Answer, knowledge: Knowledge) -> list[Block]:
    basis = basis_line(answer)
    blocks: list[Block] = [context(escape(basis))] if basis else []
    for layer in answer.layers:
        # The headline names a single layer already; several need their names to part them.
        title = f"{bold(layer_title(layer))}\n" if len(answer.layers) > 1 else ""
        blocks += sections(f"{title}{escape(layer.description)}")
        if tools := _tools_at(knowledge, layer.number):
            blocks.append(context(f"Tools: {tools}"))
    if answer.unknown_term:
        blocks.append(context(f"I don't know “{escape(answer.unknown_term)}”."))
    return blocks


def _help_blocks(command: str) -> list[Block]:
    usage = (
        f"{bold('How to ask')}\n"
        f"• `{escape(f'{command} <question>')}` anywhere, "
        f"for example `{escape(f'{command} envoy')}`\n"
        "• Mention me in a channel and I answer in the thread\n"
        "• Send me a direct message"
    )
    return [*sections(usage), context("Try one of these:")]


def _unknown_blocks(answer: Answer, command: str) -> list[Block]:
    if answer.suggestions:
        return [context("Did you mean:")]
    return [context(f"{escape(ASK_HINT)} `{escape(f'{command} help')}` shows examples.")]


def _body(answer: Answer, knowledge: Knowledge, command: str) -> tuple[list[Block], list[str]]:
    """The blocks under the headline, and the questions to offer as buttons: examples,
    "did you mean" suggestions, or the entries related to the one answered."""
    if answer.kind is AnswerKind.HELP:
        return _help_blocks(command), list(EXAMPLE_QUESTIONS)
    if answer.kind is AnswerKind.LAYER:
        return _layer_blocks(answer, knowledge), []
    if answer.subjects:
        return _subjects_blocks(answer), []
    if answer.entry is not None:
        return _entry_blocks(answer), [link.name for link in answer.related]
    return _unknown_blocks(answer, command), list(answer.suggestions)


def render_answer(answer: Answer, knowledge: Knowledge, *, command: str = "/osi") -> SlackMessage:
    """The answer as a Slack message within Slack's limits, everything echoed escaped.

    Args:
        command: the slash command as the workspace named it, for the usage lines.
    """
    body, questions = _body(answer, knowledge, command)
    first = headline(answer, knowledge)
    # Bold that a split would cut in two renders as stray stars; a headline is rarely long.
    blocks = [
        *sections(bold(first) if len(first) < _BOLD_HEADLINE_LIMIT else escape(first)),
        *picture_blocks(answer_stack(answer, knowledge.layers)),
        *body,
    ]
    if team := team_line(answer, knowledge):
        blocks.append(context(escape(team)))
    if answer.truncated:
        blocks.append(context(escape(TRUNCATED_NOTE)))
    tail = [_ask_buttons(questions)] if questions else []
    tail += vote_blocks(answer)  # "Was this right?" under a confident answer
    notice = context("(Trimmed: the full answer is too long for one Slack message.)")
    blocks = fit_blocks([*blocks, *tail], keep_last=len(tail), notice=notice)
    text = trim(escape(render_text(answer, knowledge)), TEXT_FALLBACK_LIMIT)
    return SlackMessage(text=text, blocks=blocks)


def apology_message() -> SlackMessage:
    """What the user sees when answering failed inside the bot."""
    text = "Sorry — something went wrong while answering that. Please try again in a moment."
    return SlackMessage(text=text, blocks=sections(text))
