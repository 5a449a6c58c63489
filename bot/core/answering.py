"""The answer core: (knowledge, question) -> Answer. Pure, synchronous, no I/O."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.core.acts import COMPARING, describes_an_action
from bot.core.credibility import OBJECT_NOUNS, breaks_apart, part_starts
from bot.core.described import by_description, description_of
from bot.core.knowledge import EntryKind
from bot.core.layer_names import SIDE_BY_SIDE
from bot.core.model import Answer, AnswerKind, Relation, Subject
from bot.core.question_shape import is_content, past_determiners
from bot.core.reading import read
from bot.core.subjects import said_twice, stressed
from bot.core.text import tokenize, truncate
from bot.core.unknowns import (
    a_label_in_prose,
    asks_about_an_unknown,
    named_by_a_common_word,
    of_an_unnamed_thing,
    only_context,
    quote,
    suggestion_terms,
)
from bot.core.vocabulary import AUXILIARIES, COPULAS, EXCLUSIVE

if TYPE_CHECKING:
    from collections.abc import Iterable

    from bot.core.knowledge import Entry, Knowledge
    from bot.core.matching import Match
    from bot.core.reading import Reading

__all__ = ["answer"]


_MAX_ALSO = 3
_MAX_RELATED = 5  # a short list to follow, and one row of Discord buttons
# Suggestions answer a mistyped name, not a sentence of unknown words.
_MAX_TERMS_TO_SUGGEST_FOR = 3
# What "is A above B?" supposes about their layers.
_PREMISES = {
    **dict.fromkeys("above higher over atop".split(), Relation.ABOVE),
    **dict.fromkeys("below lower beneath under underneath".split(), Relation.BELOW),
    "same": Relation.SAME,
    **dict.fromkeys("different differ differs".split(), Relation.DIFFERENT),
}


def answer(knowledge: Knowledge, question: str) -> Answer:
    """Understand `question` and say what the knowledge claims about it.

    A layer is claimed only for an exact name, an alias, a close typo of one, or a
    layer named outright; anything weaker is an unknown answer with suggestions.
    """
    question, truncated = truncate(question)
    reading = read(knowledge, question)
    words, unknown = reading.words, reading.unknown
    # "calico = L3?" is a yes/no question too, once it names a thing and a layer.
    named_both = bool(reading.matches and reading.mentions.numbers)
    yes_no = reading.opens_yes_no or (reading.yes_no_shaped and named_both)
    base = Answer(
        question=question,
        kind=AnswerKind.UNKNOWN,
        yes_no=yes_no,
        exclusive=yes_no and bool(EXCLUSIVE.intersection(words)),
        unknown_term=quote(reading),
        truncated=truncated,
    )
    mentions = reading.mentions
    subject_unknown = bool(reading.matches) and asks_about_an_unknown(
        knowledge, reading, reading.opens_yes_no
    )
    action = describes_an_action(reading)
    # A name a paste lent is the subject: what the question says is of it, not a description.
    by_what_it_does = (reading.generic or subject_unknown or action) and not reading.lent
    # "what layer is a Service (the k8s object)": a word for what kind of thing it is
    # describes nothing, and leaves the common word's name to be found.
    kinds_only = unknown and not reading.matches and OBJECT_NOUNS.issuperset(unknown)
    if kinds_only and (common := _by_a_common_word(knowledge, base, reading)):
        return common
    # "layer 8 issue again (the user)": a layer past the model is asked, not a description.
    if by_what_it_does and not mentions.valid and not mentions.out_of_range:
        described = by_description(knowledge, base, reading, subject_unknown, action)
        if isinstance(described, Answer):
            return described
        reading = described
    if reading.matches and not subject_unknown:
        # The layer asked about with names only setting the scene, or layers set side by
        # side before any name ("l2 vs l3 pod networking, what's the difference"); not
        # every layer past one beside a thing that has layers ("anything below l3 in
        # calico?" asks of Calico).
        spread_over = mentions.spread and any(m.target.entry.layers for m in reading.matches)
        if (
            mentions.valid
            and not spread_over
            and (
                _names_only_the_setting(reading)
                or (
                    _layers_compared_first(reading)
                    and not stressed(reading.matches[0], words, reading.named)
                )
                or (not yes_no and _only_kinds_of_things(reading))
            )
        ):
            return _the_layer_asked(knowledge, base, reading)
        return _entry_answer(knowledge, base, reading)
    if mentions.valid and of_an_unnamed_thing(reading, yes_no):
        # "is it l4? (the thing from standup, forgot the name)", "layer 4 maybe? idk":
        # whatever it is, the bot cannot know, so it claims nothing.
        return base._replace(unknown_term=None)
    if (
        mentions.valid
        and only_context(reading, yes_no, knowledge.index.layer_names)
        and not a_label_in_prose(knowledge, reading)  # "my L4 disc is acting up again"
    ):
        layers = tuple(knowledge.layer(n) for n in mentions.valid)
        return base._replace(kind=AnswerKind.LAYER, layers=layers, unknown_term=None)
    if mentions.valid and (reading.generic or subject_unknown) and action:
        # "a bridge learning which mac is behind which port — what layer is that": a word
        # for a layer ("mac") inside a description; the description must agree with it.
        claimed = description_of(knowledge, base, reading).answer
        if (
            claimed is not None
            and claimed.layers
            and set(claimed.layer_numbers) <= set(mentions.valid)
        ):
            return claimed
    if mentions.out_of_range and not reading.matches:
        return base._replace(asked_layers=tuple(mentions.out_of_range))
    if not unknown:
        return _by_a_common_word(knowledge, base, reading) or base._replace(kind=AnswerKind.HELP)
    if len(unknown) > _MAX_TERMS_TO_SUGGEST_FOR:
        return base
    return base._replace(suggestions=knowledge.index.suggest(suggestion_terms(reading)))


def _by_a_common_word(knowledge: Knowledge, base: Answer, reading: Reading) -> Answer | None:
    """The answer for the one word so common it is never read as a name beside others
    ("where does kubernetes itself sit"), if the question has one."""
    named = named_by_a_common_word(knowledge, reading)
    if named is None:
        return None
    return _entry_answer(knowledge, base, reading._replace(matches=[named], subjects=[]))


def _what_a_yes_no_asks_of(reading: Reading) -> Match | None:
    """The thing with no layer that opens a yes/no question naming no layer: "does a
    configmap mounted into nginx count as anything osi-wise?" asks of the ConfigMap, and
    "the cni itself runs as a DaemonSet — does the DaemonSet object have a layer" of the
    DaemonSet (the last part that opens so)."""
    words = reading.words
    starts = part_starts(reading.tokens, len(words))
    # "does a daemonset run kube-proxy, which layer is kube-proxy" asks of the one named.
    if reading.mentions.numbers or any(words[at] in _WH_ASKING for at in starts):
        return None
    for start in reversed(starts):
        if words[start] in AUXILIARIES:
            at = past_determiners(words, start + 1)
            return next(
                (m for m in reading.matches if m.start == at and not m.target.entry.layers),
                None,
            )
    return None


_WH_ASKING = frozenset("which what where whats wheres".split())


def _subject(knowledge: Knowledge, match: Match, reading: Reading) -> Subject:
    entry, focus = match.target.entry, match.target.layer
    if focus is None:
        focus = _its_possessed_part(match, reading) or _the_part_for(match, reading)
    claimed = (focus,) if focus is not None else entry.layers
    return Subject(entry, tuple(knowledge.layer(n) for n in claimed), focus, match.typed)


def _its_possessed_part(match: Match, reading: Reading) -> int | None:
    """The one layer of a tool's that a concept it possesses names: "envoy's http router
    filter" is Envoy's L7 work, "linkerd's mtls" Linkerd's L6; the concept must be at one
    of the tool's layers. Not without the possessive: "envoy sidecar" is all of Envoy."""
    entry, tokens = match.target.entry, reading.tokens
    if len(entry.roles) < 2 or match.end >= len(reading.words) or not tokens.spans:
        return None
    if not _POSSESSIVE.match(tokens.gap(match.end)):
        return None
    part = next((m for m in reading.matches if m.start == match.end), None)
    if part is None or part.target.entry.kind is not EntryKind.CONCEPT:
        return None
    layers = (part.target.layer,) if part.target.layer is not None else part.target.entry.layers
    return layers[0] if len(layers) == 1 and layers[0] in entry.layers else None


