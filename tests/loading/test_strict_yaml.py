"""The knowledge file's YAML: no aliases, no duplicate keys, no exception from a value."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.errors import KnowledgeError
from bot.loading.load import load_knowledge
from bot.loading.strict_yaml import parse
from tests.fakes.knowledge_files import billion_laughs

if TYPE_CHECKING:
    from pathlib import Path


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "layers.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(path)
    return caught.value.problems


def test_nested_aliases_are_refused_at_the_first_reuse(tmp_path: Path) -> None:
    """Three levels only (729 strings), so the old loader answered too, quoting every one."""
    problems = _problems(tmp_path, billion_laughs(levels=3))
    assert len(problems) == 1
    assert problems[0].startswith("4:7: YAML error: this value is repeated by an alias")
    assert "anchors and aliases are not allowed" in problems[0]
    assert len(problems[0]) < 200


def test_a_merged_anchor_is_an_alias_too(tmp_path: Path) -> None:
    text = "base: &base {kind: tool}\nentries:\n  - <<: *base\n    name: X\n"
    assert "anchors and aliases are not allowed" in _problems(tmp_path, text)[0]


def test_every_duplicate_key_is_reported_with_both_positions(tmp_path: Path) -> None:
    text = (
        "version: 1\nentries:\n  - name: Envoy\n    kind: tool\n    name: Envoy Proxy\nversion: 2\n"
    )
    assert _problems(tmp_path, text) == [
        "5:5: key 'name' appears again in this mapping (first at 3:5); each key may appear once",
        "6:1: key 'version' appears again in this mapping (first at 1:1); each key may appear once",
    ]


def test_the_same_key_in_different_mappings_is_no_duplicate() -> None:
    document, _, duplicates = parse("a: {name: x}\nb: {name: y}\n")
    assert duplicates == []
    assert document == {"a": {"name": "x"}, "b": {"name": "y"}}


def test_a_key_may_override_one_merged_from_an_inline_mapping() -> None:
    document, _, duplicates = parse("entry:\n  <<: {kind: tool, name: base}\n  name: mine\n")
    assert duplicates == []
    assert document == {"entry": {"kind": "tool", "name": "mine"}}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param(
            f"version: 1{'0' * 5000}\n",
            "1:10: YAML error: cannot read this value (Exceeds the limit (4300 digits)",
            id="integer-of-5000-digits",
        ),
        pytest.param(
            "version: 2024-99-99\n",
            "1:10: YAML error: cannot read this value (month must be in 1..12)",
            id="impossible-date",
        ),
    ],
)
def test_a_value_yaml_cannot_build_is_one_located_problem(
    tmp_path: Path, text: str, problem: str
) -> None:
    problems = _problems(tmp_path, text)
    assert len(problems) == 1
    assert problems[0].startswith(problem)
    assert len(problems[0]) < 200


def test_a_document_nested_to_yaml_s_limit_is_reported_without_recursing_into_it(
    tmp_path: Path,
) -> None:
    """990 levels (libyaml stops at 1,000): locating the problem walks only the top few."""
    problems = _problems(tmp_path, "version: " + "[" * 990 + "]" * 990 + "\n")
    assert problems[0] == "1:1: version: must be 1, not a list"
