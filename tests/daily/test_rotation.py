"""The layer of the day's choice: deterministic, every layer each week, every tool in time."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.knowledge import EntryKind
from bot.daily.render_text import daily_text
from bot.daily.rotation import daily_post
from bot.render.origin import entry_team_line
from tests.fakes.knowledge_files import team_spotlight_day, with_team_overlay

if TYPE_CHECKING:
    from pathlib import Path

    from bot.core.knowledge import Knowledge

_DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@settings(max_examples=200, deadline=None)
@given(start=_DAYS)
def test_any_seven_consecutive_days_cover_all_layers(knowledge: Knowledge, start: date) -> None:
    week = [daily_post(knowledge, start + timedelta(days=i)).layer.number for i in range(7)]
    assert sorted(week) == [1, 2, 3, 4, 5, 6, 7]


@settings(max_examples=200, deadline=None)
@given(start=_DAYS)
def test_seven_consecutive_weekdays_cover_all_layers(knowledge: Knowledge, start: date) -> None:
    """With weekday-only posting, no layer is stuck on a Saturday forever."""
    weekdays: list[int] = []
    day = start
    while len(weekdays) < 7:
        if day.weekday() < 5:
            weekdays.append(daily_post(knowledge, day, weekdays_only=True).layer.number)
        day += timedelta(days=1)
    assert sorted(weekdays) == [1, 2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize("weekdays_only", [False, True])
def test_spotlight_visits_every_tool_of_every_layer(
    knowledge: Knowledge, weekdays_only: bool
) -> None:
    """Once a layer has come round as often as it has tools, each has had its day."""
    most = max(len(knowledge.entries_at(n, EntryKind.TOOL)) for n in range(1, 8))
    seen: dict[int, set[str]] = {n: set() for n in range(1, 8)}
    day = date(2026, 1, 1)
    posts = 0
    while posts < 7 * most:
        if not weekdays_only or day.weekday() < 5:
            post = daily_post(knowledge, day, weekdays_only=weekdays_only)
            seen[post.layer.number].add(post.spotlight.name)
            posts += 1
        day += timedelta(days=1)
    for number, names in seen.items():
        tools = {e.name for e in knowledge.entries_at(number, EntryKind.TOOL)}
        assert names == tools, f"layer {number}"


def test_same_date_same_post(knowledge: Knowledge) -> None:
    day = date(2026, 11, 26)
    assert daily_post(knowledge, day) == daily_post(knowledge, day)


def test_post_carries_role_and_fact(knowledge: Knowledge) -> None:
    post = daily_post(knowledge, date(2026, 11, 26))
    assert post.role == post.spotlight.role_at(post.layer.number)
    assert post.fact in post.layer.did_you_know
    assert post.spotlight.name in post.tools


def test_the_post_knows_which_tools_are_the_tables(knowledge: Knowledge) -> None:
    """Each layer's post marks the reference table's tools apart from the extras."""
    for offset in range(7):
        post = daily_post(knowledge, date(2026, 11, 23) + timedelta(days=offset))
        table = {e.name for e in knowledge.entries_at(post.layer.number) if e.table}
        assert post.table_tools == table & set(post.tools)
    seventh = next(
        daily_post(knowledge, date(2026, 11, 23) + timedelta(days=d))
        for d in range(7)
        if daily_post(knowledge, date(2026, 11, 23) + timedelta(days=d)).layer.number == 7
    )
    (also,) = [line for line in daily_text(seventh).splitlines() if line.startswith("Also at")]
    ours, extras = also.removeprefix("Also at this layer: ").split(
        " (reference table); beyond it: "
    )
    assert set(ours.split(", ")) <= seventh.table_tools
    assert not set(extras.split(", ")) & seventh.table_tools


def test_a_layer_with_only_its_spotlight_lists_no_other_tools(knowledge: Knowledge) -> None:
    post = daily_post(knowledge, date(2026, 11, 26))
    alone = post._replace(tools=(post.spotlight.name,))
    assert not [line for line in daily_text(alone).splitlines() if line.startswith("Also at")]
    assert "Also at this layer: " in daily_text(post)


def test_a_spotlight_from_the_teams_knowledge_says_so(tmp_path: Path) -> None:
    team = with_team_overlay(tmp_path)
    post = daily_post(team, team_spotlight_day(team))
    line = entry_team_line(post.spotlight)
    assert line is not None
    assert line.startswith("From your team's knowledge (team-tools.yaml)")
    lines = daily_text(post, picture=False).splitlines()
    assert lines[lines.index(next(t for t in lines if t.startswith("Spotlight: "))) + 1] == line
