"""The whole knowledge as readable text (`osi-bot layers`) and its summary (`osi-bot check`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.knowledge import EntryKind

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge

__all__ = ["render_table", "summary"]


def render_table(knowledge: Knowledge) -> str:
    """Every layer from 7 down: its Kubernetes function, description, tools and concepts."""
    blocks = []
    for layer in knowledge.layers.values():
        lines = [
            f"Layer {layer.number} — {layer.name}",
            f"  Kubernetes: {layer.component} ({layer.function})",
            f"  {layer.description}",
        ]
        for kind, title in ((EntryKind.TOOL, "Tools"), (EntryKind.CONCEPT, "Concepts")):
            entries = knowledge.entries_at(layer.number, kind)
            if entries:
                lines.append(f"  {title}:")
                lines.extend(f"    - {e.name}: {e.role_at(layer.number)}" for e in entries)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def summary(knowledge: Knowledge) -> str:
    """One paragraph: the file is valid, and how much it holds."""
    tools = sum(1 for e in knowledge.entries if e.kind is EntryKind.TOOL)
    concepts = len(knowledge.entries) - tools
    aliases = sum(
        len(e.aliases) + sum(len(role.aliases) for role in e.roles) for e in knowledge.entries
    )
    multi = sum(1 for e in knowledge.entries if len(e.roles) > 1)
    facts = sum(len(layer.did_you_know) for layer in knowledge.layers.values())
    return (
        f"{knowledge.source} is valid: {len(knowledge.layers)} layers, {tools} tools, "
        f"{concepts} concepts and {aliases} aliases; {multi} entries work at more than one "
        f"layer, and the layers carry {facts} did-you-know facts."
    )
