"""A cache of parsed knowledge files, like `.pyc` files for Python source.

Parsing YAML is most of `osi-bot ask`'s start-up. The parsed document (plain dicts,
lists and scalars) is stored with `marshal` in a cache directory the caller names, keyed by
the file's path and checked against the file's whole text; validation still runs on
every load.
Any problem with the cache (read-only disk, a stale or corrupt entry) just means parsing.

An entry is replaced when its file changes. Whenever one is written, entries whose file no
longer exists (a deleted copy, a temporary file once checked), unreadable ones and a crashed
writer's leftovers are removed, so the directory does not grow without bound.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import time
import zlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["cached_parse"]

_FORMAT = 1
_PREFIX = "knowledge-"
_SUFFIX = ".marshal"
_ABANDONED_SECONDS = 3600  # a temporary file this old belongs to a writer that died


def cached_parse(path: str, text: str, parse: Callable[[str], Any], directory: str | None) -> Any:
    """`parse(text)`, or the stored result of parsing this very text before, in `directory`.

    With no `directory`, every call parses.
    """
    if not directory:
        return parse(text)
    key = (_FORMAT, os.path.abspath(path))
    name = f"{_PREFIX}{zlib.crc32(key[1].encode()):08x}{_SUFFIX}"
    entry = os.path.join(directory, name)
    try:
        with open(entry, "rb") as file:
            # Trusted like a .pyc: written by this user, in this user's cache directory.
            stored_key, stored_text, document = marshal.load(file)  # noqa: S302
        # The whole text, not a timestamp, decides: a same-length edit within one mtime
        # tick, or a file replaced between reading and checking, is never served stale.
        if tuple(stored_key) == key and stored_text == text:
            return document
    except (OSError, EOFError, ValueError, TypeError):
        pass
    document = parse(text)
    _store(entry, (key, text, document))
    _prune(directory, keep=name)
    return document


def _store(entry: str, record: tuple[Any, ...]) -> None:
    temporary = f"{entry}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(entry), exist_ok=True)
        with open(temporary, "wb") as file:
            marshal.dump(record, file)
        os.replace(temporary, entry)  # readers see the old entry or the new, never half
    except (OSError, ValueError):
        # ValueError: a document marshal cannot store (YAML dates, say) is just not cached.
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _prune(directory: str, keep: str) -> None:
    """Remove entries of files that are gone, unreadable entries and abandoned temporaries."""
    try:
        names = [n for n in os.listdir(directory) if n.startswith(_PREFIX) and n != keep]
    except OSError:
        return
    for name in names:
        entry = os.path.join(directory, name)
        with contextlib.suppress(OSError):
            if name.endswith(_SUFFIX):
                if not _source_exists(entry):
                    os.unlink(entry)
            elif time.time() - os.stat(entry).st_mtime > _ABANDONED_SECONDS:
                os.unlink(entry)


def _source_exists(entry: str) -> bool:
    try:
        with open(entry, "rb") as file:
            stored_key = marshal.load(file)[0]  # noqa: S302 - as in cached_parse
        return os.path.isfile(stored_key[1])
    except (EOFError, ValueError, TypeError, IndexError, KeyError):
        return False  # unreadable: of no use to anyone
