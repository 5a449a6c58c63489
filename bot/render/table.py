"""The whole knowledge as readable text (`osi-bot layers`) and its summary (`osi-bot check`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.knowledge import EntryKind

if TYPE_CHECKING:
    from collections.abc import Sequence

    from bot.core.knowledge import Entry, Knowledge

__all__ = ["overlays_summary", "render_table", "summary"]


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
                lines.extend(
                    f"    - {e.name}{_team_mark(e)}: {e.role_at(layer.number)}" for e in entries
                )
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _team_mark(entry: Entry) -> str:
    return f" (team: {entry.origin.file_name})" if entry.origin.team else ""


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


def overlays_summary(knowledge: Knowledge, files: Sequence[str]) -> str:
    """What the team overlays `files` add to the main file: counts, then a line per file."""
    if not files:
        return "No team overlay files found (an empty directory adds nothing): nothing merged."
    team = [e for e in knowledge.entries if e.origin.team]
    replacing = sum(1 for e in team if e.origin.replaces)
    noun = "overlay" if len(files) == 1 else "overlays"
    lines = [
        f"Merged with {len(files)} team {noun}: {len(knowledge.entries) - len(team)} bundled "
        f"entries and {len(team)} team entries ({len(team) - replacing} new, {replacing} "
        "replacing a bundled one)."
    ]
    for file in files:
        own = [e for e in team if e.origin.file == file]
        names = ", ".join(
            f"{e.name} (replaces {e.origin.replaces})" if e.origin.replaces else e.name for e in own
        )
        lines.append(f"  {file}: {len(own)} {'entry' if len(own) == 1 else 'entries'}")
        if names:
            lines[-1] += f": {names}"
    return "\n".join(lines)
