"""Reading the knowledge file: where it is, parsing it, and turning failures into messages."""

from __future__ import annotations

import os
import stat
from functools import cache
from typing import TYPE_CHECKING, Any

from bot.errors import KnowledgeError
from bot.loading.excerpts import quote
from bot.loading.parse_cache import cached_load

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Sequence

    from bot.core.knowledge import Knowledge

__all__ = ["DEFAULT_MAX_BYTES", "bundled_knowledge_path", "load_knowledge", "overlay_files"]

# About twice the bundled file (448 KB), set by what a hostile file costs rather than by
# it: parsing and locating problems cost ~25 µs and ~700 bytes per YAML value, and a
# hostile file packs a value into every 2 bytes, so 1 MB is ~13 s and ~350 MB.
DEFAULT_MAX_BYTES = 1_000_000
_DIRECTORY = "is a directory, not a YAML file"
_NOT_REGULAR = "is not a regular file (a device, FIFO or socket); give the path of a YAML file"
_OVERLAY_SUFFIXES = (".yaml", ".yml")


@cache
def _loader() -> Any:
    """The YAML loader, imported only when a file must be parsed (not on a cache hit).

    PyYAML's safe loader, strict about aliases and duplicate keys (see `strict_yaml`);
    built on the C loader where PyYAML has it, which is several times faster.
    """
    from bot.loading.strict_yaml import StrictLoader  # noqa: PLC0415 - imports yaml

    return StrictLoader


