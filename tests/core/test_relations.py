"""Links between entries: written one way in the file, read from both ends."""

from __future__ import annotations

from bot.core.knowledge import Entry, EntryKind, LayerRole
from bot.core.relations import Link, LinkKind, link_index

USES, USED_BY = LinkKind.USES, LinkKind.USED_BY
PART_OF, INCLUDES = LinkKind.PART_OF, LinkKind.INCLUDES


def _entry(name: str, *, uses: tuple[str, ...] = (), part_of: tuple[str, ...] = ()) -> Entry:
    role = (LayerRole(7, "does things"),)
    return Entry(name, EntryKind.TOOL, role, "A thing.", uses=uses, part_of=part_of)


def test_a_use_is_read_from_both_ends() -> None:
    index = link_index([_entry("Istio", uses=("Envoy",)), _entry("Envoy")])
    assert index["istio"] == (Link("Envoy", USES),)
    assert index["envoy"] == (Link("Istio", USED_BY),)


def test_a_part_is_read_from_both_ends() -> None:
    index = link_index([_entry("GRPCRoute", part_of=("Gateway API",)), _entry("Gateway API")])
    assert index["grpcroute"] == (Link("Gateway API", PART_OF),)
    assert index["gateway api"] == (Link("GRPCRoute", INCLUDES),)


def test_own_links_come_first_then_derived_ones_each_kind_in_file_order() -> None:
    """Most specific first: what the entry's own lines say, then what others say of it."""
    index = link_index(
        [
            _entry("Emissary", uses=("Envoy",)),
            _entry("Istio", uses=("Envoy", "mTLS")),
            _entry("ztunnel", part_of=("Istio",)),
            _entry("waypoint", part_of=("Istio",), uses=("Envoy",)),
            _entry("Envoy"),
            _entry("mTLS"),
            _entry("Mesh"),
        ]
    )
    assert index["istio"] == (
        Link("Envoy", USES),
        Link("mTLS", USES),
        Link("ztunnel", INCLUDES),
        Link("waypoint", INCLUDES),
    )
    assert index["envoy"] == (
        Link("Emissary", USED_BY),
        Link("Istio", USED_BY),
        Link("waypoint", USED_BY),
    )
    assert index["waypoint"] == (Link("Istio", PART_OF), Link("Envoy", USES))
    assert "mesh" not in index  # an entry linked to nothing has no links


def test_an_entry_linked_both_ways_is_listed_once_by_its_own_link() -> None:
    index = link_index([_entry("A", uses=("B",)), _entry("B", uses=("A",))])
    assert index["a"] == (Link("B", USES),)
    assert index["b"] == (Link("A", USES),)


def test_unknown_names_and_self_links_are_skipped() -> None:
    """Validation reports them; a Knowledge built without it still answers."""
    index = link_index([_entry("A", uses=("Nowhere", "a", "b")), _entry("B")])
    assert index["a"] == (Link("B", USES),)
    assert index["b"] == (Link("A", USED_BY),)
