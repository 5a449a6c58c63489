"""Wiring: one function builds the Bolt app from the knowledge and its clients.

Everything the app talks to comes in through `build_bot`, so tests hand it a Web API
client pointed at a local fake and a `response_url` client of their own.
"""

from __future__ import annotations

import logging
import random
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from slack_bolt.async_app import AsyncApp

from bot.adapters.slack.blocks import ASK_ACTION_PREFIX
from bot.adapters.slack.clients import ResponseUrlClient
from bot.adapters.slack.dedupe import RecentKeys, SkipRedeliveries
from bot.adapters.slack.feedback import FEEDBACK_CALLBACK, VOTE_ACTIONS, FeedbackListeners
from bot.adapters.slack.listeners import Listeners
from bot.adapters.slack.quiz import QUIZ_ANSWER_PREFIX, QUIZ_START_ACTION
from bot.core.answering import answer
from bot.core.knowledge import as_source
from bot.core.quiz import Quizmaster
from bot.ops.feedback import Feedback
from bot.ops.in_flight import SHUTDOWN_GRACE_SECONDS, InFlight

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from slack_sdk.web.async_client import AsyncWebClient

    from bot.adapters.slack.dedupe import Deliveries
    from bot.core.knowledge import Knowledge
    from bot.core.model import Answer

__all__ = ["WHICH_LAYER_SHORTCUT", "SlackBot", "build_bot"]

_ANY_COMMAND = re.compile(r"^/")  # the manifest names it /osi; a workspace may rename it
_ASK_BUTTON = re.compile(rf"^{ASK_ACTION_PREFIX}\d+$")
_QUIZ_ANSWER = re.compile(rf"^{QUIZ_ANSWER_PREFIX}[1-7]$")
# The message shortcut's callback_id, as slack/manifest.yaml names it.
WHICH_LAYER_SHORTCUT = "osi_which_layer"
# The slack_bolt.logger.messages that carry a request body, and a cap for every other one.
_QUOTES_THE_BODY = (
    "Invalid request signature detected",
    "Unhandled request",
    "A global middleware",
)
_LONGEST_BOLT_MESSAGE = 300
_BOLT_LOG = "bot.adapters.slack.bolt"


@dataclass(frozen=True, slots=True)
class SlackBot:
    """The Bolt app, and the background work its listeners start."""

    app: AsyncApp
    background: InFlight
    # None only for a Socket Mode app; the HTTP server checks every request with it.
    signing_secret: str | None = field(default=None, repr=False)
    # Shown by /healthz beside the status (whether Redis answers), never deciding it.
    health_details: Callable[[], Mapping[str, str]] = field(default=dict)

    @property
    def verifies_signatures(self) -> bool:
        return bool(self.signing_secret)

    async def idle(self, timeout: float | None = SHUTDOWN_GRACE_SECONDS) -> bool:
        """Wait until every answer in progress has been sent; False on timeout."""
        return await self.background.idle(timeout)


class _NoRequestDetails(logging.Filter):
    """Bolt quotes whole request bodies in a few messages: user IDs, text, `response_url`s.

    The server refuses unsigned requests before Bolt sees them, so these come from Slack
    itself; the log still gets the message's first words, never the body.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for prefix in _QUOTES_THE_BODY:
            if message.startswith(prefix):
                record.msg, record.args = f"{prefix} (request details not logged)", None
                break
        else:
            if len(message) > _LONGEST_BOLT_MESSAGE:
                record.msg, record.args = message[:_LONGEST_BOLT_MESSAGE] + "…", None
        return True


def _bolt_logger() -> logging.Logger:
    logger = logging.getLogger(_BOLT_LOG)
    if not any(isinstance(f, _NoRequestDetails) for f in logger.filters):
        logger.addFilter(_NoRequestDetails())
    return logger


def build_bot(
    knowledge: Knowledge | Callable[[], Knowledge],
    *,
    client: AsyncWebClient,
    signing_secret: str | None,
    responses: ResponseUrlClient | None = None,
    answer_fn: Callable[[Knowledge, str], Answer] = answer,
    seen: Deliveries | None = None,
    health_details: Callable[[], Mapping[str, str]] = dict,
    quizmaster: Quizmaster | None = None,
    feedback: Feedback | None = None,
) -> SlackBot:
    """The osi-bot Slack app.

    Args:
        knowledge: what to answer from: a Knowledge, or a function returning the current
            one (`KnowledgeHolder.get`), asked afresh for every question.
        client: the Web API client, already holding the bot token.
        signing_secret: verifies HTTP requests; None for a Socket Mode-only app.
        responses: posts button clicks' answers to their `response_url`.
        answer_fn: the core's `answer`; tests swap in one that fails.
        seen: remembers deliveries, so a redelivery is ignored (default: this process).
        health_details: what `/healthz` shows beside its status.
        quizmaster: picks quiz questions (default: at random, remembered in memory).
        feedback: counts "Was this right?" votes (default: in this process, nothing kept).
    """
    app = AsyncApp(
        name="osi-bot",
        logger=_bolt_logger(),
        client=client,
        # Bolt reads SLACK_SIGNING_SECRET from the environment when given None; a
        # Socket Mode app skips verification and must not pick up a stray value.
        signing_secret=signing_secret or "",
        # Listeners return fast (a command's answer is its ack; other work goes to
        # `background`), so acknowledging inline spares Bolt's 10 ms ack polling.
        process_before_response=True,
    )
    app.use(SkipRedeliveries(seen or RecentKeys()))
    background = InFlight()
    responses = responses or ResponseUrlClient()
    source = as_source(knowledge)
    listeners = Listeners(
        source,
        client=client,
        responses=responses,
        background=background,
        answer_fn=answer_fn,
        # A quiz question, not a secret: any generator will do.
        quizmaster=quizmaster or Quizmaster(random.Random()),  # noqa: S311
    )
    app.command(_ANY_COMMAND)(listeners.command)
    app.event("app_mention")(listeners.mention)
    app.event("message")(listeners.direct_message)
    app.action(_ASK_BUTTON)(listeners.button)
    app.action(QUIZ_START_ACTION)(listeners.quiz_start)
    app.action(_QUIZ_ANSWER)(listeners.quiz_answer)
    app.shortcut(WHICH_LAYER_SHORTCUT)(listeners.message_shortcut)
    votes = FeedbackListeners(
        feedback or Feedback(source),
        client=client,
        responses=responses,
        background=background,
    )
    app.action(re.compile(f"^({'|'.join(VOTE_ACTIONS)})$"))(votes.vote)
    app.view(FEEDBACK_CALLBACK)(votes.submission)
    return SlackBot(
        app=app,
        background=background,
        signing_secret=signing_secret or None,
        health_details=health_details,
    )
