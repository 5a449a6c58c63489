"""The "Was this right?" votes: one per person per answer, and what a vote button carries.

A vote is kept only so that a second click changes it rather than adding one: by answer
(the bot's message) and a keyed hash of the person, never the person's ID itself, for
`VOTE_TTL_SECONDS`. One process keeps them in memory (bounded); with OSI_REDIS_URL every
replica shares them in Redis, so a click replayed to another replica counts once.
Setting the vote a person already has changes nothing, wherever it lands.
"""

from __future__ import annotations

import hashlib
import os
import time
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple, Protocol

from bot.core.text import strip_chat_noise
from bot.ops.expiring import Expiring

if TYPE_CHECKING:
    from collections.abc import Callable

    from bot.core.model import Answer
    from bot.ops.shared_state import SharedState

__all__ = [
    "VOTE_TTL_SECONDS",
    "Ballot",
    "LocalVotes",
    "SharedVotes",
    "Vote",
    "VoteBook",
    "vote_reply",
]

# A vote can be changed for a month; after that a click counts as a new vote.
VOTE_TTL_SECONDS = 30 * 86_400
_DEFAULT_CAPACITY = 100_000  # (answer, person) pairs one process remembers
_SEPARATOR = "|"
_LONGEST_QUESTION = 1_000


class Vote(StrEnum):
    UP = "up"
    DOWN = "down"


class Ballot(NamedTuple):
    """What a vote button carries: the entry answered, the layers claimed, the question.

    The question has its mentions removed (`strip_chat_noise`), so no user ID rides along.
    """

    entry: str
    layers: tuple[int, ...]
    question: str

    @classmethod
    def of(cls, answer: Answer) -> Ballot | None:
        """The ballot for a confident answer; None for any other."""
        if not answer.is_confident or answer.matched is None:
            return None
        question = " ".join(strip_chat_noise(answer.question).split())[:_LONGEST_QUESTION]
        return cls(answer.matched, answer.layer_numbers, question)

    @property
    def answer_given(self) -> str:
        """The answer in a few words: "Envoy: L7, L6, L5"."""
        return f"{self.entry}: {', '.join(f'L{n}' for n in self.layers)}"

    def encode(self, limit: int) -> str | None:
        """`layers|entry|question` in at most `limit` characters, the question cut to fit;
        None when even the entry does not fit (or holds the separator)."""
        head = f"{''.join(map(str, self.layers))}{_SEPARATOR}{self.entry}{_SEPARATOR}"
        if _SEPARATOR in self.entry or len(head) > limit:
            return None
        return head + self.question[: limit - len(head)]

    @classmethod
    def decode(cls, text: str) -> Ballot | None:
        """The ballot `encode` wrote; None for anything else."""
        parts = text.split(_SEPARATOR, 2)
        if len(parts) != 3:
            return None
        digits, entry, question = parts
        if not entry or not digits.isdigit() or not set(digits) <= set("1234567"):
            return None
        return cls(entry, tuple(int(d) for d in digits), question)


class VoteBook(Protocol):
    """Where each person's current vote on each answer is kept."""

    async def cast(self, answer_id: str, person: str, vote: Vote) -> Vote | None:
        """Set `person`'s vote on `answer_id`; return the vote it replaced (None: the first)."""


def _person_key(salt: bytes, answer_id: str, person: str) -> str:
    """A keyed hash of the person, different for every answer: no ID is kept, and one
    person's votes cannot be linked from one answer to the next without the salt."""
    material = f"{answer_id}\x00{person}".encode()
    return hashlib.blake2b(material, key=salt, digest_size=16).hexdigest()


class LocalVotes:
    """Votes in this process's memory: the oldest forgotten first beyond `capacity`."""

    def __init__(
        self,
        *,
        ttl: float = VOTE_TTL_SECONDS,
        capacity: int = _DEFAULT_CAPACITY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._salt = os.urandom(16)
        self._votes: Expiring[Vote] = Expiring(ttl=ttl, capacity=capacity, clock=clock)

    def __len__(self) -> int:
        return len(self._votes)

    def set(self, answer_id: str, person: str, vote: Vote) -> Vote | None:
        return self._votes.replace(_person_key(self._salt, answer_id, person), vote)

    async def cast(self, answer_id: str, person: str, vote: Vote) -> Vote | None:
        return self.set(answer_id, person, vote)


# KEYS[1] the answer's hash; ARGV[1] the person's key, ARGV[2] the vote, ARGV[3] its TTL.
# Read and write in one step, so two replicas given the same click see one change.
_CAST = """
local previous = redis.call('HGET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return previous
"""


class SharedVotes:
    """Votes in Redis for every replica, with this process's memory while Redis is down."""

    def __init__(
        self, state: SharedState, local: LocalVotes | None = None, *, ttl: float = VOTE_TTL_SECONDS
    ) -> None:
        self._state = state
        self._local = local or LocalVotes(ttl=ttl)
        self._ttl = max(1, round(ttl))
        self._salt: bytes | None = None

    async def _shared_salt(self) -> bytes:
        if self._salt is None:
            # One salt for every replica, made by whichever asks first.
            key = self._state.key("votes", "salt")
            await self._state.client.set(key, os.urandom(16).hex(), nx=True)
            self._salt = bytes.fromhex(str(await self._state.client.get(key)))
        return self._salt

    async def cast(self, answer_id: str, person: str, vote: Vote) -> Vote | None:
        from redis.exceptions import RedisError  # noqa: PLC0415 - loaded with the client

        try:
            salt = await self._shared_salt()
            previous = await self._state.client.eval(
                _CAST,
                1,
                self._state.key("votes", answer_id),
                _person_key(salt, answer_id, person),
                vote.value,
                self._ttl,
            )
        except (RedisError, OSError, TimeoutError) as error:
            self._state.failed("vote", error)
            return self._local.set(answer_id, person, vote)
        self._state.answered()
        return Vote(previous) if previous in Vote.__members__.values() else None


_SHOWN = {Vote.UP: "👍 right", Vote.DOWN: "👎 not right"}


def vote_reply(vote: Vote, previous: Vote | None) -> str:
    """What the voter is told, privately, after a click."""
    if previous is vote:
        return f"You have already voted {_SHOWN[vote]} on this answer."
    if previous is not None:
        return f"Changed your vote to {_SHOWN[vote]}. Thanks!"
    return f"Thanks — counted as {_SHOWN[vote]}. Click the other button to change it."
