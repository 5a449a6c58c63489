"""Reading a question: which words name things, which name layers, which are unknown.

Pure functions over tokens; `bot.core.answering` decides what to say about the reading.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from bot.core.acts import a_verb_acting
from bot.core.asking import split_message
from bot.core.compounds import based_on, by_what_it_works, turned_round
from bot.core.credibility import (
    NETWORK_CONTEXT,
    Context,
    asking_parts,
    credible,
    is_everyday,
    part_starts,
    ranked_against,
)
from bot.core.knowledge import EntryKind
from bot.core.layer_mentions import find_layer_mentions
from bot.core.layer_words import is_layer_number, placed_things
from bot.core.lexicon import is_english_word
from bot.core.parts import without_containers, without_wholes
from bot.core.pastes import (
    Paste,
    asks_about_a_thing,
    named_again,
    named_by,
    names_its_subject,
    points_at_context,
)
from bot.core.pointing import named_again_or_in_part
from bot.core.question_shape import (
    DETERMINERS,
    MAX_TOKENS,
    WH_WORDS,
    is_content,
    opens_a_yes_no_question,
)
from bot.core.subjects import (
    JOINING,
    qualifies,
    said_twice,
    set_aside,
    stressed,
    subject_rank,
    subjects_asked,
    tool_positions,
)
from bot.core.text import strip_chat_noise, tokenize_compounds
from bot.core.vocabulary import AUXILIARIES, HELP_WORDS

if TYPE_CHECKING:
    from collections.abc import Mapping

    from bot.core.knowledge import Knowledge
    from bot.core.layer_words import LayerMentions
    from bot.core.matching import AliasIndex, Match
    from bot.core.text import Tokens

__all__ = ["Reading", "asks_where", "read"]


# Layer names too common in questions to name the layer on their own ("which network
# plugin", "my app"); with the word "layer" they still do.
_TOO_COMMON_LAYER_NAMES = frozenset({"network", "net", "application", "app", "link", "hardware"})


class Reading(NamedTuple):
    """What the words of a question were found to be."""

    tokens: Tokens
    matches: list[Match]  # names found, the asked-about subject first
    subjects: list[Match]  # the names asked about together, as written ("geneve vs vxlan")
    generic: bool  # no name but everyday words ("packets", "frames"): maybe a description
    mentions: LayerMentions
    unknown: list[str]  # content words that are neither names, layers nor filler
    unknown_at: list[int]  # their positions
    unknown_runs: list[tuple[int, int]]  # [start, end) of each unknown phrase, longest first
    opens_yes_no: bool  # "is calico layer 2?", "hey, does envoy ...", "cilium is L2, right?"
    yes_no_shaped: bool  # that, or a question mark on a question not opened by "what" & co.
    lent: bool = False  # the subject is the name a paste lent ("so which layer is this?")

    @property
    def words(self) -> list[str]:
        return self.tokens.words

    @property
    def named(self) -> frozenset[int]:
        """The positions of the words that name something found."""
        return frozenset(i for m in self.matches for i in range(m.start, m.end))

    def only_asks_at(self, at: int, others: list[Match]) -> bool:
        """Whether the word at `at` is in a question and none of `others` is: "does the
        kubelet get an osi layer? it talks to the cni after all"."""
        clause, questions = self.tokens.clause, self.tokens.questions
        return clause[at] in questions and all(clause[m.start] not in questions for m in others)

    def set_aside(self, match: Match) -> bool:
        """Whether the question sets `match` aside ("not flannel", "tcp works fine but")."""
        return set_aside(match, self.words, self.named)

    def qualifies(self, match: Match) -> bool:
        """Whether `match` only says how another name works ("metallb in bgp mode")."""
        return qualifies(match, self.words, self.named, self.tokens)