def _the_part_for(match: Match, reading: Reading) -> int | None:
    """The one layer of a tool's that a purpose named after "for" asks of, when several
    tools are compared: "haproxy vs envoy for sticky sessions, same layer?" compares their
    L5 work. The purpose is a concept at one of the tool's layers, and no subject itself."""
    entry, words = match.target.entry, reading.words
    if len(entry.roles) < 2 or len(reading.subjects) < 2 or entry.kind is not EntryKind.TOOL:
        return None
    subjects = {id(m) for m in reading.subjects}
    for purpose in reading.matches:
        before = purpose.start - 1
        while before > 0 and words[before] in {"the", "a", "an", "its", "their"}:
            before -= 1
        if id(purpose) in subjects or before < 0 or words[before] != "for":
            continue
        layers = purpose.target.entry.layers
        if purpose.target.entry.kind is EntryKind.CONCEPT and len(layers) == 1:
            return layers[0] if layers[0] in entry.layers else None
    return None


_POSSESSIVE = re.compile(r"['\u2019]s\s")


def _entry_answer(knowledge: Knowledge, base: Answer, reading: Reading) -> Answer:
    # The asked-about subject comes first. A thing with no layer of its own (a Deployment,
    # the kubelet) is only where the rest happens, and no side of a comparison: beside
    # things that have layers it is only mentioned ("routes packets between worker nodes",
    # "kubelet vs kube-proxy").
    asked_of = _what_a_yes_no_asks_of(reading)
    first = asked_of or reading.matches[0]
    subjects = tuple(
        s for s in (_subject(knowledge, m, reading) for m in reading.subjects) if s.layers
    )
    if (
        asked_of is None
        and not first.target.entry.layers
        and not stressed(first, reading.words, reading.named)
        and not _asked_again_as_it(first, reading)
        # "…a statefulset with stable hostnames… does that make statefulset a…": named
        # twice, it is what the message is about.
        and first.target.entry.name not in said_twice(reading.matches)
        # The one name in the question: "does the kubelet get an osi layer? it talks to
        # the cni after all".
        and not reading.only_asks_at(first.start, [m for m in reading.matches if m is not first])
    ):
        # Not one set aside: "a Namespace (the k8s kind, not a linux netns)".
        placed = [m for m in reading.matches if not reading.set_aside(m)]
        first = next((m for m in placed if m.target.entry.layers), first)
    primary = _subject(knowledge, first, reading)
    entry = primary.entry
    # "which layers does istio touch" asks for them all, whatever else it names.
    plural = not {"layers", "levels"}.isdisjoint(reading.words)
    facet = None if plural else _facet_named_apart(knowledge, first, reading.matches, reading.words)
    if facet is not None and len(subjects) < 2:
        primary = primary._replace(layers=(knowledge.layer(facet),), focus_layer=facet)
    asked = {entry.name, *(s.entry.name for s in subjects)}
    also = _unique(m.target.entry for m in reading.matches if m.target.entry.name not in asked)
    answer = base._replace(
        kind=AnswerKind.TOOL if entry.kind is EntryKind.TOOL else AnswerKind.CONCEPT,
        entry=entry,
        layers=primary.layers,
        asked_layers=tuple(reading.mentions.numbers),
        focus_layer=primary.focus_layer,
        typed=primary.typed,
        also=also[:_MAX_ALSO],
    )
    if len(subjects) < 2:
        return answer._replace(related=knowledge.related(entry.name)[:_MAX_RELATED])
    union = sorted({n for s in subjects for n in s.layer_numbers}, reverse=True)
    premises = [_PREMISES[w] for w in reading.words if w in _PREMISES]
    # "sessionAffinity or ingress cookies, same layer?" asks yes or no, as "is A above B?".
    question_mark = bool(reading.tokens.questions)  # "same layer? calico and cilium"
    supposes = bool(premises) and (base.yes_no or reading.yes_no_shaped or question_mark)
    return answer._replace(
        layers=tuple(knowledge.layer(n) for n in union),
        subjects=subjects,
        compares=not COMPARING.isdisjoint(reading.words),
        premise=premises[0] if supposes else None,
        yes_no=base.yes_no or supposes,
    )


