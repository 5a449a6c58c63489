"""The "Was this right?" buttons on Slack, the "what was wrong?" modal, and their
listeners.

A click counts at once (`bot.ops.feedback.Feedback`). A 👎 opens a modal with the click's
`trigger_id` when the curation log keeps comments; otherwise, and for a 👍, the voter gets
a private thank-you through the click's `response_url`. One vote per person per answer:
the answer is the bot's message (channel and `ts`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import aiohttp
from slack_sdk.errors import SlackApiError

from bot.adapters.slack.limits import trim
from bot.adapters.slack.mrkdwn import bold, escape
from bot.errors import describe_failure
from bot.ops.platform import Platform
from bot.ops.votes import Ballot, Vote, vote_reply

if TYPE_CHECKING:
    from collections.abc import Coroutine

    from slack_bolt.context.ack.async_ack import AsyncAck
    from slack_sdk.web.async_client import AsyncWebClient

    from bot.adapters.slack.clients import ResponseUrlClient
    from bot.core.model import Answer
    from bot.ops.feedback import Feedback
    from bot.ops.in_flight import InFlight

__all__ = [
    "COMMENT_LIMIT",
    "FEEDBACK_CALLBACK",
    "VOTE_ACTIONS",
    "FeedbackListeners",
    "feedback_modal",
    "vote_blocks",
]

VOTE_ACTIONS = {"osi_vote_up": Vote.UP, "osi_vote_down": Vote.DOWN}
FEEDBACK_CALLBACK = "osi_feedback"
COMMENT_LIMIT = 500
_COMMENT = "comment"  # the input's block_id and action_id
_VALUE_LIMIT = 2000  # a button's value
_METADATA_LIMIT = 3000  # a view's private_metadata
_UNREACHABLE = (aiohttp.ClientError, TimeoutError)
_LABELS = {Vote.UP: "👍 Right", Vote.DOWN: "👎 Not right"}

_log = logging.getLogger(__name__)

Block = dict[str, Any]


def vote_blocks(answer: Answer) -> list[Block]:
    """ "Was this right?" and its two buttons, for a confident answer; none for any other."""
    ballot = Ballot.of(answer)
    value = ballot.encode(_VALUE_LIMIT) if ballot else None
    if value is None:
        return []
    buttons = [
        {
            "type": "button",
            "action_id": action_id,
            "text": {"type": "plain_text", "text": _LABELS[vote], "emoji": True},
            "value": value,
        }
        for action_id, vote in VOTE_ACTIONS.items()
    ]
    question = {"type": "mrkdwn", "text": "Was this right?", "verbatim": True}
    return [{"type": "context", "elements": [question]}, {"type": "actions", "elements": buttons}]


def feedback_modal(ballot: Ballot) -> dict[str, Any]:
    """ "What was wrong?": one optional line of text; the ballot rides in `private_metadata`."""
    metadata = ballot.encode(_METADATA_LIMIT) or ""
    about = trim(f"Your 👎 on {bold(ballot.answer_given)} is counted.", 2000)
    kept = "Optional. Kept with the question and the answer, never with your name."
    return {
        "type": "modal",
        "callback_id": FEEDBACK_CALLBACK,
        "private_metadata": metadata,
        "title": {"type": "plain_text", "text": "What was wrong?"},
        "submit": {"type": "plain_text", "text": "Send"},
        "close": {"type": "plain_text", "text": "Skip"},
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": about, "verbatim": True}},
            {
                "type": "input",
                "block_id": _COMMENT,
                "optional": True,
                "label": {"type": "plain_text", "text": "What was wrong?"},
                "hint": {"type": "plain_text", "text": kept},
                "element": {
                    "type": "plain_text_input",
                    "action_id": _COMMENT,
                    "multiline": True,
                    "max_length": COMMENT_LIMIT,
                },
            },
        ],
    }


def _comment(view: dict[str, Any]) -> str:
    values = (view.get("state") or {}).get("values") or {}
    return str(((values.get(_COMMENT) or {}).get(_COMMENT) or {}).get("value") or "")


class FeedbackListeners:
    """The vote buttons' and the modal's listeners."""

    def __init__(
        self,
        feedback: Feedback,
        *,
        client: AsyncWebClient,
        responses: ResponseUrlClient,
        background: InFlight,
    ) -> None:
        self._feedback = feedback
        self._client = client
        self._responses = responses
        self._background = background

    def _later(self, work: Coroutine[Any, Any, None], name: str) -> None:
        async def guarded() -> None:
            try:
                await work
            except _UNREACHABLE as error:
                _log.error(
                    "Slack %s failed: Slack out of reach (%s)", name, describe_failure(error)
                )
            except Exception:
                _log.exception("Slack %s failed", name)

        self._background.spawn(guarded(), name=f"slack-{name}")

    async def vote(self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        vote = VOTE_ACTIONS.get(str(action.get("action_id")))
        ballot = Ballot.decode(str(action.get("value") or ""))
        container = body.get("container") or {}
        channel, ts = container.get("channel_id"), container.get("message_ts")
        person = (body.get("user") or {}).get("id")
        if vote is None or ballot is None or not (channel and ts and person):
            _log.warning("Ignoring a vote click without its answer or voter")
            return
        self._later(self._count(body, vote, ballot, f"{channel}:{ts}", str(person)), "vote")

    async def _count(
        self, body: dict[str, Any], vote: Vote, ballot: Ballot, answer_id: str, person: str
    ) -> None:
        trigger_id = body.get("trigger_id")
        ask_why = bool(vote is Vote.DOWN and self._feedback.keeps_comments and trigger_id)
        if ask_why:  # first: the trigger_id is good for three seconds only
            ask_why = await self._open_modal(str(trigger_id), ballot)
        previous = await self._feedback.vote(Platform.SLACK, answer_id, person, vote, ballot)
        url = body.get("response_url")
        if url and not ask_why:
            reply = vote_reply(vote, previous)
            private = {"text": escape(reply), "response_type": "ephemeral"}
            await self._responses.send(url, {**private, "replace_original": False})

    async def _open_modal(self, trigger_id: str, ballot: Ballot) -> bool:
        """Ask "what was wrong?"; False when Slack would not open it (the vote still counts)."""
        try:
            await self._client.views_open(trigger_id=trigger_id, view=feedback_modal(ballot))
        except (SlackApiError, *_UNREACHABLE) as error:
            _log.warning("Could not open the feedback modal (%s)", describe_failure(error))
            return False
        return True

    async def submission(self, ack: AsyncAck, view: dict[str, Any]) -> None:
        await ack()  # closes the modal
        ballot = Ballot.decode(str(view.get("private_metadata") or ""))
        comment = _comment(view)
        if ballot is not None and comment.strip():
            self._later(self._feedback.comment(Platform.SLACK, ballot, comment), "comment")
