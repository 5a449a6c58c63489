"""The YAML loader for knowledge files: PyYAML's safe loader, strict where YAML is lenient.

- **No anchors or aliases.** `*name` repeats a value without copying it, so 500 bytes of
  nested aliases ("billion laughs") stand for billions of values; anything that walks
  them (a message quoting the value, JSON, a recursive check) never finishes. A knowledge
  file has no use for them, so the first value reused by an alias stops the load.
- **No duplicate keys.** YAML says a key appears once per mapping; PyYAML keeps the last
  one silently. Every repeated key is reported with both positions.
- **A value PyYAML cannot build is a marked error**, not a ValueError from deep inside
  it (an integer of 5,000 digits, the date 2024-99-99).

The C loader (libyaml) is used where PyYAML has it: parsing stays in C, and only the
construction of values, already Python, gains a check per value.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import yaml
from yaml.constructor import ConstructorError

from bot.loading.excerpts import quote

__all__ = ["StrictLoader", "parse"]

_MERGE = "tag:yaml.org,2002:merge"
_REASON = 80  # characters of a constructor's own message quoted
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _at(mark: yaml.Mark) -> str:
    return f"{mark.line + 1}:{mark.column + 1}"


class StrictLoader(_Base):  # type: ignore[misc]  # a C extension class when libyaml is there
    """A safe loader that refuses aliases and records duplicate keys in `duplicates`."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[int, int, str]] = []  # line, column, problem

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # Without aliases every node is built exactly once: meeting one again means an
        # alias (or a merge of one) points at it.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise ConstructorError(
                None,
                None,
                "this value is repeated by an alias (*name); anchors and aliases are not "
                "allowed in a knowledge file: write the value out where it is needed",
                node.start_mark,
            )
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as error:
            reason = str(error) or type(error).__name__
            reason = reason if len(reason) <= _REASON else f"{reason[:_REASON]}…"
            raise ConstructorError(
                None, None, f"cannot read this value ({reason})", node.start_mark
            ) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        # `<<: {...}` merges come first after flattening, and the mapping's own keys may
        # override them; only a key written twice in the mapping itself is a duplicate.
        own = sum(1 for key_node, _ in node.value if key_node.tag != _MERGE)
        self.flatten_mapping(node)
        first_own = len(node.value) - own
        mapping: dict[Any, Any] = {}
        seen: dict[Any, yaml.Mark] = {}
        for index, (key_node, value_node) in enumerate(node.value):
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                raise ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    "found unhashable key",
                    key_node.start_mark,
                )
            if index >= first_own:
                first = seen.setdefault(key, key_node.start_mark)
                if first is not key_node.start_mark:
                    mark = key_node.start_mark
                    problem = (
                        f"{_at(mark)}: key {quote(key)} appears again in this mapping "
                        f"(first at {_at(first)}); each key may appear once"
                    )
                    self.duplicates.append((mark.line, mark.column, problem))
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


def parse(text: str) -> tuple[Any, yaml.Node | None, list[str]]:
    """The document in `text`, its root node, and one problem per duplicate key.

    The root node carries every line:column, for locating problems without parsing again.

    Raises:
        yaml.YAMLError: a syntax error, an alias, or a value that cannot be built.
    """
    loader = StrictLoader(text)
    try:
        root = loader.get_single_node()
        document = None if root is None else loader.construct_document(root)
    finally:
        loader.dispose()
    # Nested mappings are built after their parent's keys: put the problems in file order.
    return document, root, [problem for *_, problem in sorted(loader.duplicates)]
