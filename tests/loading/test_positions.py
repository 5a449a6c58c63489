"""Positions in a knowledge file: line:column of keys and items, found only when asked."""

from __future__ import annotations

import pytest
import yaml

from bot.loading.positions import Positions

_TEXT = """\
defaults: &defaults
  kind: tool
entries:
  - name: Envoy
    <<: *defaults
    layers:
      7: routes
  - [a, &loop [*loop]]
"""

_LOADERS = [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)]


@pytest.mark.parametrize("loader", _LOADERS, ids=lambda loader: loader.__name__)
@pytest.mark.parametrize(
    ("place", "position"),
    [
        (("entries", 0, "name"), "4:5"),  # a field is where its key is
        (("entries", 0, "layers", 7), "7:7"),  # integer keys as the document has them
        (("entries", 0, "summary"), "4:5"),  # missing: the mapping that lacks it
        (("entries", 0, "kind"), "4:5"),  # merged from an anchor: the mapping that merges it
        (("entries", 1, 1), "8:9"),  # a recursive alias is walked once, not forever
        (("entries", 9), "3:1"),  # no such item: its list
        ((), "1:1"),
    ],
)
def test_a_place_is_located_at_itself_or_its_nearest_ancestor(
    loader: type[yaml.SafeLoader], place: tuple[object, ...], position: str
) -> None:
    assert Positions(_TEXT, loader)(place) == position


def test_an_empty_document_has_no_positions() -> None:
    assert Positions("# nothing\n", yaml.SafeLoader)(("entries",)) is None
