"""Which knowledge file to answer from, and where its parse cache lives, from the environment.

`--knowledge PATH` wins, then OSI_KNOWLEDGE, then the file bundled with the package.
OSI_CACHE_DIR holds parsed copies (empty turns caching off); unset, it is
$XDG_CACHE_HOME/osi-bot, else ~/.cache/osi-bot. A NamedTuple, not a dataclass: every
`osi-bot ask` reads these, and importing dataclasses costs more than answering.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NamedTuple

from bot.loading.load import bundled_knowledge_path, load_knowledge
from bot.ops.env import read, xdg_dir

if TYPE_CHECKING:
    from collections.abc import Mapping

    from bot.core.knowledge import Knowledge

__all__ = ["CACHE_DIR", "KNOWLEDGE", "KnowledgeSettings"]

KNOWLEDGE = "OSI_KNOWLEDGE"
CACHE_DIR = "OSI_CACHE_DIR"


class KnowledgeSettings(NamedTuple):
    path: str
    cache_dir: str | None = None  # None: parse every time

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str], explicit: str | os.PathLike[str] | None = None
    ) -> KnowledgeSettings:
        """The file to load (`explicit` first) and the cache directory."""
        chosen = explicit or read(environ, KNOWLEDGE)
        path = os.fspath(chosen) if chosen else bundled_knowledge_path()
        return cls(path, _cache_dir(environ))

    def load(self, path: str | None = None) -> Knowledge:
        """Load and validate the file (or `path`); `KnowledgeError` describes every problem."""
        return load_knowledge(path or self.path, cache_dir=self.cache_dir)


def _cache_dir(environ: Mapping[str, str]) -> str | None:
    explicit = environ.get(CACHE_DIR)
    if explicit is not None:
        return explicit or None  # set but empty: caching is off
    return xdg_dir(environ, "XDG_CACHE_HOME", ".cache")
