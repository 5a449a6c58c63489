"""Splitting and trimming escaped text to Slack's limits without losing or breaking it."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.adapters.slack.limits import MAX_BLOCKS, fit_blocks, split_text, trim
from bot.adapters.slack.mrkdwn import escape

_BROKEN_ENTITY = re.compile(r"&(?!amp;|lt;|gt;)")


def test_short_text_is_one_piece() -> None:
    assert split_text("short", limit=10) == ["short"]


def test_long_text_is_cut_at_lines_then_words() -> None:
    text = "first line here\nsecond line that is longer than the limit allows"
    pieces = split_text(text, limit=30)
    assert pieces[0] == "first line here"
    assert all(len(piece) <= 30 for piece in pieces)
    assert " ".join(pieces).split() == text.split()


@given(st.text(alphabet="ab &<>\n", max_size=400), st.integers(min_value=8, max_value=60))
def test_split_keeps_every_word_and_every_entity_whole(raw: str, limit: int) -> None:
    text = escape(raw)
    pieces = split_text(text, limit=limit)
    assert all(len(piece) <= limit for piece in pieces)
    assert all(not _BROKEN_ENTITY.search(piece) for piece in pieces)
    assert "".join("".join(pieces).split()) == "".join(text.split())


@given(st.text(alphabet="ab &<>", max_size=200), st.integers(min_value=6, max_value=50))
def test_trim_stays_within_the_limit_and_keeps_entities_whole(raw: str, limit: int) -> None:
    trimmed = trim(escape(raw), limit)
    assert len(trimmed) <= limit
    assert not _BROKEN_ENTITY.search(trimmed)


def test_fit_blocks_keeps_the_buttons_and_says_it_trimmed() -> None:
    body = [{"type": "section", "n": i} for i in range(80)]
    buttons = {"type": "actions"}
    notice = {"type": "context", "notice": True}
    fitted = fit_blocks([*body, buttons], keep_last=1, notice=notice)
    assert len(fitted) == MAX_BLOCKS
    assert fitted[-1] is buttons
    assert fitted[-2] is notice
    assert fitted[:-2] == body[: MAX_BLOCKS - 2]


def test_fit_blocks_leaves_a_message_within_the_limit_alone() -> None:
    blocks = [{"type": "section"}] * MAX_BLOCKS
    assert fit_blocks(blocks, notice={"type": "context"}) == blocks
