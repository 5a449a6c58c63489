"""Checking a parsed knowledge document against its schema, collecting every problem.

Every problem names where it is ("entries[3] (Envoy).layers.9", positions counted from 0
as in the file's lists) so a person can fix the file without reading code, and starts with
its line:column when the caller can locate places; all of them are reported at once.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

from bot.core.knowledge import Entry, EntryKind, Facet, Knowledge, Layer, LayerRole, Origin
from bot.core.matching import index_knowledge
from bot.core.text import compact
from bot.loading.excerpts import describe, quote

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable

    # A place in the document (keys and list indexes) -> "line:column", or None if unknown.
    Locate = Callable[[tuple[Hashable, ...]], str | None]

__all__ = ["Written", "build_knowledge", "check_overlay"]

_LAYER_RANGE = range(1, 8)
_WEB_LINK = re.compile(r"https?://[^\s/]+\S*")
# ASCII only: "²".isdigit() is true, and int() would then fail on it.
_NUMBER_TEXT = re.compile(r"\s*[0-9]{1,3}\s*")
_LAYER_FIELDS = frozenset(
    {"number", "name", "component", "function", "description", "aliases", "did_you_know"}
)
_ROLE_FIELDS = frozenset({"role", "aliases"})
_FACET_FIELDS = frozenset({"role", "source"})
_ENTRY_FIELDS = frozenset(
    {
        "name",
        "kind",
        "summary",
        "layers",
        "aliases",
        "source",
        "note",
        "everyday_words",
        "also",
        "table",
        "uses",
        "part_of",
        "no_layer",
    }
)
_LINK_FIELDS = ("part_of", "uses")
_TOP_FIELDS = frozenset({"version", "layers", "entries"})


class _At(NamedTuple):
    """Where something is: its place in the document, and how a problem there is labelled."""

    place: tuple[Hashable, ...]
    label: str

    def key(self, key: Hashable) -> _At:
        return _At((*self.place, key), f"{self.label}.{key}")

    def item(self, index: int) -> _At:
        return _At((*self.place, index), f"{self.label}[{index}]")

    def named(self, name: str) -> _At:
        return _At(self.place, f"{self.label} ({name})")


class _Problems:
    def __init__(self, locate: Locate | None) -> None:
        self.items: list[str] = []
        self._locate = locate

    def add(self, at: _At, message: str) -> None:
        position = self._locate(at.place) if self._locate else None
        line = f"{at.label}: {message}"
        self.items.append(f"{position}: {line}" if position else line)


# Every load validates, so the checks below take a parent place and a key, and build the
# child's place only for a problem: a good file never pays for places.


def _text(
    value: Any, parent: _At, key: Hashable, problems: _Problems, *, required: bool = True
) -> str | None:
    if isinstance(value, str):
        stripped = value.strip()
        if stripped:
            return stripped
    if value is None:
        if required:
            problems.add(parent.key(key), "is missing")
        return None
    problems.add(parent.key(key), f"must be non-empty text, not {describe(value)}")
    return None


def _text_list(value: Any, parent: _At, key: str, problems: _Problems) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.add(parent.key(key), f"must be a list of text, not {describe(value)}")
        return ()
    items = []
    for index, item in enumerate(value):
        if isinstance(item, str) and item.strip():
            items.append(item.strip())
        else:
            problems.add(
                parent.key(key).item(index), f"must be non-empty text, not {describe(item)}"
            )
    return tuple(items)


def _layer_number(value: Any, parent: _At, key: Hashable, problems: _Problems) -> int | None:
    # YAML gives ints for `7:` keys; quoted "7" is accepted so hand edits don't surprise.
    number = value
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value):
        number = int(value)
    if isinstance(number, bool) or not isinstance(number, int):
        message = f"layer must be a whole number from 1 to 7, not {describe(value)}"
        problems.add(parent.key(key), message)
        return None
    if number not in _LAYER_RANGE:
        message = f"layer {number} is outside 1-7 (the OSI model has seven layers)"
        problems.add(parent.key(key), message)
        return None
    return number


def _check_keys(
    raw: dict[Any, Any], allowed: frozenset[str], where: _At, problems: _Problems
) -> None:
    if raw.keys() <= allowed:
        return
    for key in sorted((k for k in raw if str(k) not in allowed), key=str):
        at = _At((*where.place, key), where.label)  # located at the key, labelled by its owner
        problems.add(at, f"unknown field {quote(str(key))} (allowed: {', '.join(sorted(allowed))})")


def _layer(raw: Any, where: _At, problems: _Problems) -> Layer | None:
    if not isinstance(raw, dict):
        problems.add(where, f"must be a mapping, not {describe(raw)}")
        return None
    _check_keys(raw, _LAYER_FIELDS, where, problems)
    number = _layer_number(raw.get("number"), where, "number", problems)
    name = _text(raw.get("name"), where, "name", problems)
    component = _text(raw.get("component"), where, "component", problems)
    function = _text(raw.get("function"), where, "function", problems)
    description = _text(raw.get("description"), where, "description", problems)
    aliases = _text_list(raw.get("aliases"), where, "aliases", problems)
    did_you_know = _text_list(raw.get("did_you_know"), where, "did_you_know", problems)
    if number is None or not (name and component and function and description):
        return None
    return Layer(number, name, component, function, description, aliases, did_you_know)


def _roles(raw: Any, entry: _At, problems: _Problems) -> tuple[LayerRole, ...]:
    if not isinstance(raw, dict) or not raw:
        message = f"must map layer numbers to roles, not {describe(raw)}"
        problems.add(entry.key("layers"), message)
        return ()
    where = entry.key("layers")
    roles = []
    seen: set[int] = set()
    for key, value in raw.items():
        number = _layer_number(key, where, key, problems)
        if number in seen:  # 3 and "3" are two YAML keys but one layer
            problems.add(where.key(key), f"layer {number} is given more than once")
            number = None
        if number is not None:
            seen.add(number)
        if isinstance(value, dict):
            here = where.key(key)
            _check_keys(value, _ROLE_FIELDS, here, problems)
            role = _text(value.get("role"), here, "role", problems)
            aliases = _text_list(value.get("aliases"), here, "aliases", problems)
        else:
            role, aliases = _text(value, where, key, problems), ()
        if number is not None and role is not None:
            roles.append(LayerRole(number, role, aliases))
    return tuple(sorted(roles, key=lambda r: -r.layer))


def _also(
    raw: Any, entry: _At, roles: tuple[LayerRole, ...], problems: _Problems
) -> tuple[Facet, ...]:
    """`also: {7: role}` or `{7: {role, source}}`: layers beyond the table's, never its own."""
    if raw is None:
        return ()
    where = entry.key("also")
    if not isinstance(raw, dict):
        problems.add(where, f"must map layer numbers to roles, not {describe(raw)}")
        return ()
    own = {role.layer for role in roles}
    facets: dict[int, Facet] = {}
    for key, value in raw.items():
        number = _layer_number(key, where, key, problems)
        here = where.key(key)
        if isinstance(value, dict):
            _check_keys(value, _FACET_FIELDS, here, problems)
            role = _text(value.get("role"), here, "role", problems)
            source = _source(value.get("source"), here, problems)
        else:
            role, source = _text(value, where, key, problems), None
        if number is None or role is None:
            continue
        if number in own:
            problems.add(here, f"layer {number} is already one of this entry's layers")
        elif number in facets:
            problems.add(here, f"layer {number} is given more than once")
        else:
            facets[number] = Facet(number, role, source)
    return tuple(sorted(facets.values(), key=lambda f: -f.layer))


