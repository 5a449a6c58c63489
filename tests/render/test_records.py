"""The --json record: one subject keeps its shape; several add `subjects` and `relation`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.answering import answer
from bot.render.records import answer_record

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge


def test_one_subject_has_no_subjects_key(knowledge: Knowledge) -> None:
    record = answer_record(answer(knowledge, "metallb"), knowledge)
    assert "subjects" not in record
    assert "relation" not in record
    assert record["layers"] == [4]


def test_several_subjects_are_listed_and_layers_is_their_union(knowledge: Knowledge) -> None:
    record = answer_record(answer(knowledge, "is haproxy above metallb?"), knowledge)
    assert record["layers"] == [5, 4]
    assert record["verdict"] is True
    assert record["relation"] == "above"
    assert [(s["matched"], s["kind"], s["layers"]) for s in record["subjects"]] == [
        ("HAProxy", "tool", [5]),
        ("MetalLB", "tool", [4]),
    ]
    (metallb_role,) = record["subjects"][1]["roles"]
    assert metallb_role["layer"] == 4
    assert metallb_role["role"].startswith("Gives LoadBalancer Services")


def test_layers_beyond_the_table_are_listed_apart_from_the_claimed_ones(
    knowledge: Knowledge,
) -> None:
    record = answer_record(answer(knowledge, "does cilium do l7?"), knowledge)
    assert record["layers"] == [3]
    assert record["verdict"] is True
    assert [(f["layer"], f["source"].startswith("https://")) for f in record["also_layers"]] == [
        (7, True),
        (4, True),
    ]
    assert record["also_layers"][0]["role"].startswith("Enforces HTTP-aware (L7)")
    assert answer_record(answer(knowledge, "L4"), knowledge)["also_layers"] == []


def test_a_layer_answer_marks_the_table_tools_and_the_extras(knowledge: Knowledge) -> None:
    text = answer_record(answer(knowledge, "layer 7"), knowledge)["text"]
    (tools,) = [line for line in text.splitlines() if line.startswith("  Tools: ")]
    table, extras = tools.removeprefix("  Tools: ").split(" (reference table); beyond it: ")
    assert "NGINX Ingress" in table.split(", ")
    assert "Linkerd" in extras.split(", ")


def test_related_entries_are_listed_by_name_and_relation(knowledge: Knowledge) -> None:
    record = answer_record(answer(knowledge, "emissary"), knowledge)
    assert record["related"] == [{"name": "Envoy", "relation": "uses"}]
    assert "Related: Envoy (uses)." in record["text"]
    envoy = answer_record(answer(knowledge, "envoy"), knowledge)["related"]
    assert envoy[:2] == [
        {"name": "Istio", "relation": "used by"},
        {"name": "Emissary-ingress", "relation": "used by"},
    ]
    for question in ("layer 4", "envoy vs kube-proxy", "zzz"):  # no single entry
        assert answer_record(answer(knowledge, question), knowledge)["related"] == []


def test_a_thing_with_no_layer_claims_none_and_says_why(knowledge: Knowledge) -> None:
    record = answer_record(answer(knowledge, "what osi layer is a Deployment"), knowledge)
    deployment = knowledge.find("Deployment")
    assert deployment is not None
    assert (record["matched"], record["kind"], record["layers"]) == ("Deployment", "concept", [])
    assert record["no_layer"] == deployment.no_layer
    assert record["verdict"] is None
    assert answer_record(answer(knowledge, "metallb"), knowledge)["no_layer"] is None