def read(knowledge: Knowledge, question: str) -> Reading:
    """Find the names, layers and unknown words of `question` (already truncated).

    A long message is read from its asking sentence; when that names nothing and points
    at the rest ("so which layer is this?"), the name the pasted context uses most is
    read as its subject.
    """
    asking, context, lead, own, quoted = split_message(strip_chat_noise(question))
    tokens = tokenize_compounds(asking)
    index = knowledge.index
    if lead:
        # "someone said traefik does tcp routing — is traefik l7 only?": the question after
        # the dash names its own subject, and the claim before it is context; "so metallb —
        # what layer is it?" asks about what the lead names.
        tail = tokenize_compounds(asking[len(lead) :])
        # "…, a LoadBalancer service — what osi layer is that type of svc": the lead's.
        back = _points_back(index, tail, lead)
        if not back and names_its_subject(index, tail, Paste(context)):
            tokens, context, own = tail, f"{lead}\n{context}", f"{lead}\n{own}"
        elif not back and _for_a_purpose(lead):
            tokens = tail  # "for the rca: which osi layer was the fault at?"
    paste = Paste(context)
    if context and points_at_context(tokens.words) and not names_its_subject(index, tokens, paste):
        # Asked about a thing ("what layer are they?"), the writer's own sentences say which
        # before anything they pasted does: "the httproutes split traffic by hostname"
        # above a table naming istio. Where a problem is, the paste's evidence says.
        thing = asks_about_a_thing(tokens.words) and own.strip() and own != context
        # Where a problem is, the writer's own words are evidence beside the paste's: "dc
        # ops says they reseated the sfp" after a log of links going down and up.
        told = own.strip() and own != context and own not in context
        parts = [Paste(own), paste] if thing else [Paste(f"{own}\n{context}")] if told else [paste]
        named = (
            # "> sessionAffinity: ClientIP / what osi layer does this setting belong to?"
            (named_by(index, tokens, Paste(quoted)) if quoted.strip() else None)
            or named_again(index, tokens, [Paste(own), paste])
            or next((n for part in parts if (n := named_by(index, tokens, part))), None)
            # "…syns going out, nothing back, retransmits. what layer's handshake is this":
            # with no tool in the paste, what the writer says it shows.
            or (
                named_by(index, tokens, _writers(own, paste), writers=True) if own.strip() else None
            )
            or named_by(index, tokens, paste, commands=True)
        )
        if named:
            lent = tokenize_compounds(f"{named} — {tokens.text}")
            return _read_tokens(knowledge, lent)._replace(lent=True)
    return _read_tokens(knowledge, tokens)


def _writers(own: str, paste: Paste) -> Paste:
    """The writer's own sentences as a paste to search: the paste itself when they are all
    of it, whose words were already read."""
    return paste if own.strip() == paste.text.strip() else Paste(own)


def _points_back(index: AliasIndex, tail: Tokens, lead: str) -> bool:
    """Whether the question after a lead names its thing only as "that" one of a kind the
    lead named: "…, a LoadBalancer service — what osi layer is that type of svc"."""
    words = tail.words
    found = index.find_exact(words, set(), tail.joined)
    if not found:
        return False
    at = found[0].start - 1
    if at >= 2 and words[at] == "of" and words[at - 1] in _KINDS:
        at -= 2  # "that type of svc"
    if at < 0 or words[at] not in {"that", "this"}:
        return False
    lead_words = tokenize_compounds(lead)
    return bool(index.find_exact(lead_words.words, set(), lead_words.joined))


_KINDS = frozenset("type kind sort flavour flavor".split())


def _for_a_purpose(lead: str) -> bool:
    """Whether a lead only says what the answer is for: "for the rca:", "also, for the
    postmortem —"."""
    words = tokenize_compounds(lead).words
    at = len(words) - 1 - words[::-1].index("for") if "for" in words else -1
    return (
        at >= 0
        and len(words) - at <= _PURPOSE_WORDS
        and all(w in _PURPOSE_OPENERS for w in words[:at])
    )


_PURPOSE_WORDS = 4  # "for the design review"
_PURPOSE_OPENERS = frozenset("also and so just ok okay btw then but".split())


def _the_parts(matches: list[Match], tokens: Tokens) -> tuple[list[Match], set[int]]:
    """The names found less a whole beside its part ("a NetworkPolicy egress rule") and
    what only holds another in a field path ("svc.spec.sessionAffinity"), and the
    positions those took: no unknown words either."""
    held, path = without_containers(matches, tokens)
    parts = without_wholes(held, tokens.words)
    return parts, {i for m in matches if m not in parts for i in range(m.start, m.end)} | path