def _asked_again_as_it(first: Match, reading: Reading) -> bool:
    """Whether the message opens with the name and then asks about it as "it": "the pause
    container holds the pod's netns — does it have a layer?"""
    words = reading.words
    if any(word not in _SETTING_FILLER for word in words[: first.start]):
        return False
    return any(
        words[at] == "it" and words[at - 1] in AUXILIARIES
        for at in range(first.end + 1, len(words))
    )


_SETTING = frozenset(
    "in for within across inside on with running using under beneath underneath behind".split()
)


def _layers_compared_first(reading: Reading) -> bool:
    """Whether the question opens by setting layers side by side, before any name: "l2 vs
    l3 pod networking, what's the difference", "physical vs data link — where's the line on
    bare metal"; not "is calico l2 or l3?"."""
    words, used = reading.words, sorted(reading.mentions.used)
    if len(reading.mentions.valid) < 2 or _which_of_them_is(reading):  # two sides
        return False
    if len(reading.mentions.valid) == 2 and _of_both_layers(words):
        return True  # "'use an l4 lb, not an l7 one'. the difference between those two layers?"
    if len(reading.mentions.valid) == 2 and _a_layer_each_side(reading):
        return True  # "l2 overlay vs l3 routed pod network — what's the actual diff"
    first_name = min((m.start for m in reading.matches), default=len(words))
    opening = words[: used[0]]
    if used[-1] > first_name:
        return False
    between = words[used[0] : used[-1]]
    if any(w not in AUXILIARIES | _SETTING_FILLER for w in opening):
        # After other words, only layers set against each other right away: "the cto
        # keeps saying 'we need l7 not l4 load balancing' — what's the difference".
        # "difference between l2 and l3 when it comes to pod networking".
        against = _AGAINST | {"and"} if opening[-1] == "between" else _AGAINST
        return len(between) == 2 and between[1] in against and not COMPARING.isdisjoint(words)
    # "l2 or l3 for metallb?" offers choices for MetalLB; "l2 vs l3" compares.
    return not (SIDE_BY_SIDE - {"or"}).isdisjoint(between)


