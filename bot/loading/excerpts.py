"""How a problem message quotes a value from the file: briefly, whatever the value's size.

A message quotes at most a short prefix: a value is cut before it is turned into text, so
quoting a 5 MB string, or a list nested a thousand deep, costs no more than quoting a word.
"""

from __future__ import annotations

__all__ = ["describe", "quote"]

_LIMIT = 40
_CONTAINERS: dict[type, str] = {dict: "a mapping", list: "a list", set: "a set"}


def quote(value: object, limit: int = _LIMIT) -> str:
    """`value` as Python would write it (`'text'`, `7`), cut to about `limit` characters."""
    if isinstance(value, str):
        return repr(value) if len(value) <= limit else f"{value[:limit]!r}…"
    kind = _CONTAINERS.get(type(value))
    if kind is not None:
        return kind  # never repr(): its size is the size of everything inside
    text = repr(value)  # numbers, dates and bytes: bounded by the file's size cap
    return text if len(text) <= limit else f"{text[:limit]}…"


def describe(value: object) -> str:
    """What a wrongly typed value is: "nothing", "a list", "str 'L2'", "int 9"."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    kind = _CONTAINERS.get(type(value))
    return kind or f"{type(value).__name__} {quote(value)}"