# os.path rather than pathlib: pathlib drags urllib and ipaddress into every start-up.
def bundled_knowledge_path() -> str:
    """The knowledge file shipped with the package, or the repository's copy in a checkout."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # bot/
    # A wheel carries the file as bot/data/layers.yaml (pyproject's force-include); bot is
    # never zip-imported, so a plain path is enough.
    packaged = os.path.join(package, "data", "layers.yaml")
    if os.path.isfile(packaged):
        return packaged
    # Source checkouts and editable installs read the file people edit.
    return os.path.join(os.path.dirname(package), "knowledge", "layers.yaml")


def _parse(text: str, source: str) -> tuple[object, Any]:
    import yaml  # noqa: PLC0415 - see _loader

    from bot.loading.strict_yaml import parse  # noqa: PLC0415

    try:
        document, root, duplicates = parse(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{mark.line + 1}:{mark.column + 1}: " if mark else ""
        reason = error.problem or error.context or "invalid YAML"
        kind = (
            "YAML error"
            if isinstance(error, yaml.constructor.ConstructorError)
            else "YAML syntax error"
        )
        raise KnowledgeError(source, [f"{where}{kind}: {reason}"]) from None
    except yaml.YAMLError as error:
        raise KnowledgeError(source, [f"YAML error: {quote(str(error), 200)}"]) from None
    if duplicates:
        raise KnowledgeError(source, duplicates)
    return document, root


def _locator(root: Any) -> Callable[[tuple[Hashable, ...]], str | None]:
    """Positions in the parsed nodes under `root`, computed only if a problem asks for one."""
    found: list[Callable[[tuple[Hashable, ...]], str | None]] = []

    def locate(place: tuple[Hashable, ...]) -> str | None:
        if not found:
            from bot.loading.positions import Positions  # noqa: PLC0415 - broken files only

            found.append(Positions.of_node(root, _loader()))
        return found[0](place)

    return locate


def overlay_files(paths: Sequence[str]) -> tuple[str, ...]:
    """The overlay files `paths` name: a file as it is, a directory as its *.yaml and *.yml
    files in name order (hidden ones skipped, like a ConfigMap's `..data`); an empty
    directory adds nothing. A file named twice counts once, where it is first named.

    Raises:
        KnowledgeError: a path that does not exist, or a directory that cannot be listed.
    """
    found: list[str] = []
    for path in paths:
        try:
            with os.scandir(path) as listing:
                names = sorted(
                    item.name
                    for item in listing
                    if item.name.endswith(_OVERLAY_SUFFIXES)
                    and not item.name.startswith(".")
                    and item.is_file()
                )
        except NotADirectoryError:
            found.append(path)
        except FileNotFoundError:
            message = "no such file or directory (a team overlay, named in OSI_KNOWLEDGE_EXTRA)"
            raise KnowledgeError(path, [message]) from None
        except OSError as error:
            raise KnowledgeError(path, [f"cannot be read: {error.strerror}"]) from None
        else:
            found.extend(os.path.join(path, name) for name in names)
    # A file named twice (itself and its directory) is merged once, where first named.
    unique: dict[str, str] = {}
    for name in found:
        unique.setdefault(os.path.realpath(name), name)
    return tuple(unique.values())


def load_knowledge(
    path: str | os.PathLike[str] | None = None,
    *,
    extra: Sequence[str] = (),
    cache_dir: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Knowledge:
    """Load and validate a knowledge file (default: the bundled one), with team overlays.

    Args:
        extra: team overlays merged over the file, in order: files, or directories of them
            (see `overlay_files`); each is read like the file itself.
        cache_dir: where loaded copies are kept (see `cached_load`); None loads every time.
        max_bytes: a larger file is refused unread (see `DEFAULT_MAX_BYTES`); the cap holds
            for each file on its own.

    Raises:
        KnowledgeError: describing every problem of one file, each starting with its
            line:column; a clash between files names the other file's place too.
    """
    source = os.fspath(path) if path else bundled_knowledge_path()
    text = _read(source, max_bytes)
    names = overlay_files(extra) if extra else ()
    if not names:
        return cached_load(source, text, lambda t: _build(t, source), cache_dir)
    overlays = tuple((name, _read(name, max_bytes)) for name in names)
    return cached_load(
        source, text, lambda t: _build_merged(t, source, overlays), cache_dir, overlays
    )


def _read(source: str, max_bytes: int) -> str:
    """The file's text: a regular file of at most `max_bytes` bytes, in UTF-8."""
    try:
        # Non-blocking, so that opening a FIFO no one writes to returns at once.
        descriptor = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise KnowledgeError(source, ["file not found"]) from None
    except IsADirectoryError:
        raise KnowledgeError(source, [_DIRECTORY]) from None
    except OSError as error:
        raise KnowledgeError(source, [f"cannot be read: {error.strerror}"]) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise KnowledgeError(source, [_DIRECTORY])
        if not stat.S_ISREG(mode):
            # /dev/zero never ends and a FIFO may never start: neither is a file to load.
            raise KnowledgeError(source, [_NOT_REGULAR])
        # One byte over the cap is enough to know (a /proc file reports size 0).
        with open(descriptor, "rb", closefd=False) as file:
            data = file.read(max_bytes + 1)
    except OSError as error:
        raise KnowledgeError(source, [f"cannot be read: {error.strerror}"]) from None
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:
        message = (
            f"is larger than the {max_bytes:,}-byte limit for a knowledge file "
            "(OSI_KNOWLEDGE_MAX_BYTES raises it)"
        )
        raise KnowledgeError(source, [message])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise KnowledgeError(source, [f"not UTF-8 text (byte {error.start})"]) from None


def _build(text: str, source: str) -> Knowledge:
    # Imported here, as the YAML parser is: a cached start validates nothing.
    from bot.loading.validation import build_knowledge  # noqa: PLC0415

    document, root = _parse(text, source)
    knowledge, problems = build_knowledge(document, source, _locator(root))
    if knowledge is None:
        raise KnowledgeError(source, problems)
    return knowledge


def _build_merged(text: str, source: str, overlays: Sequence[tuple[str, str]]) -> Knowledge:
    from bot.loading.merging import Overlay, merge  # noqa: PLC0415 - only with overlays
    from bot.loading.validation import build_knowledge, check_overlay  # noqa: PLC0415

    document, root = _parse(text, source)
    locate = _locator(root)
    knowledge, problems = build_knowledge(document, source, locate)
    if knowledge is None:
        raise KnowledgeError(source, problems)
    checked = []
    for path, overlay_text in overlays:
        overlay, overlay_root = _parse(overlay_text, path)
        overlay_locate = _locator(overlay_root)
        entries, problems = check_overlay(overlay, overlay_locate)
        if problems:
            raise KnowledgeError(path, problems)
        checked.append(Overlay(path, entries, overlay_locate))
    assert isinstance(document, dict)  # a valid main file is a mapping
    return merge(knowledge, document, locate, checked)