_AGAINST = frozenset("vs versus not".split())


def _which_of_them_is(reading: Reading) -> bool:
    """Whether the layers named are choices for a thing named after "which (one) is":
    "l4 & l7, which one is nginx" asks of NGINX."""
    words = reading.words
    starts = {m.start for m in reading.matches}
    for at, word in enumerate(words):
        if word != "which":
            continue
        verb = at + 1 + (words[at + 1 : at + 2] == ["one"])
        if verb < len(words) and words[verb] in AUXILIARIES:
            return past_determiners(words, verb + 1) in starts
    return False


def _a_layer_each_side(reading: Reading) -> bool:
    """Whether "vs" sets two kinds of thing apart by their layers, one named each side, and
    no tool: "l2 overlay vs l3 routed pod network", "flat l2 pod network vs a routed l3
    one"; not "calico l3 vs flannel l2", which compares the tools."""
    words, used = reading.words, reading.mentions.used
    sides = [at for at, word in enumerate(words) if word in {"vs", "versus"}]
    return (
        len(sides) == 1
        and any(at < sides[0] for at in used)
        and any(at > sides[0] for at in used)
        and all(m.target.entry.kind is EntryKind.CONCEPT for m in reading.matches)
    )


def _of_both_layers(words: list[str]) -> bool:
    """ "those two layers", "the two layers", "both layers": asked of the layers named."""
    for at in range(len(words) - 1):
        if words[at] == "both" and words[at + 1] in {"layers", "levels"}:
            return True
        if words[at] in {"those", "these", "the"} and words[at + 1 : at + 3] == ["two", "layers"]:
            return True
    return False


def _only_kinds_of_things(reading: Reading) -> bool:
    """Whether every name is a thing with no layer that only says what kind of things are
    asked about: "which of the k8s networking bits count as data link", "which kubernetes
    pieces are l4"; not "what layer is the kubelet at, l7?"."""
    words = reading.words
    return not _asked_of_what_was_named(reading) and all(
        not m.target.entry.layers
        and m.end < len(words)
        and (is_content(words[m.end]) or words[m.end] in _KINDS_OF_THINGS)
        and m.end not in reading.mentions.used
        for m in reading.matches
    )


def _asked_of_what_was_named(reading: Reading) -> bool:
    """Whether the question asks of "it" or "that", with every name said in a part before
    it: "karpenter spins up nodes for us now; is that an l3 or l4 component" asks about
    Karpenter, not about the kind of things it names."""
    words, tokens = reading.words, reading.tokens
    first_layer = min(reading.mentions.used)
    last_name = max(m.end for m in reading.matches)
    return any(
        words[at] in _POINTERS
        and words[at - 1] in AUXILIARIES
        and any(breaks_apart(tokens, i) for i in range(last_name, at))
        for at in range(max(1, last_name), first_layer)
    )


_KINDS_OF_THINGS = frozenset(
    "bit bits part parts piece pieces thing things stuff tool tools component components".split()
)


