"""The knowledge keeps exactly the reference table's layers for every tool of the table.

The table is data in the repository (docs/reference-table.md); this reads it as a person
would, so a changed row or a changed entry fails here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.answering import answer

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge

TABLE = Path(__file__).resolve().parents[2] / "docs" / "reference-table.md"
_ROW = re.compile(r"^\|\s*Layer (\d)\s*\|[^|]*\|[^|]*\|([^|]*)\|", re.MULTILINE)


def _spellings(tool: str) -> list[str]:
    """ "AWS ELB/ALB" -> AWS ELB, AWS ALB; "Intel/Mellanox NICs" -> Intel NICs, Mellanox NICs."""
    words = tool.split()
    for at, word in enumerate(words):
        if "/" in word:
            return [" ".join([*words[:at], part, *words[at + 1 :]]) for part in word.split("/")]
    return [tool]


def table_rows() -> dict[int, list[str]]:
    """Layer number -> the tools its row lists, each spelling on its own."""
    rows = {
        int(number): [s for tool in tools.split(",") for s in _spellings(tool.strip())]
        for number, tools in _ROW.findall(TABLE.read_text("utf-8"))
    }
    assert sorted(rows) == [1, 2, 3, 4, 5, 6, 7], "the table must have a row per layer"
    return rows


def test_the_table_lists_the_tools_it_is_known_for() -> None:
    rows = table_rows()
    assert "Metallb" in rows[4]
    assert {"AWS ELB", "AWS ALB"} <= set(rows[4])
    assert {"Intel NICs", "Mellanox NICs"} <= set(rows[1])
    assert "Istio mTLS" in rows[6]


def test_every_table_tool_has_exactly_the_table_layers(knowledge: Knowledge) -> None:
    expected: dict[str, set[int]] = {}
    for number, tools in table_rows().items():
        for tool in tools:
            result = answer(knowledge, tool)
            assert result.entry is not None, f"{tool!r} (layer {number}) has no entry"
            # "Istio mTLS" names Istio at that row's layer only.
            assert result.focus_layer in (None, number), tool
            expected.setdefault(result.entry.name, set()).add(number)
    for name, layers in expected.items():
        entry = knowledge.find(name)
        assert entry is not None
        assert entry.table, f"{name} is a tool of the reference table but not marked table: true"
        assert entry.layers == tuple(sorted(layers, reverse=True)), name
    marked = {entry.name for entry in knowledge.entries if entry.table}
    assert marked == set(expected), "entries marked table: true that the table does not list"
