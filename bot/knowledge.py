"""The knowledge the bot answers from: OSI layers and the entries (tools, concepts) at them.

These are plain frozen records. Loading and validating them lives in `bot.loading`;
matching questions against them lives in `bot.matching`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.matching import AliasIndex

__all__ = ["Entry", "EntryKind", "Knowledge", "Layer", "LayerRole"]


class EntryKind(StrEnum):
    TOOL = "tool"
    CONCEPT = "concept"


@dataclass(frozen=True, slots=True)
class Layer:
    """One OSI layer as the reference table describes it for Kubernetes."""

    number: int
    name: str
    component: str  # the Kubernetes component or function at this layer
    function: str  # its short purpose, the table's parenthetical
    description: str
    aliases: tuple[str, ...] = ()
    did_you_know: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LayerRole:
    """What an entry does at one layer."""

    layer: int
    role: str
    aliases: tuple[str, ...] = ()  # names that mean this entry at this layer only ("istio mtls")


@dataclass(frozen=True, slots=True)
class Entry:
    """A tool or concept and every layer it works at, with its role at each."""

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

    @property
    def layers(self) -> tuple[int, ...]:
        return tuple(role.layer for role in self.roles)

    def role_at(self, layer: int) -> str | None:
        return next((r.role for r in self.roles if r.layer == layer), None)


@dataclass(frozen=True, eq=False)
class Knowledge:
    """Everything the bot knows, validated. Build it with `bot.loading.load_knowledge`."""

    layers: dict[int, Layer]
    entries: tuple[Entry, ...]
    source: str = "<memory>"
    index: AliasIndex = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Deferred import: the index is derived data, built once per knowledge.
        from bot.matching import AliasIndex  # noqa: PLC0415

        object.__setattr__(self, "index", AliasIndex.build(self))

    def layer(self, number: int) -> Layer:
        return self.layers[number]

    def entries_at(self, number: int, kind: EntryKind | None = None) -> tuple[Entry, ...]:
        return tuple(
            e for e in self.entries if number in e.layers and (kind is None or e.kind is kind)
        )

    def find(self, name: str) -> Entry | None:
        """The entry with this canonical name, case-insensitively."""
        folded = name.casefold()
        return next((e for e in self.entries if e.name.casefold() == folded), None)
