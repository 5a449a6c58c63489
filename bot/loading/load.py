"""Reading the knowledge file: where it is, parsing it, and turning failures into messages."""

from __future__ import annotations

import os
from functools import cache
from typing import TYPE_CHECKING, Any

from bot.errors import KnowledgeError
from bot.loading.parse_cache import cached_load
from bot.loading.validation import build_knowledge

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable

    from bot.core.knowledge import Knowledge

__all__ = ["bundled_knowledge_path", "load_knowledge"]


@cache
def _loader() -> Any:
    """The YAML loader, imported only when a file must be parsed (not on a cache hit).

    The C loader is several times faster and reports the same line/column marks; PyYAML
    wheels ship it, but a source build without libyaml only has the pure-Python one.
    """
    import yaml  # noqa: PLC0415 - a cached knowledge file never needs it

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


def _parse(text: str, source: str) -> object:
    import yaml  # noqa: PLC0415 - see _loader

    try:
        return yaml.load(text, Loader=_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{mark.line + 1}:{mark.column + 1}: " if mark else ""
        reason = error.problem or error.context or "invalid YAML"
        raise KnowledgeError(source, [f"{where}YAML syntax error: {reason}"]) from None
    except yaml.YAMLError as error:
        raise KnowledgeError(source, [f"YAML error: {error}"]) from None


def _locator(text: str) -> Callable[[tuple[Hashable, ...]], str | None]:
    """Positions in `text`, imported and computed only if a problem asks for one."""
    found: list[Callable[[tuple[Hashable, ...]], str | None]] = []

    def locate(place: tuple[Hashable, ...]) -> str | None:
        if not found:
            from bot.loading.positions import Positions  # noqa: PLC0415 - broken files only

            found.append(Positions(text, _loader()))
        return found[0](place)

    return locate


def load_knowledge(
    path: str | os.PathLike[str] | None = None, *, cache_dir: str | None = None
) -> Knowledge:
    """Load and validate a knowledge file (default: the bundled one).

    Args:
        cache_dir: where loaded copies are kept (see `cached_load`); None loads every time.

    Raises:
        KnowledgeError: describing every problem, each starting with its line:column.
    """
    source = os.fspath(path) if path else bundled_knowledge_path()
    try:
        with open(source, encoding="utf-8") as file:
            text = file.read()
    except FileNotFoundError:
        raise KnowledgeError(source, ["file not found"]) from None
    except IsADirectoryError:
        raise KnowledgeError(source, ["is a directory, not a YAML file"]) from None
    except UnicodeDecodeError as error:
        raise KnowledgeError(source, [f"not UTF-8 text (byte {error.start})"]) from None
    except OSError as error:
        raise KnowledgeError(source, [f"cannot be read: {error.strerror}"]) from None
    return cached_load(source, text, lambda t: _build(t, source), cache_dir)


def _build(text: str, source: str) -> Knowledge:
    knowledge, problems = build_knowledge(_parse(text, source), source, _locator(text))
    if knowledge is None:
        raise KnowledgeError(source, problems)
    return knowledge
