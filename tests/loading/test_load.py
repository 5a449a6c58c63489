"""Loading the knowledge file: every kind of broken file gets a message a person can act on."""

from __future__ import annotations

import copy
import os
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from bot.errors import KnowledgeError
from bot.loading.load import DEFAULT_MAX_BYTES, bundled_knowledge_path, load_knowledge

if TYPE_CHECKING:
    from collections.abc import Callable

_GOOD: dict[str, Any] = yaml.safe_load(Path(bundled_knowledge_path()).read_text(encoding="utf-8"))


def _write(tmp_path: Path, document: Any) -> Path:
    path = tmp_path / "layers.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _entry(document: dict[str, Any], name: str) -> dict[str, Any]:
    return next(e for e in document["entries"] if e["name"] == name)


def _problems(path: Path) -> str:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(path)
    return str(caught.value)


def test_bundled_file_is_valid() -> None:
    knowledge = load_knowledge()
    assert sorted(knowledge.layers) == [1, 2, 3, 4, 5, 6, 7]
    assert knowledge.find("Envoy") is not None


def test_yaml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "layers.yaml"
    path.write_text("version: 1\nlayers:\n  - number: 7\n    name: [Application\n", "utf-8")
    message = _problems(path)
    assert "  - 5:1: YAML syntax error: " in message
    assert str(path) in message


def test_empty_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "layers.yaml"
    path.write_text("# nothing yet\n", "utf-8")
    assert "the file is empty" in _problems(path)


Mutation = "Callable[[dict[str, Any]], None]"


def _drop_summary(doc: dict[str, Any]) -> None:
    del _entry(doc, "MetalLB")["summary"]


def _layers_as_text(doc: dict[str, Any]) -> None:
    _entry(doc, "Calico")["layers"] = "three"


def _aliases_as_text(doc: dict[str, Any]) -> None:
    _entry(doc, "Flannel")["aliases"] = "flanneld"


def _layer_nine(doc: dict[str, Any]) -> None:
    _entry(doc, "Envoy")["layers"][9] = "somewhere above the application"


def _layer_zero_number(doc: dict[str, Any]) -> None:
    doc["layers"][0]["number"] = 0


def _shared_alias(doc: dict[str, Any]) -> None:
    _entry(doc, "Cilium")["aliases"].append("project calico")


def _alias_differing_only_in_punctuation(doc: dict[str, Any]) -> None:
    _entry(doc, "Traefik")["aliases"].append("Metal_LB")


def _bad_kind(doc: dict[str, Any]) -> None:
    _entry(doc, "IPVS")["kind"] = "gadget"


def _missing_layer(doc: dict[str, Any]) -> None:
    doc["layers"] = [la for la in doc["layers"] if la["number"] != 5]


def _bad_source(doc: dict[str, Any]) -> None:
    _entry(doc, "Geneve")["source"] = "ftp://example.org/geneve"


def _unknown_field(doc: dict[str, Any]) -> None:
    _entry(doc, "VXLAN")["layer"] = 2


def _no_entries(doc: dict[str, Any]) -> None:
    doc["entries"] = []


def _layer_number_in_other_digits(doc: dict[str, Any]) -> None:
    _entry(doc, "Envoy")["layers"]["\u00b2"] = "superscript two is a digit to str.isdigit"


def _layer_without_entries(doc: dict[str, Any]) -> None:
    doc["entries"] = [e for e in doc["entries"] if 5 not in e.get("layers", {})]


def _duplicate_name(doc: dict[str, Any]) -> None:
    doc["entries"].append(copy.deepcopy(_entry(doc, "Envoy")))


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (_drop_summary, "entries[12] (MetalLB).summary: is missing"),
        (_layers_as_text, "(Calico).layers: must map layer numbers to roles, not str 'three'"),
        (_aliases_as_text, "(Flannel).aliases: must be a list of text"),
        (_layer_nine, "(Envoy).layers.9: layer 9 is outside 1-7"),
        (_layer_zero_number, "layers[0].number: layer 0 is outside 1-7"),
        (_shared_alias, "alias 'project calico' is also claimed by entries[14] (Calico)"),
        # The file's first claimant keeps the name; the later one is reported, naming both.
        (
            _alias_differing_only_in_punctuation,
            "entries[12] (MetalLB): alias 'MetalLB' is also claimed by entries[1] (Traefik)",
        ),
        (_bad_kind, "(IPVS).kind: must be 'tool' or 'concept', not str 'gadget'"),
        (_missing_layer, "layer(s) 5 missing"),
        (_bad_source, "(Geneve).source: must be an http(s) link"),
        (_unknown_field, "(VXLAN): unknown field 'layer'"),
        (_no_entries, "entries: must be a non-empty list"),
        (_duplicate_name, "alias 'Envoy' is also claimed by entries["),
        (_layer_number_in_other_digits, "(Envoy).layers.\u00b2: layer must be a whole number"),
        (_layer_without_entries, "layer 5 (Session): has no tool or concept"),
    ],
    ids=lambda value: getattr(value, "__name__", "")[1:] or None,
)
def test_broken_file_is_rejected_with_a_precise_message(
    tmp_path: Path, mutate: Callable[[dict[str, Any]], None], expected: str
) -> None:
    document = copy.deepcopy(_GOOD)
    mutate(document)
    message = _problems(_write(tmp_path, document))
    assert expected in message
    problems = message.splitlines()[1:]
    assert all(re.match(r"  - \d+:\d+: ", problem) for problem in problems), problems


