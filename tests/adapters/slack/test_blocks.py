"""Block Kit rendering: every answer is a valid message within limits, with text escaped."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.adapters.slack.blocks import ASK_ACTION_PREFIX, apology_message, render_answer
from bot.adapters.slack.limits import MAX_BLOCKS
from bot.core.answering import answer
from bot.core.knowledge import Entry, EntryKind, Knowledge, LayerRole
from bot.core.matching import index_knowledge
from bot.core.phrasing import EXAMPLE_QUESTIONS
from bot.core.relations import Link, LinkKind
from tests.adapters.slack.checks import assert_valid_message, mrkdwn_texts
from tests.fakes.knowledge_files import with_team_overlay

if TYPE_CHECKING:
    from pathlib import Path

_MARKUP = re.compile(r"<(?!https://[^|<>]+\|[^<>]+>)[^>]*>")


def _message(knowledge: Knowledge, question: str) -> dict[str, Any]:
    rendered = render_answer(answer(knowledge, question), knowledge)
    return {"text": rendered.text, "blocks": rendered.blocks}


def test_every_entry_every_layer_and_every_example_renders_a_valid_message(
    knowledge: Knowledge,
) -> None:
    questions = [
        *(entry.name for entry in knowledge.entries),
        *(f"layer {n}" for n in knowledge.layers),
        *EXAMPLE_QUESTIONS,
        "help",
        "what is a zorblaxian flux?",
        "is calico layer 2?",
    ]
    for question in questions:
        assert_valid_message(_message(knowledge, question))


def test_a_tool_answer_shows_each_layer_with_the_role_there_the_description_and_source(
    knowledge: Knowledge,
) -> None:
    result = answer(knowledge, "envoy")
    assert result.entry is not None
    assert result.entry.source is not None
    message = render_answer(result, knowledge)
    shown = "\n".join(mrkdwn_texts({"text": "", "blocks": message.blocks}))
    for layer in result.layers:
        assert f"*Layer {layer.number} ({layer.name})*" in shown
        assert (result.entry.role_at(layer.number) or "").replace("&", "&amp;") in shown
    assert result.entry.summary.replace("&", "&amp;") in shown
    assert f"<{result.entry.source.replace('&', '&amp;')}|" in shown


def test_a_layer_answer_lists_the_tools_at_that_layer(knowledge: Knowledge) -> None:
    message = render_answer(answer(knowledge, "layer 4"), knowledge)
    shown = "\n".join(mrkdwn_texts({"text": "", "blocks": message.blocks}))
    for entry in knowledge.entries_at(4, EntryKind.TOOL):
        assert entry.name.replace("&", "&amp;") in shown


def test_a_corrected_typo_says_what_was_understood(knowledge: Knowledge) -> None:
    result = answer(knowledge, "envoyy")
    assert result.typed is not None
    message = render_answer(result, knowledge)
    # Under the headline: the picture, its legend, then what was understood.
    understood = message.blocks[3]["elements"][0]["text"]
    assert understood == "Understood Envoy — you typed “envoyy”."


def test_suggestions_become_buttons_that_ask_them(knowledge: Knowledge) -> None:
    unsure = answer(knowledge, "zzz")._replace(suggestions=("Calico", "kube-proxy"))
    message = render_answer(unsure, knowledge)
    actions = message.blocks[-1]
    assert actions["type"] == "actions"
    assert [(b["action_id"], b["value"]) for b in actions["elements"]] == [
        (f"{ASK_ACTION_PREFIX}0", "Calico"),
        (f"{ASK_ACTION_PREFIX}1", "kube-proxy"),
    ]


def _related(blocks: list[Any]) -> tuple[Any, Any]:
    """The "Related:" line and the buttons after it."""
    at = next(
        i
        for i, b in enumerate(blocks)
        if b["type"] == "context" and b["elements"][0]["text"].startswith("Related:")
    )
    return blocks[at], blocks[at + 1]


def test_related_entries_are_listed_then_offered_as_buttons_that_ask_them(
    knowledge: Knowledge,
) -> None:
    message = render_answer(answer(knowledge, "istio"), knowledge)
    listed, actions = _related(message.blocks)
    assert listed["elements"][0]["text"] == (
        "Related: Envoy (uses), mTLS (uses), Istio ambient ztunnel (includes), "
        "Istio waypoint proxy (includes), Istio ingress gateway (includes)."
    )
    assert [(b["action_id"], b["text"]["text"], b["value"]) for b in actions["elements"]] == [
        (f"{ASK_ACTION_PREFIX}{i}", name, name)
        for i, name in enumerate(
            [
                "Envoy",
                "mTLS",
                "Istio ambient ztunnel",
                "Istio waypoint proxy",
                "Istio ingress gateway",
            ]
        )
    ]
    assert "Related: Envoy (uses), mTLS (uses)" in message.text
    assert_valid_message(message.as_kwargs())


def test_a_related_name_is_escaped_in_text_and_sent_back_as_written(knowledge: Knowledge) -> None:
    odd = answer(knowledge, "istio")._replace(related=(Link("<!here> & co", LinkKind.USES),))
    message = render_answer(odd, knowledge)
    listed, actions = _related(message.blocks)
    assert listed["elements"][0]["text"] == "Related: &lt;!here&gt; &amp; co (uses)."
    assert actions["elements"][0]["value"] == "<!here> & co"  # plain_text: never parsed
    assert not any(_MARKUP.search(text) for text in mrkdwn_texts(message.as_kwargs()))


def test_an_answer_without_related_entries_has_no_buttons(knowledge: Knowledge) -> None:
    message = render_answer(answer(knowledge, "cert-manager"), knowledge)
    asks = [
        element
        for block in message.blocks
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"].startswith(ASK_ACTION_PREFIX)
    ]
    assert asks == []
    assert "Related" not in str(message.as_kwargs())


def test_the_usage_names_the_command_as_the_workspace_called_it(knowledge: Knowledge) -> None:
    message = render_answer(answer(knowledge, "help"), knowledge, command="/layers")
    assert "`/layers &lt;question&gt;`" in str(message.blocks)


def test_the_apology_is_a_valid_message() -> None:
    apology = apology_message()
    assert_valid_message({"text": apology.text, "blocks": apology.blocks})


# -- hostile and oversized knowledge ----------------------------------------------------------

_LONG = "Routes traffic by path & host <here>. " * 400  # ~15,000 characters


def _knowledge_with(knowledge: Knowledge, **texts: str) -> Knowledge:
    layers = {
        n: layer._replace(description=texts.get("description", layer.description))
        for n, layer in knowledge.layers.items()
    }
    special = Entry(
        name=texts.get("name", "Zed Proxy"),
        kind=EntryKind.TOOL,
        roles=tuple(LayerRole(n, texts.get("role", "role")) for n in (7, 6, 5, 4, 3, 2, 1)),
        summary=texts.get("summary", "summary"),
        aliases=("zedproxy",),
        source="https://zed.example/docs",
        note=texts.get("note"),
    )
    return index_knowledge(layers, (*knowledge.entries, special))


@pytest.mark.parametrize("field", ["role", "summary", "note", "description"])
def test_oversized_knowledge_text_is_split_or_trimmed_never_rejected(
    knowledge: Knowledge, field: str
) -> None:
    big = _knowledge_with(knowledge, **{field: _LONG})
    for question in ("zedproxy", "layer 7"):
        message = _message(big, question)
        assert_valid_message(message)
        blocks = message["blocks"]
        assert isinstance(blocks, list)
        assert len(blocks) <= MAX_BLOCKS


def test_several_subjects_sit_side_by_side_in_section_fields(knowledge: Knowledge) -> None:
    message = _message(knowledge, "geneve vs vxlan")
    assert message["blocks"][0]["text"]["text"] == "*Same layer: Geneve (L2) and VXLAN (L2).*"
    (side_by_side,) = [b for b in message["blocks"] if "fields" in b]
    names = [field["text"].split("\n")[0] for field in side_by_side["fields"]]
    assert names == ["*Geneve* (tool)", "*VXLAN* (tool)"]
    assert all("*Layer 2 (Data Link)*" in field["text"] for field in side_by_side["fields"])
    assert all(field["verbatim"] for field in side_by_side["fields"])
    assert_valid_message(message)


def test_a_layer_found_by_description_says_which_sentence_placed_it(
    knowledge: Knowledge,
) -> None:
    message = _message(knowledge, "at which layer are frames built from packets")
    assert message["blocks"][0]["text"]["text"].startswith("*Layer 2 (Data Link)")
    assert "│ L2 Data Link     ● │" in message["blocks"][1]["text"]["text"]
    assert message["blocks"][2]["type"] == "context"
    basis = message["blocks"][2]["elements"][0]["text"]
    assert basis.startswith("Found from what you described; the knowledge says: “")
    assert_valid_message(message)


def test_a_wrong_premise_is_answered_no_with_the_true_order(knowledge: Knowledge) -> None:
    message = _message(knowledge, "is calico above metallb?")
    assert message["blocks"][0]["text"]["text"] == "*No — MetalLB (L4) sits above Calico (L3).*"
    assert message["text"].startswith("No — MetalLB (L4) sits above Calico (L3).")


def test_a_long_summary_is_split_across_sections_without_losing_words(
    knowledge: Knowledge,
) -> None:
    message = _message(_knowledge_with(knowledge, summary=_LONG), "zedproxy")
    sections = [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]
    assert len(sections) > 5
    assert "".join(sections).count("Routes traffic by path") == 400


def test_seven_huge_layers_are_trimmed_to_fifty_blocks_with_a_notice(knowledge: Knowledge) -> None:
    big = _knowledge_with(knowledge, description=_LONG * 2)
    every_layer = answer(big, "layer 4")._replace(layers=tuple(big.layers.values()))
    blocks = render_answer(every_layer, big).blocks
    assert len(blocks) == MAX_BLOCKS
    # The notice, then "Was this right?" and its buttons, which are kept.
    assert "Trimmed" in str(blocks[-3])
    assert [b["action_id"] for b in blocks[-1]["elements"]] == ["osi_vote_up", "osi_vote_down"]
    assert_valid_message({"text": "fallback", "blocks": blocks})


@settings(max_examples=60, deadline=None)
@given(text=st.text(min_size=1, max_size=300))
def test_any_knowledge_text_renders_valid_and_escaped(knowledge: Knowledge, text: str) -> None:
    hostile = _knowledge_with(
        knowledge, name=f"Zed {text}"[:80], role=text, summary=text, note=text, description=text
    )
    for question in ("zedproxy", "layer 3"):
        message = _message(hostile, question)
        assert_valid_message(message)
        for shown in mrkdwn_texts(message):
            assert not _MARKUP.search(shown)


def test_the_stack_follows_the_headline_in_a_code_block_with_its_legend(
    knowledge: Knowledge,
) -> None:
    """A code block keeps the picture's columns lined up, on the mobile app too."""
    message = render_answer(answer(knowledge, "envoy vs kube-proxy"), knowledge)
    picture, legend = message.blocks[1], message.blocks[2]
    assert picture["text"]["verbatim"] is True
    box = picture["text"]["text"]
    assert box.startswith("```\n┌───────────────── A B ┐\n")
    assert "│ L4 Transport     ○ ● │" in box
    assert box.endswith("┘\n```")
    assert max(len(line) for line in box.splitlines()) <= 32  # phone-wide
    assert legend["elements"][0]["text"] == "A Envoy · B kube-proxy · ○ beyond the table"
    assert "│ L4 Transport     ○ ● │" in message.text  # the plain fallback draws it too


