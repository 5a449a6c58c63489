"""The knowledge the bot answers from: OSI layers and the entries (tools, concepts) at them.

These are plain frozen records. Loading and validating them lives in `bot.loading.load`;
matching questions against them lives in `bot.core.matching`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from bot.core.relations import link_index

if TYPE_CHECKING:
    from collections.abc import Callable

    from bot.core.describing import DescriptionIndex
    from bot.core.matching import AliasIndex
    from bot.core.relations import Link

__all__ = [
    "Entry",
    "EntryKind",
    "Facet",
    "Knowledge",
    "Layer",
    "LayerRole",
    "Origin",
    "as_source",
]


class EntryKind(StrEnum):
    TOOL = "tool"
    CONCEPT = "concept"


class Layer(NamedTuple):
    """One OSI layer as the reference table describes it for Kubernetes."""

    number: int
    name: str
    component: str  # the Kubernetes component or function at this layer
    function: str  # its short purpose, the table's parenthetical
    description: str
    aliases: tuple[str, ...] = ()
    did_you_know: tuple[str, ...] = ()


class LayerRole(NamedTuple):
    """What an entry does at one layer."""

    layer: int
    role: str
    aliases: tuple[str, ...] = ()  # names that mean this entry at this layer only ("istio mtls")


class Facet(NamedTuple):
    """Where experts also place an entry, beyond the reference table's layers: Cilium
    enforces L7 policy, MetalLB's L2 mode answers ARP. Never claimed as the entry's layer."""

    layer: int
    role: str
    source: str | None = None


class Origin(NamedTuple):
    """The file an entry was read from: the main knowledge file, or a team's overlay."""

    file: str = "<memory>"  # the path as it was loaded
    team: bool = False  # from a team overlay (OSI_KNOWLEDGE_EXTRA), not the main file
    replaces: str | None = None  # the main file's entry this one stands in for

    @property
    def file_name(self) -> str:
        """The file's name without its directory, as answers show it."""
        return self.file.replace("\\", "/").rsplit("/", 1)[-1]


_MAIN = Origin()


class Entry(NamedTuple):
    """A tool or concept and every layer it works at, with its role at each; or, with
    `no_layer`, one that works at none."""

    name: str
    kind: EntryKind
    roles: tuple[LayerRole, ...]  # highest layer first
    summary: str
    aliases: tuple[str, ...] = ()
    source: str | None = None
    note: str | None = None
    # Names that are also everyday words ("switch", "bridge"): they count only in a
    # question that is clearly about layers, never in "how do I switch namespaces".
    everyday_words: tuple[str, ...] = ()
    also: tuple[Facet, ...] = ()  # beyond the table's layers, highest first
    table: bool = False  # a tool of the reference table (docs/reference-table.md)
    # Canonical names of other entries: what it is built on, and what it belongs to.
    uses: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()
    origin: Origin = _MAIN  # set by the loader
    # Why a thing people ask about has no layer of its own: not a network component (a
    # Deployment, the kubelet). Such an entry has no `roles`; it is named, never placed.
    no_layer: str | None = None

    def also_at(self, layer: int) -> Facet | None:
        return next((f for f in self.also if f.layer == layer), None)

    @property
    def layers(self) -> tuple[int, ...]:
        return tuple(role.layer for role in self.roles)

    def role_at(self, layer: int) -> str | None:
        return next((r.role for r in self.roles if r.layer == layer), None)


class Knowledge:
    """Everything the bot knows, validated. Build it with `bot.loading.load.load_knowledge`.

    Treated as immutable: a reload builds a new Knowledge and swaps the reference.
    """

    __slots__ = (
        "_by_layer",
        "_by_name",
        "_descriptions",
        "_links",
        "entries",
        "index",
        "layers",
        "source",
    )

    def __init__(
        self,
        layers: dict[int, Layer],
        entries: tuple[Entry, ...],
        index: AliasIndex,
        source: str = "<memory>",
    ) -> None:
        self.layers = layers
        self.entries = entries
        self.index = index
        self.source = source
        self._by_layer = {n: tuple(e for e in entries if n in e.layers) for n in layers}
        self._descriptions: DescriptionIndex | None = None
        self._by_name: dict[str, Entry] | None = None  # built on the first `find`
        self._links = link_index(entries)

    @property
    def descriptions(self) -> DescriptionIndex:
        """The knowledge's sentences weighted for search, built on first use: most
        questions name a thing and never need it, and start-up must stay fast."""
        if self._descriptions is None:
            # Imported here, not at the top: `osi-bot ask` with a name never needs it.
            from bot.core.describing import DescriptionIndex  # noqa: PLC0415

            self._descriptions = DescriptionIndex.build(self.layers.values(), self.entries)
        return self._descriptions

    def layer(self, number: int) -> Layer:
        return self.layers[number]

    def entries_at(self, number: int, kind: EntryKind | None = None) -> tuple[Entry, ...]:
        """Entries working at layer `number`, in file order, optionally of one kind."""
        at_layer = self._by_layer.get(number, ())
        return at_layer if kind is None else tuple(e for e in at_layer if e.kind is kind)

    def related(self, name: str) -> tuple[Link, ...]:
        """The entries linked to the one named `name`, both directions, most specific first
        (see `bot.core.relations`)."""
        return self._links.get(name.casefold(), ())

    def find(self, name: str) -> Entry | None:
        """The entry with this canonical name, case-insensitively."""
        if self._by_name is None:
            # Built on first use: reading asks for a whole's parts by name on its hot path.
            self._by_name = {e.name.casefold(): e for e in reversed(self.entries)}
        return self._by_name.get(name.casefold())


def as_source(knowledge: Knowledge | Callable[[], Knowledge]) -> Callable[[], Knowledge]:
    """A function returning the knowledge to use now: a fixed Knowledge, or a holder's `get`.

    Adapters call it for every question; tests can still hand them a plain Knowledge.
    """
    if callable(knowledge):
        return knowledge
    return lambda: knowledge
