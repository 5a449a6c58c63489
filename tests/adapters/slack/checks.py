"""Assertions about what the bot sent, shared by the protocol tests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from slack_sdk.models.blocks import Block

from bot.adapters.slack.blocks import render_answer
from bot.adapters.slack.limits import (
    CONTEXT_TEXT_LIMIT,
    FIELD_TEXT_LIMIT,
    MAX_BLOCKS,
    MAX_FIELDS,
    SECTION_TEXT_LIMIT,
)
from bot.core.answering import answer

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge


def strings(value: Any) -> list[str]:
    """Every string anywhere inside a JSON-like value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


def mrkdwn_texts(message: dict[str, Any]) -> list[str]:
    """The texts Slack parses as mrkdwn: the fallback and every mrkdwn text object."""
    texts = [message.get("text", "")]

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if value.get("type") == "mrkdwn":
                texts.append(value["text"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(message.get("blocks", []))
    return texts


def assert_valid_message(message: dict[str, Any]) -> None:
    """A message Slack accepts: a text fallback, blocks slack_sdk validates, within limits."""
    assert message.get("text"), "every message needs a plain text fallback"
    assert "link_names" not in message
    blocks = message.get("blocks") or []
    assert 1 <= len(blocks) <= MAX_BLOCKS
    for block in Block.parse_all(blocks):
        block.validate_json()  # raises SlackObjectFormationError past a limit
    for block in blocks:
        if block["type"] == "section" and "fields" in block:
            assert 1 <= len(block["fields"]) <= MAX_FIELDS
            assert all(0 < len(f["text"]) <= FIELD_TEXT_LIMIT for f in block["fields"])
        elif block["type"] == "section":
            assert 0 < len(block["text"]["text"]) <= SECTION_TEXT_LIMIT
        if block["type"] == "context":
            assert all(0 < len(e["text"]) <= CONTEXT_TEXT_LIMIT for e in block["elements"])


def assert_answers(message: dict[str, Any], knowledge: Knowledge, question: str) -> None:
    """`message` is exactly the core's answer to `question`, rendered for Slack, and valid."""
    expected = render_answer(answer(knowledge, question), knowledge)
    assert message["text"] == expected.text
    assert message["blocks"] == expected.blocks
    assert_valid_message(message)


def confident(knowledge: Knowledge, question: str) -> str:
    """`question`, after checking the core answers it confidently (a test's precondition)."""
    assert answer(knowledge, question).is_confident, f"the core no longer places {question!r}"
    return question
