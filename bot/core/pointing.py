"""Names pointed back at: "switching the ipvs scheduler to lc — which layer is that
scheduler at" is the IPVS scheduler again, "HTTPRoute … what layer is the route" the
HTTPRoute, and "livenessProbe with exec" names the exec probe by its kind."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.parts import parts_named_by_kind
from bot.core.pastes import POINTERS, ends_a_compound
from bot.core.question_shape import is_content
from bot.core.text import tokenize

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge
    from bot.core.matching import Match

__all__ = ["named_again_or_in_part"]


def named_again_or_in_part(
    knowledge: Knowledge, words: list[str], exact: list[Match], matches: list[Match]
) -> list[Match]:
    """The names, with those pointed back at ("that scheduler") and the parts a word names
    after their whole ("livenessProbe with exec")."""
    matches = [_pointing_back(m, matches, words) for m in matches]
    matches += _named_again(matches, exact, words)
    return matches + parts_named_by_kind(knowledge, matches, words)


def _pointing_back(match: Match, matches: list[Match], words: list[str]) -> Match:
    """ "switching the ipvs scheduler to lc — which layer is that scheduler at": a name's
    last word after "that" or "this" is that name again, not another entry it names
    alone (the kube-scheduler)."""
    at = match.start
    if match.end - at != 1 or at == 0 or words[at - 1] not in POINTERS:
        return match
    earlier = _named_before(at, matches, words)
    return match if earlier is None else match._replace(target=earlier.target)


def _named_again(matches: list[Match], exact: list[Match], words: list[str]) -> list[Match]:
    """ "…the clientip session affinity we turned on, right? what osi layer is that
    affinity thing": the last word of a name given before, after "that" or "this", is that
    name again, even one that alone read as an everyday word ("when the overlay slaps an
    outer udp header on it, what layer is that tunnel")."""
    taken = {i for m in matches for i in range(m.start, m.end)}
    again = []
    for at in range(1, len(words)):
        if at in taken or words[at - 1] not in POINTERS:
            continue
        earlier = _named_before(at, exact, words)
        if earlier is None:
            continue
        # An everyday word needs the pointer to end its phrase ("that tunnel considered"),
        # not begin a longer one ("that tunnel vision").
        following = words[at + 1] if at + 1 < len(words) else ""
        ends = not is_content(following) or following.endswith(("ed", "ing"))
        if earlier in matches or ends:
            again.append(earlier._replace(start=at, end=at + 1))
    return again


def _named_before(at: int, matches: list[Match], words: list[str]) -> Match | None:
    """The first name of several words, given before `at`, whose last word is the word at
    `at` ("the ipvs scheduler" for "scheduler")."""
    earlier = [m for m in matches if m.end < at and _ends_with(m, words, words[at])]
    # "we run haproxy and kube-proxy, which layer is the proxy": two could be meant.
    return earlier[0] if len({m.target.entry.name for m in earlier}) == 1 else None


def _ends_with(match: Match, words: list[str], word: str) -> bool:
    """Whether a name of several words ends with `word` ("the ipvs scheduler"), or one
    written as one word does ("HTTPRoute" for "route")."""
    last = words[match.end - 1]
    if match.end - match.start > 1:
        return word in {last, last.removesuffix("s")}  # "overlay tunnels" for "tunnel"
    # "the overlay … that tunnel": the last word of the name it stands for.
    named = tokenize(match.target.entry.name)
    if len(named) > 1 and word in {named[-1], named[-1].removesuffix("s")}:
        return True
    return ends_a_compound(last, word)
