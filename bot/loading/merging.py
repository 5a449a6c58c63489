"""Team overlays merged over the main knowledge: added entries, replaced ones, no clashes.

An overlay adds entries, or stands in for one of the main file's entries wholesale with
`replaces: <name>`. Anything else that would make a question ambiguous is an error naming
both places as file:line:column: an overlay entry with a main entry's name but no
`replaces`, an alias two files claim, two overlays replacing the same entry, a `replaces`
naming nothing. Overlays are merged in order; the first with a problem is reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from bot.core.knowledge import Origin
from bot.core.matching import index_knowledge
from bot.core.text import compact
from bot.errors import KnowledgeError
from bot.loading.excerpts import quote
from bot.loading.validation import Written

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Sequence

    from bot.core.knowledge import Entry, Knowledge
    from bot.loading.validation import Locate

    # Records a problem with an overlay entry, at a place in it.
    _Report = Callable[[Written, tuple[Hashable, ...], str], None]

__all__ = ["Overlay", "merge"]


class Overlay(NamedTuple):
    """One overlay file, validated on its own (`check_overlay`)."""

    path: str
    entries: list[Written]
    locate: Locate


class _Claim(NamedTuple):
    """An entry of the merged knowledge and the file it is written in."""

    written: Written
    path: str
    locate: Locate

    @property
    def entry(self) -> Entry:
        return self.written.entry

    def where(self, term: str | None = None) -> str:
        """Where the entry is, or its name or alias that is `term`: path:line:column."""
        if term is not None:
            key = compact(term)
            term = next((t for t in _terms(self.entry) if compact(t) == key), None)
        place = self.written.place if term is None else self.written.place_of(term)
        position = self.locate(place)
        return f"{self.path}:{position}" if position else self.path


def _terms(entry: Entry) -> dict[str, None]:
    """The entry's name and aliases, each once, in the order the file gives them."""
    return dict.fromkeys(
        [entry.name, *entry.aliases, *(t for role in entry.roles for t in role.aliases)]
    )


