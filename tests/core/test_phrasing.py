"""Shared sentences: tools named with where they come from."""

from __future__ import annotations

import pytest

from bot.core.phrasing import tools_by_origin


@pytest.mark.parametrize(
    ("names", "table", "line"),
    [
        (["A", "B", "C"], {"A", "B"}, "A, B (reference table); beyond it: C"),
        (["A", "B"], {"A", "B"}, "A, B"),
        (["C"], set(), "C (beyond the reference table)"),
        (["C", "A"], {"A"}, "A (reference table); beyond it: C"),
    ],
)
def test_tools_are_grouped_by_origin_in_their_order(
    names: list[str], table: set[str], line: str
) -> None:
    assert tools_by_origin(names, table) == line


def test_each_name_is_escaped_for_the_platform() -> None:
    assert (
        tools_by_origin(["a*b", "c"], {"a*b"}, str.upper) == "A*B (reference table); beyond it: C"
    )
