"""A cache of loaded knowledge, like `.pyc` files for Python source.

Parsing YAML, validating and indexing are nearly all of `osi-bot ask`'s start-up, and grow
with the file. The finished Knowledge is stored with `pickle` in a cache directory the
caller names, keyed by the file's path, the paths of the team overlays merged over it, and
the loading code itself (the size and time of every module under bot/core and bot/loading),
and checked against the whole text of every one of those files. So a cached result is
reused only for the very texts, read by the very code, that produced it; any other text is
parsed and validated in full. Any problem with the cache (read-only
disk, a stale or corrupt entry) just means loading the slow way.

An entry is replaced when one of its files changes. Whenever one is written, entries whose
files no longer all exist (a deleted copy, a temporary file once checked), unreadable ones
and a crashed writer's leftovers are removed, so the directory does not grow without bound.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import time
import zlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from bot.core.knowledge import Knowledge

__all__ = ["cached_load"]

_FORMAT = 5
_PREFIX = "knowledge-"
_SUFFIX = ".pickle"
_ABANDONED_SECONDS = 3600  # a temporary file this old belongs to a writer that died
_CODE = ("core", "loading")  # the packages whose code decides what a text loads to


def _code_fingerprint() -> tuple[tuple[str, int, int], ...]:
    """Every module that builds a Knowledge, by name, size and modification time."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # bot/
    found = []
    for part in _CODE:
        with os.scandir(os.path.join(package, part)) as modules:
            for module in modules:
                if module.name.endswith(".py"):
                    stat = module.stat()
                    found.append((f"{part}/{module.name}", stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))


def cached_load(
    path: str,
    text: str,
    load: Callable[[str], Knowledge],
    directory: str | None,
    extra: Sequence[tuple[str, str]] = (),
) -> Knowledge:
    """`load(text)`, or what loading this very text with this very code gave before.

    With no `directory`, every call loads. Only a successful load is stored: a broken file
    is reported anew every time.

    Args:
        extra: the (path, text) of every overlay `load` merges over the file, in order.
    """
    if not directory:
        return load(text)
    paths = (os.path.abspath(path), *(os.path.abspath(p) for p, _ in extra))
    key = (_FORMAT, paths, _code_fingerprint())
    name = f"{_PREFIX}{zlib.crc32(chr(0).join(paths).encode()):08x}{_SUFFIX}"
    entry = os.path.join(directory, name)
    stored = _read(entry)
    texts = (text, *(t for _, t in extra))
    # The whole texts, not timestamps, decide: a same-length edit within one mtime tick,
    # or a file replaced between reading and checking, is never served stale.
    if stored is not None and stored[0] == key and stored[1] == texts:
        return stored[2]  # type: ignore[no-any-return]
    knowledge = load(text)
    _store(entry, (key, texts, knowledge))
    _prune(directory, keep=name)
    return knowledge


def _read(entry: str) -> tuple[Any, ...] | None:
    """A stored (key, text, knowledge) record, or None for a missing or unreadable one."""
    collecting = gc.isenabled()
    # Thousands of new objects and none of them garbage: the collector's passes over them
    # while they load are a good part of the time.
    gc.disable()
    try:
        with open(entry, "rb") as file:
            # Trusted like a .pyc: written by this user, in this user's cache directory.
            record = pickle.load(file)  # noqa: S301
    except Exception:  # a bad entry of any kind only means loading afresh
        return None
    finally:
        if collecting:
            gc.enable()
    return record if isinstance(record, tuple) and len(record) == 3 else None


def _store(entry: str, record: tuple[Any, ...]) -> None:
    temporary = f"{entry}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(entry), exist_ok=True)
        with open(temporary, "wb") as file:
            pickle.dump(record, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)  # readers see the old entry or the new, never half
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
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
            if not name.endswith(_SUFFIX) and name.endswith(".tmp"):
                if time.time() - os.stat(entry).st_mtime > _ABANDONED_SECONDS:
                    os.unlink(entry)
            elif not name.endswith(_SUFFIX) or not _source_exists(entry):
                os.unlink(entry)  # gone, unreadable, or an older format's file


def _source_exists(entry: str) -> bool:
    record = _read(entry)  # unreadable: of no use to anyone
    if record is None or not isinstance(record[0], tuple) or len(record[0]) != 3:
        return False
    paths = record[0][1]
    return isinstance(paths, tuple) and all(os.path.isfile(p) for p in paths)
