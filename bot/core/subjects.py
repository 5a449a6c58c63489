"""Which of the names found a question asks about: its subject first, then every name it
compares or lists beside it, and none it only mentions or sets aside."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from bot.core.credibility import breaks_apart, is_everyday, ranked_against
from bot.core.knowledge import EntryKind
from bot.core.layer_words import LAYER_WORDS
from bot.core.lexicon import english_with_s
from bot.core.question_shape import AND_OR, DETERMINERS, WH_WORDS, is_content
from bot.core.vocabulary import AUXILIARIES, COPULAS, GRAMMAR, STOPWORDS

if TYPE_CHECKING:
    from bot.core.matching import Match
    from bot.core.text import Tokens

__all__ = [
    "JOINING",
    "STRESSING",
    "qualifies",
    "said_twice",
    "set_aside",
    "stressed",
    "subject_rank",
    "subjects_asked",
    "tool_positions",
]


# A name right after one of these is what the asker set aside: "not flannel — vxlan?"
_SET_ASIDE = frozenset(
    "not forget ignore except besides excluding unlike instead without cannot cant never".split()
)
_SET_ASIDE_REACH = 4  # words: "without looking at the URL"
_CONTRACTED = frozenset("can don doesn isn won didn aren wasn couldn".split())  # "can't"
# Words that put several things side by side: "geneve vs vxlan", "ingress and tls".
JOINING = frozenset(
    "vs versus v or and compare compared comparing difference differ different same both each "
    "either than above below higher lower".split()
)
_BECAUSE = frozenset("because cause cuz coz bc".split())
_PAIRING = COPULAS | {"at"}  # "metallb is l4", "envoy at l7"
_ADDING = frozenset("and also plus".split())  # "And the fiber cabling?" asks on
_WHAT_HOW = frozenset(("what", "how"))  # "is nginx l7? what about haproxy" asks on
_MODE = frozenset(("mode", "modes"))
_FINE = frozenset("fine ok okay healthy".split())
# What another name works by or for: "mtls with istio", "… for the bare-metal pods".
_MEANS = frozenset("with using via through for".split())
# "compare A with B", "A compared to B": B is the other thing compared, not A's means.
_COMPARED = frozenset(
    "compare compared compares comparing comparison replace replaced replaces replacing swap "
    "swapped swapping".split()
)  # "replacing haproxy with kong": kong is the other one
_PARTNER = frozenset({"with", "to", "against", "and"})
_SETS_BESIDE = frozenset("same different vs versus than compared unlike".split())
_POINTING = frozenset({"that", "this", "those", "these"})
STRESSING = frozenset({"itself", "themselves"})  # "is the hpa *itself* at some layer"


def set_aside(match: Match, words: list[str], named: frozenset[int]) -> bool:
    """Whether a word before the name sets it aside ("not flannel", "without the URL"),
    looking back a few words but never past another name ("not envoy — what about
    haproxy?" sets aside envoy only), or the words after it say it works, before a "but"
    ("tcp connects fine but the tls handshake dies")."""
    # "flannel in host-gw mode (no vxlan)"; but "no, kube-proxy is l4" disagrees.
    if match.start > 1 and words[match.start - 1] == "no" and match.start - 1 not in named:
        return True
    before = match.start - 1
    if before >= 1 and words[before] in {"or", "nor", "and"} and before - 1 in named:
        # "can't see urls or cookies": a name listed after one set aside is set aside too.
        start = before - 1
        while start - 1 in named:
            start -= 1
        if set_aside(match._replace(start=start, end=before), words, named):
            return True
    for at in range(match.start - 1, max(-1, match.start - 1 - _SET_ASIDE_REACH), -1):
        if at in named:
            return False
        if words[at] in _SET_ASIDE or (words[at] == "than" and words[at - 1 : at] == ["rather"]):
            return True  # "not flannel", "mac addresses rather than ips"
        if words[at] == "t" and words[at - 1 : at] and words[at - 1] in _CONTRACTED:
            return True  # "the layer that can't see urls or cookies"
    if words[match.end : match.end + 1] == ["aside"] and words[match.end + 1 :][:1] != ["from"]:
        return True  # "infiniband aside, …"; not "envoy aside from http also proxies tcp"
    # "tcp connects fine but then the tls handshake dies": what works is not the question.
    after = words[match.end : match.end + _SET_ASIDE_REACH]
    return not _FINE.isdisjoint(after) and "but" in words[match.end :]


def qualifies(
    match: Match, words: list[str], named: frozenset[int], tokens: Tokens | None = None
) -> bool:
    """Whether the name only says how another one works: a mode ("kube-proxy in iptables
    mode", "metallb's bgp mode"), what it is built on ("contour, the envoy-based ingress
    controller") or, after another name, the means or the purpose ("mtls
    between pods with istio", "encryption using wireguard", "macvlan vs flannel for the
    bare-metal pods")."""
    if (
        match.start == 1
        and words[0] == "for"
        and any(at >= match.end for at in named)
        and words[match.end : match.end + 1] not in (["vs"], ["versus"], ["or"], ["and"])
    ):
        return True  # "for encrypting between nodes we could do wg or ipsec": the purpose
    if not any(at < match.start - 1 for at in named):
        return False  # alone, it is the subject: "iptables mode, which layer"
    if _asked_for_last(match, words, named):
        return False  # "…, what layer goes on the diagram for metallb"
    # "in iptables mode", "in ebpf dataplane mode": the mode word at most one word on;
    # "an envoy-based ingress controller": what another is built on.
    mode = not _MODE.isdisjoint(words[match.end - 1 : match.end + 2])
    mode = mode or words[match.end : match.end + 1] in (["based"], ["powered"], ["backed"])
    mode = mode or words[match.start - 1] in _MODE  # "--proxy-mode=iptables"
    before = match.start - 1
    while before > 0 and words[before] in DETERMINERS:
        before -= 1  # "with the mesh", "for the bare-metal pods"
    if before > 1 and before not in named and words[before - 1] in DETERMINERS | _MEANS:
        before -= 1  # one word describing it: "for the secondary nics"
        while before > 0 and words[before] in DETERMINERS:
            before -= 1
    if tokens is not None and any(
        breaks_apart(tokens, at) for at in range(before + 1, match.start + 1)
    ):
        return mode  # "reviewer question for the description: ipvs itself is which layer?"
    first = min(named)
    if words[before] in _PARTNER and not _COMPARED.isdisjoint(words[:first]):
        return False  # "compare geneve with ipsec": the other one compared
    # "is cilium higher because ebpf": the reason given; "metallb does arp in l2 mode":
    # what the name before the verb does.
    done = before - 1 in named and _an_act(words[before])
    # "…haproxy for envoy; does envoy span more layers": the verb opens a question of its own.
    if done and tokens is not None:
        done = tokens.clause[before] == tokens.clause[before - 1] and not breaks_apart(
            tokens, before
        )
    if words[before] == "and" and before - 1 in named and not done:
        # "kube-router does the routing and the netpols": joined to a name that only
        # says what another does, it says so too.
        start = before - 1
        while start - 1 in named:
            start -= 1
        return qualifies(match._replace(start=start, end=before), words, named, tokens)
    return mode or done or words[before] in _MEANS | _BECAUSE


def _an_act(word: str) -> bool:
    """A verb in the third person, saying what a thing does: "does", "speaks", "answers"."""
    return word == "does" or (word not in GRAMMAR and english_with_s(word))


def subjects_asked(
    ranked: list[Match],
    words: list[str],
    tokens: Tokens,
    named: frozenset[int],
    layer_words: set[int],
) -> list[Match]:
    """Every name asked about beside the first: in its clause, not set aside, not an
    everyday word, once each.

    "where do traefik and cert-manager each sit" asks about both; "we use calico. is
    istio L7?", "not flannel, what about cilium?" and "which layer routes on http
    headers" (where "routes" is the verb) about one.
    """
    if not ranked:
        return []
    first = ranked[0]
    clause = tokens.clause[first.start]
    tools_named = tool_positions(ranked)
    # A concept beside a tool is usually what the tool is ("flannel as our CNI", "calico
    # network policy"): it is a subject of its own only when the question joins them, by
    # comparing or by an "and"/"or" between the two ("is flannel the simplest cni? and
    # what layer is it" joins two questions, not two names).
    # "is consul l7 like istio", "arp is l3 like ip yeah?": a layer said of both.
    likened = any(w == "like" and at - 1 in layer_words for at, w in enumerate(words))
    compares = likened or _compares(words)
    if stressed(first, words, named) and not compares:
        return [first]  # "kube-router replaces kube-proxy, but what layer is kube-router itself"

    def joined(match: Match) -> bool:
        start, end = min(first.end, match.end), max(first.start, match.start)
        if compares or not AND_OR.isdisjoint(words[start:end]):
            return True
        # "nic, linux bridge, veth — order them": names in a list, with only commas between.
        return _listed(ranked, tokens, start, end)

    # A clause that sets another name beside the first ("traefik is l4 right? same as
    # metallb") or adds one to the question ("… MetalLB or VXLAN? And the fiber cabling?").
    comparing = {tokens.clause[at] for at, word in enumerate(words) if word in _SETS_BESIDE}
    if (
        clause in comparing
        and first.target.entry.kind is EntryKind.TOOL
        and sum(1 for m in ranked if tokens.clause[m.start] == clause) == 1
    ):
        # "we moved from flannel to calico; does calico work at the same layer": the one
        # tool of a comparing question is set beside the tools said before it.
        comparing |= {
            tokens.clause[m.start] for m in ranked if m.target.entry.kind is EntryKind.TOOL
        }
    comparing |= {
        tokens.clause[at]
        for at, word in enumerate(words)
        if (at == 0 or tokens.clause[at - 1] != tokens.clause[at])
        and (
            (word in _ADDING and tokens.clause[at] in tokens.questions)
            or (word in _WHAT_HOW and words[at + 1 : at + 2] == ["about"])
        )
    }
    # "ingress = l7, service type LoadBalancer = l4, right?": clauses that each pair a name
    # with its own layer set the names side by side.
    paired = {tokens.clause[m.start] for m in ranked if _paired_with_a_layer(m, words, layer_words)}
    if clause not in paired:
        paired = set()
    comparing |= paired
    several = _asks_of_several(words, tokens.joined)
    # "cilium replaces kube-proxy, so they must live at the same layer?": "they" compared
    # are the tools named, whatever one does to the other.
    they = compares and "they" in words
    tools = {m.end for m in ranked if m.target.entry.kind is EntryKind.TOOL}
    ends = {m.end for m in ranked}
    chosen: dict[str, Match] = {}
    spare: list[Match] = []  # asked of with several, though only saying what one is for
    for match in sorted(ranked, key=lambda m: m.start):
        # "its virtualservice routing rules", "the metallb svc": a concept right after a
        # tool, or a phrase right after any name, is that one's; "tls mtls" are two.
        phrase = match.end - match.start > 1 and match.start in ends
        follows = match.target.entry.kind is EntryKind.CONCEPT and (match.start in tools or phrase)
        # "linux bridge, veth", "ethernet frame / ip packet": a list, not one phrase.
        follows = follows and not (
            breaks_apart(tokens, match.start) or "/" in tokens.gap(match.start)
        )
        asked = match is first or (
            not follows
            and (
                several
                or tokens.clause[match.start] == clause
                or tokens.clause[match.start] in comparing
            )
            and not set_aside(match, words, named)
            and not _in_a_relative_clause(match, words, named, tokens)
            and not _in_a_gloss(match, words, named, tokens, tools_named)
            and (not is_everyday(match, words) or ranked_against(match, words, named))
            and (
                joined(match)
                or match.target.entry.kind is EntryKind.TOOL
                or (bool(paired) and _paired_with_a_layer(match, words, layer_words))
            )
        )
        if asked and match is not first and qualifies(match, words, named, tokens):
            if several or (they and match.target.entry.kind is EntryKind.TOOL):
                spare.append(match)
        elif asked:
            chosen.setdefault(match.target.entry.name, match)
    return _counted_in(chosen, spare, words)


def _compares(words: list[str]) -> bool:
    """Whether a word sets things side by side: "geneve vs vxlan", "same layer?", "are
    they different"; not "pods on different physical servers reach each other"."""
    for at, word in enumerate(words):
        if word not in JOINING or word in AND_OR:
            continue
        following = words[at + 1] if at + 1 < len(words) else ""
        if word == "each" and following == "other":
            continue  # "reach each other"
        if word in _QUALIFYING and is_content(following) and following not in LAYER_WORDS:
            continue  # "different physical servers", "the same namespace"; not "same layer"
        return True
    return False


_QUALIFYING = frozenset({"different", "same"})  # before a noun they only describe it


def _counted_in(chosen: dict[str, Match], spare: list[Match], words: list[str]) -> list[Match]:
    """The names asked about, with those that only say what another is for or does added
    up to the count asked of: "calico just for netpol on top of the aws vpc cni, are those
    two at the same layer" asks of two; "traefik with cert-manager for tls, which layer is
    each of those two" has one name that does not qualify, so the tool qualifying it is
    the other."""
    # With no count, a concept that only says what a tool does ("traefik does routing,
    # cert-manager does certs - which layer does each go on") is no thing of its own.
    tools = sum(1 for m in spare if m.target.entry.kind is EntryKind.TOOL)
    counted = _COUNTS.get(next((w for w in words if w in _COUNTS), ""), len(chosen) + tools)
    for match in sorted(spare, key=lambda m: (m.target.entry.kind is not EntryKind.TOOL, m.start)):
        if len(chosen) >= counted:
            break
        chosen.setdefault(match.target.entry.name, match)
    return sorted(chosen.values(), key=lambda m: m.start)


_THE_FEW = frozenset("the those these".split())
_COUNTS = {"two": 2, "both": 2, "three": 3}
_FEW = frozenset("two three both".split())
_THEM = frozenset("them those these the".split())
_PLURAL_POINTING = frozenset("they those these".split())
_EACH_ALONE = frozenset({"to", "one", "ones", "sits", "sit", "goes", "belongs", "lives"})


def _asks_of_several(words: list[str], joined: frozenset[int] = frozenset()) -> bool:
    """Whether the question asks about every thing it named: "which of the two is
    higher", "is emissary the higher of those two?", "which layer does each of those
    belong to", "which layer is each?", "which layers are they at", "all three"."""
    return any(
        # Not "the two clusters", nor "the two in-store clusters".
        (
            word in _THE_FEW
            and following in _FEW
            and not (after and (is_content(after) or at + 3 in joined))
        )
        or (word in {"each", "both", "which"} and following == "of" and after in _THEM)
        or (word in AUXILIARIES and following == "each")  # "which layer is each?"
        or (word == "each" and following in _EACH_ALONE)  # "map each to its layer"
        or (word == "are" and following in _PLURAL_POINTING)
        or (word == "all" and following in _FEW)
        or (word == "both" and not (following and is_content(following)))  # "for both"
        for at, (word, following, after) in enumerate(
            zip(words, [*words[1:], ""], [*words[2:], "", ""], strict=False)
        )
    )


def _listed(ranked: list[Match], tokens: Tokens, start: int, end: int) -> bool:
    """Whether the words from `start` to `end` are only names and the commas between them."""
    named = {i for m in ranked for i in range(m.start, m.end)}
    if any(i not in named for i in range(start, end)):
        return False
    gaps = [tokens.gap(i) for i in range(start, end + 1) if i > 0]
    return any("," in gap for gap in gaps) and all(gap.strip() in {"", ","} for gap in gaps)


def _paired_with_a_layer(match: Match, words: list[str], layer_words: set[int]) -> bool:
    """Whether a layer follows the name at once ("ingress = l7", "metallb is l4")."""
    after = match.end + (match.end < len(words) and words[match.end] in _PAIRING)
    if after >= len(words) or after not in layer_words:
        return False
    # A bare "layer" ("sticky sessions on a service, layer?") asks; "layer 4" pairs.
    return words[after] not in LAYER_WORDS or after + 1 in layer_words


def stressed(match: Match, words: list[str], named: frozenset[int] = frozenset()) -> bool:
    """Whether the question stresses this name as the one it asks about: "is the hpa
    *itself* at some layer", "what osi layer is kube-router itself", "…and got a 34.x ip —
    what osi layer is *that* lb?"."""
    if match.end < len(words) and words[match.end] in STRESSING:
        return True
    start = match.start
    if _asked_for_last(match, words, named) or _asked_where_it_sits(match, words):
        return True
    return (
        start >= 2  # a verb and "that" before the name
        and words[start - 1] in _POINTING
        and (words[start - 2] in AUXILIARIES or words[start - 2] == "s")
        and not is_everyday(match, words)  # "is that routing happening at" points back
        # The question ends with it: "is that calico or flannel?" asks about both.
        and not any(is_content(word) for word in words[match.end :])
    )


_ASKING_WHERE = frozenset("layer layers level where".split())


def _asked_where_it_sits(match: Match, words: list[str]) -> bool:
    """ "…, is renovate at any osi layer", "does calico fit in the osi model": the name
    right after the verb of a question that asks where in the model it sits, everyday word
    or not."""
    start, at = match.start, match.end
    if start == 0 or words[start - 1] not in AUXILIARIES:
        return False
    while at < len(words) and words[at] in _PHRASING_A_PLACE:
        at += 1
    if at >= len(words) or words[at] not in _IN_A_PLACE:
        return False
    at += 1
    while at < len(words) and words[at] in DETERMINERS:
        at += 1
    return at < len(words) and words[at] in _THE_MODEL


_PHRASING_A_PLACE = frozenset("sit sits live lives fit fits belong belongs map maps land".split())
_IN_A_PLACE = frozenset("at in on into to".split())
_THE_MODEL = frozenset("osi layer layers level model".split())


def _asked_for_last(match: Match, words: list[str], named: frozenset[int] = frozenset()) -> bool:
    """ "envoy uses tls, what layer is tls?", "…, so where is kube-proxy", "… — osi layer
    of the vpc cni": a question that ends asking where its last name sits, after others."""
    start = match.start
    while start >= 3 and words[start - 1] in DETERMINERS:
        start -= 1  # "which layer is a loadbalancer service"
    if start >= 2 and words[start - 1] in {"of", "for"} and not _more_after(match, words):
        # "osi layer of the vpc cni", "what layer goes on the diagram for metallb": the
        # layer asked just before, with no other name between; not "which layer are frames
        # built out of packets", whose subject follows the verb.
        for at in range(start - 2, max(-1, start - 2 - _LAYER_OF_REACH), -1):
            if at in named or words[at] in AUXILIARIES:
                return False
            if words[at] in _ASKING_WHERE - {"where"}:
                return True
    if start >= 2 and words[start - 1] in {"does", "do"} and words[start - 2] in _ASKING_WHERE:
        # "ovn uses geneve for the overlay — where does geneve land in the osi model"
        rest = words[match.end :]
        return bool(rest) and rest[0] in _LANDING and all(w in STOPWORDS for w in rest[1:])
    return (
        start >= 2
        and words[start - 1] in COPULAS
        and words[start - 2] in _ASKING_WHERE
        and not any(is_content(word) for word in words[match.end :])
    )


_LAYER_OF_REACH = 5  # words from "layer" to "of"/"for": "what layer goes on the diagram for"


def _more_after(match: Match, words: list[str]) -> bool:
    """Whether content words follow the name, short of a source it is asked by ("layers
    for kube-proxy per the table?")."""
    for word in words[match.end :]:
        if word in _BY_A_SOURCE:
            return False
        if is_content(word):
            return True
    return False


_BY_A_SOURCE = frozenset({"per", "according"})


# Verbs that place a thing: "where does geneve *land*", "which layer does it *sit* at".
_LANDING = frozenset("land lands end ends go goes sit live fall fit belong work run".split())


def said_twice(matches: list[Match]) -> set[str]:
    """The things a message names twice, apart ("tunnels between nodes so the overlay
    works…"): the talk is about them. Two names side by side ("clientip stickiness") are
    one mention."""
    ends: dict[str, list[tuple[int, int]]] = {}
    for m in sorted(matches, key=lambda m: m.start):
        ends.setdefault(m.target.entry.name, []).append((m.start, m.end))
    return {
        name
        for name, spans in ends.items()
        if any(later[0] > earlier[1] for earlier, later in pairwise(spans))
    }


def _in_a_relative_clause(
    match: Match, words: list[str], named: frozenset[int], tokens: Tokens
) -> bool:
    """ "the clusterIP that kube-dns gets", "the ingress which envoy backs", "a netpol
    egress rule that only allows udp 53 to kube-dns": a name in a clause that describes
    the name before it, unbroken by punctuation."""
    beside = False  # past "vs", "and", "or": "the nginx ingress you set up vs the aws nlb"
    for at in range(match.start - 1, max(0, match.start - _RELATIVE_REACH), -1):
        if breaks_apart(tokens, at + 1):
            return False
        beside = beside or words[at] in JOINING
        if words[at] in {"that", "which"}:
            # Not "tor switches, which layer is stp": a question of its own.
            asking = words[at + 1] in LAYER_WORDS or breaks_apart(tokens, at)
            return at - 1 in named and not asking
        noun = at - 2 in named and words[at - 1] not in STOPWORDS  # "vethXXXX interfaces"
        if words[at] in _CONTACT and (at - 1 in named or noun) and at > 1 and not beside:
            # "the vethXXXX interfaces i see in ip link": a clause without "that".
            return not breaks_apart(tokens, at) and tokens.clause[at] == tokens.clause[at - 1]
    return False


def tool_positions(matches: list[Match]) -> frozenset[int]:
    """The word positions of the names of tools among `matches`."""
    return frozenset(
        i for m in matches if m.target.entry.kind is EntryKind.TOOL for i in range(m.start, m.end)
    )


def _in_a_gloss(
    match: Match,
    words: list[str],
    named: frozenset[int],
    tokens: Tokens,
    tools: frozenset[int] = frozenset(),
) -> bool:
    """Whether the name is in a gloss of the one name the message opens with: "/osi haproxy
    🙏 the one doing the tcp balancing for rabbitmq", "ipvs — the kernel thing kube-proxy
    can use"."""
    if _in_brackets_after(match, named, tokens, tools):
        return True
    if not named or min(named) != 0:
        return False
    opening = 0
    while opening + 1 in named:
        opening += 1
    start = opening + 1
    if start >= match.start or (not breaks_apart(tokens, start) and tokens.clause[start] == 0):
        return False
    # "calico, the one doing bgp, and metallb": the gloss ends where a name is added or
    # set beside it; "the thing nobody explains is conntrack" says what the thing is.
    between = words[start : match.start]
    if not _GLOSS_ENDS.isdisjoint(between):
        return False
    return words[start] == "the" and (
        words[start + 1] == "one" or "thing" in words[start + 1 : start + 3]
    )


_GLOSS_ENDS = frozenset("and or vs versus plus also is are".split())


def _in_brackets_after(
    match: Match, named: frozenset[int], tokens: Tokens, tools: frozenset[int]
) -> bool:
    """Whether the name is in brackets right after another: "each pod's veth (one end in
    the pod netns, one on the host)", "azure alb (the app gateway for containers thing)"."""
    for at in range(match.start, 0, -1):
        gap = tokens.gap(at)
        if ")" in gap and at < match.start:
            return False
        if "(" in gap:
            # Not "we run envoy (and istio)", "(we also run istio on top)": one added; nor
            # "our lb (nginx)": the name alone in brackets says which one it is.
            inside = tokens.words[at : match.start]
            adds = not _ADDS.isdisjoint(inside)
            after = tokens.text[tokens.spans[match.end - 1][1] :] if tokens.spans else ""
            alone = match.start == at and after.lstrip().startswith(")")
            # "the lb (nginx one)", "the cni (calico/cilium)": a tool in brackets after a
            # kind of thing says which one it is.
            which = match.start in tools and at - 1 not in tools
            return at - 1 in named and at - 1 < match.start and not (adds or alone or which)
    return False


_ADDS = frozenset("and or vs versus plus also we i they".split())


_CONTACT = frozenset({"i", "we", "you"})  # who opens a clause with no "that"


_RELATIVE_REACH = 8  # words back to "that"


def _opened_by_a_question_word(words: list[str], tokens: Tokens) -> set[int]:
    """With no question mark, the clauses a question word opens ("what layer is an aws
    nlb. we put one in front of the mqtt brokers"), else the last."""
    opened = {
        tokens.clause[at]
        for at, word in enumerate(words)
        if word in WH_WORDS - {"when"} and (at == 0 or tokens.clause[at - 1] != tokens.clause[at])
    }
    return opened or {max(tokens.clause, default=0)}


def subject_rank(
    match: Match,
    words: list[str],
    tokens: Tokens,
    named: frozenset[int],
    repeated: set[str],
    *,
    tools: frozenset[int] = frozenset(),
) -> tuple[int, ...]:
    """Sort key: the name the question is about comes first.

    Not a name set aside ("forget metallb, what about cilium?"); one in the clause that
    asks ("We use calico. Is istio L7?"); a one-facet phrase ("istio mtls"); a tool before
    a concept; a specific name before an everyday word; then the order written.
    """
    aside = (
        set_aside(match, words, named)
        or qualifies(match, words, named, tokens)
        or _in_a_relative_clause(match, words, named, tokens)
        or _in_a_gloss(match, words, named, tokens, tools)
    )
    clause = tokens.clause[match.start]
    asking = tokens.questions or _opened_by_a_question_word(words, tokens)
    outside_question = clause not in asking
    return (
        aside,
        outside_question,
        not stressed(match, words, named),
        match.target.entry.name not in repeated,
        match.target.layer is None,
        match.target.entry.kind is not EntryKind.TOOL,
        is_everyday(match, words),
        match.start,
    )