def _source(value: Any, entry: _At, problems: _Problems) -> str | None:
    url = _text(value, entry, "source", problems, required=False)
    if url is not None and not _WEB_LINK.fullmatch(url):
        problems.add(entry.key("source"), f"must be an http(s) link, not {quote(url, 60)}")
        return None
    return url


def _entry(
    raw: Any, where: _At, problems: _Problems, fields: frozenset[str] = _ENTRY_FIELDS
) -> Entry | None:
    if not isinstance(raw, dict):
        problems.add(where, f"must be a mapping, not {describe(raw)}")
        return None
    name = _text(raw.get("name"), where, "name", problems)
    if name:
        where = where.named(name)
    _check_keys(raw, fields, where, problems)
    kind_value = raw.get("kind")
    kind = None
    # `kind: [tool]` is a list: unhashable, so test the type before the set.
    if isinstance(kind_value, str) and kind_value in {k.value for k in EntryKind}:
        kind = EntryKind(kind_value)
    else:
        message = f"must be 'tool' or 'concept', not {describe(kind_value)}"
        problems.add(where.key("kind"), message)
    summary = _text(raw.get("summary"), where, "summary", problems)
    no_layer = _text(raw.get("no_layer"), where, "no_layer", problems, required=False)
    if no_layer is None:
        roles = _roles(raw.get("layers"), where, problems)
    else:
        roles = ()
        if "layers" in raw:
            message = "an entry with no_layer works at no layer: give one or the other"
            problems.add(where.key("layers"), message)
    aliases = _text_list(raw.get("aliases"), where, "aliases", problems)
    source = _source(raw.get("source"), where, problems)
    note = _text(raw.get("note"), where, "note", problems, required=False)
    everyday = _text_list(raw.get("everyday_words"), where, "everyday_words", problems)
    also = _also(raw.get("also"), where, roles, problems)
    part_of = _text_list(raw.get("part_of"), where, "part_of", problems)
    uses = _text_list(raw.get("uses"), where, "uses", problems)
    table = raw.get("table", False)
    if not isinstance(table, bool):
        problems.add(where.key("table"), f"must be true or false, not {describe(table)}")
        table = False
    if table and no_layer is not None:
        message = "a tool of the reference table works at its rows' layers; drop no_layer"
        problems.add(where.key("no_layer"), message)
    own_names = {compact(n) for n in (name or "", *aliases)}
    for word in everyday:
        if compact(word) not in own_names:
            message = f"{quote(word)} is not one of this entry's names"
            problems.add(where.key("everyday_words"), message)
    if not (name and kind and summary and (roles or no_layer)):
        return None
    entry = Entry(name, kind, roles, summary, aliases, source, note, everyday, also, table)
    return entry._replace(uses=uses, part_of=part_of, no_layer=no_layer)


