"""Finding the tools and concepts a question names: exactly, by alias, or through a typo.

The index is built once per knowledge. Exact lookups are dictionary hits on compact keys
("Metal-LB" -> "metallb"). Typo lookups compare only against aliases that share the first
letter and have a similar length, so their cost stays flat as the knowledge grows.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Any, NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.core.knowledge import Knowledge
from bot.core.layer_words import layer_name_keys
from bot.core.lexicon import is_english_word
from bot.core.text import compact, tokenize, word_variants
from bot.core.typos import max_typos, plausible_typo
from bot.core.vocabulary import GRAMMAR, STOPWORDS

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from bot.core.knowledge import Entry, Layer

__all__ = ["AliasIndex", "Match", "Target", "index_knowledge"]

_MAX_NGRAM = 5
_FUZZY_NGRAM = 3
# Suggestions ("did you mean") need real resemblance, never a claim: a score this high
# on rapidfuzz's normalised Indel similarity means most letters agree, in order.
_SUGGESTION_MIN_SCORE = 70.0
_SUGGESTION_OTHER_INITIAL_SCORE = 85.0


class Target(NamedTuple):
    """What a name points at: an entry, possibly only one of its layers."""

    entry: Entry
    layer: int | None = None
    everyday: bool = False  # the name is also an ordinary word; see Entry.everyday_words
    # The words around show it is the thing, ordinary word or not: "is a nic lower than a
    # linux bridge?", "tcp vs http", "the physical nic".
    vouched: bool = False


class Match(NamedTuple):
    target: Target
    start: int  # token positions [start, end)
    end: int
    typed: str | None = None  # the user's words, when they were a typo of the name


def _join(tokens: Sequence[str]) -> str:
    # Tokens are already NFKC-folded runs of letters and digits: joined, they are compact.
    return "".join(tokens)


def _by_length(item: tuple[str, Target]) -> int:
    return len(item[0])


_new_target = functools.partial(tuple.__new__, Target)  # a stored row, without __new__

# Typo lookups remembered per index: chat repeats its words, and a long paste more so.
_TYPO_MEMO_SIZE = 4096
_NO_KEYS: tuple[list[str], list[int], list[Target]] = ([], [], [])


# A name numbered as a device: letters, then a number (hex digits after it) or a
# placeholder ("eth0", "veth3a1f", "vethXXXX").
_NUMBERED = r"([a-z]{3,}?)(?:[0-9][0-9a-f]*|x{3,})"  # `re` compiles it on first use


class AliasIndex:
    """Every name and alias of a knowledge, precomputed for matching."""

    def __init__(self) -> None:
        self.exact: dict[str, Target] = {}
        self.spaced: dict[str, Target] = {}  # aliases as written, for phrases with stopwords
        # Typo candidates by first letter, shortest first (the order ties are settled in).
        self._initials: dict[str, tuple[list[str], list[int], list[Target]]] = {}
        self._typo_memo: dict[str, tuple[int, Target, str] | None] = {}
        self.keys: list[str] = []
        self.key_targets: list[Target] = []
        self.layer_names: dict[str, int] = {}
        self._sorted_keys: list[str] = []  # for "could more words still make a name?"
        self._spaced_keys: list[str] = []  # each key's name as written, in the same order
        self._last_found: tuple[tuple[Any, ...], tuple[Match, ...]] | None = None

    @classmethod
    def build(cls, layers: Iterable[Layer], entries: Iterable[Entry]) -> AliasIndex:
        index = cls()
        index.layer_names = layer_name_keys(layers)
        for entry in entries:
            everyday = {compact(word) for word in entry.everyday_words}
            for name in (entry.name, *entry.aliases):
                index.add(name, Target(entry, everyday=compact(name) in everyday))
            for role in entry.roles:
                for name in role.aliases:
                    index.add(name, Target(entry, role.layer))
        index._sorted_keys = sorted(index.exact)
        return index

    def add(self, name: str, target: Target) -> None:
        key = compact(name)
        if not key or key in self.exact:
            return
        spaced = " ".join(tokenize(name))
        self.exact[key] = target
        self.spaced[spaced] = target
        self.keys.append(key)
        self.key_targets.append(target)
        self._spaced_keys.append(spaced)
        self._initials.clear()  # built again on the next typo search

    def __getstate__(self) -> tuple[Any, ...]:
        """The names and plain rows only: the dictionaries are rebuilt in C on loading,
        which is most of `osi-bot ask`'s start-up from the cache."""
        rows = [tuple(target) for target in self.key_targets]
        return (self.layer_names, self.keys, self._spaced_keys, rows)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        layer_names, keys, spaced_keys, rows = state
        targets = list(map(_new_target, rows))
        self._initials = {}
        self._typo_memo = {}
        self._last_found = None
        self.layer_names, self.keys, self._spaced_keys = layer_names, keys, spaced_keys
        self.key_targets = targets
        self.exact = dict(zip(keys, targets, strict=True))
        self.spaced = dict(zip(spaced_keys, targets, strict=True))
        self._sorted_keys = sorted(self.exact)

    def _typo_buckets(self) -> dict[str, tuple[list[str], list[int], list[Target]]]:
        """Typo candidates by first letter, shortest first, built on the first typo search:
        a question of exact names never needs them."""
        if not self._initials and self.keys:
            named = zip(self.keys, self.key_targets, strict=True)
            for key, target in sorted(named, key=_by_length):
                if not target.everyday:  # a typo of an ordinary word is just another word
                    keys, lengths, targets = self._initials.setdefault(key[0], ([], [], []))
                    keys.append(key)
                    lengths.append(len(key))
                    targets.append(target)
        return self._initials

    def find_exact(
        self, tokens: Sequence[str], skip: set[int], joined: frozenset[int] = frozenset()
    ) -> list[Match]:
        """Longest-first, non-overlapping exact matches of names in `tokens`.

        No name starts inside a hyphenated word (`joined`): "kube-vip" is not "vip".
        A reading asks this of the same words more than once; the last answer is kept.
        """
        asked = (tuple(tokens), frozenset(skip), joined)
        last = self._last_found  # read once: another thread may replace it
        if last is not None and last[0] == asked:
            return list(last[1])
        matches = self._find_exact(tokens, skip, joined)
        self._last_found = (asked, tuple(matches))
        return matches

    def _find_exact(
        self, tokens: Sequence[str], skip: set[int], joined: frozenset[int]
    ) -> list[Match]:
        matches: list[Match] = []
        position = 0
        while position < len(tokens):
            found = None
            if position not in skip and position not in joined:
                longest = self._longest_possible(tokens, position)
                for size in range(longest, 0, -1):
                    span = range(position, position + size)
                    if skip.intersection(span):
                        continue
                    found = self._lookup(tokens[position : position + size])
                    if found is not None:
                        matches.append(Match(found, position, position + size))
                        position += size
                        break
            if found is None:
                numbered = self._numbered(tokens, position, skip, joined)
                if numbered is not None:
                    matches.append(Match(numbered, position, position + 1))
                position += 1
        return matches

    def _numbered(
        self, tokens: Sequence[str], position: int, skip: set[int], joined: frozenset[int]
    ) -> Target | None:
        """The name a word numbers as devices are numbered: "veth3a1f", "vethXXXX"."""
        if position in skip or position in joined:
            return None
        numbered = re.fullmatch(_NUMBERED, tokens[position])
        return self._lookup([numbered.group(1)]) if numbered else None

    def _longest_possible(self, tokens: Sequence[str], position: int) -> int:
        """How many words from `position` could still spell one name, read run together.

        Every phrase that names something, spaced or run together, joins to a known key,
        so its leading words must join to the start of one; this spares trying 2- to
        5-word phrases after words like "what" that begin no name.
        """
        size, joined = 1, tokens[position]
        limit = min(_MAX_NGRAM, len(tokens) - position)
        while size < limit and self._begins_a_longer_key(joined):
            joined += tokens[position + size]
            size += 1
        return size

    def _begins_a_longer_key(self, start: str) -> bool:
        keys = self._sorted_keys
        at = bisect_left(keys, start)
        if at < len(keys) and keys[at] == start:
            at += 1
        return at < len(keys) and keys[at].startswith(start)

    def _lookup(self, words: Sequence[str]) -> Target | None:
        if len(words) == 1:
            # A bare number is no dotted address: "0000" in "0000:3b:00.0" is not 0.0.0.0.
            if words[0] in STOPWORDS or words[0].isdigit():
                return None
            return next((self.exact[v] for v in word_variants(words[0]) if v in self.exact), None)
        target = self.spaced.get(" ".join(words))
        if target is None and not GRAMMAR.intersection(words):
            # "metal lb", "cert manager": the words run together name one thing.
            key = _join(words)
            target = next((self.exact[v] for v in word_variants(key) if v in self.exact), None)
        return target

    def find_typo(
        self, tokens: Sequence[str], skip: set[int], joined: frozenset[int] = frozenset()
    ) -> Match | None:
        """The closest typo of a name in `tokens`: longest phrase first, then fewest edits."""
        best: tuple[int, int, Match] | None = None
        for size in range(min(_FUZZY_NGRAM, len(tokens)), 0, -1):
            for start in range(len(tokens) - size + 1):
                words = tokens[start : start + size]
                if start in joined or skip.intersection(range(start, start + size)):
                    continue
                # One word must carry the name ("kube prxy" may; "which" may not), and a
                # real English word is no typo: "connects" is not "ConnectX".
                if GRAMMAR.intersection(words) or all(w in STOPWORDS for w in words):
                    continue
                if size == 1 and is_english_word(words[0]):
                    continue
                hit = self._closest(_join(words))
                if hit is None:
                    continue
                distance, target, candidate = hit
                if size > 1 and not _short_words_kept(words, target):
                    continue  # "the cluster end" is no slip of "cluster dns"
                if size > 1 and self._split_elsewhere(words, candidate):
                    continue  # "cluster setup" is no slip of "clusterset ip"
                rank = (-size, distance)
                if best is None or rank < best[:2]:
                    match = Match(target, start, start + size, typed=" ".join(words))
                    best = (rank[0], rank[1], match)
        return best[2] if best else None

    def _split_elsewhere(self, words: Sequence[str], candidate: str) -> bool:
        """Whether English words typed apart ("cluster setup") split where the name they
        are close to ("clusterset ip") does not: each is spelt right, so no slip."""
        if not all(is_english_word(word) for word in words):
            return False
        named = self._spaced_keys[self.keys.index(candidate)].split()
        if len(named) == 1:
            return False  # "keeps alive" for "keepalive": one name typed apart
        if len(named) != len(words):
            return True
        return any(
            OSA.distance(word, name) > max(1, max_typos(len(name)))
            for word, name in zip(words, named, strict=True)
        )

    def _closest(self, key: str) -> tuple[int, Target, str] | None:
        """The name `key` is a plausible typo of: fewest edits, then the shortest name, with
        the name's key."""
        if key in self._typo_memo:
            return self._typo_memo[key]
        allowed = max_typos(len(key))
        best: tuple[int, Target, str] | None = None
        # Typos rarely change the first letter, and requiring it keeps "table" from
        # becoming "cable" and the search to a small bucket, compared in one C call.
        keys, lengths, targets = self._typo_buckets().get(key[0], _NO_KEYS) if key else _NO_KEYS
        if allowed and not key.isdigit():
            # Names within `allowed` letters of its length: the only ones close enough.
            low = bisect_left(lengths, len(key) - allowed)
            high = bisect_right(lengths, len(key) + allowed)
            for at in range(low, high):
                candidate = keys[at]
                distance = OSA.distance(key, candidate, score_cutoff=allowed)
                if distance > allowed or (best is not None and distance >= best[0]):
                    continue
                if distance > max_typos(len(candidate)):
                    continue  # "kubeflow" is two letters more than "kubefw", not a slip of it
                if plausible_typo(key, candidate):
                    best = (distance, targets[at], candidate)
        if len(self._typo_memo) >= _TYPO_MEMO_SIZE:
            self._typo_memo.clear()
        self._typo_memo[key] = best
        return best

    def suggest(self, terms: Sequence[str], limit: int = 3) -> tuple[str, ...]:
        """Canonical names that resemble `terms` closely enough to offer, best first."""
        scored: dict[str, float] = {}
        for key in dict.fromkeys(compact(term) for term in terms):  # each term once
            if len(key) < 4:
                continue
            for candidate, score, position in process.extract(
                key,
                self.keys,
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=_SUGGESTION_MIN_SCORE,
                limit=limit * 4,
            ):
                # Resemblance that starts elsewhere ("table" ~ "cable") must be much closer.
                if candidate[0] != key[0] and score < _SUGGESTION_OTHER_INITIAL_SCORE:
                    continue
                name = self.key_targets[position].entry.name
                scored[name] = max(score, scored.get(name, 0.0))
        ranked = sorted(scored, key=lambda name: -scored[name])
        return tuple(ranked[:limit])


_SHORT_TYPED = 3


def _short_words_kept(words: Sequence[str], target: Target) -> bool:
    """Whether each short word of a phrase typed is a word of the name found with at most
    one slip ("cluster dsn", "kub proxy"): a word too short for a typo of its own, further
    off, was no slip ("the cluster end" is no "cluster dns")."""
    entry = target.entry
    spelled = {word for name in (entry.name, *entry.aliases) for word in name.lower().split()}
    return all(
        len(word) > _SHORT_TYPED
        or any(OSA.distance(word, name, score_cutoff=1) <= 1 for name in spelled)
        for word in words
    )


def index_knowledge(
    layers: dict[int, Layer], entries: tuple[Entry, ...], source: str = "<memory>"
) -> Knowledge:
    """A Knowledge of these layers and entries, with the index built for matching them."""
    return Knowledge(layers, entries, AliasIndex.build(layers.values(), entries), source)
