"""Which knowledge file to answer from, and where its parse cache lives, from the environment.

`--knowledge PATH` wins, then OSI_KNOWLEDGE, then the file bundled with the package.
Team overlays merged over it come from `--knowledge-extra` or OSI_KNOWLEDGE_EXTRA: files or
directories of them, comma-separated.
OSI_CACHE_DIR holds parsed copies (empty turns caching off); unset, it is
$XDG_CACHE_HOME/osi-bot, else ~/.cache/osi-bot. OSI_KNOWLEDGE_MAX_BYTES refuses a larger
file before it is read. A NamedTuple, not a dataclass: every
`osi-bot ask` reads these, and importing dataclasses costs more than answering.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NamedTuple

from bot.errors import ConfigError
from bot.loading.load import DEFAULT_MAX_BYTES, bundled_knowledge_path, load_knowledge
from bot.ops.env import read, xdg_dir

if TYPE_CHECKING:
    from collections.abc import Mapping

    from bot.core.knowledge import Knowledge

__all__ = ["CACHE_DIR", "EXTRA", "KNOWLEDGE", "MAX_BYTES", "KnowledgeSettings"]

KNOWLEDGE = "OSI_KNOWLEDGE"
CACHE_DIR = "OSI_CACHE_DIR"
MAX_BYTES = "OSI_KNOWLEDGE_MAX_BYTES"
EXTRA = "OSI_KNOWLEDGE_EXTRA"


class KnowledgeSettings(NamedTuple):
    path: str
    cache_dir: str | None = None  # None: parse every time
    max_bytes: int = DEFAULT_MAX_BYTES
    extra: tuple[str, ...] = ()  # team overlays: files or directories, merged in order

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str],
        explicit: str | os.PathLike[str] | None = None,
        explicit_extra: str | None = None,
    ) -> KnowledgeSettings:
        """The file to load (`explicit` first), the cache directory, the size cap and the
        team overlays (`explicit_extra` first, comma-separated like OSI_KNOWLEDGE_EXTRA)."""
        chosen = explicit or read(environ, KNOWLEDGE)
        path = os.fspath(chosen) if chosen else bundled_knowledge_path()
        extra = explicit_extra if explicit_extra is not None else read(environ, EXTRA)
        return cls(path, _cache_dir(environ), _max_bytes(read(environ, MAX_BYTES)), _paths(extra))

    def load(self, path: str | None = None) -> Knowledge:
        """Load and validate the file (or `path`) with the team overlays merged over it;
        `KnowledgeError` describes every problem."""
        return load_knowledge(
            path or self.path,
            extra=self.extra,
            cache_dir=self.cache_dir,
            max_bytes=self.max_bytes,
        )


def _paths(raw: str | None) -> tuple[str, ...]:
    """ "a.yaml, teams/" -> ("a.yaml", "teams/"); unset or empty: none."""
    return tuple(part.strip() for part in (raw or "").split(",") if part.strip())


def _cache_dir(environ: Mapping[str, str]) -> str | None:
    explicit = environ.get(CACHE_DIR)
    if explicit is not None:
        return explicit or None  # set but empty: caching is off
    return xdg_dir(environ, "XDG_CACHE_HOME", ".cache")


def _max_bytes(raw: str | None) -> int:
    if raw is None:
        return DEFAULT_MAX_BYTES
    if not (raw.isascii() and raw.isdigit() and int(raw) > 0):
        message = f"{MAX_BYTES} must be a whole number of bytes above 0, like 1000000, not {raw!r}."
        raise ConfigError(MAX_BYTES, message)
    return int(raw)
