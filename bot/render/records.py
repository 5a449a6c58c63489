"""The `--json` shape of an answer, for scripts and batch checks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.render.text import render_text

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge
    from bot.core.model import Answer

__all__ = ["answer_record"]


def answer_record(answer: Answer, knowledge: Knowledge | None = None) -> dict[str, Any]:
    """question, kind, matched, layers, suggestions and text, plus what was understood.

    `roles` is a list of {"layer": n, "role": ...}, highest layer first like `layers`, so
    layer numbers are integers everywhere (JSON object keys could only be strings).
    """
    entry = answer.entry
    claimed = set(answer.layer_numbers)
    return {
        "question": answer.question,
        "kind": answer.kind.value,
        "matched": answer.matched,
        "layers": list(answer.layer_numbers),
        "suggestions": list(answer.suggestions),
        "text": render_text(answer, knowledge),
        "typed": answer.typed,
        "verdict": answer.verdict,
        "roles": [{"layer": r.layer, "role": r.role} for r in entry.roles if r.layer in claimed]
        if entry
        else [],
        "summary": entry.summary if entry else None,
        "note": entry.note if entry else None,
        "source": entry.source if entry else None,
        "also": [other.name for other in answer.also],
        "truncated": answer.truncated,
    }
