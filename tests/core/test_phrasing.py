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


def test_tools_within_a_limit_end_in_whole_names_and_a_count() -> None:
    names = ["Envoy", "Linkerd", "Contour", "Kong Gateway", "Traefik"]
    table = {"Envoy", "Traefik"}
    whole = tools_by_origin(names, table)
    assert whole == "Envoy, Traefik (reference table); beyond it: Linkerd, Contour, Kong Gateway"
    assert tools_by_origin(names, table, limit=len(whole)) == whole
    cut = tools_by_origin(names, table, limit=len(whole) - 1)
    assert cut == "Envoy, Traefik (reference table); beyond it: Linkerd, Contour, and 1 more"
    assert tools_by_origin(names, table, limit=20) == "Envoy, Traefik; and 3 more beyond it"
