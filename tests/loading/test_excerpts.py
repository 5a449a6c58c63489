"""Quoting a value in a problem message: briefly, whatever its size."""

from __future__ import annotations

import datetime

import pytest

from bot.loading.excerpts import describe, quote


@pytest.mark.parametrize(
    ("value", "quoted"),
    [
        ("tool", "'tool'"),
        ("x" * 50, f"'{'x' * 40}'…"),
        (7, "7"),
        (True, "True"),
        (10**100, f"{'1' + '0' * 39}…"),
        (datetime.date(2024, 1, 2), "datetime.date(2024, 1, 2)"),
        ([["deep"]], "a list"),
        ({"a": 1}, "a mapping"),
    ],
)
def test_quote_cuts_text_and_never_spells_out_a_container(value: object, quoted: str) -> None:
    assert quote(value) == quoted


def test_a_huge_nested_list_is_quoted_without_being_walked() -> None:
    """A list holding itself has an endless repr; quoting must not try it."""
    looped: list[object] = []
    looped.append(looped)
    assert describe(looped) == "a list"


@pytest.mark.parametrize(
    ("value", "described"),
    [(None, "nothing"), (False, "true/false"), ("L2", "str 'L2'"), (9, "int 9"), ({1}, "a set")],
)
def test_describe_names_the_kind_of_a_wrong_value(value: object, described: str) -> None:
    assert describe(value) == described