class _Merge:
    def __init__(self, main: Knowledge, document: dict[Any, Any], locate: Locate) -> None:
        self.main = main.source
        raw = document["entries"]
        # A valid main file turned every item of `entries` into an entry, in order.
        self.slots = [
            _Claim(
                Written(e, ("entries", i), f"entries[{i}] ({e.name})", raw[i]), self.main, locate
            )
            for i, e in enumerate(main.entries)
        ]
        self.owners: dict[str, int] = {}  # compacted name or alias -> slot
        for slot, claim in enumerate(self.slots):
            for term in _terms(claim.entry):
                self.owners.setdefault(compact(term), slot)
        self.emptied: dict[int, tuple[Overlay, Written, str]] = {}  # layer -> who replaced it

    def add(self, overlay: Overlay) -> None:
        problems: list[str] = []

        def problem(written: Written, place: tuple[Hashable, ...], message: str) -> None:
            position = overlay.locate(place)
            line = f"{written.label}: {message}"
            problems.append(f"{position}: {line}" if position else line)

        # Replacements first, so the names of a replaced entry are free for the whole file.
        placed: list[tuple[Written, int]] = []
        for written in overlay.entries:
            if written.replaces is not None:
                slot = self._replace(overlay, written, problem)
                if slot is not None:
                    placed.append((written, slot))
        for written in overlay.entries:
            if written.replaces is None:
                self.slots.append(_Claim(written, overlay.path, overlay.locate))
                placed.append((written, len(self.slots) - 1))
        for written, slot in placed:
            self._claim_terms(overlay, written, slot, problem)
        if problems:
            raise KnowledgeError(overlay.path, sorted(problems, key=_in_file_order))

    def _replace(self, overlay: Overlay, written: Written, problem: _Report) -> int | None:
        name = written.replaces
        assert name is not None
        key = compact(name)
        place = (*written.place, "replaces")
        slot = next((i for i, c in enumerate(self.slots) if compact(c.entry.name) == key), None)
        if slot is None:
            owner = self.owners.get(key)
            if owner is not None:
                other = self.slots[owner]
                message = (
                    f"replaces {quote(name)}, an alias of {other.entry.name} "
                    f"({other.where(name)}); name the entry: `replaces: {other.entry.name}`"
                )
            else:
                message = f"replaces {quote(name)}, but no entry has that name"
            problem(written, place, message)
            return None
        old = self.slots[slot]
        if old.path != self.main:
            message = (
                f"replaces {quote(name)}, which {old.written.label} at {old.where()} already "
                "does; one team entry may stand in for an entry"
            )
            problem(written, place, message)
            return None
        for term in _terms(old.entry):
            if self.owners.get(compact(term)) == slot:
                del self.owners[compact(term)]
        for layer in old.entry.layers:
            self.emptied.setdefault(layer, (overlay, written, old.entry.name))
        # Named as the main file names it, for answers to say what was replaced.
        written = written._replace(replaces=old.entry.name)
        self.slots[slot] = _Claim(written, overlay.path, overlay.locate)
        return slot

    def _claim_terms(self, overlay: Overlay, written: Written, slot: int, problem: _Report) -> None:
        clashed: set[int] = set()  # entries its name clashes with: said once, not per alias
        for term in _terms(written.entry):
            key = compact(term)
            owner = self.owners.setdefault(key, slot)
            other = self.slots[owner]
            if owner == slot or owner in clashed or other.path == overlay.path:
                continue  # one file's own clashes are reported by `check_overlay`
            if term == written.entry.name and compact(other.entry.name) == key:
                clashed.add(owner)
                how = (
                    f"to replace that entry, add `replaces: {other.entry.name}`"
                    if other.path == self.main
                    else "rename one of them"
                )
                message = (
                    f"{quote(term)} is already the name of {other.written.label} at "
                    f"{other.where()}; {how}"
                )
            else:
                message = (
                    f"alias {quote(term)} is also claimed by {other.written.label} "
                    f"at {other.where(term)}"
                )
            problem(written, written.place_of(term), message)

    def knowledge(self, main: Knowledge) -> Knowledge:
        covered = {n for claim in self.slots for n in claim.entry.layers}
        for number, (overlay, written, name) in sorted(self.emptied.items()):
            if number not in covered:
                layer = main.layers[number]
                position = overlay.locate(written.place)
                message = (
                    f"{written.label}: replacing {name} leaves layer {number} ({layer.name}) "
                    "with no tool or concept; every layer needs at least one entry"
                )
                raise KnowledgeError(overlay.path, [f"{position}: {message}"])
        names = {claim.entry.name.casefold(): claim.entry.name for claim in self.slots}
        entries = tuple(
            _stamped(claim, self.main, self._links(claim, names)) for claim in self.slots
        )
        return index_knowledge(main.layers, entries, main.source)

    def _links(self, claim: _Claim, names: dict[str, str]) -> dict[str, tuple[str, ...]]:
        """A team entry's `uses` and `part_of`, resolved against every entry merged: a
        team tool may use a bundled one (`uses: [Envoy]`)."""
        if claim.path == self.main:
            return {}
        links: dict[str, tuple[str, ...]] = {}
        for field in ("uses", "part_of"):
            written = claim.written.raw.get(field)
            resolved: list[str] = []
            for index, value in enumerate(written if isinstance(written, list) else ()):
                name = names.get(str(value).strip().casefold())
                if name is None or name == claim.entry.name:
                    why = "is this entry itself" if name else "names no entry"
                    place = (*claim.written.place, field, index)
                    position = claim.locate(place)
                    message = f"{claim.written.label}: {field} {quote(str(value))} {why}"
                    raise KnowledgeError(claim.path, [f"{position}: {message}"])
                if name not in resolved:
                    resolved.append(name)
            links[field] = tuple(resolved)
        return links


def _in_file_order(problem: str) -> tuple[int, int]:
    """A problem's line and column, from its "line:column: " start."""
    line, _, rest = problem.partition(":")
    column = rest.partition(":")[0]
    return (int(line), int(column)) if line.isdigit() and column.isdigit() else (0, 0)


def _stamped(claim: _Claim, main: str, links: dict[str, tuple[str, ...]]) -> Entry:
    if claim.path == main:
        return claim.entry
    origin = Origin(claim.path, team=True, replaces=claim.written.replaces)
    return claim.entry._replace(
        origin=origin,
        uses=links.get("uses", claim.entry.uses),
        part_of=links.get("part_of", claim.entry.part_of),
    )


def merge(
    main: Knowledge, document: dict[Any, Any], locate: Locate, overlays: Sequence[Overlay]
) -> Knowledge:
    """The main knowledge with every overlay merged over it, in order.

    Args:
        main: the main file's knowledge, validated; `document` and `locate` are its parse.

    Raises:
        KnowledgeError: for the first overlay that clashes with what came before it.
    """
    merged = _Merge(main, document, locate)
    for overlay in overlays:
        merged.add(overlay)
    return merged.knowledge(main)
