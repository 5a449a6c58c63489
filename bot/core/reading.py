"""Reading a question: which words name things, which name layers, which are unknown.

Pure functions over tokens; `bot.core.answering` decides what to say about the reading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from bot.core.knowledge import EntryKind
from bot.core.layer_mentions import find_layer_mentions
from bot.core.lexicon import is_english_word
from bot.core.text import strip_chat_noise, tokenize_compounds
from bot.core.vocabulary import AUXILIARIES, GREETINGS, HELP_WORDS, STOPWORDS

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge
    from bot.core.layer_mentions import LayerMentions
    from bot.core.matching import Match
    from bot.core.text import Tokens

__all__ = ["Reading", "read"]

# Beyond this many words a message is prose, not a question; the rest is not read.
_MAX_TOKENS = 80
# Words that show a question is about networking, so an everyday word in it ("where do
# routers sit?", "is encryption done per pod?") may be the name of a thing.
_NETWORK_CONTEXT = frozenset(
    "layer layers osi level where kubernetes k8s kube cluster clusters pod pods node nodes "
    "traffic network networking service services container containers packet packets "
    "kubectl".split()
)
# A name right after one of these is what the asker set aside: "not flannel — vxlan?"
_SET_ASIDE = frozenset("not forget ignore except besides excluding unlike instead".split())
# "cilium is L2, right?" asks as surely as "is cilium L2?".
_TAG_QUESTION = frozenset({"right", "correct", "true", "yes", "no", "innit", "yeah", "yea"})
_OPENERS = frozenset({"so", "and", "but", "ok", "okay", "um", "uh", "quick", "q", "question"})
_WH_WORDS = frozenset("what which where how why who when whats wheres hows".split())


class Reading(NamedTuple):
    """What the words of a question were found to be."""

    tokens: Tokens
    matches: list[Match]  # names found, the asked-about subject first
    mentions: LayerMentions
    unknown: list[str]  # content words that are neither names, layers nor filler
    unknown_at: list[int]  # their positions
    opens_yes_no: bool  # "is calico layer 2?", "hey, does envoy ...", "cilium is L2, right?"
    yes_no_shaped: bool  # that, or a question mark on a question not opened by "what" & co.

    @property
    def words(self) -> list[str]:
        return self.tokens.words


def read(knowledge: Knowledge, question: str) -> Reading:
    """Find the names, layers and unknown words of `question` (already truncated)."""
    tokens = tokenize_compounds(strip_chat_noise(question))
    words = tokens.words[:_MAX_TOKENS]
    opens_yes_no = _opens_yes_no(words)
    # "geneve - layer 3?" may name a layer bare ("is metallb transport"), so it is read so.
    ends_asking = bool(words) and tokens.clause[len(words) - 1] in tokens.questions
    yes_no_shaped = opens_yes_no or (ends_asking and words[0] not in _WH_WORDS)
    index = knowledge.index
    layer_words = find_layer_mentions(words, index.layer_names, set(), joined=tokens.joined)
    exact = index.find_exact(words, set(), tokens.joined)
    claimed = layer_words.used | {i for m in exact for i in range(m.start, m.end)}
    about_networking = bool(layer_words.numbers) or not _NETWORK_CONTEXT.isdisjoint(words)
    matches = [m for m in exact if _credible(m, words, claimed, about_networking)]
    if not any(m.target.entry.kind is EntryKind.TOOL for m in matches):
        # A misspelt tool is the subject even beside an exact concept ("genev tunnels");
        # a word known exactly, even one set aside as everyday, is no one's typo.
        taken = {i for m in exact for i in range(m.start, m.end)}
        typo = index.find_typo(words, taken | layer_words.used, tokens.joined)
        if typo and (not matches or typo.target.entry.kind is EntryKind.TOOL):
            matches.append(typo)
    used = {i for m in matches for i in range(m.start, m.end)}
    # Names take their words first ("transport layer security" is TLS, not layer 4).
    mentions = layer_words
    if used:
        mentions = find_layer_mentions(
            words, index.layer_names, used, bare_names=yes_no_shaped, joined=tokens.joined
        )
    used |= mentions.used
    unknown_at = [
        i
        for i, word in enumerate(words)
        if i not in used and _is_content(word) and word not in HELP_WORDS
    ]
    return Reading(
        tokens=tokens,
        matches=sorted(matches, key=lambda m: _subject_rank(m, words, tokens)),
        mentions=mentions,
        unknown=[words[i] for i in unknown_at],
        unknown_at=unknown_at,
        opens_yes_no=opens_yes_no,
        yes_no_shaped=yes_no_shaped,
    )


def _opens_yes_no(words: list[str]) -> bool:
    opening = [w for w in words if w not in GREETINGS and w not in _OPENERS][:1]
    return bool(opening and opening[0] in AUXILIARIES) or bool(words and words[-1] in _TAG_QUESTION)


def _is_content(word: str) -> bool:
    # Numbers are versions, counts and "like I'm 5", not things the bot should know.
    return word not in STOPWORDS and word not in GREETINGS and not word.isdigit()


def _is_everyday(match: Match, words: list[str]) -> bool:
    """A name that is also an ordinary word: marked in the knowledge, or a one-word
    concept alias that is common English ("frame", "tunnel", "mesh")."""
    if match.target.everyday:
        return True
    single = match.end - match.start == 1
    return (
        single
        and match.target.entry.kind is EntryKind.CONCEPT
        and is_english_word(words[match.start])
    )


def _credible(match: Match, words: list[str], claimed: set[int], about_networking: bool) -> bool:
    """An everyday word names a thing only in a question about networking, and never
    inside another noun phrase ("picture frame", "tunnel vision", "react router")."""
    if not _is_everyday(match, words):
        return True
    neighbours = (match.start - 1, match.end)
    if any(0 <= i < len(words) and i not in claimed and _is_content(words[i]) for i in neighbours):
        return False
    span = set(range(match.start, match.end))
    alone = all(i in span or not _is_content(w) for i, w in enumerate(words))
    return about_networking or alone


def _subject_rank(match: Match, words: list[str], tokens: Tokens) -> tuple[int, ...]:
    """Sort key: the name the question is about comes first.

    Not a name set aside ("forget metallb, what about cilium?"); one in the clause that
    asks ("We use calico. Is istio L7?"); a one-facet phrase ("istio mtls"); a tool before
    a concept; a specific name before an everyday word; then the order written.
    """
    window = words[max(0, match.start - 3) : match.start]
    set_aside = not _SET_ASIDE.isdisjoint(window)
    clause = tokens.clause[match.start]
    asking = tokens.questions or {max(tokens.clause, default=0)}
    outside_question = clause not in asking
    return (
        set_aside,
        outside_question,
        match.target.layer is None,
        match.target.entry.kind is not EntryKind.TOOL,
        _is_everyday(match, words),
        match.start,
    )
