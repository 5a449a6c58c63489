"""Keeping Block Kit within Slack's limits: long text is split or trimmed, never rejected.

Slack refuses a whole message if one section holds more than 3,000 characters or the
message has more than 50 blocks. Text here is already escaped, so a cut must never land
inside an entity such as `&amp;`.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "BUTTON_TEXT_LIMIT",
    "CONTEXT_TEXT_LIMIT",
    "FIELD_TEXT_LIMIT",
    "MAX_BLOCKS",
    "MAX_FIELDS",
    "SECTION_TEXT_LIMIT",
    "TEXT_FALLBACK_LIMIT",
    "fit_blocks",
    "split_text",
    "trim",
]

SECTION_TEXT_LIMIT = 3000
CONTEXT_TEXT_LIMIT = 2000  # Slack documents no larger size for a context element
BUTTON_TEXT_LIMIT = 75
FIELD_TEXT_LIMIT = 2000  # each of a section's side-by-side fields
MAX_FIELDS = 10  # fields in one section
MAX_BLOCKS = 50
# `text` beside blocks is what notifications and screen readers show; Slack truncates
# anything past 40,000 characters, but nobody reads a notification that long.
TEXT_FALLBACK_LIMIT = 3000

_ELLIPSIS = "…"
_LONGEST_ENTITY = len("&amp;")

Block = dict[str, Any]


def _safe_cut(text: str, cut: int) -> int:
    """Move `cut` back so it does not split an entity such as `&amp;`."""
    amp = text.rfind("&", max(0, cut - _LONGEST_ENTITY + 1), cut)
    if amp != -1 and ";" not in text[amp:cut]:
        return amp
    return cut


def _break_point(text: str, limit: int) -> int:
    line = text.rfind("\n", 0, limit + 1)
    if line > 0:
        return line
    word = text.rfind(" ", 0, limit + 1)
    if word > limit // 2:  # else the piece would be mostly empty: cut the long word instead
        return word
    return _safe_cut(text, limit)


def split_text(text: str, limit: int = SECTION_TEXT_LIMIT) -> list[str]:
    """`text` in pieces of at most `limit` characters, cut at lines, then words."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = _break_point(rest, limit)
        piece, rest = rest[:cut].rstrip(), rest[cut:].lstrip()
        if piece:
            pieces.append(piece)
    if rest.strip() or not pieces:
        pieces.append(rest)
    return pieces


def trim(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with an ellipsis, if it is longer."""
    if len(text) <= limit:
        return text
    return text[: _safe_cut(text, limit - len(_ELLIPSIS))].rstrip() + _ELLIPSIS


def fit_blocks(blocks: list[Block], *, keep_last: int = 0, notice: Block) -> list[Block]:
    """At most `MAX_BLOCKS` blocks: the middle gives way to `notice`; the last `keep_last` stay.

    The kept tail holds the buttons, which are the point of a "did you mean" message.
    """
    if len(blocks) <= MAX_BLOCKS:
        return blocks
    tail = blocks[len(blocks) - keep_last :] if keep_last else []
    head = blocks[: MAX_BLOCKS - 1 - len(tail)]
    return [*head, notice, *tail]