def _without_the_layers_verb(matches: list[Match], words: list[str]) -> list[Match]:
    return [m for m in matches if not _the_layers_verb(m, words, matches)]


def _the_layers_verb(match: Match, words: list[str], matches: list[Match]) -> bool:
    """Whether a concept's name is the verb a layer asked for does, in a form of its own,
    and another layer's work than what it is done to: "what layer *rewrites* the service
    ip to a pod ip" is no HTTP request rewriting. Not "which layer *routes* packets" (IP
    routing and packets agree), nor "which layer switches belong to"."""
    at = match.start
    if match.end - at != 1 or at < _WHICH_LAYER_WORDS:
        return False
    if words[at - 1] not in {"layer", "layers"} or words[at - 2] not in {"which", "what"}:
        return False
    following = words[at + 1] if at + 1 < len(words) else ""
    done_to = {n for m in matches if m.start > at for n in m.target.entry.layers}
    takes_an_object = following in DETERMINERS or any(m.start == at + 1 for m in matches)
    return (
        takes_an_object
        and bool(done_to)
        and done_to.isdisjoint(match.target.entry.layers)
        and a_verb_acting(words[at], following)
    )


_WHICH_LAYER_WORDS = 2


def _read_tokens(knowledge: Knowledge, tokens: Tokens) -> Reading:
    words = tokens.words[:MAX_TOKENS]
    opens_yes_no = opens_a_yes_no_question(words)
    # "geneve - layer 3?" may name a layer bare ("is metallb transport"), so it is read so.
    ends_asking = bool(words) and tokens.clause[len(words) - 1] in tokens.questions
    yes_no_shaped = opens_yes_no or (ends_asking and words[0] not in WH_WORDS)
    index = knowledge.index
    # Where a part ends ("the session layer, one line pls"); not a bracket that glosses
    # ("lower layers (1 and 2)").
    breaks = frozenset(
        at
        for at in part_starts(tokens, len(words))[1:]
        if tokens.clause[at] != tokens.clause[at - 1] or "(" not in tokens.gap(at)
    )
    layer_words = find_layer_mentions(
        words, index.layer_names, set(), joined=tokens.joined, breaks=breaks
    )
    # "the physical nic": a layer's own name (not an alias such as "hardware") says which.
    own_names = {layer.name.lower(): number for number, layer in knowledge.layers.items()}
    exact = [_vouched(m, words, own_names) for m in index.find_exact(words, set(), tokens.joined)]
    exact = [_listed_beside(m, exact, tokens) for m in exact]
    # A word set in quotes, in a question about layers, is meant as the name: "the cni
    # 'bridge' plugin — layer?"; not "we call the cat 'calico'".
    quoted_at = _quoted(tokens, len(words))
    quoted = set(quoted_at) if layer_words.used else set()
    exact = [_vouched_by_quotes(m, quoted) for m in exact]
    # A thing with no layer of its own vouches for no neighbour: "switch namespaces".
    claimed = layer_words.used | {
        i for m in exact if m.target.entry.layers for i in range(m.start, m.end)
    }
    claimed |= {m.start - 1 for m in exact if _its_layer_before(m, words, own_names)}
    places = bool(layer_words.used) or asks_where(words, tokens)  # names a layer, asks where
    about_networking = places or not NETWORK_CONTEXT.isdisjoint(words)
    asks = bool(tokens.questions) or opens_yes_no or (bool(words) and words[0] in WH_WORDS)
    context = Context(
        claimed,
        about_networking,
        places,
        words,
        exact,
        asks,
        asking_parts(tokens, words),
        index.exact,
        frozenset(at for at in range(1, len(words)) if tokens.gap(at) == "/"),
        lambda word: knowledge.descriptions.knows(word),  # noqa: PLW0108 - built if asked
    )
    whole = based_on(
        index, words, by_what_it_works(index, words, turned_round(index, words, exact))
    )
    matches = [m for m in whole if credible(m, words, context)]
    matches += _shared_heads(index, words, matches)
    matches += _a_typo(index, tokens, exact, matches, layer_words.used)
    matches = named_again_or_in_part(knowledge, words, exact, matches)
    matches, wholes = _the_parts(_without_the_layers_verb(matches, words), tokens)
    # "the http layer", "the tcp layer": a one-layer concept before "layer" names its layer.
    naming_layers = _naming_layers(matches, tokens)
    matches = [m for m in matches if m not in naming_layers]
    named = frozenset(i for m in matches for i in range(m.start, m.end))
    used = set(named) | wholes | {i for m in naming_layers for i in range(m.start, m.end + 1)}
    # Names take their words first ("transport layer security" is TLS, not layer 4).
    mentions = layer_words
    if used:
        placed = placed_things(matches)
        mentions = find_layer_mentions(
            words,
            index.layer_names,
            used,
            bare_names=yes_no_shaped,
            joined=tokens.joined,
            placed=placed,
            breaks=breaks,
        )
        # A thing a layer is placed next to ("the one above the cables", "the layer just
        # above the physical cables") or counted from ("count up from the cables: the 4th
        # layer") is not asked about.
        matches = [
            m
            for m in matches
            if m.start not in mentions.used
            and not (
                mentions.numbers
                and (m.start - 1 in mentions.used or _counted_from(m, words))
                and m.start in placed
                and placed[m.start][0] not in mentions.numbers
            )
        ]
    elif about_networking and not layer_words.numbers:
        # Nothing named, the talk is of clusters and pods: a layer's own name is the layer
        # ("the physical bits in a cluster"), but not the everyday "network" or "app".
        names = {k: n for k, n in index.layer_names.items() if k not in _TOO_COMMON_LAYER_NAMES}
        mentions = find_layer_mentions(
            words, names, set(), bare_names=True, joined=tokens.joined, breaks=breaks
        )
    for m in naming_layers:
        mentions.add(m.target.entry.layers[0], *range(m.start, m.end + 1))
    for at in quoted_at:
        # "which number is 'transport'?", "the 'presentation' one": a word in quotes is
        # that word, here a layer's name.
        if at not in used and words[at] in index.layer_names:
            mentions.add(index.layer_names[words[at]], at)
    used |= mentions.used
    if mentions.numbers:
        # A known name set aside as an everyday word is still no unknown word: "physical
        # nic, what layer" asks about the physical layer, not about a "nic" it never heard of.
        used |= {i for m in exact if m not in matches for i in range(m.start, m.end)}
    unknown_at = [
        i
        for i, word in enumerate(words)
        if i not in used and is_content(word) and word not in HELP_WORDS
    ]
    repeated = said_twice(matches)
    tools = tool_positions(matches)
    ranked = sorted(
        matches, key=lambda m: subject_rank(m, words, tokens, named, repeated, tools=tools)
    )
    # "the cni 'bridge' plugin — layer?": the one name in quotes is the one asked about.
    singled = [m for m in ranked if set(range(m.start, m.end)) <= quoted]
    if len(singled) == 1 and not mentions.numbers:
        ranked = [*singled, *(m for m in ranked if m is not singled[0])]
    return Reading(
        tokens=tokens,
        matches=ranked,
        subjects=singled[:1]
        if len(singled) == 1 and not mentions.numbers
        else subjects_asked(ranked, words, tokens, named, mentions.used),
        # "http itself is which layer": a name stressed is asked about, everyday or not.
        generic=all(
            (
                is_everyday(m, words)
                and not stressed(m, words, named)
                and not ranked_against(m, words, named)  # "switches vs routers"
            )
            or set_aside(m, words, named)
            for m in ranked
        ),
        mentions=mentions,
        unknown=[words[i] for i in unknown_at],
        unknown_at=unknown_at,
        unknown_runs=_unknown_runs(unknown_at, words, tokens),
        opens_yes_no=opens_yes_no,
        yes_no_shaped=yes_no_shaped,
    )


