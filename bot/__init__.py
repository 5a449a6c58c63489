"""osi-bot: answers which OSI layer a Kubernetes networking tool or concept works at."""

from bot.answering import answer
from bot.errors import KnowledgeError, OsiBotError
from bot.knowledge import Entry, EntryKind, Knowledge, Layer
from bot.model import Answer, AnswerKind

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
