"""Names written the other way round: "offloading tls" is TLS offloading, "encrypting
traffic" traffic encryption, when the knowledge knows the name in that order; and a name
said with what it works by ("routing on the url path" is routing by path)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.matching import Match

if TYPE_CHECKING:
    from bot.core.matching import AliasIndex

__all__ = ["based_on", "by_what_it_works", "turned_round"]


def turned_round(index: AliasIndex, words: list[str], matches: list[Match]) -> list[Match]:
    """The matches, with a one-word name after a verb's "-ing" form read together with it
    when the knowledge names the two the other way round ("offloading tls" -> "tls
    offloading", "terminating tls" -> "tls termination")."""
    taken = {i for m in matches for i in range(m.start, m.end)}
    found = []
    for match in matches:
        at = match.start - 1
        if match.end - match.start != 1 or at < 0 or at in taken:
            found.append(match)
            continue
        verb = words[at]
        target = None
        if verb.endswith("ing") and len(verb) > len("ing") + 2:
            stem = verb[: -len("ing")]
            for form in (verb, stem + "ion", stem + "ation"):
                target = index.exact.get(words[match.start] + form)
                if target is not None:
                    break
        found.append(match if target is None else Match(target, at, match.end))
    return found


def based_on(index: AliasIndex, words: list[str], matches: list[Match]) -> list[Match]:
    """The matches, with "<word>-based <name>" read as "<word> <name>" when the knowledge
    knows that name ("url-based routing" is URL routing, the application-aware routing)."""
    for match in matches:
        at = match.start
        if match.end - at != 1 or at < _BASED_REACH or words[at - 1] != "based":
            continue
        target = index.exact.get(words[at - 2] + words[at])
        if target is None:
            continue
        whole = Match(target, at - 2, match.end)
        return [whole, *(m for m in matches if m.end <= whole.start or m.start >= whole.end)]
    return matches


_BASED_REACH = 2  # "url based": the word before "based"
_BY = frozenset("on by via using".split())  # "routing on the url path", "based on"
_OPENING = _BY | {"based"}
_SKIPPED = _BY | frozenset("the a an its their based".split())
_REACH = 4  # words after the preposition: "routing based on the request's url path"


def by_what_it_works(index: AliasIndex, words: list[str], matches: list[Match]) -> list[Match]:
    """The matches, with a one-word name and what it works by read as the one name the
    knowledge gives the two ("routing on the url path" -> "routing by path", the
    application-aware routing; "balancing by cookie"): the words after the preposition
    otherwise name a thing of their own."""
    for match in sorted(matches, key=lambda m: m.start):
        at = match.end
        if match.end - match.start != 1 or at >= len(words) or words[at] not in _OPENING:
            continue
        head = words[match.start]
        for end in range(at + 1, min(len(words), at + 1 + _REACH)):
            word = words[end]
            if word in _SKIPPED:
                continue
            target = index.exact.get(f"{head}by{word}") or index.exact.get(f"{word}{head}")
            if target is None or target.entry is match.target.entry:
                continue
            whole = Match(target, match.start, end + 1)
            return [whole, *(m for m in matches if m.end <= whole.start or m.start >= whole.end)]
    return matches
