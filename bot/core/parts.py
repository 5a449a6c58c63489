"""Wholes and their parts, as the knowledge's `part_of` links them: "a NetworkPolicy
egress rule" is the rule, "livenessProbe with exec" the exec probe."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.matching import Match, Target
from bot.core.relations import LinkKind
from bot.core.subjects import JOINING
from bot.core.text import tokenize

if TYPE_CHECKING:
    from bot.core.knowledge import Entry, Knowledge
    from bot.core.text import Tokens

__all__ = ["parts_named_by_kind", "without_containers", "without_wholes"]

# A whole named this close to one of its parts is that part's: "a Gateway API TCPRoute",
# "svc of type LoadBalancer".
_PART_REACH = 3
_BY_MEANS = frozenset({"with", "using", "via"})  # "livenessProbe with exec"
_POINTERS = frozenset({"that", "this"})


def without_wholes(matches: list[Match], words: list[str]) -> list[Match]:
    """The names found, less any whole (the knowledge's `part_of`) written beside one of
    its parts, there or named again: "nodeport svc" is a NodePort Service, not also every
    Service; but "gateway api vs tcproute" sets them side by side."""

    def beside_a_part(whole: Match) -> bool:
        # "type: LoadBalancer … what layer is that svc type": the whole pointed back at is
        # the part named before.
        pointed = whole.start > 0 and words[whole.start - 1] in _POINTERS
        for part in matches:
            if whole.target.entry.name not in part.target.entry.part_of:
                continue
            between = words[min(part.end, whole.end) : max(part.start, whole.start)]
            if len(between) <= _PART_REACH and JOINING.isdisjoint(between):
                return True
            if pointed and part.end <= whole.start:
                return True
        return False

    # "livenessProbe with exec … what layer is that probe": the whole named again is that
    # part too.
    beside = {m.target.entry.name for m in matches if beside_a_part(m)}
    return [m for m in matches if m.target.entry.name not in beside]


def without_containers(matches: list[Match], tokens: Tokens) -> tuple[list[Match], set[int]]:
    """The names found, less any that only holds a later one in a dotted field path
    ("svc.spec.sessionAffinity" is the Service's session affinity), and the positions of
    the path before that later one ("svc", "spec"): no unknown words either."""
    kept: list[Match] = []
    held: set[int] = set()
    if not tokens.spans:
        return matches, held
    starts = {m.start for m in matches}
    for match in matches:
        at = match.end
        while at < len(tokens.words) and tokens.gap(at) == ".":
            if at in starts:
                held.update(range(match.start, at))
                break
            at += 1
        else:
            kept.append(match)
    return kept, held


def parts_named_by_kind(
    knowledge: Knowledge, matches: list[Match], words: list[str]
) -> list[Match]:
    """The part a word right after its whole names by its kind (see `_kind_words`):
    "livenessProbe with exec" is the exec probe, as "readinessProbe with httpGet" is the
    httpGet probe by its own name."""
    taken = {i for m in matches for i in range(m.start, m.end)}
    found = []
    for whole in matches:
        kinds = _kind_words(knowledge, whole.target.entry)
        for at in range(whole.end, min(len(words), whole.end + _PART_REACH)):
            if at in taken:
                break
            part = kinds.get(words[at])
            if part is not None:
                found.append(Match(Target(part), at, at + 1))
                break
            if words[at] not in _BY_MEANS:
                break  # "with exec"; not "a gcp load balancer for the application"
    return found


def _kind_words(knowledge: Knowledge, whole: Entry) -> dict[str, Entry]:
    """Each part's names less the word every part's name shares ("exec" of "exec probe",
    "command" of "command probe"), when that leaves one word no other part's names leave."""
    parts = [
        part
        for link in knowledge.related(whole.name)
        if link.kind is LinkKind.INCLUDES and (part := knowledge.find(link.name)) is not None
    ]
    if len(parts) < _LEAST_PARTS:
        return {}
    shared = set.intersection(*(set(tokenize(part.name)) for part in parts))
    owners: dict[str, set[str]] = {}
    for part in parts:
        for name in (part.name, *part.aliases):
            rest = [word for word in tokenize(name) if word not in shared]
            if len(rest) == 1:
                owners.setdefault(rest[0], set()).add(part.name)
    by_name = {part.name: part for part in parts}
    return {word: by_name[names.pop()] for word, names in owners.items() if len(names) == 1}


_LEAST_PARTS = 2  # a family: "probe" is shared only when there are several kinds