_LINES_AND_COLUMNS = """\
version: 1
layers:
  - number: 7
    name: Application
    component: Ingress
    function: Routing
    description: Requests.
    aliases: ["--"]
entries:
  - name: Envoy
    kind: tool
    summary: A proxy.
    colour: red
    layers:
      7: routes requests
      "7": routes them again
      9: above the top
    aliases:
      - envoy proxy
      - Envoy-Proxy
  - name: Other
    kind: tool
    layers: {7: proxies}
    aliases: [other, ENVOY PROXY]
"""


def test_every_problem_starts_with_its_line_and_column(tmp_path: Path) -> None:
    """At the key or list item written wrong; a missing field at the mapping that lacks it."""
    path = tmp_path / "layers.yaml"
    path.write_text(_LINES_AND_COLUMNS, "utf-8")
    problems = _problems(path).splitlines()[1:]
    assert problems == [
        "  - 2:1: layers: layer(s) 1, 2, 3, 4, 5, 6 missing; all 1-7 needed",
        "  - 13:5: entries[0] (Envoy): unknown field 'colour' (allowed: aliases, also,"
        " everyday_words, kind, layers, name, no_layer, note, part_of, source, summary, table,"
        " uses)",
        "  - 16:7: entries[0] (Envoy).layers.7: layer 7 is given more than once",
        "  - 17:7: entries[0] (Envoy).layers.9: layer 9 is outside 1-7 (the OSI model has seven"
        " layers)",
        "  - 21:5: entries[1] (Other).summary: is missing",
        "  - 8:15: layer 7: alias '--' has no letters or digits",
    ]


def test_a_name_claimed_twice_is_reported_where_the_second_claim_is(tmp_path: Path) -> None:
    path = tmp_path / "layers.yaml"
    text = _LINES_AND_COLUMNS.replace(
        "    layers: {7: proxies}", "    summary: S.\n    layers: {7: x}"
    )
    path.write_text(text, "utf-8")
    problems = _problems(path)
    assert (
        "  - 25:22: entries[1] (Other): alias 'ENVOY PROXY' is also claimed by entries[0] (Envoy)"
        in problems
    )


_LINKS = """\
  - name: Linked
    kind: tool
    summary: S.
    layers: {7: x}
    part_of: [Envoy]
    uses:
      - envoy proxy
      - Linked
      - Envoy
"""


def test_a_link_problem_starts_with_the_line_and_column_of_the_name_written(
    tmp_path: Path,
) -> None:
    path = tmp_path / "layers.yaml"
    path.write_text(_LINES_AND_COLUMNS + _LINKS, "utf-8")
    problems = _problems(path).splitlines()[1:]
    assert [p for p in problems if "(Linked)" in p] == [
        "  - 31:9: entries[2] (Linked).uses[0]: no entry is named 'envoy proxy'; did you mean"
        " 'Envoy'?",
        "  - 32:9: entries[2] (Linked).uses[1]: 'Linked' is this entry itself",
        "  - 33:9: entries[2] (Linked).uses[2]: 'Envoy' is listed more than once (in part_of)",
    ]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    document = copy.deepcopy(_GOOD)
    _drop_summary(document)
    _layer_nine(document)
    message = _problems(_write(tmp_path, document))
    assert "2 problems" in message
    assert "MetalLB" in message
    assert "layer 9" in message


def test_missing_file(tmp_path: Path) -> None:
    assert "file not found" in _problems(tmp_path / "nope.yaml")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "layers.yaml"
    path.write_bytes(b"version: 1\nlayers: \xff\xfe\n")
    assert "not UTF-8" in _problems(path)


def test_directory_instead_of_file(tmp_path: Path) -> None:
    assert "is a directory" in _problems(tmp_path)


def test_top_level_list(tmp_path: Path) -> None:
    assert "top level must be a mapping" in _problems(_write(tmp_path, ["layers"]))


def test_a_file_over_the_size_cap_is_refused_unparsed(tmp_path: Path) -> None:
    """The cap is checked on the bytes: the same file loads once the cap allows it."""
    path = tmp_path / "layers.yaml"
    path.write_text(Path(bundled_knowledge_path()).read_text("utf-8"), "utf-8")
    size = path.stat().st_size
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(path, max_bytes=size - 1)
    assert caught.value.problems == [
        f"is larger than the {size - 1:,}-byte limit for a knowledge file "
        "(OSI_KNOWLEDGE_MAX_BYTES raises it)"
    ]
    assert load_knowledge(path, max_bytes=size).find("Envoy") is not None


def test_the_default_cap_leaves_the_bundled_file_twice_the_room() -> None:
    """The cap follows the worst file's parse cost, not the bundled file; room to grow stays."""
    assert os.path.getsize(bundled_knowledge_path()) * 2 < DEFAULT_MAX_BYTES


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    """A FIFO nobody writes to: opening it to read would wait forever, so it is not opened so.

    A writer thread, bounded in time, unblocks the old code so that it fails instead of hanging.
    """
    fifo = tmp_path / "layers.yaml"
    os.mkfifo(fifo)
    unblock = threading.Timer(10, lambda: fifo.open("w").close())
    unblock.start()
    try:
        assert "is not a regular file" in _problems(fifo)
    finally:
        unblock.cancel()
