"""Team overlays: entries added or replaced over the main file, every clash named at both places."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot.core.answering import answer
from bot.errors import KnowledgeError
from bot.loading import load as load_module
from bot.loading.load import bundled_knowledge_path, load_knowledge, overlay_files
from tests.fakes.knowledge_files import billion_laughs

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge

SKUPPER = """\
version: 1
entries:
  - name: Frobnitz
    kind: tool
    summary: Connects services across clusters with a layer 7 application network.
    aliases: [frobnitz router]
    layers:
      7: Routes HTTP and AMQP between clusters over mutual TLS links.
"""

OUR_METALLB = """\
entries:
  - name: MetalLB
    replaces: MetalLB
    kind: tool
    table: true
    summary: Our MetalLB runs in BGP mode only.
    aliases: [metallb, metal lb]
    layers:
      3: Announces Service IPs to our routers over BGP.
"""


def _write(path: Path, text: str) -> str:
    path.write_text(textwrap.dedent(text), "utf-8")
    return str(path)


def _merged(*overlays: str) -> Knowledge:
    return load_knowledge(extra=overlays)


def _problems(*overlays: str) -> KnowledgeError:
    with pytest.raises(KnowledgeError) as caught:
        _merged(*overlays)
    return caught.value


def _index(name: str) -> int:
    """Where the bundled file lists the entry called `name`, counted from 0 as problems are."""
    return [entry.name for entry in load_knowledge().entries].index(name)


def _bundled_line(text: str) -> int:
    """The line of the bundled file that holds `text`, counted from 1 as problems are."""
    lines = Path(bundled_knowledge_path()).read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_a_team_tool_answers_and_the_bundled_ones_still_do(tmp_path: Path) -> None:
    merged = _merged(_write(tmp_path / "team-tools.yaml", SKUPPER))
    bundled = load_knowledge()
    assert len(merged.entries) == len(bundled.entries) + 1
    frobnitz = answer(merged, "which layer is frobnitz router?")
    assert (frobnitz.matched, frobnitz.layer_numbers) == ("Frobnitz", (7,))
    assert answer(merged, "metallb") == answer(bundled, "metallb")
    assert answer(merged, "calico").layer_numbers == (3,)


def test_every_entry_records_the_file_it_comes_from(tmp_path: Path) -> None:
    team_file = _write(tmp_path / "team-tools.yaml", SKUPPER)
    merged = _merged(team_file)
    frobnitz, calico = merged.find("Frobnitz"), merged.find("Calico")
    assert frobnitz is not None
    assert calico is not None
    assert (frobnitz.origin.file, frobnitz.origin.team, frobnitz.origin.replaces) == (
        team_file,
        True,
        None,
    )
    assert frobnitz.origin.file_name == "team-tools.yaml"
    assert (calico.origin.file, calico.origin.team) == (bundled_knowledge_path(), False)


def test_replaces_changes_the_answer_and_records_what_it_replaced(tmp_path: Path) -> None:
    """A table tool may be replaced: the team disagrees with the table, and says so."""
    merged = _merged(_write(tmp_path / "ours.yaml", OUR_METALLB))
    metallb = answer(merged, "which layer is metal lb?")
    assert metallb.layer_numbers == (3,)  # the bundled MetalLB says L4 and L2
    assert metallb.entry is not None
    assert metallb.entry.summary == "Our MetalLB runs in BGP mode only."
    assert metallb.entry.origin.replaces == "MetalLB"
    # Replaced in place: one MetalLB, where the bundled file had it.
    bundled = load_knowledge()
    assert [e.name for e in merged.entries] == [e.name for e in bundled.entries]


def test_a_replacement_frees_the_old_entrys_aliases(tmp_path: Path) -> None:
    """The replaced entry's names are gone: only the replacement's own names find it."""
    overlay = OUR_METALLB.replace("aliases: [metallb, metal lb]", "aliases: [our lb]")
    merged = _merged(_write(tmp_path / "ours.yaml", overlay))
    assert answer(merged, "our lb").matched == "MetalLB"
    assert answer(merged, "metal lb").matched == "MetalLB"  # still its name, as one word


def test_a_bundled_name_without_replaces_names_both_places(tmp_path: Path) -> None:
    overlay = _write(
        tmp_path / "team.yaml",
        """\
        entries:
          - name: Calico
            kind: tool
            summary: Our Calico.
            aliases: [calico cni]
            layers:
              3: Routes pods.
        """,
    )
    error = _problems(overlay)
    assert error.source == overlay
    line = _bundled_line("- name: Calico")
    assert error.problems == [
        f"2:5: entries[0] (Calico): 'Calico' is already the name of "
        f"entries[{_index('Calico')}] (Calico) at {bundled_knowledge_path()}:{line}:5; "
        "to replace that entry, add `replaces: Calico`"
    ]  # one problem: its aliases that the bundled Calico also has are not listed again


def test_an_alias_claimed_by_the_bundled_file_names_both_places(tmp_path: Path) -> None:
    overlay = _write(
        tmp_path / "team.yaml",
        """\
        entries:
          - name: Our Mesh
            kind: tool
            summary: Our mesh.
            aliases: [linkerd2]
            layers:
              7: Routes requests.
        """,
    )
    error = _problems(overlay)
    line = _bundled_line("linkerd2")
    column = Path(bundled_knowledge_path()).read_text("utf-8").splitlines()[line - 1]
    place = f"{bundled_knowledge_path()}:{line}:{column.index('linkerd2') + 1}"
    assert error.problems == [
        f"5:15: entries[0] (Our Mesh): alias 'linkerd2' is also claimed by "
        f"entries[{_index('Linkerd')}] (Linkerd) at {place}"
    ]


def test_an_alias_claimed_by_two_overlays_names_both_files(tmp_path: Path) -> None:
    first = _write(tmp_path / "a.yaml", SKUPPER)
    second = _write(
        tmp_path / "b.yaml",
        """\
        entries:
          - name: Other Router
            kind: tool
            summary: Another router.
            layers:
              7:
                role: Routes requests.
                aliases: [Frobnitz Router]
        """,
    )
    error = _problems(first, second)
    assert error.source == second  # the later file, where the clash appears
    assert error.problems == [
        "8:19: entries[0] (Other Router): alias 'Frobnitz Router' is also claimed by "
        f"entries[0] (Frobnitz) at {first}:6:15"
    ]


def test_a_team_entry_named_twice_across_overlays_is_an_error(tmp_path: Path) -> None:
    first = _write(tmp_path / "a.yaml", SKUPPER)
    second = _write(tmp_path / "b.yaml", SKUPPER.replace("aliases: [frobnitz router]", ""))
    error = _problems(first, second)
    assert error.problems == [
        "3:5: entries[0] (Frobnitz): 'Frobnitz' is already the name of entries[0] (Frobnitz) "
        f"at {first}:3:5; rename one of them"
    ]


def test_replaces_naming_nothing_is_an_error(tmp_path: Path) -> None:
    overlay = _write(
        tmp_path / "team.yaml", OUR_METALLB.replace("replaces: MetalLB", "replaces: MetalDB")
    )
    assert _problems(overlay).problems == [
        "3:5: entries[0] (MetalLB): replaces 'MetalDB', but no entry has that name"
    ]


def test_replaces_naming_an_alias_asks_for_the_entrys_name(tmp_path: Path) -> None:
    overlay = _write(
        tmp_path / "team.yaml",
        OUR_METALLB.replace("replaces: MetalLB", "replaces: metallb load balancer").replace(
            "aliases: [metallb, metal lb]", ""
        ),
    )
    line = _bundled_line("aliases: [metal-lb, metal lb")
    (problem,) = _problems(overlay).problems
    assert problem.startswith(
        "3:5: entries[0] (MetalLB): replaces 'metallb load balancer', an alias of MetalLB ("
    )
    assert f"{bundled_knowledge_path()}:{line}:" in problem
    assert problem.endswith("name the entry: `replaces: MetalLB`")


def test_two_overlays_replacing_one_entry_name_both_places(tmp_path: Path) -> None:
    first = _write(tmp_path / "a.yaml", OUR_METALLB)
    second = _write(tmp_path / "b.yaml", OUR_METALLB)
    assert _problems(first, second).problems == [
        "3:5: entries[0] (MetalLB): replaces 'MetalLB', which entries[0] (MetalLB) at "
        f"{first}:2:5 already does; one team entry may stand in for an entry"
    ]


def test_layers_in_an_overlay_are_refused_in_one_clear_line(tmp_path: Path) -> None:
    overlay = _write(tmp_path / "team.yaml", "layers:\n  - number: 7\n" + SKUPPER)
    error = _problems(overlay)
    assert error.problems == [
        "1:1: layers: a team overlay cannot redefine the layers: they come from the main "
        "knowledge file; an overlay holds only 'entries' (and 'version')"
    ]


def test_a_new_team_entry_cannot_claim_the_reference_table(tmp_path: Path) -> None:
    overlay = _write(
        tmp_path / "team.yaml", SKUPPER.replace("kind: tool", "kind: tool\n    table: true")
    )
    assert _problems(overlay).problems == [
        "5:5: entries[0] (Frobnitz).table: a new team entry cannot be a tool of the reference "
        "table; to correct one, add `replaces: <its name>`"
    ]


def test_an_overlay_is_validated_like_the_main_file(tmp_path: Path) -> None:
    overlay = _write(
        tmp_path / "team.yaml",
        SKUPPER.replace("7: Routes", "9: Routes").replace(
            "kind: tool", "kind: tool\n    replace: Envoy"
        ),
    )
    problems = _problems(overlay).problems
    assert problems[0].startswith("5:5: entries[0] (Frobnitz): unknown field 'replace' (allowed: ")
    assert "replaces" in problems[0]
    assert problems[1] == (
        "9:7: entries[0] (Frobnitz).layers.9: layer 9 is outside 1-7 "
        "(the OSI model has seven layers)"
    )


def test_an_overlay_goes_through_the_hardened_loader(tmp_path: Path) -> None:
    laughs = _write(tmp_path / "laughs.yaml", billion_laughs())
    assert "anchors and aliases are not allowed" in _problems(laughs).problems[0]
    # The cap holds for each file on its own: the bundled file fits it, the overlay not.
    size = Path(bundled_knowledge_path()).stat().st_size
    big = _write(tmp_path / "big.yaml", SKUPPER + "#" * size)
    with pytest.raises(KnowledgeError, match="larger than the") as caught:
        load_knowledge(extra=[big], max_bytes=size)
    assert caught.value.source == big


def test_a_directory_merges_its_yaml_files_in_name_order(tmp_path: Path) -> None:
    teams = tmp_path / "teams"
    teams.mkdir()
    _write(teams / "b-ours.yml", OUR_METALLB)
    _write(teams / "a-tools.yaml", SKUPPER)
    _write(teams / "notes.txt", "not YAML")
    _write(teams / ".hidden.yaml", "layers: [")
    (teams / "..data").mkdir()  # how a Kubernetes ConfigMap volume looks
    assert overlay_files([str(teams)]) == (str(teams / "a-tools.yaml"), str(teams / "b-ours.yml"))
    merged = _merged(str(teams))
    assert answer(merged, "frobnitz").matched == "Frobnitz"
    assert answer(merged, "metallb").layer_numbers == (3,)


def test_an_empty_directory_is_no_overlay(tmp_path: Path) -> None:
    assert load_knowledge(extra=[str(tmp_path)]).entries == load_knowledge().entries


def test_an_empty_overlay_adds_nothing(tmp_path: Path) -> None:
    merged = _merged(_write(tmp_path / "team.yaml", "version: 1\nentries: []\n"))
    assert len(merged.entries) == len(load_knowledge().entries)
    assert _problems(_write(tmp_path / "empty.yaml", "")).problems == [
        "the file is empty; a team overlay needs 'entries'"
    ]


def test_a_missing_overlay_is_one_clear_problem(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.yaml")
    error = _problems(missing)
    assert (error.source, error.problems) == (
        missing,
        ["no such file or directory (a team overlay, named in OSI_KNOWLEDGE_EXTRA)"],
    )


def test_no_overlay_costs_no_merge(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without overlays the loader never reaches the merging code (the CLI's cold start)."""

    def refuse(*_: object) -> None:
        raise AssertionError("merged without overlays")

    monkeypatch.setattr(load_module, "_build_merged", refuse)
    assert load_knowledge(extra=()).entries