def _names_only_the_setting(reading: Reading) -> bool:
    """Whether every name comes after the layer asked about, in a phrase that sets the
    scene: "what's l6 even for in a service-mesh world", "anything at layer five worth
    knowing about for our ingress setup"."""
    words, first_layer = reading.words, min(reading.mentions.used)
    # "l7 for metallb right?" asks about MetalLB; "does the presentation layer do anything
    # in our mesh?" about the layer, the subject of its verb.
    # "anything session layer in kubernetes networking?" asks for what is at the layer, in
    # a setting with no layer of its own or one that works there too ("any presentation
    # layer things in the mesh?"); "any l2 stuff in calico?" and "any l4 stuff in
    # ingress?" ask of Calico and Ingress.
    asked = set(reading.mentions.valid)
    anything = words[0] in _ANY_THING and all(
        not m.target.entry.layers or asked <= set(m.target.entry.layers) for m in reading.matches
    )
    # "explain l1-l3 for bare metal k8s" shares L1 with bare metal; "explain l7 for calico"
    # shares nothing with Calico, and asks of it.
    fits = all(
        not m.target.entry.layers or not asked.isdisjoint(m.target.entry.layers)
        for m in reading.matches
    )
    opens = bool(first_layer) and (words[0] in AUXILIARIES - COPULAS or anything)
    # "can someone explain layers 2-4 for k8s networking" asks for the layers too; not
    # "can someone explain l7 for calico", which has no L7.
    filler = _SETTING_FILLER | _ASKING_TO_TELL if fits else _SETTING_FILLER
    opens = opens and all(w in filler for w in words[1:first_layer])
    last_layer = max(reading.mentions.used)
    first_name = min((m.start for m in reading.matches), default=last_layer)
    # "the two lowest layers — anything we configure down there on bare metal?": the
    # layers are named in a part of their own.
    apart = any(breaks_apart(reading.tokens, at) for at in range(last_layer + 1, first_name + 1))
    # "transport-level bits of a k8s svc": a message opening with the layer; "data-link
    # layer pieces in a typical cni setup?" asks for things, no yes/no, for its question
    # mark ("l7 for metallb right?" does ask one).
    heads = _opens_with_the_layer(reading)
    kinds = last_layer + 1 < len(words) and words[last_layer + 1] in _KINDS_OF_THINGS
    if reading.yes_no_shaped and not opens and not apart and not (heads and kinds):
        return False
    # "what lives in the presentation layer of a service mesh": asked what is in a layer,
    # the thing it belongs to sets the scene too.
    setting = _SETTING | {"of"} if words[0] in _ASKING_WHAT_IS_IN or heads else _SETTING
    named = reading.named
    for match in reading.matches:
        if match.start < first_layer:
            if _in_an_opening_circumstance(reading, match):
                continue
            return False
        if not _CIRCUMSTANCE.isdisjoint(words[first_layer : match.start]):
            continue  # "what happens at layer two when a pod sends a packet"
        if _in_an_aside(reading, first_layer, match):
            continue  # "who's working at l6 in our stack? (we run istio + cert-manager)"
        before = match.start - 1
        # "on our bare metal racks": names side by side are one phrase.
        while before > first_layer and (words[before] in _SETTING_FILLER or before in named):
            before -= 1
        if before - 1 > first_layer and words[before - 1] in _SETTING_FILLER:
            before -= 1  # one describing word: "in a typical service mesh setup"
            while before > first_layer and words[before] in _SETTING_FILLER:
                before -= 1
        # "…, which bits matter for someone writing cni configs": what is being done there.
        if words[before] not in setting and not (heads and words[before].endswith("ing")):
            return False
    return True


_ANY_THING = frozenset(("anything", "something", "any"))


def _the_layer_asked(knowledge: Knowledge, base: Answer, reading: Reading) -> Answer:
    """The layer a question asks about, or the one thing named at that layer alone."""
    part = _the_layers_part_of(reading)
    if part is not None:
        return _entry_answer(knowledge, base, reading._replace(matches=[part], subjects=[]))
    layers = tuple(knowledge.layer(n) for n in reading.mentions.valid)
    return base._replace(kind=AnswerKind.LAYER, layers=layers, unknown_term=None)


def _the_layers_part_of(reading: Reading) -> Match | None:
    """ "the l7 bits of istio", "transport-level bits of a k8s svc": a message opening with
    one layer asks for that layer's part of the one thing named after "of", when the thing
    works there: the thing, at that layer alone."""
    words, numbers = reading.words, reading.mentions.valid
    first_layer = min(reading.mentions.used)
    if len(numbers) != 1 or len(reading.matches) != 1:
        return None
    match = reading.matches[0]
    if not _opens_with_the_layer(reading) or "of" not in words[first_layer : match.start]:
        return None
    if numbers[0] not in match.target.entry.layers or match.target.layer is not None:
        return None
    return match._replace(target=match.target._replace(layer=numbers[0]))


