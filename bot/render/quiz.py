"""The quiz in plain text: the terminal's question and verdict, and every platform's fallback."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge
    from bot.core.quiz import Question, Verdict

__all__ = ["NOTHING_TO_QUIZ", "STALE_QUESTION", "question_text", "verdict_text"]

NOTHING_TO_QUIZ = "The knowledge holds nothing to quiz about."
STALE_QUESTION = (
    "That question is from knowledge I no longer hold; ask for a new one with /osi quiz."
)


def question_text(question: Question, knowledge: Knowledge) -> str:
    """The question, its hint and the layers to choose from, one per line."""
    choices = [f"  {n} {knowledge.layers[n].name}" for n in sorted(knowledge.layers, reverse=True)]
    return "\n".join([question.text, question.hint, *choices])


def verdict_text(verdict: Verdict) -> str:
    """Right or not, the role at each of its layers, and one line of why."""
    lines = [verdict.headline]
    lines += [f"  L{layer.number} {layer.name}: {role}" for layer, role in verdict.roles]
    if verdict.facet_line:
        lines.append(verdict.facet_line)
    lines.append(verdict.why)
    return "\n".join(lines)
