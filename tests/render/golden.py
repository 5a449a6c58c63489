"""Golden files: renderings a person has read once, pinned byte for byte.

A test renders an answer and compares it to `golden/<name>`. After a deliberate change of
output, regenerate them and read the diff before committing:

    UPDATE_GOLDEN=1 python -m pytest -q tests/render tests/adapters -k golden

They are rendered from `golden/knowledge.yaml`, a small fixed copy of a few entries, so an
edit of the bundled knowledge changes none of them.
"""

from __future__ import annotations

import functools
import json
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.loading.load import load_knowledge

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge

__all__ = ["DAILY_DATE", "QUESTIONS", "as_json", "assert_golden", "golden_knowledge"]

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = "UPDATE_GOLDEN"

# One of each kind of picture: a name for the file, and the question asked.
QUESTIONS = {
    "one-layer": "what layer is cert-manager?",  # one table layer, nothing beyond it
    "two-rows": "kube-proxy",  # two rows of the table, and one layer beyond it
    "also-facets": "cilium",  # one table layer, two beyond it; uses two entries
    "used-by": "vxlan",  # related the other way: an entry another one uses
    "comparison": "envoy vs kube-proxy",  # two subjects on one stack
    "layer": "what is layer 4",  # a layer asked for by number
}
DAILY_DATE = date(2026, 11, 26)  # a Thursday: Layer 4


@functools.cache
def golden_knowledge() -> Knowledge:
    return load_knowledge(GOLDEN / "knowledge.yaml")


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def assert_golden(name: str, rendered: str) -> None:
    """`rendered` is exactly `golden/<name>`; with UPDATE_GOLDEN=1, it becomes it."""
    path = GOLDEN / name
    if os.environ.get(UPDATE) == "1":
        path.write_text(rendered, "utf-8")
        return
    assert path.exists(), f"no golden file {path.name}: run with {UPDATE}=1, then read it"
    expected = path.read_text("utf-8")
    assert rendered == expected, f"{path.name} differs; if that is meant, run with {UPDATE}=1"