def _term_places(raw: dict[Any, Any], at: _At) -> dict[str, _At]:
    """Where each name and alias of an entry (or layer) is written, labelled by its owner."""
    places: dict[str, _At] = {}

    def add(value: Any, place: tuple[Hashable, ...]) -> None:
        if isinstance(value, str):
            places.setdefault(value.strip(), _At(place, at.label))

    add(raw.get("name"), (*at.place, "name"))
    lists = [(raw.get("aliases"), (*at.place, "aliases"))]
    layers = raw.get("layers")
    if isinstance(layers, dict):
        lists += [
            (role.get("aliases"), (*at.place, "layers", key, "aliases"))
            for key, role in layers.items()
            if isinstance(role, dict)
        ]
    for values, place in lists:
        if isinstance(values, list):
            for index, value in enumerate(values):
                add(value, (*place, index))
    return places


def _check_unique_names(
    entries: list[tuple[_At, Entry, dict[Any, Any]]],
    layers: list[tuple[_At, Layer, dict[Any, Any]]],
    problems: _Problems,
) -> None:
    """Every name and alias must point at one thing, or a question would be ambiguous."""
    owners: dict[str, str] = {}
    for at, entry, raw in entries:
        terms = [entry.name, *entry.aliases, *(t for role in entry.roles for t in role.aliases)]
        for term in dict.fromkeys(terms):
            key = compact(term)
            previous = owners.setdefault(key, at.label) if key else None
            if not key:
                message = f"alias {quote(term)} has no letters or digits"
            elif previous != at.label:
                message = f"alias {quote(term)} is also claimed by {previous}"
            else:
                continue
            problems.add(_term_places(raw, at).get(term, at), message)
    layer_names: dict[str, int] = {}
    for at, layer, raw in layers:
        for term in (layer.name, *layer.aliases):
            key = compact(term)
            previous_layer = layer_names.setdefault(key, layer.number) if key else None
            if not key:
                message = f"alias {quote(term)} has no letters or digits"
            elif previous_layer != layer.number:
                message = f"name {quote(term)} is also used by layer {previous_layer}"
            else:
                continue
            labelled = _At(at.place, f"layer {layer.number}")
            problems.add(_term_places(raw, labelled).get(term, labelled), message)


