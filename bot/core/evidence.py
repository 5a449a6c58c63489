"""What a pasted log, trace or config is evidence of, when the question points at it.

"which layer is this?" after a paste asks about what the paste shows — a TLS handshake
failing, SYNs that get no SYN-ACK, pods left without IPs — not about the tool that printed
it. Every name of the knowledge found in the paste is evidence for its layers, weighted by
how specific the name is: how few entries use its words ("mss" points somewhere, "ip"
almost everywhere). A name claims every layer of its entry and is only as strong as its
weakest layer's evidence, so an Envoy access log full of HTTP/1.1 503s is Layer 7
evidence, not evidence for Envoy's Layers 5 and 6; a kube-proxy log is about kube-proxy.

Not evidence: the command that printed the paste ("$ curl -v …"), a name made of digits
only (the "0.0.0.0" a timestamp's "+0000" spells), a word the paste shouts in capitals
that the knowledge does not write so ("INGRESS DENIED" is a verdict, where "TCP" is TCP),
and a name the knowledge marks as an everyday word. A paste with no clear evidence
("OOMKilled", "Exit Code: 137") claims nothing.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from bot.core.matching import AliasIndex, Match
    from bot.core.text import Tokens

__all__ = ["is_evidence", "shown_in_paste"]

# The best claim must lead the evidence for any layer it does not claim by this factor,
# and hold at least this much: one specific name ("syn-ack", "PeerAuthentication") or
# several general ones; a field label or two ("IP:", "Port: 8080/TCP") is no claim.
_LEAD = 1.5
_MIN_EVIDENCE = 4.0


class _Evidence(NamedTuple):
    weight: float
    layers: tuple[int, ...]
    first: int  # where the paste first names it
    name: str  # how to name it again: the entry's name, or its facet's alias as written


def shown_in_paste(index: AliasIndex, tokens: Tokens, names: list[Match]) -> str | None:
    """The name that stands for what the paste `tokens` shows, from the `names` found in
    it that are evidence (`is_evidence`); None without clear evidence (see the module's
    description)."""
    rarity = _rarity(index)
    found: dict[tuple[str, int | None], _Evidence] = {}
    for match in names:
        target = match.target
        words = [w for w in tokens.words[match.start : match.end] if not w.isdigit()]
        # Each word of a longer name adds to it: "certificate signed by unknown authority"
        # says more than "certificate".
        weight = sum(rarity.get(word, rarity[""]) for word in dict.fromkeys(words))
        key = (target.entry.name, target.layer)
        seen = found.get(key)
        if seen is not None:
            found[key] = seen._replace(weight=seen.weight + weight)
            continue
        layers = target.entry.layers if target.layer is None else (target.layer,)
        name = target.entry.name if target.layer is None else tokens.quote(match.start, match.end)
        found[key] = _Evidence(weight, layers, match.start, name)
    if not found:
        return None
    candidates = list(found.values())

    def agreement(name: _Evidence) -> float:
        # Others' evidence counts as far as their layers agree; a name's own is spread over
        # its layers, so a layer only it claims (Envoy's 5 and 6 in an access log) is weak.
        others = sum(_overlap(name.layers, o.layers) * o.weight for o in candidates if o != name)
        return others + name.weight / len(name.layers)

    scored = [(round(agreement(e), 6), -e.first, e) for e in candidates]
    score, _, best = max(scored, key=lambda s: s[:2])
    against = max((s for s, _, e in scored if set(e.layers).isdisjoint(best.layers)), default=0.0)
    if score < _MIN_EVIDENCE or score < _LEAD * against:
        return None
    return best.name


def _overlap(mine: tuple[int, ...], other: tuple[int, ...]) -> float:
    """How far two sets of layers agree: shared over all (1 when equal, 0 when apart)."""
    shared = len(set(mine).intersection(other))
    return shared / (len(mine) + len(other) - shared) if shared else 0.0


def is_evidence(match: Match, tokens: Tokens, *, commands: bool = False) -> bool:
    """Whether a name found in a paste says anything of it: not an everyday word the
    knowledge marks, not digits only, not the command after a shell prompt that printed
    it, not a word shouted as log vocabulary, not a thing with no layer of its own
    ("kubelet" in an event, "namespace:" in YAML)."""
    if match.target.everyday or match.target.entry.no_layer is not None:
        return False
    words = tokens.words[match.start : match.end]
    if all(word.isdigit() for word in words):
        return False  # an address, a count, a timestamp's "+0000"
    if not tokens.spans:
        return True
    start = tokens.spans[match.start][0]
    before = tokens.text[tokens.text.rfind("\n", 0, start) + 1 : start]
    if "/*" in before and "*/" not in before:
        return False  # a rule's comment ("/* kube-system/kube-dns:dns-tcp */") names its use
    line = before.split()
    if line and line[0] == "$" and (len(line) == 1 or line[1:] == ["sudo"]):
        return False  # the command that printed the paste ("$ curl -v …") shows nothing
    if not line and not commands:  # a command with no prompt: "tcpdump -ni eth0 port 5432"
        end = tokens.spans[match.end - 1][1]
        if re.match(r"[ \t]+--?[a-z]", tokens.text[end:], re.IGNORECASE):
            return False
    written = tokens.text[start : tokens.spans[match.end - 1][1]]
    letters = [c for c in written if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        # Log levels and verdicts shout ("INGRESS DENIED", "CLUSTER-IP" as a column);
        # an acronym the knowledge itself writes in capitals ("TCP", "SSL") is the name.
        entry = match.target.entry
        own = f"{entry.name} {entry.summary}"
        return all(re.search(rf"\b{re.escape(w.upper())}\b", own) for w in words if w.isalpha())
    return True


@lru_cache(maxsize=4)
def _rarity(index: AliasIndex) -> dict[str, float]:
    """How specific each word of the knowledge's names is: the log of how many entries
    there are over how many use the word in a name. "" holds the most specific weight."""
    users: dict[str, set[str]] = {}
    for spaced, target in index.spaced.items():
        for word in spaced.split():
            users.setdefault(word, set()).add(target.entry.name)
    entries = len({target.entry.name for target in index.spaced.values()})
    rarity = {word: math.log(entries / len(names)) for word, names in users.items()}
    rarity[""] = math.log(entries)
    return rarity
