"""Rendering answers into embeds: understood, a field per layer, source, colour, limits."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.adapters.discord.embeds import LAYER_COLOURS, Limits, answer_embed
from bot.core.answering import answer
from bot.core.knowledge import Entry, EntryKind, Knowledge, Layer, LayerRole
from bot.core.matching import index_knowledge
from bot.core.model import Answer, AnswerKind
from bot.core.phrasing import HELP_INTRO, headline, unknown_line
from bot.core.text import MAX_QUESTION_CHARS
from tests.fakes.knowledge_files import with_team_overlay

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


def embed_for(knowledge: Knowledge, question: str) -> discord.Embed:
    return answer_embed(answer(knowledge, question), knowledge)


def fields(embed: discord.Embed) -> dict[str, str]:
    return {str(field.name): str(field.value) for field in embed.fields}


def limit_problems(embed: discord.Embed) -> Iterator[str]:
    """Every way `embed` breaks Discord's limits (none, for a valid embed)."""
    checks = [
        ("title", embed.title, Limits.TITLE),
        ("description", embed.description, Limits.DESCRIPTION),
        ("author", embed.author.name, Limits.AUTHOR),
        ("footer", embed.footer.text, Limits.FOOTER),
    ]
    for field in embed.fields:
        checks.append(("field name", field.name, Limits.FIELD_NAME))
        checks.append(("field value", field.value, Limits.FIELD_VALUE))
    for part, text, limit in checks:
        if text is not None and len(text) > limit:
            yield f"{part} has {len(text)} > {limit} characters"
    for field in embed.fields:
        if not field.name or not field.value:
            yield f"empty field {field.name!r}"
    if len(embed.fields) > Limits.FIELDS:
        yield f"{len(embed.fields)} > {Limits.FIELDS} fields"
    if len(embed) > Limits.TOTAL:
        yield f"{len(embed)} > {Limits.TOTAL} characters in total"


def test_a_tool_embed_shows_its_layer_role_summary_source_and_colour(
    knowledge: Knowledge,
) -> None:
    """An exact name needs no "Understood" line; the source is the title's link, once."""
    embed = embed_for(knowledge, "what layer is cilium?")
    cilium = knowledge.find("Cilium")
    assert cilium is not None
    assert embed.author.name is None
    assert embed.title == "Cilium"
    assert embed.url == cilium.source
    assert embed.description is not None
    assert embed.description.startswith("**Cilium works at Layer 3 (Network).**")
    assert cilium.summary in embed.description
    assert fields(embed) == {
        "Layer 3 (Network)": cilium.role_at(3),
        "Beyond the table": "\n".join(f"**L{f.layer}**: {f.role}" for f in cilium.also),
        "Related": "eBPF (uses), Envoy (uses), VXLAN (uses), Geneve (uses), BGP (uses)",
    }
    assert embed.colour == discord.Colour(LAYER_COLOURS[3])


def test_a_tool_at_several_layers_gets_a_field_per_layer_highest_first(
    knowledge: Knowledge,
) -> None:
    envoy = knowledge.find("Envoy")
    assert envoy is not None
    embed = embed_for(knowledge, "envoy")
    layer_fields = [f for f in embed.fields if str(f.name).startswith("Layer ")]
    assert [f.name for f in layer_fields] == [
        "Layer 7 (Application)",
        "Layer 6 (Presentation)",
        "Layer 5 (Session)",
    ]
    assert [f.value for f in layer_fields] == [envoy.role_at(n) for n in (7, 6, 5)]
    assert embed.colour == discord.Colour(LAYER_COLOURS[7])


def test_a_corrected_typo_shows_what_the_user_typed(knowledge: Knowledge) -> None:
    embed = embed_for(knowledge, "cillium")
    assert embed.author.name == "Understood: Cilium — you typed “cillium”."


def test_the_headline_is_the_cores_verdict_with_layer_names(knowledge: Knowledge) -> None:
    result = answer(knowledge, "is calico layer 2?")
    embed = answer_embed(result, knowledge)
    assert embed.description is not None
    assert embed.description.startswith(f"**{headline(result, knowledge)}**")
    assert "Layer 2 (Data Link)" in embed.description


def test_one_facet_of_a_tool_shows_that_layer_and_mentions_the_others(
    knowledge: Knowledge,
) -> None:
    embed = embed_for(knowledge, "istio mtls")
    assert [f.name for f in embed.fields if str(f.name).startswith("Layer ")] == [
        "Layer 6 (Presentation)"
    ]
    assert embed.description is not None
    assert "Istio as a whole also works at L7." in embed.description
    assert embed.colour == discord.Colour(LAYER_COLOURS[6])


def test_other_entries_named_outside_the_question_are_listed(knowledge: Knowledge) -> None:
    embed = embed_for(knowledge, "we run calico. what layer is envoy?")
    assert fields(embed)["Also mentioned"] == "Calico (L3)"


