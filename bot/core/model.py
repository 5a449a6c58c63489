"""The platform-neutral answer the core returns and every adapter renders."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from bot.core.knowledge import Entry, Layer
    from bot.core.relations import Link

__all__ = ["Answer", "AnswerKind", "Relation", "Subject", "relation_between"]


class AnswerKind(StrEnum):
    TOOL = "tool"
    CONCEPT = "concept"
    LAYER = "layer"
    HELP = "help"
    UNKNOWN = "unknown"


class Relation(StrEnum):
    """How one subject's layers stand to another's."""

    SAME = "same"  # exactly the same layers
    OVERLAP = "overlap"  # some layers shared, some not
    ABOVE = "above"  # every layer of the first above every layer of the second
    BELOW = "below"
    DIFFERENT = "different"  # no layer shared, neither wholly above ("F5 (L7, L4) vs L5")


class Subject(NamedTuple):
    """One of several things a question asks about, with the layers claimed for it."""

    entry: Entry
    layers: tuple[Layer, ...]  # highest first
    focus_layer: int | None = None  # one facet only ("istio mtls")
    typed: str | None = None  # what the user typed, when it was a typo

    @property
    def layer_numbers(self) -> tuple[int, ...]:
        return tuple(layer.number for layer in self.layers)


def relation_between(first: Subject, second: Subject) -> Relation:
    """How `first`'s layers stand to `second`'s: the same, overlapping, above or below."""
    mine, theirs = set(first.layer_numbers), set(second.layer_numbers)
    if mine == theirs:
        return Relation.SAME
    if mine & theirs:
        return Relation.OVERLAP
    if min(mine) > max(theirs):
        return Relation.ABOVE
    return Relation.BELOW if max(mine) < min(theirs) else Relation.DIFFERENT


class Answer(NamedTuple):
    """What the bot understood from a question, and what it claims.

    A layer is claimed only in `layers`: it is empty for help and unknown answers, and for
    an entry that works at no layer (`unplaced`: "what layer is a Deployment").
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
    # Several things asked about together ("geneve vs vxlan"): every one, `entry` first,
    # and `layers` is the union of their layers. Empty for a question about one thing.
    subjects: tuple[Subject, ...] = ()
    compares: bool = False  # the question sets the subjects side by side ("vs", "same layer?")
    premise: Relation | None = None  # what a yes/no comparison supposes ("is A above B?")
    # Found from what the question describes ("which layer forwards packets..."): the
    # knowledge's sentence that placed it, or the layers it may be when none is clearly ahead.
    basis: str | None = None
    candidates: tuple[Layer, ...] = ()
    # Entries linked to `entry` (Istio -> Envoy, "uses"), most specific first, for one subject.
    related: tuple[Link, ...] = ()

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
    def relation(self) -> Relation | None:
        """How the first subject's layers stand to the second's, for two or more subjects."""
        if len(self.subjects) < 2:
            return None
        return relation_between(self.subjects[0], self.subjects[1])

    @property
    def verdict(self) -> bool | None:
        """The yes or no to "is X at layer N?" or "is A above B?"; None when not asked,
        or when "N or M" (or subjects that disagree) split it."""
        if self.yes_no and self.premise is not None and self.relation is not None:
            apart = (Relation.ABOVE, Relation.BELOW, Relation.DIFFERENT)
            if self.premise is Relation.DIFFERENT:
                return self.relation in apart
            if self.relation is Relation.DIFFERENT:
                return None  # "is F5 (L7, L4) above HAProxy (L5)?": partly
            return self.relation is self.premise
        if self.entry is None or not self.asked_layers or not self.yes_no:
            return None
        if self.unplaced:  # "is a pod layer 3?": neither yes nor no, it has no layer
            return None
        if self.subjects:
            verdicts = {_asked_verdict(s.layer_numbers, self) for s in self.subjects}
            return verdicts.pop() if len(verdicts) == 1 else None
        table = _asked_verdict(self.layer_numbers, self)
        if table is True or not self.beyond_table:
            return table
        # Asked about a layer experts also give it: never a bare "No".
        beyond = self.layer_numbers + tuple(f.layer for f in self.entry.also)
        return _asked_verdict(beyond, self) if not self.exclusive else None

    @property
    def beyond_table(self) -> tuple[int, ...]:
        """The asked layers the entry also works at beyond the table ("does cilium do L7?")."""
        if self.entry is None or self.subjects:
            return ()
        claimed = set(self.layer_numbers)
        return tuple(
            n for n in self.asked_layers if n not in claimed and self.entry.also_at(n) is not None
        )

    @property
    def unplaced(self) -> bool:
        """True for one thing that is not a network component, answered as having no layer."""
        return self.entry is not None and not self.layers and self.entry.no_layer is not None

    @property
    def is_confident(self) -> bool:
        """True when the answer claims layers, or says for sure that its subject has none,
        and can be posted publicly."""
        return bool(self.layers) or self.unplaced


def _asked_verdict(claimed_numbers: tuple[int, ...], answer: Answer) -> bool | None:
    """Yes when every asked layer is claimed, no when none is; "only" needs them all."""
    claimed = set(claimed_numbers)
    if answer.exclusive:
        return set(answer.asked_layers) == claimed
    inside = [n in claimed for n in answer.asked_layers]
    if all(inside):
        return True
    return False if not any(inside) else None