_COUNTING_FROM = frozenset("count counting counted up down starting start".split())


_QUOTES = frozenset("'\"\u2018\u2019\u201c\u201d`")


def _a_typo(
    index: AliasIndex, tokens: Tokens, exact: list[Match], matches: list[Match], layers: set[int]
) -> list[Match]:
    """A misspelt tool, the subject even beside an exact concept ("genev tunnels"); a word
    known exactly, even one set aside as everyday, is no one's typo."""
    if any(m.target.entry.kind is EntryKind.TOOL for m in matches):
        return []
    words = tokens.words[:MAX_TOKENS]
    taken = {i for m in exact for i in range(m.start, m.end)}
    typo = index.find_typo(words, taken | layers, tokens.joined)
    if typo is None and not matches:
        # "mac adresses": a word set aside as everyday may start a longer name misspelt
        # after it, as long as the misspelt word is in it.
        found = index.find_typo(words, layers, tokens.joined)
        if found is not None and found.end - found.start > 1:
            # The rest of it misspelt, no English word: not "router table", "switch died".
            rest = [words[i] for i in range(found.start, found.end) if i not in taken]
            misspelt = bool(rest) and not any(is_english_word(w) for w in rest)
            typo = found if misspelt else None
    if typo and (not matches or typo.target.entry.kind is EntryKind.TOOL):
        return [typo]
    return []


