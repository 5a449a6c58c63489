"""Finding a layer from what something does: "which layer forwards packets without the URL?"

A BM25-style search over the knowledge's own sentences: each layer's description,
component and function, every entry's role at each of its layers, and the summary of an
entry that works at one layer. Words are folded to rough stems ("encrypts", "encryption",
"encrypted" -> "encrypt"), and two query words that stand together in a sentence count
extra. Negation counts both ways: "without looking at the URL" finds the sentence that
"cannot read URLs", and holds a sentence that does read them against its layer. A layer's
score is its best sentence's plus half its second best, so agreeing sentences add up; a
sentence counts by how many of the question's words it shares (one of several is mostly
coincidence), and the layer's own description half again as much as an entry's sentence.
Nothing here lists phrases: edit the knowledge and the answers follow.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from bot.core.lexicon import written_out
from bot.core.text import tokenize
from bot.core.vocabulary import GRAMMAR

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from bot.core.knowledge import Entry, Layer

__all__ = ["DescriptionIndex", "Found", "Passage", "sentences", "shape_stems", "stems"]

# Words of asking, not of describing: they say nothing about which layer.
_ASKING = frozenset(
    "layer layers osi level levels model which what where does do happen happens thing things "
    "count counts part kubernetes k8s kube cluster stuff kind sort type bit bits work works "
    "done handled handle handles live lives sit sits belong belongs one two three another "
    "others".split()
) | frozenset(
    # Light words: "make sure…", "where stuff goes" say nothing of what is done.
    "sure go goes going went".split()
)
_SUFFIXES = tuple(
    "ations ation ating ated ates ate ions ion ings ing ers er ed es s ly".split()
)  # longest first; -ate and -ation fold together ("translate", "translation")
_DOUBLING = frozenset(("ings", "ing", "ers", "er", "ed"))
_NOUNS_OF_VERBS = (("ersions", "ert"), ("ersion", "ert"), ("issions", "it"), ("ission", "it"))
_SENTENCE = r"(?<=[.!?])\s+"  # patterns: `re` compiles them on first use
_CLAUSE = r"[,.;:()!?\u2014\u2013]|\s-+\s"
# A word after one of these (in its clause, within a few words) is what is *not* done.
_NEGATORS = frozenset("not no never without cannot cant nor neither doesnt dont isnt".split())
_CONTRACTED = frozenset("can don doesn isn won didn aren wasn".split())  # "can't" -> can, t
_NEGATION_REACH = 4
_CONTRAST = frozenset("but yet though although however whereas".split())
# A hostname is one thing, "a hostname", not the words of its labels: "shop.example.com"
# shares nothing with "*.apps.example.com" but being a hostname.
_HOSTNAME = (
    r"(?<![\w.])(?:\*\.)?(?:[a-z0-9-]+\.)+"
    r"(?:com|net|org|io|dev|app|local|internal|cloud|ai|co|info|uk|de|eu|us)(?!\w|\.\w)"
)
_NUMBER_WITH_UNIT = r"\b(\d+)-([a-z]+)\b"
_K1, _B = 1.2, 0.75
_PHRASE_BONUS = 0.5  # per adjacent query pair found together, times their mean weight
_LAYER_TEXT_WEIGHT = 1.5  # a layer's description outweighs one entry's sentence about it


def _stem(word: str) -> str:
    if word.endswith("ogue"):
        word = word[:-2]  # "dialogue", "catalogue": "dialog", "catalog"
    if "iz" in word:  # "serialize", "serialise": one word
        word = re.sub(r"iz(?=e|ing|ation)", "is", word)
    # "conversion", "transmission": the verb's own stem ("convert", "transmit").
    for noun, verb in _NOUNS_OF_VERBS:
        if word.endswith(noun) and len(word) - len(noun) >= 3:
            return word[: -len(noun)] + verb
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            # "splitting", "dropped": the doubled consonant goes too ("split", "drop").
            if suffix in _DOUBLING and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def stems(text: str) -> list[str]:
    """The describing words of `text`, stemmed, in order; a negated one gets a "-" prefix
    ("cannot read URLs" -> "-read", "-url")."""
    found: list[str] = []
    text = re.sub(_HOSTNAME, " hostname ", text, flags=re.IGNORECASE)
    text = re.sub(_NUMBER_WITH_UNIT, r"\1\2", text)  # "48-bit" is one word, not "48", "bit"
    for clause in re.split(_CLAUSE, text):
        reach, previous = 0, ""
        for word in tokenize(clause):
            negates = word in _NEGATORS or (word == "t" and previous in _CONTRACTED)
            previous = word
            if negates:
                reach = _NEGATION_REACH
                continue
            if word in _CONTRAST:
                reach = 0  # "can't see cookies but is faster": faster is said, not denied
            if word in GRAMMAR or word in _ASKING or word.isdigit():
                continue
            found.append(("-" if reach else "") + _stem(written_out(word)))
            reach = max(0, reach - 1)
    return found


# "/checkout goes to one deployment": a path is a URL path; not a subnet's size ("/24")
# nor a file on a node ("/var/log").
_URL_PATH = r"(?:^|(?<=[\s(]))(?:/[a-z][\w.-]*)+/?(?=[\s,.?!)]|$)"
_FILE_ROOTS = frozenset("etc var proc dev usr opt tmp home sys run bin lib mnt root srv".split())
# "the 404", "a 429", "503s": a status code after a word that says so, or in the plural;
# never a count ("500 pods", "lost 400 packets") or a port ("port 404").
_STATUS = r"\b(30[1278]|40[0-9]|41[0-8]|429|499|50[0-4])(s?)\b"
_STATUS_CUES = frozenset(
    "a an the http status code error got get gets getting return returns returned "
    "returning send sends sent sending throw throws threw with".split()
)
# Words after a status code that still say it is one; any other word makes it a count.
_STATUS_AFTER = GRAMMAR | frozenset(
    "error errors response responses status code codes page".split()
)


def shape_stems(text: str) -> list[str]:
    """Describing words, stemmed, for what some of `text`'s tokens are by their shape: a
    path is a URL path, "a 429" an HTTP status code."""
    found = []
    paths = re.findall(_URL_PATH, text, re.IGNORECASE)
    if any(path.split("/")[1].lower() not in _FILE_ROOTS for path in paths):
        found.append("url path")
    if any(_a_status_code(text, m) for m in re.finditer(_STATUS, text)):
        found.append("http status code")
    return stems(" ".join(found)) if found else []


def _a_status_code(text: str, number: re.Match[str]) -> bool:
    before = text[: number.start()].rsplit(maxsplit=1)
    after = text[number.end() :].split(maxsplit=1)
    following = re.sub(r"\W", "", after[0]).lower() if after else ""
    if following.isalpha() and following not in _STATUS_AFTER:
        return False  # "500 pods", "the 404 nodes"
    cue = bool(before) and re.sub(r"\W", "", before[-1]).lower() in _STATUS_CUES
    return cue or bool(number.group(2))


def sentences(text: str) -> list[str]:
    """The sentences of `text`, split after a full stop, question or exclamation mark."""
    return [sentence for sentence in re.split(_SENTENCE, text) if sentence]


class Passage(NamedTuple):
    layer: int
    text: str  # as written in the knowledge, shown as the reason for an answer
    entry: Entry | None  # whose role or summary it is; None for the layer's own text


class Found(NamedTuple):
    layer: int
    score: float
    passage: Passage  # the best-scoring sentence for this layer
    shared: int  # how many different query words it and the next best sentence have
    own: int  # how many different query words the best sentence alone has


class DescriptionIndex:
    """Every describing sentence of a knowledge, weighted for search."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        self._passages = list(passages)
        stemmed = [stems(p.text) for p in self._passages]  # once each: the build's cost
        self._terms = [Counter(terms) for terms in stemmed]
        self._pairs = [_pairs(terms) for terms in stemmed]
        # Which sentences hold a word (either polarity): a search scores only those.
        self._holding: dict[str, list[int]] = {}
        for at, terms in enumerate(self._terms):
            for term in terms:
                self._holding.setdefault(term.removeprefix("-"), []).append(at)
        lengths = [sum(terms.values()) for terms in self._terms]
        self._lengths = lengths
        self._average = sum(lengths) / len(lengths) if lengths else 1.0
        count = len(self._passages)
        frequency: Counter[str] = Counter()
        for terms in self._terms:  # "-url" and "url" are one word for its rarity
            frequency.update({term.removeprefix("-") for term in terms})
        self._idf = {
            term: math.log(1 + (count - seen + 0.5) / (seen + 0.5))
            for term, seen in frequency.items()
        }

    @classmethod
    def build(cls, layers: Iterable[Layer], entries: Iterable[Entry]) -> DescriptionIndex:
        passages: list[Passage] = []
        for layer in layers:
            passages.append(Passage(layer.number, f"{layer.component}: {layer.function}", None))
            passages += [Passage(layer.number, text, None) for text in sentences(layer.description)]
        for entry in entries:
            passages += [Passage(role.layer, role.role, entry) for role in entry.roles]
            if len(entry.roles) == 1:
                passages.append(Passage(entry.roles[0].layer, entry.summary, entry))
        return cls(passages)

    def search(self, query: Sequence[str]) -> list[Found]:
        """Layers by their best sentence's score for the stemmed `query`, best first."""
        wanted = [term for term in dict.fromkeys(query) if self._weight(term)]
        if not wanted:
            return []
        pairs = _pairs(list(query))
        scored: dict[int, list[tuple[float, int]]] = {}  # layer -> (score, sentence)
        holding = sorted({at for term in wanted for at in self._holding[term.removeprefix("-")]})
        for at in holding:
            terms = self._terms[at]
            score = self._score(wanted, terms, self._lengths[at])
            if score <= 0:
                continue
            # A sentence sharing one word of several is mostly coincidence: weigh by coverage.
            shared = sum(1 for term in wanted if term in terms)
            score *= (shared / len(wanted)) ** 0.5
            for first, second in pairs & self._pairs[at]:
                score += _PHRASE_BONUS * (self._weight(first) + self._weight(second)) / 2
            passage = self._passages[at]
            if passage.entry is None:  # the layer's own text says what the layer does
                score *= _LAYER_TEXT_WEIGHT
            scored.setdefault(passage.layer, []).append((score, at))
        found = []
        for layer, results in scored.items():
            results.sort(key=lambda result: -result[0])
            total = results[0][0] + (results[1][0] / 2 if len(results) > 1 else 0.0)
            # Agreeing sentences share words between them: count the top two's together.
            words = set().union(*(self._terms[at] for _, at in results[:2]))
            shared = sum(1 for term in wanted if term in words)
            own = sum(1 for term in wanted if term in self._terms[results[0][1]])
            found.append(Found(layer, total, self._passages[results[0][1]], shared, own))
        return sorted(found, key=lambda item: -item.score)

    def knows(self, word: str) -> bool:
        """Whether any describing sentence uses `word` (in any of its forms)."""
        return _stem(word) in self._holding

    def says_together(self, words: Sequence[str]) -> bool:
        """Whether one describing sentence uses `words` side by side, in this order
        ("user agents" for "user-agent")."""
        wanted = [_stem(word) for word in words]
        if len(wanted) < 2 or any(term not in self._holding for term in wanted):
            return False
        pairs = set(pairwise(wanted))
        return any(pairs <= self._pairs[at] for at in self._holding[wanted[0]])

    def holds(self, term: str) -> bool:
        """Whether any describing sentence has the stemmed `term`, of either polarity."""
        return term.removeprefix("-") in self._holding

    def _weight(self, term: str) -> float:
        return self._idf.get(term.removeprefix("-"), 0.0)

    def _score(self, wanted: list[str], terms: Counter[str], length: int) -> float:
        norm = _K1 * (1 - _B + _B * length / self._average)
        score = 0.0
        for term in wanted:
            weight = self._weight(term)
            # The same polarity agrees; the opposite ("no URL" vs "routes by URL") disagrees.
            same = terms.get(term, 0)
            opposite = terms.get(term[1:] if term.startswith("-") else f"-{term}", 0)
            if same:
                score += weight * same * (_K1 + 1) / (same + norm)
            if opposite:
                score -= weight * opposite * (_K1 + 1) / (opposite + norm) / 2
        return score


def _pairs(terms: list[str]) -> set[tuple[str, str]]:
    return set(pairwise(terms))
