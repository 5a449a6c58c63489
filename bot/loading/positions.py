"""Where each part of a knowledge file is: the line:column of every key and list item.

Only a file with problems needs positions, so they are found from its YAML nodes (which
carry marks) the first time a problem asks: the nodes the loader just built, or its text
parsed again; loading a good file, and the parse cache that stores plain data, never pay.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from collections.abc import Hashable

__all__ = ["Place", "Positions"]

# A place in the document: mapping keys and list indexes, outermost first.
Place = tuple["Hashable", ...]

_MERGE = "tag:yaml.org,2002:merge"
# The deepest place a problem names is entries[i].layers.N.aliases[j], six steps down;
# below that a value is reported where its field is, and the walk stays shallow however
# deeply the file nests (libyaml allows 1,000 levels, Python's stack fewer).
_DEPTH = 8


class Positions:
    """`positions(place)`: "line:column" of `place`, or of its nearest ancestor in the file.

    A missing field is reported at the mapping that lacks it; a document without a root
    node (an empty file) has no positions.
    """

    def __init__(self, text: str, loader: type[yaml.SafeLoader]) -> None:
        self._text = text
        self._loader = loader
        self._root: yaml.Node | None = None
        self._marks: dict[Place, tuple[int, int]] | None = None

    @classmethod
    def of_node(cls, root: yaml.Node | None, loader: type[yaml.SafeLoader]) -> Positions:
        """Positions in an already parsed document: `root` is its node (None: empty)."""
        positions = cls("", loader)
        positions._root = root
        return positions

    def __call__(self, place: Place) -> str | None:
        if self._marks is None:
            self._marks = _marks(self._text, self._loader, self._root)
        while place not in self._marks:
            if not place:
                return None
            place = place[:-1]
        line, column = self._marks[place]
        return f"{line}:{column}"


def _marks(
    text: str, loader_class: type[yaml.SafeLoader], root: yaml.Node | None
) -> dict[Place, tuple[int, int]]:
    loader = loader_class(text)  # builds the keys' values ("" when `root` is given)
    marks: dict[Place, tuple[int, int]] = {}
    try:
        if root is None:
            root = loader.get_single_node()
        if root is not None:
            _walk(loader, root, (), marks, set())
    except yaml.YAMLError:
        pass  # only called for a file that parsed; keep whatever was found
    finally:
        loader.dispose()
    return marks


def _walk(
    loader: Any, node: yaml.Node, place: Place, marks: dict[Place, tuple[int, int]], seen: set[int]
) -> None:
    marks.setdefault(place, (node.start_mark.line + 1, node.start_mark.column + 1))
    if id(node) in seen or len(place) >= _DEPTH:  # an alias met again (YAML allows cycles)
        return
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(loader, item, (*place, index), marks, seen)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:  # `<<: *defaults` adds its keys here
                merged = value_node.value if isinstance(value_node, yaml.SequenceNode) else []
                for source in merged or [value_node]:
                    _walk(loader, source, place, marks, seen)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            # The key as the loaded document has it (7, not "7"), so places match.
            key = loader.construct_object(key_node)
            # A field is where its key is written ("summary:"), not where its value starts.
            mark = key_node.start_mark
            marks.setdefault((*place, key), (mark.line + 1, mark.column + 1))
            _walk(loader, value_node, (*place, key), marks, seen)