def _check_links(
    entries: list[tuple[_At, Entry, dict[Any, Any]]], problems: _Problems
) -> list[Entry]:
    """`uses` and `part_of` name other entries, each once; returns the entries with every
    link spelled as the entry it names is (the file may differ in case)."""
    names = {entry.name.casefold(): entry.name for _, entry, _ in entries}
    terms: dict[str, str] = {}  # every name and alias -> its entry, for "did you mean"
    for _, entry, _ in entries:
        for term in (entry.name, *entry.aliases):
            terms.setdefault(compact(term), entry.name)
    linked = []
    for at, entry, raw in entries:
        seen: dict[str, str] = {}  # a canonical name -> the field that lists it
        fields: dict[str, list[str]] = {field: [] for field in _LINK_FIELDS}
        for field in _LINK_FIELDS:
            written = raw.get(field)
            for index, value in enumerate(written if isinstance(written, list) else ()):
                if not isinstance(value, str) or not value.strip():
                    continue  # reported as a list of text
                here = at.key(field).item(index)
                name = names.get(value.strip().casefold())
                if name is None:
                    close = terms.get(compact(value))
                    hint = f"; did you mean {quote(close)}?" if close else ""
                    problems.add(here, f"no entry is named {quote(value.strip())}{hint}")
                elif name == entry.name:
                    problems.add(here, f"{quote(value.strip())} is this entry itself")
                elif name in seen:
                    where = "" if seen[name] == field else f" (in {seen[name]})"
                    problems.add(here, f"{quote(name)} is listed more than once{where}")
                else:
                    seen[name] = field
                    fields[field].append(name)
        linked.append(entry._replace(uses=tuple(fields["uses"]), part_of=tuple(fields["part_of"])))
    return linked


def _all_layers(raw_layers: Any, problems: _Problems) -> list[tuple[_At, Layer, dict[Any, Any]]]:
    at = _At(("layers",), "layers")
    if not isinstance(raw_layers, list):
        # No layers at all: perhaps a team overlay, given where the main file goes.
        hint = " (a team overlay goes in --knowledge-extra)" if raw_layers is None else ""
        problems.add(at, f"must be a list of the seven layers, not {describe(raw_layers)}{hint}")
        return []
    layers = []
    for index, raw in enumerate(raw_layers):
        layer = _layer(raw, at.item(index), problems)
        if layer is not None:
            layers.append((at.item(index), layer, raw))
    numbers = [layer.number for _, layer, _ in layers]
    missing = sorted(set(_LAYER_RANGE) - set(numbers))
    if missing:
        problems.add(at, f"layer(s) {', '.join(map(str, missing))} missing; all 1-7 needed")
    for number in sorted({n for n in numbers if numbers.count(n) > 1}):
        problems.add(at, f"layer {number} is defined more than once")
    return layers


def _all_entries(
    raw_entries: Any, problems: _Problems, fields: frozenset[str] = _ENTRY_FIELDS
) -> list[tuple[_At, Entry, dict[Any, Any]]]:
    at = _At(("entries",), "entries")
    if not isinstance(raw_entries, list) or not raw_entries:
        problems.add(at, f"must be a non-empty list, not {describe(raw_entries)}")
        return []
    entries = []
    for index, raw in enumerate(raw_entries):
        entry = _entry(raw, at.item(index), problems, fields)
        if entry is not None:
            # Labelled with the file's position, so later problems count as the file does.
            entries.append((at.item(index).named(entry.name), entry, raw))
    return entries


def _check_version(document: dict[Any, Any], problems: _Problems) -> None:
    version = document.get("version", 1)
    # Only the number 1: `true` and `1.0` equal 1 in Python.
    if type(version) is not int or version != 1:
        message = (
            f"unsupported version {quote(version)}; expected 1"
            if isinstance(version, int | float | str) and not isinstance(version, bool)
            else f"must be 1, not {describe(version)}"
        )
        problems.add(_At(("version",), "version"), message)


