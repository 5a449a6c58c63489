"""A quiz: "Which layer is …?" about an entry, and what a guess at it earns.

Pure like the rest of the core: the random choice comes from the caller's `Chooser` (a
`random.Random`, seeded in tests), and who was last asked what lives in a `LastAsked`
the caller keeps, in memory only.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import TYPE_CHECKING, NamedTuple, Protocol

from bot.core.phrasing import layer_list, layer_title, works

if TYPE_CHECKING:
    from bot.core.knowledge import Entry, Facet, Knowledge, Layer

__all__ = [
    "MAX_NAME_CHARS",
    "MAX_QUIZ_LAYERS",
    "Chooser",
    "LastAsked",
    "Question",
    "Quizmaster",
    "Verdict",
    "check",
    "parse_guess",
    "pick",
    "quizzable",
]

# An entry at more layers than this is no question with one answer ("Kubernetes": six).
MAX_QUIZ_LAYERS = 3
# A question's buttons carry the entry's name, and Discord allows 100 characters for an id.
MAX_NAME_CHARS = 60
_REMEMBERED = 10_000  # people whose last question is kept; the oldest is forgotten first
_GUESS = re.compile(r"(?:l|layer)?\s*([0-9]+)", re.IGNORECASE)


class Chooser(Protocol):
    """Where the choice comes from: `random.Random` in the bots, a seeded one in tests."""

    def randrange(self, stop: int, /) -> int:
        """A whole number from 0 to `stop` - 1."""


class Question(NamedTuple):
    """One quiz question: which layer is `entry` at?"""

    entry: Entry

    @property
    def text(self) -> str:
        return f"Which layer is {self.entry.name}?"

    @property
    def hint(self) -> str:
        return f"A {self.entry.kind.value}. Pick the OSI layer it works at."


class Verdict(NamedTuple):
    """A guess at a question, and what the knowledge says instead or as well."""

    entry: Entry
    guess: Layer
    layers: tuple[Layer, ...]  # every layer of the entry, highest first: each one is right

    @property
    def right(self) -> bool:
        return any(layer.number == self.guess.number for layer in self.layers)

    @property
    def headline(self) -> str:
        where = f"{self.entry.name} {works(self.entry.name)} at {layer_list(self.layers)}"
        if self.right:
            others = " (any of them is right)" if len(self.layers) > 1 else ""
            return f"Right — {where}{others}."
        return f"Not quite — {where}, not {layer_title(self.guess)}."

    @property
    def roles(self) -> tuple[tuple[Layer, str], ...]:
        """The role at each of its layers: what it does there."""
        return tuple((layer, self.entry.role_at(layer.number) or "") for layer in self.layers)

    @property
    def why(self) -> str:
        return f"Why: {self.entry.summary}"

    @property
    def facet(self) -> Facet | None:
        """What it does at the guessed layer beyond the table, for a wrong guess experts
        would half allow ("does Cilium do L7?")."""
        return None if self.right else self.entry.also_at(self.guess.number)

    @property
    def facet_line(self) -> str | None:
        facet = self.facet
        if facet is None:
            return None
        return f"Close: beyond the table, it also works at {layer_title(self.guess)}: {facet.role}"


def quizzable(knowledge: Knowledge) -> tuple[Entry, ...]:
    """The entries a question can be about: a clear placement, a name that fits a button."""
    return tuple(
        e
        for e in knowledge.entries
        if 0 < len(e.roles) <= MAX_QUIZ_LAYERS and len(e.name) <= MAX_NAME_CHARS
    )


def pick(knowledge: Knowledge, chooser: Chooser, *, last: str | None = None) -> Question | None:
    """A question about a quizzable entry other than `last` (when there is another); None
    when the knowledge has nothing to quiz about."""
    entries = quizzable(knowledge)
    fresh = [e for e in entries if e.name != last] or list(entries)
    if not fresh:
        return None
    return Question(fresh[chooser.randrange(len(fresh))])


def check(knowledge: Knowledge, name: str, guess: int) -> Verdict | None:
    """The verdict on guessing layer `guess` for the entry `name`; None when there is no
    such entry now (the knowledge was reloaded since) or no such layer."""
    entry = knowledge.find(name)
    if entry is None or guess not in knowledge.layers or not entry.roles:
        return None
    layers = tuple(knowledge.layer(n) for n in entry.layers if n in knowledge.layers)
    return Verdict(entry, knowledge.layer(guess), layers)


def parse_guess(knowledge: Knowledge, text: str) -> int | None:
    """The layer a typed answer names: "4", "L4", "layer 4", "transport", "data link"."""
    typed = " ".join(text.split()).casefold()
    if not typed:
        return None
    number = _GUESS.fullmatch(typed)
    if number is not None:
        value = int(number[1])
        return value if value in knowledge.layers else None
    for layer in knowledge.layers.values():
        names = (layer.name, *layer.aliases)
        folded = {n.casefold() for n in names} | {n.casefold().replace(" ", "") for n in names}
        bare = typed.removeprefix("the ").removesuffix(" layer")
        if typed in folded or bare in folded:
            return layer.number
    return None


class LastAsked:
    """The last question each person was asked, for the most recent `capacity` people.

    In memory only, so nothing about anyone is stored; a restart forgets it, and the worst
    that can then happen is the same question twice in a row.
    """

    def __init__(self, capacity: int = _REMEMBERED) -> None:
        self._capacity = capacity
        self._last: OrderedDict[str, str] = OrderedDict()

    def __len__(self) -> int:
        return len(self._last)

    def get(self, person: str) -> str | None:
        return self._last.get(person)

    def remember(self, person: str, name: str) -> None:
        self._last[person] = name
        self._last.move_to_end(person)
        while len(self._last) > self._capacity:
            self._last.popitem(last=False)


class Quizmaster:
    """Asks each person a question, never the one they were asked just before."""

    def __init__(self, chooser: Chooser, last_asked: LastAsked | None = None) -> None:
        self._chooser = chooser
        self._last_asked = last_asked if last_asked is not None else LastAsked()

    def ask(self, knowledge: Knowledge, person: str) -> Question | None:
        question = pick(knowledge, self._chooser, last=self._last_asked.get(person))
        if question is not None:
            self._last_asked.remember(person, question.entry.name)
        return question
