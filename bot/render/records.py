"""The `--json` shape of an answer, for scripts and batch checks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.render.text import render_text

if TYPE_CHECKING:
    from bot.core.knowledge import Entry, Knowledge
    from bot.core.model import Answer, Subject

__all__ = ["answer_record"]


def answer_record(answer: Answer, knowledge: Knowledge | None = None) -> dict[str, Any]:
    """question, kind, matched, layers, suggestions and text, plus what was understood;
    `subjects` and `relation` only when the question asked about several things.

    `roles` is a list of {"layer": n, "role": ...}, highest layer first like `layers`, so
    layer numbers are integers everywhere (JSON object keys could only be strings).
    """
    entry = answer.entry
    claimed = set(answer.layer_numbers)
    record = {
        "question": answer.question,
        "kind": answer.kind.value,
        "matched": answer.matched,
        "layers": list(answer.layer_numbers),
        "suggestions": list(answer.suggestions),
        # The picture is left out: `layers` says the same to a script.
        "text": render_text(answer, knowledge, picture=False),
        "typed": answer.typed,
        "verdict": answer.verdict,
        "roles": [{"layer": r.layer, "role": r.role} for r in entry.roles if r.layer in claimed]
        if entry
        else [],
        "summary": entry.summary if entry else None,
        "note": entry.note if entry else None,
        # Why the entry has no layer of its own ("what layer is a Deployment"); then
        # `layers` is empty, and `also_layers` says where its work meets a layer.
        "no_layer": entry.no_layer if entry else None,
        "source": entry.source if entry else None,
        "also": [other.name for other in answer.also],
        # Where experts also place the entry, beyond the table's `layers` (never claimed).
        "also_layers": [{"layer": f.layer, "role": f.role, "source": f.source} for f in entry.also]
        if entry
        else [],
        # Entries linked to this one: [{"name": "Envoy", "relation": "uses"}], most specific first.
        "related": [{"name": link.name, "relation": link.kind.value} for link in answer.related],
        "truncated": answer.truncated,
        # Where the entry comes from: "bundled" (the main file) or "team" (an overlay).
        "origin": _origin(entry),
        "origin_file": entry.origin.file_name if entry else None,
    }
    if answer.subjects:
        # Several things asked about together: `layers` above is their union.
        record["subjects"] = [_subject_record(s) for s in answer.subjects]
        record["relation"] = answer.relation.value if answer.relation else None
    return record


def _origin(entry: Entry | None) -> str | None:
    if entry is None:
        return None
    return "team" if entry.origin.team else "bundled"


def _subject_record(subject: Subject) -> dict[str, Any]:
    entry = subject.entry
    return {
        "matched": entry.name,
        "kind": entry.kind.value,
        "layers": list(subject.layer_numbers),
        "roles": [{"layer": n, "role": entry.role_at(n)} for n in subject.layer_numbers],
        "typed": subject.typed,
        "origin": _origin(entry),
        "origin_file": entry.origin.file_name,
    }
