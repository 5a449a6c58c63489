"""The `--json` shape of an answer, for scripts and batch checks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.render.text import render_text

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge
    from bot.core.model import Answer

__all__ = ["answer_record"]


def answer_record(answer: Answer, knowledge: Knowledge | None = None) -> dict[str, Any]:
    """question, kind, matched, layers, suggestions and text, plus what was understood."""
    return {
        "question": answer.question,
        "kind": answer.kind.value,
        "matched": answer.matched,
        "layers": list(answer.layer_numbers),
        "suggestions": list(answer.suggestions),
        "text": render_text(answer, knowledge),
        "typed": answer.typed,
        "verdict": answer.verdict,
        "roles": {str(layer.number): answer.entry.role_at(layer.number) for layer in answer.layers}
        if answer.entry
        else {},
        "truncated": answer.truncated,
    }