def test_a_layer_found_by_description_says_which_sentence_placed_it(
    knowledge: Knowledge,
) -> None:
    embed = embed_for(knowledge, "at which layer are frames built from packets")
    assert str(embed.title).startswith("Layer 2 (Data Link)")
    assert embed.description is not None
    picture, basis, *_ = embed.description.split("\n\n")
    assert "│ L2 Data Link     ● │" in picture
    assert basis.startswith("*Found from what you described; the knowledge says:")


def test_several_subjects_sit_side_by_side_in_inline_fields(knowledge: Knowledge) -> None:
    """One inline field per subject (a row on desktop, stacked on mobile), the verdict first."""
    embed = embed_for(knowledge, "is haproxy above metallb?")
    subject_fields = [(f.name, f.inline) for f in embed.fields]
    assert subject_fields == [("HAProxy", True), ("MetalLB", True)]
    assert fields(embed)["HAProxy"].startswith("**Layer 5 (Session)**: ")
    assert fields(embed)["MetalLB"].startswith("**Layer 4 (Transport)**: ")
    assert embed.description is not None
    assert embed.description.startswith("**Yes — HAProxy (L5) sits above MetalLB (L4).**")
    assert "MetalLB** — A load-balancer implementation" in embed.description
    assert list(limit_problems(embed)) == []


def test_a_layer_embed_describes_the_layer_and_lists_its_tools(knowledge: Knowledge) -> None:
    """The layer is named once, in the headline that titles the embed."""
    result = answer(knowledge, "layer 4")
    embed = answer_embed(result, knowledge)
    layer = knowledge.layer(4)
    assert embed.title == discord.utils.escape_markdown(headline(result, knowledge))
    assert embed.author.name is None
    assert embed.description is not None
    picture, description = embed.description.split("\n\n")
    assert picture.startswith("```\n┌")
    assert picture.endswith("└────────────────────┘\n```")  # no legend: the title says it
    assert "│ L4 Transport     ● │" in picture
    assert description == discord.utils.escape_markdown(layer.description)
    (field,) = embed.fields
    assert field.name == "Tools"
    assert str(field.value).startswith("kube-proxy")
    assert embed.colour == discord.Colour(LAYER_COLOURS[4])


def test_several_layers_get_a_named_field_each(knowledge: Knowledge) -> None:
    embed = embed_for(knowledge, "layers 3 to 4")
    named = {str(f.name).split(" — ")[0]: str(f.value) for f in embed.fields}
    assert sorted(named) == ["Layer 3 (Network)", "Layer 4 (Transport)"]
    assert "**Tools:** kube-proxy" in named["Layer 4 (Transport)"]


def test_every_layer_has_its_own_colour(knowledge: Knowledge) -> None:
    colours = {n: embed_for(knowledge, f"layer {n}").colour for n in range(1, 8)}
    assert colours == {n: discord.Colour(LAYER_COLOURS[n]) for n in range(1, 8)}
    assert len(set(colours.values())) == 7


def test_help_introduces_the_bot_and_points_at_its_example_buttons(knowledge: Knowledge) -> None:
    embed = embed_for(knowledge, "help")
    assert embed.description == HELP_INTRO
    assert "examples below" in fields(embed)["Try"]
    assert "/osi" in fields(embed)["How to ask"]


def test_an_unknown_question_says_so_and_lists_the_suggestions(knowledge: Knowledge) -> None:
    unsure = Answer(
        "serviec mesh",
        AnswerKind.UNKNOWN,
        unknown_term="serviec mesh",
        suggestions=("Istio", "ClusterIP"),
    )
    embed = answer_embed(unsure, knowledge)
    assert embed.description == unknown_line(unsure)
    assert "serviec mesh" in embed.description
    assert fields(embed) == {"Did you mean": "Istio, ClusterIP"}
    assert embed.colour not in {discord.Colour(c) for c in LAYER_COLOURS.values()}


def test_an_unknown_question_without_suggestions_says_what_to_ask(knowledge: Knowledge) -> None:
    embed = embed_for(knowledge, "what layer is lunch")
    assert "layer from 1 to 7" in fields(embed)["Try"]
    assert not any(str(f.name).startswith("Layer ") for f in embed.fields)


def test_a_long_message_is_flagged_in_the_footer(knowledge: Knowledge) -> None:
    embed = embed_for(knowledge, "envoy " + "x" * MAX_QUESTION_CHARS)
    assert embed.footer.text == "Your message was long; I read only its beginning."


def test_user_text_echoed_back_cannot_format_or_mention(knowledge: Knowledge) -> None:
    cilium = knowledge.find("Cilium")
    assert cilium is not None
    base = Answer(
        question="?", kind=AnswerKind.UNKNOWN, unknown_term="**@everyone** <@&1234567890123456789>"
    )
    embed = answer_embed(base, knowledge)
    assert embed.description is not None
    assert "**@everyone**" not in embed.description
    assert "@\u200beveryone" in embed.description
    assert "<@&1234567890123456789>" not in embed.description
    typo = answer(knowledge, "cillium")
    embed = answer_embed(typo._replace(typed="__ci*l*lium__"), knowledge)
    assert "__ci*l*lium__" not in str(embed.description)


@given(question=st.text(max_size=700))
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_question_renders_within_discords_limits(knowledge: Knowledge, question: str) -> None:
    assert list(limit_problems(embed_for(knowledge, question))) == []


