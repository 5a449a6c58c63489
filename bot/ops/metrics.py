"""Prometheus metrics: questions by platform and kind, unknowns, latency, daily posts, votes.

Each bot owns its registry (no process-global state), so tests and several bots in one
process never mix their counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from bot.core.model import AnswerKind

if TYPE_CHECKING:
    from bot.core.model import Answer
    from bot.ops.platform import Platform

__all__ = ["CONTENT_TYPE", "Metrics"]

CONTENT_TYPE = CONTENT_TYPE_LATEST
# Answers take tens of microseconds; the top buckets catch a stalled process.
_LATENCY_BUCKETS = (0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25, 1.0)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.questions = Counter(
            "osi_questions",
            "Questions answered, by platform and answer kind.",
            ["platform", "kind"],
            registry=self.registry,
        )
        self.unknown = Counter(
            "osi_unknown_questions",
            "Questions the bot could not place on a layer.",
            ["platform"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "osi_answer_seconds",
            "Time to understand a question and build its answer.",
            ["platform"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.daily_posts = Counter(
            "osi_daily_posts",
            "Layer-of-the-day posts, by platform and result.",
            ["platform", "result"],
            registry=self.registry,
        )
        self.redis_errors = Counter(
            "osi_redis_errors",
            "Calls to Redis (OSI_REDIS_URL) that failed, by operation.",
            ["operation"],
            registry=self.registry,
        )
        # Counters, so replicas add up and restarts do no harm: a person's current votes
        # for an entry and outcome are `osi_feedback_votes_total - osi_feedback_changed_total`.
        self.votes = Counter(
            "osi_feedback_votes",
            "'Was this right?' votes, by platform, entry and outcome (up, down); "
            "a changed vote counts here for its new outcome.",
            ["platform", "entry", "outcome"],
            registry=self.registry,
        )
        self.votes_changed = Counter(
            "osi_feedback_changed",
            "Votes replaced by a person's second click, by platform, entry and the outcome "
            "they had.",
            ["platform", "entry", "outcome"],
            registry=self.registry,
        )
        self.reloads = Counter(
            "osi_knowledge_reloads",
            "Knowledge reloads, by result.",
            ["result"],
            registry=self.registry,
        )

    def record_answer(self, platform: Platform, answer: Answer, seconds: float) -> None:
        self.questions.labels(platform, answer.kind.value).inc()
        if answer.kind is AnswerKind.UNKNOWN:
            self.unknown.labels(platform).inc()
        self.latency.labels(platform).observe(seconds)

    def record_daily(self, platform: Platform, result: str) -> None:
        """Count one channel's daily post by its outcome (a `bot.daily.posting.Outcome`)."""
        self.daily_posts.labels(platform, result).inc()

    def record_vote(
        self, platform: Platform, entry: str, vote: str, previous: str | None = None
    ) -> None:
        """Count a new vote, or a changed one (`previous` is the outcome it replaced)."""
        self.votes.labels(platform, entry, vote).inc()
        if previous is not None:
            self.votes_changed.labels(platform, entry, previous).inc()

    def record_redis_error(self, operation: str) -> None:
        self.redis_errors.labels(operation).inc()

    def record_reload(self, ok: bool) -> None:
        self.reloads.labels("success" if ok else "failure").inc()

    def exposition(self) -> bytes:
        """The text format Prometheus scrapes."""
        return generate_latest(self.registry)