def test_replacing_every_entry_of_a_layer_is_an_error(tmp_path: Path) -> None:
    """Every layer still needs an entry once the overlays are merged."""
    session = [entry.name for entry in load_knowledge().entries_at(5)]
    items = [
        f"  - {{name: {name}, replaces: {name}, kind: concept, summary: Ours, layers: {{7: L7}}}}"
        for name in session
    ]
    overlay = _write(tmp_path / "team.yaml", "\n".join(["entries:", *items, ""]))
    assert _problems(overlay).problems == [
        f"2:5: entries[0] ({session[0]}): replacing {session[0]} leaves layer 5 (Session) with "
        "no tool or concept; every layer needs at least one entry"
    ]


def test_a_file_named_twice_is_merged_once(tmp_path: Path) -> None:
    """Named itself and through its directory: once, where first named, not a clash."""
    overlay = _write(tmp_path / "team.yaml", SKUPPER)
    assert overlay_files([overlay, str(tmp_path)]) == (overlay,)
    merged = _merged(overlay, str(tmp_path))
    assert [e.name for e in merged.entries].count("Frobnitz") == 1


def test_every_clash_of_an_overlay_is_reported_at_once_in_file_order(tmp_path: Path) -> None:
    overlay = _write(
        tmp_path / "team.yaml",
        """\
        entries:
          - name: Our Mesh
            kind: tool
            summary: Our mesh.
            aliases: [linkerd2]
            layers:
              7: Routes requests.
          - name: MetalLB
            replaces: MetalDB
            kind: tool
            summary: Ours.
            layers:
              3: Announces IPs.
        """,
    )
    problems = _problems(overlay).problems
    # Replacements are checked first, yet the problems read top to bottom.
    assert [p.split(": ")[:2] for p in problems] == [
        ["5:15", "entries[0] (Our Mesh)"],
        ["9:5", "entries[1] (MetalLB)"],
    ]


def test_a_team_entry_may_link_to_a_bundled_one(tmp_path: Path) -> None:
    overlay = _write(
        tmp_path / "links.yaml",
        SKUPPER.replace("    layers:", "    uses: [envoy]\n    layers:"),
    )
    knowledge = _merged(overlay)
    frobnitz = next(e for e in knowledge.entries if e.name == "Frobnitz")
    assert frobnitz.uses == ("Envoy",)  # spelled as the entry it names


def test_a_team_link_to_no_entry_is_one_problem_at_its_place(tmp_path: Path) -> None:
    overlay = _write(
        tmp_path / "links.yaml",
        SKUPPER.replace("    layers:", "    uses: [Nonexistent Proxy]\n    layers:"),
    )
    problem = str(_problems(overlay))
    assert "uses 'Nonexistent Proxy' names no entry" in problem
    assert "7:" in problem  # the line the link is written on
