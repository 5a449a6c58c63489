"""How entries stand to each other: Istio uses Envoy, GRPCRoute is part of Gateway API.

The knowledge file writes one direction (`uses`, `part_of`); the other ("used by",
"includes") is derived here, so a link is written once and read from both ends.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable

    from bot.core.knowledge import Entry

__all__ = ["Link", "LinkKind", "link_index"]


class LinkKind(StrEnum):
    """How the linked entry stands to the one it is listed under."""

    PART_OF = "part of"  # written: `part_of: [Gateway API]`
    USES = "uses"  # written: `uses: [Envoy]`
    INCLUDES = "includes"  # derived from another entry's `part_of`
    USED_BY = "used by"  # derived from another entry's `uses`


class Link(NamedTuple):
    """One related entry, by its canonical name, and how it relates."""

    name: str
    kind: LinkKind


# Most specific first: what the entry belongs to and what it is built on, as its own
# entry says, then what other entries say about it.
_ORDER = tuple(LinkKind)


def link_index(entries: Iterable[Entry]) -> dict[str, tuple[Link, ...]]:
    """Every entry's links, both directions, keyed by its case-folded name.

    Within a kind, links keep the file's order. A name the entries do not hold is skipped
    (validation reports it), and an entry is listed once under another, by its first kind.
    """
    entries = tuple(entries)
    names = {entry.name.casefold(): entry.name for entry in entries}
    found: dict[str, dict[LinkKind, list[str]]] = {key: {} for key in names}

    def add(owner: str, kind: LinkKind, other: str) -> None:
        found[owner.casefold()].setdefault(kind, []).append(other)

    for entry in entries:
        for field, forward, backward in (
            (entry.part_of, LinkKind.PART_OF, LinkKind.INCLUDES),
            (entry.uses, LinkKind.USES, LinkKind.USED_BY),
        ):
            for written in field:
                other = names.get(written.casefold())
                if other is not None and other != entry.name:
                    add(entry.name, forward, other)
                    add(other, backward, entry.name)
    index: dict[str, tuple[Link, ...]] = {}
    for key, by_kind in found.items():
        links: dict[str, Link] = {}
        for kind in _ORDER:
            for name in by_kind.get(kind, ()):
                links.setdefault(name, Link(name, kind))
        if links:
            index[key] = tuple(links.values())
    return index