def build_knowledge(
    document: Any, source: str, locate: Locate | None = None
) -> tuple[Knowledge | None, list[str]]:
    """Validate a parsed YAML document; return the knowledge, or None and every problem.

    Args:
        locate: gives a place's "line:column", which then starts that problem's line.
    """
    problems = _Problems(locate)
    if document is None:
        return None, ["the file is empty; it needs 'layers' and 'entries'"]
    if not isinstance(document, dict):
        return None, [f"the top level must be a mapping, not {describe(document)}"]
    _check_keys(document, _TOP_FIELDS, _At((), "top level"), problems)
    _check_version(document, problems)

    layers = _all_layers(document.get("layers"), problems)
    entries = _all_entries(document.get("entries"), problems)
    _check_unique_names(entries, layers, problems)
    linked = _check_links(entries, problems)
    if entries:
        covered = {n for _, entry, _ in entries for n in entry.layers}
        for at, layer, _ in layers:
            if layer.number not in covered:
                problems.add(
                    _At(at.place, f"layer {layer.number} ({layer.name})"),
                    "has no tool or concept; every layer needs at least one entry",
                )

    if problems.items:
        return None, problems.items
    ordered = sorted((layer for _, layer, _ in layers), key=lambda la: -la.number)
    by_number = {layer.number: layer for layer in ordered}
    origin = Origin(source)
    found = tuple(entry._replace(origin=origin) for entry in linked)
    return index_knowledge(by_number, found, source), []


# ---------------------------------------------------------------- team overlays
# An overlay (OSI_KNOWLEDGE_EXTRA) adds entries to the main file, or stands in for one of
# its entries with `replaces: <name>`; the layers are the main file's alone. Each overlay is
# checked here on its own; `bot.loading.merging` then checks it against what came before.

_OVERLAY_TOP_FIELDS = frozenset({"version", "entries"})
_OVERLAY_ENTRY_FIELDS = _ENTRY_FIELDS | {"replaces"}
OVERLAY_LAYERS = (
    "a team overlay cannot redefine the layers: they come from the main knowledge file; "
    "an overlay holds only 'entries' (and 'version')"
)


class Written(NamedTuple):
    """A validated entry and where it is written, for checks across several files."""

    entry: Entry
    place: tuple[Hashable, ...]  # ("entries", 3)
    label: str  # "entries[3] (Envoy)"
    raw: dict[Any, Any]
    replaces: str | None = None  # the name of the entry it stands in for

    def place_of(self, term: str) -> tuple[Hashable, ...]:
        """Where `term` (the entry's name or one of its aliases) is written in the entry."""
        at = _At(self.place, self.label)
        return _term_places(self.raw, at).get(term, at).place


def check_overlay(document: Any, locate: Locate | None = None) -> tuple[list[Written], list[str]]:
    """Validate one team overlay on its own: its entries, or every problem found."""
    problems = _Problems(locate)
    if document is None:
        return [], ["the file is empty; a team overlay needs 'entries'"]
    if not isinstance(document, dict):
        return [], [f"the top level must be a mapping, not {describe(document)}"]
    if "layers" in document:
        problems.add(_At(("layers",), "layers"), OVERLAY_LAYERS)
    others = {key: value for key, value in document.items() if key != "layers"}
    _check_keys(others, _OVERLAY_TOP_FIELDS, _At((), "top level"), problems)
    _check_version(document, problems)
    raw_entries = document.get("entries")
    # A team may keep an overlay with no entries yet (a template, a ConfigMap to fill).
    found = [] if raw_entries == [] else _all_entries(raw_entries, problems, _OVERLAY_ENTRY_FIELDS)
    _check_unique_names(found, [], problems)
    written = []
    for at, entry, raw in found:
        replaces = _text(raw.get("replaces"), at, "replaces", problems, required=False)
        if entry.table and replaces is None:
            message = (
                "a new team entry cannot be a tool of the reference table; to correct one, "
                "add `replaces: <its name>`"
            )
            problems.add(at.key("table"), message)
        written.append(Written(entry, at.place, at.label, raw, replaces))
    return written, problems.items
