"""A cache of parsed knowledge files, like `.pyc` files for Python source.

Parsing YAML is most of `osi-bot ask`'s start-up. The parsed document (plain dicts,
lists and scalars) is stored with `marshal` in a cache directory the caller names, keyed by
the file's path and checked against the file's whole text; validation still runs on
every load.
Any problem with the cache (read-only disk, a stale or corrupt entry) just means parsing.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import zlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["cached_parse"]

_FORMAT = 1


def cached_parse(path: str, text: str, parse: Callable[[str], Any], directory: str | None) -> Any:
    """`parse(text)`, or the stored result of parsing this very text before, in `directory`.

    With no `directory`, every call parses.
    """
    if not directory:
        return parse(text)
    key = (_FORMAT, os.path.abspath(path))
    name = f"knowledge-{zlib.crc32(key[1].encode()):08x}.marshal"
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
