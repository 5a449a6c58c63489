"""Validating a parsed knowledge document: every problem is found, and each names its place."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.knowledge import Facet
from bot.loading.validation import build_knowledge

_LAYER_NAMES = {
    7: "Application",
    6: "Presentation",
    5: "Session",
    4: "Transport",
    3: "Network",
    2: "Data Link",
    1: "Physical",
}

# Where an edit goes in the document: keys and list positions, outermost first.
Path = tuple[str | int, ...]
_DELETE = object()  # an edit that removes the key instead of setting it


def _small_document() -> dict[str, Any]:
    """The smallest valid document: seven layers and four entries that cover them."""
    layers = [
        {
            "number": number,
            "name": name,
            "component": f"component {number}",
            "function": f"function {number}",
            "description": f"What layer {number} does.",
        }
        for number, name in _LAYER_NAMES.items()
    ]
    entries = [
        {
            "name": "Envoy",
            "kind": "tool",
            "summary": "A proxy.",
            "layers": {7: "routes requests", 6: "terminates TLS", 5: "keeps sessions"},
            "aliases": ["envoy proxy"],
        },
        {
            "name": "MetalLB",
            "kind": "tool",
            "summary": "Load balancers for bare metal.",
            "layers": {4: "hands out IPs"},
            "source": "https://metallb.io",
        },
        {
            "name": "Calico",
            "kind": "tool",
            "summary": "A CNI.",
            # Lowest layer first on purpose: roles are stored highest first.
            "layers": {2: {"role": "answers ARP", "aliases": ["calico arp"]}, 3: "routes pods"},
        },
        {
            "name": "NICs",
            "kind": "concept",
            "summary": "Network cards.",
            "layers": {1: "put bits on the wire"},
            "aliases": ["nic"],
            "everyday_words": ["nic"],
        },
    ]
    return {"version": 1, "layers": layers, "entries": entries}


def _edited(edits: dict[Path, Any]) -> dict[str, Any]:
    document = _small_document()
    for (*parents, last), value in edits.items():
        target: Any = document
        for key in parents:
            target = target[key]
        if value is _DELETE:
            del target[last]
        else:
            target[last] = value
    return document


# (edits to the small document, a problem that must be reported, naming its place)
PROBLEM_CASES = [
    # Missing fields.
    ({("entries", 1, "summary"): _DELETE}, "entries[1] (MetalLB).summary: is missing"),
    ({("entries",): _DELETE}, "entries: must be a non-empty list, not nothing"),
    # Wrong types and blank text.
    ({("entries", 0, "name"): 5}, "entries[0].name: must be non-empty text, not int 5"),
    (
        {("entries", 0, "aliases"): "envoy proxy"},
        "entries[0] (Envoy).aliases: must be a list of text, not str 'envoy proxy'",
    ),
    (
        {("entries", 2, "layers"): "three"},
        "entries[2] (Calico).layers: must map layer numbers to roles, not str 'three'",
    ),
    ({("layers",): "seven"}, "layers: must be a list of the seven layers, not str 'seven'"),
    (
        {("entries", 1, "kind"): "gadget"},
        "entries[1] (MetalLB).kind: must be 'tool' or 'concept', not str 'gadget'",
    ),
    (
        {("entries", 1, "source"): "ftp://example.org"},
        "entries[1] (MetalLB).source: must be an http(s) link, not 'ftp://example.org'",
    ),
    # Layer numbers: outside 1-7, not whole numbers, missing or twice.
    ({("layers", 0, "number"): 0}, "layers[0].number: layer 0 is outside 1-7"),
    ({("entries", 0, "layers", 9): "above"}, "entries[0] (Envoy).layers.9: layer 9 is outside"),
    (
        {("layers", 0, "number"): True},
        "layers[0].number: layer must be a whole number from 1 to 7, not true/false",
    ),
    ({("layers", 3): _DELETE}, "layers: layer(s) 4 missing; all 1-7 needed"),
    ({("layers", 6, "number"): 7}, "layers: layer 7 is defined more than once"),
    # Layers beyond the table ("also"): never one of the entry's own, each layer once.
    (
        {("entries", 1, "also"): {4: "again"}},
        "entries[1] (MetalLB).also.4: layer 4 is already one of this entry's layers",
    ),
    ({("entries", 1, "also"): {9: "up"}}, "entries[1] (MetalLB).also.9: layer 9 is outside"),
    (
        {("entries", 1, "also"): "L2"},
        "entries[1] (MetalLB).also: must map layer numbers to roles, not str 'L2'",
    ),
    (
        {("entries", 1, "also"): {2: {"role": "answers ARP", "source": "ftp://x.org"}}},
        "entries[1] (MetalLB).also.2.source: must be an http(s) link, not 'ftp://x.org'",
    ),
    (
        {("entries", 1, "also"): {2: {"role": "answers ARP", "since": 2019}}},
        "entries[1] (MetalLB).also.2: unknown field 'since'",
    ),
    (
        {("entries", 1, "table"): "yes"},
        "entries[1] (MetalLB).table: must be true or false, not str 'yes'",
    ),
    # Fields the schema does not know.
    (
        {("entries", 1, "colour"): "red"},
        "entries[1] (MetalLB): unknown field 'colour' (allowed: aliases, also, everyday_words, "
        "kind, layers, name, no_layer, note, part_of, source, summary, table, uses)",
    ),
    ({("version",): 2}, "version: unsupported version 2; expected 1"),
    # A wrongly typed value is one problem, never an exception (a list is unhashable).
    (
        {("entries", 1, "kind"): ["tool"]},
        "entries[1] (MetalLB).kind: must be 'tool' or 'concept', not a list",
    ),
    ({("version",): [["1"] * 3] * 3}, "version: must be 1, not a list"),
    ({("version",): True}, "version: must be 1, not true/false"),
    ({("version",): 1.0}, "version: unsupported version 1.0; expected 1"),
    # Names: each one means one thing; the later claimant is reported, naming both.
    (
        {("entries", 1, "aliases"): ["Envoy-Proxy"]},
        "entries[1] (MetalLB): alias 'Envoy-Proxy' is also claimed by entries[0] (Envoy)",
    ),
    (
        {("entries", 2, "layers", 2, "aliases"): ["envoy proxy"]},
        "entries[2] (Calico): alias 'envoy proxy' is also claimed by entries[0] (Envoy)",
    ),
    (
        {("entries", 0, "aliases"): ["!!"]},
        "entries[0] (Envoy): alias '!!' has no letters or digits",
    ),
    ({("layers", 6, "name"): "Application"}, "layer 1: name 'Application' is also used by layer 7"),
    (
        {("entries", 3, "everyday_words"): ["card"]},
        "entries[3] (NICs).everyday_words: 'card' is not one of this entry's names",
    ),
    # Links to other entries: by an entry's name, never itself, each once.
    (
        {("entries", 2, "uses"): ["Envoy", "Flannel"]},
        "entries[2] (Calico).uses[1]: no entry is named 'Flannel'",
    ),
    (
        {("entries", 2, "uses"): ["metal-lb"]},  # an entry's alias, not its name
        "entries[2] (Calico).uses[0]: no entry is named 'metal-lb'; did you mean 'MetalLB'?",
    ),
    (
        {("entries", 2, "part_of"): ["calico"]},
        "entries[2] (Calico).part_of[0]: 'calico' is this entry itself",
    ),
    (
        {("entries", 2, "uses"): ["Envoy", "MetalLB", "envoy"]},
        "entries[2] (Calico).uses[2]: 'Envoy' is listed more than once",
    ),
    (
        {("entries", 2, "part_of"): ["NICs"], ("entries", 2, "uses"): ["NICs"]},
        "entries[2] (Calico).uses[0]: 'NICs' is listed more than once (in part_of)",
    ),
    (
        {("entries", 2, "uses"): "Envoy"},
        "entries[2] (Calico).uses: must be a list of text, not str 'Envoy'",
    ),
    (
        {("entries", 2, "part_of"): ["NICs", 7]},
        "entries[2] (Calico).part_of[1]: must be non-empty text, not int 7",
    ),
    # Coverage: every layer needs an entry.
    (
        {("entries", 3, "layers"): {2: "carries frames"}},
        "layer 1 (Physical): has no tool or concept; every layer needs at least one entry",
    ),
    pytest.param(
        {("entries", 2, "layers", "3"): "routes pods again"},
        "entries[2] (Calico).layers.3: layer 3 is given more than once",
        id="same-layer-twice-in-one-entry",
    ),
    pytest.param(
        {("layers", 4, "aliases"): ["--"]},
        "layer 3: alias '--' has no letters or digits",
        id="layer-alias-without-letters",
    ),
    # One numbering: an entry is always entries[i], i counted from 0 in the file, even
    # after an entry before it was too broken to build.
    pytest.param(
        {("entries", 0): "Envoy", ("entries", 2, "aliases"): ["metal-lb"]},
        "entries[2] (Calico): alias 'metal-lb' is also claimed by entries[1] (MetalLB)",
        id="entry-number-after-a-broken-entry",
    ),
]


@pytest.mark.parametrize(("edits", "problem"), PROBLEM_CASES)
def test_each_problem_is_reported_where_it_is(edits: dict[Path, Any], problem: str) -> None:
    knowledge, problems = build_knowledge(_edited(edits), "small.yaml")
    assert knowledge is None
    assert any(problem in reported for reported in problems), problems


# (document, the one problem reported)
NOT_A_DOCUMENT_CASES: list[tuple[Any, str]] = [
    (None, "the file is empty; it needs 'layers' and 'entries'"),
    ([], "the top level must be a mapping, not a list"),
    (7, "the top level must be a mapping, not int 7"),
]


@pytest.mark.parametrize(("document", "problem"), NOT_A_DOCUMENT_CASES)
def test_an_empty_or_non_mapping_document_is_one_problem(document: Any, problem: str) -> None:
    assert build_knowledge(document, "small.yaml") == (None, [problem])


def test_a_huge_value_is_quoted_by_a_short_prefix() -> None:
    """A message quotes at most a prefix of what the file holds, however large it is."""
    huge = "x" * 1_000_000
    edits: dict[Path, Any] = {
        ("entries", 1, huge): 1,  # an unknown field
        ("entries", 1, "source"): huge,  # not a link
        ("entries", 1, "everyday_words"): ["y" * 1_000_000],  # not one of its names
        ("entries", 1, "aliases"): [huge, "envoy proxy", "-" * 100_000],
        ("version",): huge,
    }
    knowledge, problems = build_knowledge(_edited(edits), "small.yaml")
    assert knowledge is None
    assert len(problems) == 6
    assert max(len(problem) for problem in problems) < 300, problems


def test_every_problem_is_reported_at_once() -> None:
    edits: dict[Path, Any] = {
        ("entries", 1, "summary"): _DELETE,
        ("entries", 0, "layers", 9): "above",
        ("layers", 2, "name"): 3,
    }
    knowledge, problems = build_knowledge(_edited(edits), "small.yaml")
    assert knowledge is None
    # Including what follows from them: layer 5 is gone, and MetalLB with layer 4's only role.
    assert [p.split(":")[0] for p in problems] == [
        "layers[2].name",
        "layers",
        "entries[0] (Envoy).layers.9",
        "entries[1] (MetalLB).summary",
        "layer 4 (Transport)",
    ]


def test_the_small_document_is_valid() -> None:
    knowledge, problems = build_knowledge(_small_document(), "small.yaml")
    assert problems == []
    assert knowledge is not None
    assert knowledge.source == "small.yaml"
    assert list(knowledge.layers) == [7, 6, 5, 4, 3, 2, 1]
    assert [entry.name for entry in knowledge.entries] == ["Envoy", "MetalLB", "Calico", "NICs"]


# (edits that are allowed, entry, its layers highest first, aliases, source)
ACCEPTED_CASES = [
    ({}, "Envoy", (7, 6, 5), ("envoy proxy",), None),
    # Roles are sorted highest layer first, whatever order the file lists them in.
    ({}, "Calico", (3, 2), (), None),
    # Text is trimmed; a quoted layer number is accepted, as hand edits write it.
    (
        {("entries", 1, "aliases"): ["  metal-lb  "], ("entries", 1, "layers"): {" 4 ": "IPs"}},
        "MetalLB",
        (4,),
        ("metal-lb",),
        "https://metallb.io",
    ),
    ({("layers", 0, "number"): "7"}, "Envoy", (7, 6, 5), ("envoy proxy",), None),
]


@pytest.mark.parametrize(("edits", "name", "layers", "aliases", "source"), ACCEPTED_CASES)
def test_valid_entries_are_built_as_written(
    edits: dict[Path, Any],
    name: str,
    layers: tuple[int, ...],
    aliases: tuple[str, ...],
    source: str | None,
) -> None:
    knowledge, problems = build_knowledge(_edited(edits), "small.yaml")
    assert problems == []
    assert knowledge is not None
    entry = knowledge.find(name)
    assert entry is not None
    assert (entry.layers, entry.aliases, entry.source) == (layers, aliases, source)


def test_a_locator_puts_each_problem_at_its_line_and_column() -> None:
    """The places asked for are the document's keys and indexes, including a missing field's."""
    asked: list[tuple[object, ...]] = []

    def locate(place: tuple[object, ...]) -> str:
        asked.append(place)
        return f"{len(asked)}:1"

    edits: dict[Path, Any] = {("entries", 0, "note"): 5, ("entries", 1, "colour"): "red"}
    _, problems = build_knowledge(_edited(edits), "small.yaml", locate)
    assert problems == [
        "1:1: entries[0] (Envoy).note: must be non-empty text, not int 5",
        "2:1: entries[1] (MetalLB): unknown field 'colour' (allowed: aliases, also, "
        "everyday_words, kind, layers, name, no_layer, note, part_of, source, summary, table, "
        "uses)",
    ]
    assert asked == [("entries", 0, "note"), ("entries", 1, "colour")]


def test_layers_beyond_the_table_are_read_highest_first_with_their_sources() -> None:
    also = {2: {"role": "answers ARP", "source": "https://metallb.io/"}, 3: "announces routes"}
    knowledge, problems = build_knowledge(_edited({("entries", 1, "also"): also}), "<test>")
    assert knowledge is not None, problems
    metallb = knowledge.find("MetalLB")
    assert metallb is not None
    assert metallb.also == (
        Facet(3, "announces routes", None),
        Facet(2, "answers ARP", "https://metallb.io/"),
    )
    assert metallb.layers == (4,)  # the table's placement is unchanged


def test_links_are_read_in_order_and_spelled_as_the_entries_they_name() -> None:
    edits: dict[Path, Any] = {
        ("entries", 2, "uses"): [" metallb ", "ENVOY"],
        ("entries", 2, "part_of"): ["NICs"],
    }
    knowledge, problems = build_knowledge(_edited(edits), "<test>")
    assert knowledge is not None, problems
    calico = knowledge.find("Calico")
    assert calico is not None
    assert (calico.uses, calico.part_of) == (("MetalLB", "Envoy"), ("NICs",))
    envoy = knowledge.find("Envoy")
    assert envoy is not None
    assert (envoy.uses, envoy.part_of) == ((), ())  # the other direction is derived, not stored


def test_a_link_problem_is_located_at_the_list_item_written_wrong() -> None:
    asked: list[tuple[object, ...]] = []

    def locate(place: tuple[object, ...]) -> str:
        asked.append(place)
        return "9:9"

    edits: dict[Path, Any] = {("entries", 1, "uses"): ["Envoy", "MetalLB", "Nowhere"]}
    _, problems = build_knowledge(_edited(edits), "small.yaml", locate)
    assert problems == [
        "9:9: entries[1] (MetalLB).uses[1]: 'MetalLB' is this entry itself",
        "9:9: entries[1] (MetalLB).uses[2]: no entry is named 'Nowhere'",
    ]
    assert asked == [("entries", 1, "uses", 1), ("entries", 1, "uses", 2)]


_DEPLOYMENT = {
    "name": "Deployment",
    "kind": "concept",
    "summary": "Keeps pods running.",
    "no_layer": "Decides which pods run, not how traffic reaches them.",
    "also": {3: "its pods get IPs from the CNI"},
}


def _with_entry(entry: dict[str, Any]) -> dict[str, Any]:
    document = _small_document()
    document["entries"].append(entry)
    return document


def test_an_entry_with_no_layer_is_read_without_layers() -> None:
    knowledge, problems = build_knowledge(_with_entry(dict(_DEPLOYMENT)), "<t>")
    assert knowledge is not None, problems
    deployment = knowledge.find("Deployment")
    assert deployment is not None
    assert (deployment.layers, deployment.no_layer) == ((), _DEPLOYMENT["no_layer"])
    assert [f.layer for f in deployment.also] == [3]
    assert deployment not in knowledge.entries_at(3)  # where it touches is never its layer


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        (
            {"layers": {3: "runs pods"}},
            "entries[4] (Deployment).layers: an entry with no_layer works at no layer: "
            "give one or the other",
        ),
        (
            {"table": True},
            "entries[4] (Deployment).no_layer: a tool of the reference table works at its "
            "rows' layers; drop no_layer",
        ),
        ({"no_layer": ""}, "entries[4] (Deployment).no_layer: must be non-empty text"),
        (
            {"no_layer": None},
            "entries[4] (Deployment).layers: must map layer numbers to roles, not nothing",
        ),
    ],
)
def test_no_layer_is_either_or_with_layers(changes: dict[str, Any], problem: str) -> None:
    entry = {**_DEPLOYMENT, **changes}
    if changes.get("no_layer", "") is None:
        del entry["no_layer"]
    _, problems = build_knowledge(_with_entry(entry), "<t>")
    assert any(problem in p for p in problems), problems
