"""One vote per person per answer: ballots, and the vote books in memory and on Redis."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.core.answering import answer
from bot.ops.shared_state import SharedState, SharedStateSettings, open_shared_state
from bot.ops.votes import Ballot, LocalVotes, SharedVotes, Vote
from tests.fakes.redis_server import raw_client

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge
    from tests.fakes.redis_server import RedisServer


def test_a_ballot_is_made_for_a_confident_answer_only(knowledge: Knowledge) -> None:
    ballot = Ballot.of(answer(knowledge, "<@U0SOMEONE> which layer is envoy?"))
    assert ballot == Ballot("Envoy", (7, 6, 5), "which layer is envoy?")
    assert ballot.answer_given == "Envoy: L7, L6, L5"
    for question in ("help", "what layer is lunch"):
        assert Ballot.of(answer(knowledge, question)) is None, question


@pytest.mark.parametrize("limit", [100, 30, 10])
def test_a_ballot_survives_encoding_with_its_question_cut_to_fit(limit: int) -> None:
    ballot = Ballot("Envoy", (7, 6, 5), "which layer is envoy, and is it the same as istio?")
    encoded = ballot.encode(limit)
    assert encoded is not None
    assert len(encoded) <= limit
    decoded = Ballot.decode(encoded)
    assert decoded is not None
    assert decoded._replace(question="") == ballot._replace(question="")
    assert ballot.question.startswith(decoded.question)


def test_an_entry_that_does_not_fit_gets_no_ballot() -> None:
    assert Ballot("Envoy", (7,), "q").encode(7) is None
    assert Ballot("A|B", (7,), "q").encode(100) is None


@pytest.mark.parametrize("text", ["", "7|Envoy", "|Envoy|q", "8|Envoy|q", "7||q", "x|Envoy|q"])
def test_anything_but_a_ballot_decodes_to_none(text: str) -> None:
    assert Ballot.decode(text) is None


async def test_a_second_vote_replaces_the_first_and_the_same_vote_changes_nothing() -> None:
    book = LocalVotes()
    assert await book.cast("C1:1.0", "U1", Vote.UP) is None
    assert await book.cast("C1:1.0", "U1", Vote.UP) is Vote.UP
    assert await book.cast("C1:1.0", "U1", Vote.DOWN) is Vote.UP
    assert await book.cast("C1:1.0", "U2", Vote.DOWN) is None  # another person
    assert await book.cast("C1:2.0", "U1", Vote.DOWN) is None  # another answer
    assert len(book) == 3


async def test_votes_in_memory_are_bounded_and_expire() -> None:
    now = [0.0]
    book = LocalVotes(ttl=10, capacity=3, clock=lambda: now[0])
    for i in range(5):
        await book.cast(f"answer-{i}", "U1", Vote.UP)
    assert len(book) == 3
    assert await book.cast("answer-0", "U1", Vote.UP) is None  # forgotten: a new vote
    now[0] = 11.0
    assert await book.cast("answer-4", "U1", Vote.UP) is None  # expired


async def test_votes_in_memory_keep_no_user_id() -> None:
    book = LocalVotes()
    await book.cast("C1:1.0", "slack:U0SECRETUSER", Vote.UP)
    assert "U0SECRETUSER" not in repr(book._votes)  # what is kept is the point


async def test_the_same_click_on_two_replicas_is_one_change_on_redis(
    redis_server: RedisServer, redis_prefix: str
) -> None:
    settings = SharedStateSettings(redis_server.url, redis_prefix)
    states = [open_shared_state(settings) for _ in range(2)]
    assert all(states)
    first, second = (SharedVotes(s) for s in states if s is not None)
    assert await first.cast("C1:1.0", "slack:U1", Vote.DOWN) is None
    assert await second.cast("C1:1.0", "slack:U1", Vote.DOWN) is Vote.DOWN  # nothing new
    assert await second.cast("C1:1.0", "slack:U1", Vote.UP) is Vote.DOWN  # changed
    redis = raw_client(redis_server.url)
    keys = [str(k) for k in await redis.keys(f"{redis_prefix}votes:C*")]
    assert keys == [f"{redis_prefix}votes:C1:1.0"]
    votes = await redis.hgetall(keys[0])
    assert list(votes.values()) == ["up"]  # one person's vote, now 👍
    assert "U1" not in repr(votes)
    ttl = await redis.ttl(f"{redis_prefix}votes:C1:1.0")
    assert 0 < ttl <= 30 * 86_400
    await redis.aclose()
    for state in states:
        assert state is not None
        await state.close()


async def test_with_redis_down_votes_fall_back_to_this_process(
    own_redis_server: RedisServer, redis_prefix: str
) -> None:
    errors: list[str] = []
    state = open_shared_state(
        SharedStateSettings(own_redis_server.url, redis_prefix), on_error=errors.append
    )
    assert isinstance(state, SharedState)
    book = SharedVotes(state)
    own_redis_server.stop()
    assert await book.cast("C1:1.0", "slack:U1", Vote.UP) is None
    assert await book.cast("C1:1.0", "slack:U1", Vote.UP) is Vote.UP  # still one vote
    assert errors == ["vote", "vote"]
    assert not state.reachable
    await state.close()