def _vouched_by_quotes(match: Match, quoted: set[int]) -> Match:
    if not set(range(match.start, match.end)) <= quoted:
        return match
    return match._replace(target=match.target._replace(everyday=False, vouched=True))


def _quoted(tokens: Tokens, count: int) -> list[int]:
    """The positions of the words written alone in quotes: 'transport', "network"."""
    text, spans = tokens.text, tokens.spans
    return [
        at
        for at in range(count)
        if spans[at][0] > 0
        and spans[at][1] < len(text)
        and text[spans[at][0] - 1] in _QUOTES
        and text[spans[at][1]] in _QUOTES
    ]


def _counted_from(match: Match, words: list[str]) -> bool:
    """ "count up from the cables", "counting from the wire": the thing is where counting
    starts."""
    at = match.start - 1
    while at > 0 and words[at] in DETERMINERS:
        at -= 1
    return at > 0 and words[at] == "from" and words[at - 1] in _COUNTING_FROM


def _its_layer_before(match: Match, words: list[str], layer_names: Mapping[str, int]) -> bool:
    """ "the physical nic": the name of a layer the thing works at, right before it."""
    before = words[match.start - 1] if match.start else ""
    return layer_names.get(before) in match.target.entry.layers


def _vouched(match: Match, words: list[str], layer_names: Mapping[str, int]) -> Match:
    """A name that is also an everyday word ("nic") is the thing after its own layer's
    name ("the physical nic")."""
    if match.target.everyday and _its_layer_before(match, words, layer_names):
        return match._replace(target=match.target._replace(everyday=False, vouched=True))
    return match


# Words that may stand between two things set side by side: "a nic lower than a linux
# bridge", "nic, linux bridge, veth", "is the nic below the veth pair".
_BESIDE = JOINING | frozenset("lower higher sits sit is are than".split())
_BESIDE_REACH = 4


def _listed_beside(match: Match, exact: list[Match], tokens: Tokens) -> Match:
    """An everyday word for a thing ("nic") is that thing when the message lists it or
    compares it with a name that is nothing but a name ("is a nic lower than a linux
    bridge?", "nic, linux bridge, veth — order them")."""
    words = tokens.words
    if not is_everyday(match, words):
        return match
    for other in exact:
        if is_everyday(other, words) or (
            is_english_word(words[other.start]) and other.end - other.start == 1
        ):
            continue
        first, second = sorted((match, other), key=lambda m: m.start)
        between = words[first.end : second.start]
        if len(between) > _BESIDE_REACH or any(
            w not in _BESIDE and w not in DETERMINERS for w in between
        ):
            continue
        if between or "," in tokens.gap(second.start):
            return match._replace(target=match.target._replace(everyday=False, vouched=True))
    return match


def _asks_origin(words: list[str], clause: list[int]) -> bool:
    """Whether the words from a "where" ask where something came from: "where's it from?",
    with "from" ending the clause; not "where is the request from envoy terminated"."""
    end = next(
        at for at in range(len(words)) if at + 1 == len(words) or clause[at + 1] != clause[at]
    )
    return words[end] == "from"