def test_the_stack_legend_is_escaped(knowledge: Knowledge) -> None:
    result = answer(knowledge, "cilium")
    assert result.entry is not None
    renamed = result._replace(entry=result.entry._replace(name="<!channel> & co"))
    legend = render_answer(renamed, knowledge).blocks[2]["elements"][0]["text"]
    assert legend == "● &lt;!channel&gt; &amp; co · ○ beyond the table"


@pytest.mark.parametrize("question", ["help", "what layer is lunch", "callisto"])
def test_an_answer_without_layers_draws_no_stack(knowledge: Knowledge, question: str) -> None:
    message = render_answer(answer(knowledge, question), knowledge)
    assert "┌" not in message.text
    assert not any("```" in text for text in mrkdwn_texts(message.as_kwargs()))


def test_an_answer_from_the_teams_knowledge_says_so_in_small_print(tmp_path: Path) -> None:
    team = with_team_overlay(tmp_path)
    frobnitz = _message(team, "frobnitz")
    assert_valid_message(frobnitz)
    assert frobnitz["blocks"][-3] == {  # before "Was this right?" and its buttons
        "type": "context",
        "elements": [
            {
                "type": "mrkdwn",
                "text": "From your team's knowledge (team-tools.yaml).",
                "verbatim": True,
            }
        ],
    }
    assert "From your team's knowledge (team-tools.yaml)." in frobnitz["text"]
    calico = _message(team, "calico")
    assert not any("team" in text for text in mrkdwn_texts(calico))


def test_a_thing_with_no_layer_says_why_and_is_posted_for_all(knowledge: Knowledge) -> None:
    result = answer(knowledge, "is a Deployment at some osi layer?")
    deployment = knowledge.find("Deployment")
    assert deployment is not None
    assert deployment.no_layer is not None
    assert result.is_confident  # posted in the channel, like any sure answer
    message = _message(knowledge, "what osi layer is a Deployment")
    assert_valid_message(message)
    shown = mrkdwn_texts(message)
    assert shown[1] == "*Deployment has no OSI layer of its own.*"
    assert deployment.no_layer in shown
