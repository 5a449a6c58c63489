"""Names written the other way round: "offloading tls" is TLS offloading, "encrypting
traffic" traffic encryption, when the knowledge knows the name in that order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.matching import Match

if TYPE_CHECKING:
    from bot.core.matching import AliasIndex

__all__ = ["turned_round"]


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