def test_every_entry_and_layer_renders_within_discords_limits(knowledge: Knowledge) -> None:
    questions = [e.name for e in knowledge.entries] + [f"layer {n}" for n in range(1, 8)]
    for question in questions:
        assert list(limit_problems(embed_for(knowledge, question))) == [], question


def _huge_knowledge() -> Knowledge:
    """Knowledge far past every limit: long texts, every layer, dozens of tools each."""
    layers = {
        n: Layer(n, f"Layer name {n} " * 30, "component " * 200, "function " * 50, "d" * 3000)
        for n in range(1, 8)
    }
    entries = tuple(
        Entry(
            name=f"tool-{n}-{i}-" + "n" * 200,
            kind=EntryKind.TOOL,
            roles=tuple(LayerRole(layer, "r" * 2000) for layer in range(7, 0, -1)),
            summary="s" * 5000,
            source="https://example.com/" + "p" * 1100,
            note="n" * 3000,
        )
        for n in range(1, 8)
        for i in range(30)
    )
    return index_knowledge(layers, entries)


@pytest.mark.parametrize("kind", [AnswerKind.TOOL, AnswerKind.LAYER])
def test_oversized_knowledge_is_trimmed_to_fit(kind: AnswerKind) -> None:
    huge = _huge_knowledge()
    layers = tuple(huge.layer(n) for n in range(7, 0, -1))
    entry = huge.entries[0] if kind is AnswerKind.TOOL else None
    result = Answer(
        question="?", kind=kind, entry=entry, layers=layers, also=huge.entries[1:4], truncated=True
    )
    embed = answer_embed(result, huge)
    assert list(limit_problems(embed)) == []
    assert embed.fields  # trimmed, not emptied


def test_the_stack_follows_the_headline_in_a_code_block_with_its_legend(
    knowledge: Knowledge,
) -> None:
    """A code block keeps the picture's columns lined up, on the mobile app too."""
    embed = embed_for(knowledge, "cilium")
    assert embed.description is not None
    headline_, picture, *_ = embed.description.split("\n\n")
    assert headline_ == "**Cilium works at Layer 3 (Network).**"
    box, legend = picture.removeprefix("```\n").split("\n```\n")
    assert box.splitlines()[1] == "│ L7 Application   ○ │"
    assert box.splitlines()[5] == "│ L3 Network       ● │"
    assert max(len(line) for line in box.splitlines()) <= 32  # phone-wide
    assert legend == "● Cilium · ○ beyond the table"


def test_a_comparison_draws_both_subjects_on_one_stack(knowledge: Knowledge) -> None:
    embed = embed_for(knowledge, "envoy vs kube-proxy")
    assert embed.description is not None
    assert "```\n┌───────────────── A B ┐\n" in embed.description
    assert "\nA Envoy · B kube-proxy · ○ beyond the table" in embed.description
    assert list(limit_problems(embed)) == []


def test_the_stack_legend_cannot_format_or_ping(knowledge: Knowledge) -> None:
    result = answer(knowledge, "cilium")
    assert result.entry is not None
    renamed = result._replace(entry=result.entry._replace(name="@everyone *Cil*"))
    description = answer_embed(renamed, knowledge).description or ""
    assert "\n● @\u200beveryone \\*Cil\\* · ○ beyond the table" in description


@pytest.mark.parametrize("question", ["help", "what layer is lunch", "callisto"])
def test_an_answer_without_layers_draws_no_stack(knowledge: Knowledge, question: str) -> None:
    embed = embed_for(knowledge, question)
    shown = [embed.description or "", *(str(f.value) for f in embed.fields)]
    assert not any("```" in text for text in shown)


def test_an_answer_from_the_teams_knowledge_says_so_in_the_footer(tmp_path: Path) -> None:
    team = with_team_overlay(tmp_path)
    assert (
        embed_for(team, "frobnitz").footer.text == "From your team's knowledge (team-tools.yaml)."
    )
    assert embed_for(team, "metallb").footer.text == (
        "From your team's knowledge (team-tools.yaml), in place of the bundled MetalLB entry."
    )
    assert embed_for(team, "calico").footer.text is None
    # A truncated question keeps its note beside it.
    long = answer(team, "frobnitz " + "x" * (MAX_QUESTION_CHARS + 10))
    assert long.truncated
    footer = answer_embed(long, team).footer.text
    assert footer is not None
    assert footer.startswith("From your team's knowledge (team-tools.yaml). · ")


def test_a_thing_with_no_layer_says_why_and_where_its_work_meets_a_layer(
    knowledge: Knowledge,
) -> None:
    embed = embed_for(knowledge, "kubelet, where in the osi model")
    kubelet = knowledge.find("kubelet")
    assert kubelet is not None
    assert kubelet.no_layer is not None
    assert embed.title == "kubelet"
    assert embed.description is not None
    assert embed.description.startswith(
        f"**kubelet has no OSI layer of its own.**\n\n{kubelet.no_layer}"
    )
    assert set(fields(embed)) == {"Where it touches"}
    assert list(limit_problems(embed)) == []
