"""osi-bot: answers which OSI layer a Kubernetes networking tool or concept works at.

The public names below are imported on first use, so `import bot` (and every start-up
through `bot.cli`) pays only for what it touches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.core.answering import answer
    from bot.core.knowledge import Entry, EntryKind, Knowledge, Layer
    from bot.core.model import Answer, AnswerKind
    from bot.errors import KnowledgeError, OsiBotError

__all__ = [
    "Answer",
    "AnswerKind",
    "Entry",
    "EntryKind",
    "Knowledge",
    "KnowledgeError",
    "Layer",
    "OsiBotError",
    "answer",
]

_HOMES = {
    "answer": "bot.core.answering",
    "Answer": "bot.core.model",
    "AnswerKind": "bot.core.model",
    "Entry": "bot.core.knowledge",
    "EntryKind": "bot.core.knowledge",
    "Knowledge": "bot.core.knowledge",
    "Layer": "bot.core.knowledge",
    "KnowledgeError": "bot.errors",
    "OsiBotError": "bot.errors",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'bot' has no attribute {name!r}")
    # __import__ rather than importlib.import_module: importing importlib costs start-up.
    return getattr(__import__(home, fromlist=[name]), name)
