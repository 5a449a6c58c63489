"""Which layer and tool the layer of the day teaches on a date. Pure and deterministic.

Days are counted as posting days: every calendar day, or only Monday to Friday when the
team posts on weekdays. Any seven consecutive posting days teach all seven layers once,
and each layer's spotlight moves to its next tool every time the layer comes round, so a
weekday-only team still meets every layer and, over the weeks, every tool.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from bot.core.knowledge import EntryKind
from bot.render.stack import Stack, layer_stack

if TYPE_CHECKING:
    from datetime import date

    from bot.core.knowledge import Entry, Knowledge, Layer

__all__ = ["DailyPost", "daily_post", "posting_day_number"]

_WORKDAYS_PER_WEEK = 5
_LAYERS = 7


class DailyPost(NamedTuple):
    """Everything a platform needs to render one day's post."""

    day: date
    layer: Layer
    spotlight: Entry
    role: str  # the spotlight's role at this layer
    fact: str | None  # a "did you know" line, when the layer has any
    tools: tuple[str, ...]  # every tool of the layer, for context
    stack: Stack  # the seven layers with this one marked
    table_tools: frozenset[str] = frozenset()  # those of them in the reference table


def posting_day_number(day: date, weekdays_only: bool) -> int:
    """Posting days since 0001-01-01 (a Monday): counts weekdays only when asked to."""
    ordinal = day.toordinal() - 1
    if not weekdays_only:
        return ordinal
    weeks, weekday = divmod(ordinal, 7)
    return weeks * _WORKDAYS_PER_WEEK + min(weekday, _WORKDAYS_PER_WEEK)


def daily_post(knowledge: Knowledge, day: date, *, weekdays_only: bool = False) -> DailyPost:
    """The post for `day`: same date and settings, same post, on any machine."""
    number = posting_day_number(day, weekdays_only)
    cycle, slot = divmod(number, _LAYERS)
    # Start the week of an ordinary calendar at the bottom of the stack, Layer 1.
    layer = knowledge.layer(slot + 1)
    candidates = knowledge.entries_at(layer.number, EntryKind.TOOL) or knowledge.entries_at(
        layer.number
    )
    spotlight = candidates[cycle % len(candidates)]
    tools = knowledge.entries_at(layer.number, EntryKind.TOOL)
    facts = layer.did_you_know
    return DailyPost(
        day=day,
        layer=layer,
        spotlight=spotlight,
        role=spotlight.role_at(layer.number) or spotlight.summary,
        fact=facts[cycle % len(facts)] if facts else None,
        tools=tuple(e.name for e in tools),
        stack=layer_stack(knowledge.layers, (layer.number,)),
        table_tools=frozenset(e.name for e in tools if e.table),
    )