def _opens_with_the_layer(reading: Reading) -> bool:
    """ "transport-level bits of …", "the l7 bits of …": nothing but a determiner before
    the first layer named."""
    first_layer = min(reading.mentions.used)
    return all(w in _SETTING_FILLER for w in reading.words[:first_layer])


def _in_an_aside(reading: Reading, after: int, match: Match) -> bool:
    """Whether the name is in brackets after `after` that say something of the asker's
    own ("(we run istio + cert-manager)"); not a gloss of what is asked ("is it l4 or l7
    (the aws nlb)?")."""
    gap = reading.tokens.gap
    opened = next((at for at in range(match.start, after, -1) if "(" in gap(at)), None)
    return opened is not None and reading.words[opened] in _ASIDE_OPENERS


_ASIDE_OPENERS = frozenset("we i our my they their".split())


def _in_an_opening_circumstance(reading: Reading, match: Match) -> bool:
    """ "when my pod opens a connection to the orders svc, what's the transport layer's part
    in that": a name in the circumstance (or place) the message opens with, set apart from the
    question, which names the layer before pointing back ("when metallb announces an ip,
    is that l2?" asks about what metallb does)."""
    words, first_layer = reading.words, min(reading.mentions.used)
    # "on the worker nodes, what's doing link layer work": a place set apart the same way.
    return (
        (words[0] in _CIRCUMSTANCE or words[0] in _SETTING)
        and any(breaks_apart(reading.tokens, at) for at in range(match.end, first_layer + 1))
        and _POINTERS.isdisjoint(words[match.end : max(reading.mentions.used)])
    )


_POINTERS = frozenset("that this it those these".split())


_ASKING_WHAT_IS_IN = frozenset("what whats who anything".split())
_SETTING_FILLER = frozenset("a an the our my your their this that".split())
_ASKING_TO_TELL = frozenset(
    "someone anyone somebody anybody you u me us explain describe tell show give walk "
    "through".split()
)
_CIRCUMSTANCE = frozenset("when whenever while if once".split())


def _facet_named_apart(
    knowledge: Knowledge, subject: Match, matches: list[Match], words: list[str]
) -> int | None:
    """The one layer of a tool's that the question names apart from it: "the ClientIP mode
    of kube-proxy" is the table's "Kube-proxy ClientIP" (L5), "istio does its mutual tls
    thing" Istio's mTLS (L6). A layer's alias made of the tool's name and another entry's
    name counts when that entry is named too."""
    entry = subject.target.entry
    if subject.target.layer is not None or len(entry.roles) < 2:
        return None
    others = {m.target.entry.name for m in matches if m.target.entry is not entry}
    if not others:
        return None  # most questions name the tool alone: no alias need be read
    own = {word for name in (entry.name, *entry.aliases) for word in tokenize(name)}
    for role in entry.roles:
        for alias in role.aliases:
            rest = [word for word in tokenize(alias) if word not in own]
            found = knowledge.index.find_exact(rest, set()) if rest else []
            whole = len(found) == 1 and (found[0].start, found[0].end) == (0, len(rest))
            if whole and found[0].target.entry.name in others:
                return role.layer
    if entry.kind is EntryKind.CONCEPT:
        return _role_naming(entry, subject, matches, words)
    return None


def _role_naming(
    entry: Entry, subject: Match, matches: list[Match], words: list[str]
) -> int | None:
    """The one role of a concept whose text uses the word the question names another thing
    by, in a clause describing it: "a liveness probe that just opens a tcp connection" is
    the probe's tcpSocket kind, at L4. Not for tools: the table's tools keep every layer it
    gives them."""
    if words[subject.end : subject.end + 1] not in (["that"], ["which"]):
        return None  # only in a clause describing it: "a probe that opens a tcp connection"
    layers = set()
    for match in matches:
        if match.target.entry is entry or match.start < subject.end:
            continue
        if match.start == subject.end + 1:
            continue  # the clause's own subject: "endpointslices that kube-proxy watches"
        named = set(words[match.start : match.end])
        layers |= {role.layer for role in entry.roles if not named.isdisjoint(tokenize(role.role))}
    return layers.pop() if len(layers) == 1 else None


def _unique(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    return tuple({entry.name: entry for entry in entries}.values())  # first-seen order
