"""Feedback on answers, platform-neutral: votes counted, disputes and unknowns logged.

Both adapters hand a click to `Feedback.vote` and a "what was wrong?" to `Feedback.comment`;
what is kept, counted and logged is decided here, once. The curation log (`bot.ops.curation`)
is written only when OSI_CURATION_LOG is on; votes themselves are kept only to make one vote
per person per answer (`bot.ops.votes`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.core.model import AnswerKind
from bot.core.text import strip_chat_noise
from bot.ops.curation import CurationRecord, RecordKind
from bot.ops.in_flight import InFlight
from bot.ops.votes import LocalVotes, Vote

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine
    from typing import Any

    from bot.core.knowledge import Knowledge
    from bot.core.model import Answer
    from bot.ops.curation import CurationLog
    from bot.ops.metrics import Metrics
    from bot.ops.platform import Platform
    from bot.ops.votes import Ballot, VoteBook

__all__ = ["OTHER_ENTRY", "Feedback"]

# The metrics label for an entry the knowledge does not have (since renamed, or forged):
# labels stay a closed set, bounded by the knowledge file.
OTHER_ENTRY = "(other)"
_LONGEST_COMMENT = 1_000

_log = logging.getLogger(__name__)


class Feedback:
    """Votes, comments and unknown questions: counted in `metrics`, kept in `log` if any.

    Args:
        knowledge: the current knowledge, which names the entries metrics may carry.
        votes: each person's current vote per answer (default: this process's memory).
        log: the curation log; None when OSI_CURATION_LOG is off (nothing is written).
    """

    def __init__(
        self,
        knowledge: Callable[[], Knowledge],
        *,
        votes: VoteBook | None = None,
        metrics: Metrics | None = None,
        log: CurationLog | None = None,
    ) -> None:
        self._knowledge = knowledge
        self._votes = votes or LocalVotes()
        self._metrics = metrics
        self._log = log
        self.writing = InFlight()  # log writes started by unknown questions

    @property
    def keeps_comments(self) -> bool:
        """Whether "what was wrong?" is worth asking: only when the log keeps the answer."""
        return self._log is not None

    def _label(self, entry: str) -> str:
        knowledge = self._knowledge()
        if knowledge.find(entry) is not None:
            return entry
        known_layers = {layer.name.casefold() for layer in knowledge.layers.values()}
        return entry if entry.casefold() in known_layers else OTHER_ENTRY

    async def vote(
        self, platform: Platform, answer_id: str, person: str, vote: Vote, ballot: Ballot
    ) -> Vote | None:
        """Set `person`'s vote on the answer `answer_id`; return the vote it replaced.

        Counted only when it changes something: the same vote again (a second click, or a
        replay on another replica) returns `vote` and counts nothing.
        """
        previous = await self._votes.cast(answer_id, f"{platform.value}:{person}", vote)
        if previous is vote:
            return previous
        entry = self._label(ballot.entry)
        if self._metrics is not None:
            self._metrics.record_vote(platform, entry, vote.value, previous and previous.value)
        if self._log is not None and (vote is Vote.DOWN or previous is Vote.DOWN):
            kind = RecordKind.DOWN if vote is Vote.DOWN else RecordKind.RETRACTED
            await self._log.add(
                CurationRecord(kind, platform.value, entry, ballot.question, ballot.answer_given)
            )
        return previous

    async def comment(self, platform: Platform, ballot: Ballot, text: str) -> None:
        """Keep "what was wrong?" beside the question and answer (when the log is on)."""
        comment = " ".join(text.split())[:_LONGEST_COMMENT]
        if self._log is None or not comment:
            return
        entry = self._label(ballot.entry)
        record = CurationRecord(
            RecordKind.COMMENT, platform.value, entry, ballot.question, ballot.answer_given, comment
        )
        await self._log.add(record)

    def unknown(self, platform: Platform, answer: Answer) -> None:
        """Keep a question the bot could not place (when the log is on), without waiting."""
        if self._log is None or answer.kind is not AnswerKind.UNKNOWN:
            return
        question = " ".join(strip_chat_noise(answer.question).split())
        if not question:
            return
        term = " ".join((answer.unknown_term or question).split()).casefold()
        record = CurationRecord(RecordKind.UNKNOWN, platform.value, term, question)
        self._spawn(self._log.add(record))

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        try:
            self.writing.spawn(work, name="curation log")
        except RuntimeError:  # no event loop: not a running bot
            work.close()
