"""Checking a parsed knowledge document against its schema, collecting every problem.

Every problem names where it is ("entries[3] (Envoy).layers.9") so a person can fix the
file without reading code; all of them are reported at once, not just the first.
"""

from __future__ import annotations

import re
from typing import Any

from bot.core.knowledge import Entry, EntryKind, Knowledge, Layer, LayerRole
from bot.core.matching import index_knowledge
from bot.core.text import compact

__all__ = ["build_knowledge"]

_LAYER_RANGE = range(1, 8)
_WEB_LINK = re.compile(r"https?://[^\s/]+\S*")
# ASCII only: "²".isdigit() is true, and int() would then fail on it.
_NUMBER_TEXT = re.compile(r"\s*[0-9]{1,3}\s*")


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}")


def _text(value: Any, where: str, problems: _Problems, *, required: bool = True) -> str | None:
    if value is None:
        if required:
            problems.add(where, "is missing")
        return None
    if not isinstance(value, str) or not value.strip():
        problems.add(where, f"must be non-empty text, not {_describe(value)}")
        return None
    return value.strip()


def _text_list(value: Any, where: str, problems: _Problems) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.add(where, f"must be a list of text, not {_describe(value)}")
        return ()
    items = [_text(item, f"{where}[{i}]", problems) for i, item in enumerate(value)]
    return tuple(item for item in items if item is not None)


def _layer_number(value: Any, where: str, problems: _Problems) -> int | None:
    # YAML gives ints for `7:` keys; quoted "7" is accepted so hand edits don't surprise.
    number = value
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value):
        number = int(value)
    if isinstance(number, bool) or not isinstance(number, int):
        problems.add(where, f"layer must be a whole number from 1 to 7, not {_describe(value)}")
        return None
    if number not in _LAYER_RANGE:
        problems.add(where, f"layer {number} is outside 1-7 (the OSI model has seven layers)")
        return None
    return number


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    kind = {dict: "a mapping", list: "a list", bool: "true/false"}.get(type(value))
    return kind or f"{type(value).__name__} {value!r:.40}"


def _check_keys(raw: dict[str, Any], allowed: set[str], where: str, problems: _Problems) -> None:
    for key in sorted(set(map(str, raw)) - allowed):
        problems.add(where, f"unknown field '{key}' (allowed: {', '.join(sorted(allowed))})")


def _layer(raw: Any, where: str, problems: _Problems) -> Layer | None:
    if not isinstance(raw, dict):
        problems.add(where, f"must be a mapping, not {_describe(raw)}")
        return None
    fields = {"number", "name", "component", "function", "description", "aliases", "did_you_know"}
    _check_keys(raw, fields, where, problems)
    number = _layer_number(raw.get("number"), f"{where}.number", problems)
    name = _text(raw.get("name"), f"{where}.name", problems)
    component = _text(raw.get("component"), f"{where}.component", problems)
    function = _text(raw.get("function"), f"{where}.function", problems)
    description = _text(raw.get("description"), f"{where}.description", problems)
    aliases = _text_list(raw.get("aliases"), f"{where}.aliases", problems)
    did_you_know = _text_list(raw.get("did_you_know"), f"{where}.did_you_know", problems)
    if number is None or not (name and component and function and description):
        return None
    return Layer(number, name, component, function, description, aliases, did_you_know)


def _roles(raw: Any, where: str, problems: _Problems) -> tuple[LayerRole, ...]:
    if not isinstance(raw, dict) or not raw:
        problems.add(where, f"must map layer numbers to roles, not {_describe(raw)}")
        return ()
    roles = []
    for key, value in raw.items():
        here = f"{where}.{key}"
        number = _layer_number(key, here, problems)
        if isinstance(value, dict):
            _check_keys(value, {"role", "aliases"}, here, problems)
            role = _text(value.get("role"), f"{here}.role", problems)
            aliases = _text_list(value.get("aliases"), f"{here}.aliases", problems)
        else:
            role, aliases = _text(value, here, problems), ()
        if number is not None and role is not None:
            roles.append(LayerRole(number, role, aliases))
    return tuple(sorted(roles, key=lambda r: -r.layer))


def _source(value: Any, where: str, problems: _Problems) -> str | None:
    url = _text(value, where, problems, required=False)
    if url is not None and not _WEB_LINK.fullmatch(url):
        problems.add(where, f"must be an http(s) link, not {url!r:.60}")
        return None
    return url


