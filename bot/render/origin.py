"""Saying when an answer comes from a team's own knowledge (an overlay), on every surface."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.knowledge import EntryKind
from bot.core.model import AnswerKind

if TYPE_CHECKING:
    from bot.core.knowledge import Entry, Knowledge
    from bot.core.model import Answer

__all__ = ["entry_team_line", "team_entries", "team_line"]


def team_entries(answer: Answer, knowledge: Knowledge | None = None) -> list[Entry]:
    """The entries from team overlays that the answer shows, in the order it shows them.

    A layer answer shows the tools at its layers, which needs `knowledge`.
    """
    shown: list[Entry] = []
    if answer.entry is not None:
        shown.append(answer.entry)
    shown += [subject.entry for subject in answer.subjects]
    shown += answer.also
    if answer.kind is AnswerKind.LAYER and knowledge is not None:
        for layer in answer.layers:
            shown += knowledge.entries_at(layer.number, EntryKind.TOOL)
    return list(dict.fromkeys(e for e in shown if e.origin.team))


def entry_team_line(entry: Entry) -> str | None:
    """ "From your team's knowledge (team-tools.yaml)." for an entry from a team overlay
    (naming the entry it replaced, if any); None for one from the main file."""
    if not entry.origin.team:
        return None
    replaces = entry.origin.replaces
    instead = f", in place of the bundled {replaces} entry" if replaces else ""
    return f"From your team's knowledge ({entry.origin.file_name}){instead}."


def team_line(answer: Answer, knowledge: Knowledge | None = None) -> str | None:
    """ "From your team's knowledge (team-tools.yaml)." when the answer rests on a team
    entry; None when everything it shows is the main file's."""
    team = team_entries(answer, knowledge)
    if not team:
        return None
    files = ", ".join(dict.fromkeys(e.origin.file_name for e in team))
    if team == [answer.entry] and not answer.subjects:
        return entry_team_line(team[0])
    return f"From your team's knowledge ({files}): {', '.join(e.name for e in team)}."
