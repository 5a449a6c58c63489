"""The platform-neutral answer the core returns and every adapter renders."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from bot.core.knowledge import Entry, Layer

__all__ = ["Answer", "AnswerKind"]


class AnswerKind(StrEnum):
    TOOL = "tool"
    CONCEPT = "concept"
    LAYER = "layer"
    HELP = "help"
    UNKNOWN = "unknown"


class Answer(NamedTuple):
    """What the bot understood from a question, and what it claims.

    A layer is claimed only in `layers`: it is empty for help and unknown answers.
    """

    question: str  # the question as received (possibly truncated)
    kind: AnswerKind
    entry: Entry | None = None  # the tool or concept understood
    layers: tuple[Layer, ...] = ()  # claimed layers, highest first
    asked_layers: tuple[int, ...] = ()  # layers the question named about `entry` ("is calico L2?")
    focus_layer: int | None = None  # set when the question meant one facet ("istio mtls" -> 6)
    typed: str | None = None  # what the user typed, when the bot corrected a typo
    also: tuple[Entry, ...] = ()  # further entries the question named
    suggestions: tuple[str, ...] = ()  # canonical names that are close, for "did you mean"
    unknown_term: str | None = None  # the words the bot could not place
    yes_no: bool = False  # asked as a yes/no question ("is calico layer 2?")
    exclusive: bool = False  # asked whether the named layers are all of them ("only L7?")
    truncated: bool = False

    @property
    def matched(self) -> str | None:
        if self.entry is not None:
            return self.entry.name
        if self.kind is AnswerKind.LAYER and self.layers:
            return self.layers[0].name
        return None

    @property
    def layer_numbers(self) -> tuple[int, ...]:
        return tuple(layer.number for layer in self.layers)

    @property
    def verdict(self) -> bool | None:
        """The yes or no to "is X at layer N?"; None when not asked, or "N or M" splits it."""
        if self.entry is None or not self.asked_layers or not self.yes_no:
            return None
        claimed = set(self.layer_numbers)
        if self.exclusive:
            return set(self.asked_layers) == claimed
        inside = [n in claimed for n in self.asked_layers]
        if all(inside):
            return True
        return False if not any(inside) else None

    @property
    def is_confident(self) -> bool:
        """True when the answer claims layers and can be posted publicly."""
        return bool(self.layers)