def _entry(raw: Any, where: str, problems: _Problems) -> Entry | None:
    if not isinstance(raw, dict):
        problems.add(where, f"must be a mapping, not {_describe(raw)}")
        return None
    name = _text(raw.get("name"), f"{where}.name", problems)
    if name:
        where = f"{where} ({name})"
    fields = {"name", "kind", "summary", "layers", "aliases", "source", "note", "everyday_words"}
    _check_keys(raw, fields, where, problems)
    kind_value = raw.get("kind")
    kind = None
    if kind_value in {k.value for k in EntryKind}:
        kind = EntryKind(kind_value)
    else:
        problems.add(f"{where}.kind", f"must be 'tool' or 'concept', not {_describe(kind_value)}")
    summary = _text(raw.get("summary"), f"{where}.summary", problems)
    roles = _roles(raw.get("layers"), f"{where}.layers", problems)
    aliases = _text_list(raw.get("aliases"), f"{where}.aliases", problems)
    source = _source(raw.get("source"), f"{where}.source", problems)
    note = _text(raw.get("note"), f"{where}.note", problems, required=False)
    everyday = _text_list(raw.get("everyday_words"), f"{where}.everyday_words", problems)
    own_names = {compact(n) for n in (name or "", *aliases)}
    for word in everyday:
        if compact(word) not in own_names:
            problems.add(f"{where}.everyday_words", f"{word!r} is not one of this entry's names")
    if not (name and kind and summary and roles):
        return None
    return Entry(name, kind, roles, summary, aliases, source, note, everyday)


def _check_unique_names(entries: list[Entry], layers: list[Layer], problems: _Problems) -> None:
    """Every name and alias must point at one thing, or a question would be ambiguous."""
    owners: dict[str, str] = {}

    def claim(term: str, owner: str) -> None:
        key = compact(term)
        if not key:
            problems.add(owner, f"alias {term!r} has no letters or digits")
            return
        previous = owners.setdefault(key, owner)
        if previous != owner:
            problems.add(owner, f"alias {term!r} is also claimed by {previous}")

    for position, entry in enumerate(entries):
        owner = f"entry '{entry.name}' (#{position + 1})"
        for term in {entry.name, *entry.aliases}:
            claim(term, owner)
        for role in entry.roles:
            for term in role.aliases:
                claim(term, owner)
    layer_names: dict[str, int] = {}
    for layer in layers:
        for term in (layer.name, *layer.aliases):
            previous_layer = layer_names.setdefault(compact(term), layer.number)
            if previous_layer != layer.number:
                problems.add(
                    f"layer {layer.number}",
                    f"name {term!r} is also used by layer {previous_layer}",
                )


def _all_layers(raw_layers: Any, problems: _Problems) -> list[Layer]:
    if not isinstance(raw_layers, list):
        problems.add("layers", f"must be a list of the seven layers, not {_describe(raw_layers)}")
        return []
    parsed = (_layer(raw, f"layers[{i}]", problems) for i, raw in enumerate(raw_layers))
    layers = [layer for layer in parsed if layer is not None]
    numbers = [layer.number for layer in layers]
    missing = sorted(set(_LAYER_RANGE) - set(numbers))
    if missing:
        problems.add("layers", f"layer(s) {', '.join(map(str, missing))} missing; all 1-7 needed")
    for number in sorted({n for n in numbers if numbers.count(n) > 1}):
        problems.add("layers", f"layer {number} is defined more than once")
    return layers


def build_knowledge(document: Any, source: str) -> tuple[Knowledge | None, list[str]]:
    """Validate a parsed YAML document; return the knowledge, or None and every problem."""
    problems = _Problems()
    if document is None:
        return None, ["the file is empty; it needs 'layers' and 'entries'"]
    if not isinstance(document, dict):
        return None, [f"the top level must be a mapping, not {_describe(document)}"]
    _check_keys(document, {"version", "layers", "entries"}, "top level", problems)
    if document.get("version", 1) != 1:
        problems.add("version", f"unsupported version {document.get('version')!r}; expected 1")

    layers = _all_layers(document.get("layers"), problems)
    raw_entries = document.get("entries")
    entries: list[Entry] = []
    if isinstance(raw_entries, list) and raw_entries:
        parsed = (_entry(raw, f"entries[{i}]", problems) for i, raw in enumerate(raw_entries))
        entries = [entry for entry in parsed if entry is not None]
    else:
        problems.add("entries", f"must be a non-empty list, not {_describe(raw_entries)}")
    _check_unique_names(entries, layers, problems)
    if entries:
        covered = {n for entry in entries for n in entry.layers}
        for layer in layers:
            if layer.number not in covered:
                problems.add(
                    f"layer {layer.number} ({layer.name})",
                    "has no tool or concept; every layer needs at least one entry",
                )

    if problems.items:
        return None, problems.items
    by_number = {layer.number: layer for layer in sorted(layers, key=lambda la: -la.number)}
    return index_knowledge(by_number, tuple(entries), source), []
