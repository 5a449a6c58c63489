"""The quiz on Slack: a question with a button per layer, and the verdict on a click.

Each layer button carries the entry's name in its `value` and the layer in its `action_id`,
so a click is answered from the payload alone: no state per message, and a restart loses
nothing. Everything from the knowledge is escaped (`mrkdwn.escape`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.adapters.slack.blocks import SlackMessage, context, mrkdwn, sections
from bot.adapters.slack.limits import TEXT_FALLBACK_LIMIT, trim
from bot.adapters.slack.mrkdwn import bold, escape
from bot.core.phrasing import layer_title
from bot.render.quiz import question_text, verdict_text

if TYPE_CHECKING:
    from bot.adapters.slack.blocks import Block
    from bot.core.knowledge import Knowledge
    from bot.core.quiz import Question, Verdict

__all__ = [
    "QUIZ_ANSWER_PREFIX",
    "QUIZ_START_ACTION",
    "notice_message",
    "question_message",
    "quiz_me_block",
    "verdict_message",
]

QUIZ_ANSWER_PREFIX = "osi_quiz_answer_"  # + the layer's number; `value` is the entry's name
QUIZ_START_ACTION = "osi_quiz_start"


def _button(text: str, action_id: str, value: str) -> dict[str, Any]:
    # plain_text: shown as typed, so nothing in it needs escaping.
    label = {"type": "plain_text", "text": text, "emoji": False}
    return {"type": "button", "action_id": action_id, "text": label, "value": value}


def quiz_me_block(label: str = "Quiz me") -> Block:
    """A button that asks the clicker a quiz question, only them."""
    return {"type": "actions", "elements": [_button(label, QUIZ_START_ACTION, "start")]}


def question_message(question: Question, knowledge: Knowledge) -> SlackMessage:
    """The question and one button per layer, the top of the stack first."""
    buttons = [
        _button(
            f"L{n} {knowledge.layers[n].name}",
            f"{QUIZ_ANSWER_PREFIX}{n}",
            question.entry.name,
        )
        for n in sorted(knowledge.layers, reverse=True)
    ]
    blocks: list[Block] = [
        *sections(bold(question.text)),
        context(escape(question.hint)),
        {"type": "actions", "elements": buttons},
    ]
    text = trim(escape(question_text(question, knowledge)), TEXT_FALLBACK_LIMIT)
    return SlackMessage(text=text, blocks=blocks)


def verdict_message(verdict: Verdict) -> SlackMessage:
    """Right or not, the role at each of the entry's layers, a line of why, and another go."""
    blocks: list[Block] = [*sections(bold(verdict.headline))]
    for layer, role in verdict.roles:
        blocks += sections(f"{bold(layer_title(layer))}\n{escape(role)}")
    if verdict.facet_line:
        blocks.append(context(escape(verdict.facet_line)))
    blocks += [context(escape(verdict.why)), quiz_me_block("Another question")]
    text = trim(escape(verdict_text(verdict)), TEXT_FALLBACK_LIMIT)
    return SlackMessage(text=text, blocks=blocks)


def notice_message(text: str) -> SlackMessage:
    """A one-line message: nothing to quiz about, a stale question, a message with no text."""
    return SlackMessage(
        text=escape(text), blocks=[{"type": "section", "text": mrkdwn(escape(text))}]
    )