def asks_where(words: list[str], tokens: Tokens) -> bool:
    """Whether the message asks where something is ("where does envoy sit", "envoy, where
    is it"), which is talk of placing it; not a "where" that joins a clause ("a book
    where the king sends an envoy")."""
    for at, word in enumerate(words):
        if word != "where":
            continue
        if _asks_origin(words[at:], tokens.clause[at:]):
            continue  # "where's it from?" asks where a thing came from
        following = words[at + 1] if at + 1 < len(words) else ""
        if at == 0 or tokens.clause[at] != tokens.clause[at - 1] or following in AUXILIARIES:
            return True
        if following in {"s", "would"} or not following:
            return True
    return False


_GLUED_LAYER = re.compile(r"^l[1-7]$")
_SHARING = frozenset({"vs", "versus", "or", "and"})


def _shared_heads(index: AliasIndex, words: list[str], matches: list[Match]) -> list[Match]:
    """ "l4 vs l7 load balancing" is "l4 load balancing" vs "l7 load balancing": the
    names the first layer makes with the words the second one's name shares."""
    found: list[Match] = []
    for match in matches:
        start = match.start
        if start < 2 or not _GLUED_LAYER.match(words[start]) or match.end - start < 2:
            continue
        # "an l4 and an l7 load balancer": past an article before the second.
        joint = start - 2 if words[start - 1] in {"a", "an", "the"} else start - 1
        if joint < 1 or words[joint] not in _SHARING or not _GLUED_LAYER.match(words[joint - 1]):
            continue
        first = joint - 1
        if any(other.start < first for other in matches):
            continue  # "is haproxy an l4 or l7 load balancer?" asks about HAProxy
        layer = int(words[first][1])
        other = [words[first], *words[start + 1 : match.end]]
        for named in index.find_exact(other, set(), frozenset()):
            # "l4 load balancing" may be one name, or "load balancing" at layer 4.
            if named.end == len(other) and (named.start == 0 or layer in named.target.entry.layers):
                found.append(named._replace(start=first, end=first + 1))
                break
    return found


def _naming_layers(matches: list[Match], tokens: Tokens) -> list[Match]:
    named = frozenset(i for m in matches for i in range(m.start, m.end))
    return [m for m in matches if _names_its_layer(m, tokens, named)]


def _names_its_layer(match: Match, tokens: Tokens, named: frozenset[int]) -> bool:
    """ "the http layer": a one-layer concept before "layer" names the layer; not one set
    against another ("nodeport vs clusterip layer diff?" compares the two)."""
    entry, words = match.target.entry, tokens.words
    if match.end >= len(words) or tokens.gap(match.end).strip():
        return False  # "the node's nic, layer?" asks about the NIC
    return (
        entry.kind is EntryKind.CONCEPT
        and len(entry.layers) == 1
        and match.target.layer is None
        and match.end < len(words)
        and words[match.end] == "layer"
        and match.end + 1 not in tokens.joined  # "dns vs tcp layer-wise" compares the two
        and not ranked_against(match, words, named)
        # "is gre layer 2?" asks about GRE.
        and not (match.end + 1 < len(words) and is_layer_number(words[match.end + 1]))
    )


# Unknown words this far apart (in filler words) are one phrase: "weather in berlin".
_MAX_GAP = 2


def _unknown_runs(unknown_at: list[int], words: list[str], tokens: Tokens) -> list[tuple[int, int]]:
    """The unknown words as the phrases they were typed in, longest first.

    A phrase spans filler words between unknown ones ("weather in berlin") and the parts
    of a hyphenated word ("node-problem-detector", though "node" alone is filler).
    """
    runs: list[list[int]] = []
    for at in unknown_at:
        if runs:
            last = runs[-1][1]
            gap = range(last, at)
            same_clause = tokens.clause[at] == tokens.clause[last - 1]
            filler = all(not is_content(words[i]) or i in tokens.joined for i in gap)
            if same_clause and len(gap) <= _MAX_GAP and filler:
                runs[-1][1] = at + 1
                continue
        runs.append([at, at + 1])
    for run in runs:
        while run[0] in tokens.joined and run[0] > 0:
            run[0] -= 1
        while run[1] < len(words) and run[1] in tokens.joined:
            run[1] += 1
    ordered = sorted(runs, key=lambda run: (run[0] - run[1], run[0]))
    return [(start, end) for start, end in ordered]
