"""Links between entries: written one way in the file, read from both ends."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.core.answering import answer
from bot.core.knowledge import Entry, EntryKind, LayerRole
from bot.core.relations import Link, LinkKind, link_index
from bot.loading.load import load_knowledge
from tests.fakes.knowledge_files import copy_bundled, rename, rewrite

if TYPE_CHECKING:
    from pathlib import Path

    from bot.core.knowledge import Knowledge

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


# -- answers carry the links: the examples, from the bundled knowledge -----------

# (question, the answer's first related entries, in order)
ANSWER_CASES = [
    ("what layer is istio?", [("Envoy", USES), ("mTLS", USES)]),
    ("emissary", [("Envoy", USES)]),
    ("calico", [("BGP", USES), ("IP-in-IP", USES), ("VXLAN", USES)]),
    ("metallb", [("ARP", USES), ("NDP", USES), ("BGP", USES)]),
    ("is cilium layer 3?", [("eBPF", USES), ("Envoy", USES)]),
    ("envoy", [("Istio", USED_BY), ("Emissary-ingress", USED_BY), ("Cilium", USED_BY)]),
    ("kube-proxy", [("iptables", USES), ("IPVS", USES), ("conntrack", USES)]),
    ("grpcroute", [("Gateway API", PART_OF)]),
    ("gateway api", [("GRPCRoute", INCLUDES), ("TCPRoute", INCLUDES)]),
    ("istio waypoint", [("Istio", PART_OF), ("Envoy", USES)]),
    ("bgp", [("MetalLB", USED_BY), ("Calico", USED_BY), ("Cilium", USED_BY)]),
]


@pytest.mark.parametrize(("question", "first"), ANSWER_CASES)
def test_an_entry_answer_carries_its_related_entries(
    knowledge: Knowledge, question: str, first: list[tuple[str, LinkKind]]
) -> None:
    related = answer(knowledge, question).related
    assert [tuple(link) for link in related[: len(first)]] == first


def test_related_entries_are_capped_at_five_most_specific_first(knowledge: Knowledge) -> None:
    """Envoy is used by ten entries; the answer names the first five in the file."""
    assert len(knowledge.related("Envoy")) > 5
    assert answer(knowledge, "envoy").related == knowledge.related("Envoy")[:5]
    cilium = answer(knowledge, "cilium").related  # uses seven: its own links fill the list
    assert [link.kind for link in cilium] == [USES] * 5


@pytest.mark.parametrize("question", ["envoy vs kube-proxy", "layer 4", "help", "callisto"])
def test_only_an_answer_about_one_entry_carries_related_entries(
    knowledge: Knowledge, question: str
) -> None:
    assert answer(knowledge, question).related == ()


def test_every_related_name_asked_again_answers_that_entry(knowledge: Knowledge) -> None:
    """What a Related button sends back, the canonical name, finds the entry it names."""
    names = {link.name for entry in knowledge.entries for link in knowledge.related(entry.name)}
    assert len(names) > 40
    assert {name for name in names if answer(knowledge, name).matched != name} == set()


def test_editing_the_knowledge_file_changes_the_links(tmp_path: Path) -> None:
    path = copy_bundled(tmp_path / "layers.yaml")
    text = path.read_text("utf-8")
    assert "    uses: [Envoy, mTLS]\n    layers:\n      7: Routes, retries and splits" in text
    rewrite(path, text.replace("    uses: [Envoy, mTLS]\n", "    uses: [cert-manager]\n", 1))
    edited = load_knowledge(path)
    assert answer(edited, "istio").related[0] == Link("cert-manager", USES)
    assert answer(edited, "cert-manager").related == (Link("Istio", USED_BY),)
    assert "Istio" not in {link.name for link in answer(edited, "envoy").related}


def test_renaming_an_entry_in_a_test_file_renames_the_links_to_it(tmp_path: Path) -> None:
    """The fixture that renames entries under a running bot keeps the file valid."""
    path = copy_bundled(tmp_path / "layers.yaml")
    rename(path, "Envoy", "Envoy Next")
    renamed = load_knowledge(path)
    assert answer(renamed, "istio").related[0] == Link("Envoy Next", USES)
    assert answer(renamed, "envoy next").related[0] == Link("Istio", USED_BY)
