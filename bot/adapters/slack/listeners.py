"""What the bot does for each kind of Slack request.

Each listener turns the payload into a question, calls the core once and sends the rendered
answer back the way Slack expects for that surface. The core answers in microseconds, so a
slash command is answered in its acknowledgement: one HTTP response, no `response_url` call.
Events and button clicks cannot carry a reply in theirs, so they are acknowledged at once
and answered in the background. A failure becomes a logged error and a short apology to
the asker, never silence.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import aiohttp

from bot.adapters.slack.blocks import apology_message, render_answer
from bot.adapters.slack.quiz import (
    QUIZ_ANSWER_PREFIX,
    notice_message,
    question_message,
    verdict_message,
)
from bot.core.phrasing import NO_TEXT_TO_READ
from bot.core.quiz import check
from bot.errors import describe_failure
from bot.render.quiz import NOTHING_TO_QUIZ, STALE_QUESTION

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Coroutine

    from slack_bolt.context.ack.async_ack import AsyncAck
    from slack_bolt.context.async_context import AsyncBoltContext
    from slack_sdk.web.async_client import AsyncWebClient

    from bot.adapters.slack.blocks import SlackMessage
    from bot.adapters.slack.clients import ResponseUrlClient
    from bot.core.knowledge import Knowledge
    from bot.core.model import Answer
    from bot.core.quiz import Quizmaster
    from bot.ops.in_flight import InFlight

__all__ = ["Listeners", "is_from_a_person"]

_log = logging.getLogger(__name__)

# Slack not answering in time, or not reachable: one log line says it all, no traceback.
_UNREACHABLE = (aiohttp.ClientError, TimeoutError)

# Answers quote documentation links; a preview card of each would bury the answer.
_NO_UNFURL: dict[str, Any] = {"unfurl_links": False, "unfurl_media": False}
# Seen only by the person who clicked or used the shortcut, and added below, never replacing.
_ONLY_TO_THEM: dict[str, Any] = {"response_type": "ephemeral", "replace_original": False}
_QUIZ_WORDS = frozenset({"quiz", "quiz me"})


def is_from_a_person(event: dict[str, Any], bot_user_id: str | None) -> bool:
    """A new message typed by a person: not a bot (this one included), an edit or a subtype."""
    return (
        event.get("subtype") is None
        and "edited" not in event
        and not event.get("bot_id")
        and bool(event.get("user"))
        and event.get("user") != bot_user_id
    )


@dataclass(frozen=True, slots=True)
class _Where:
    """Where a mention was made, and so where its answer goes."""

    channel: str
    user: str
    ts: str
    thread_ts: str | None

    def in_thread(self) -> dict[str, Any]:
        """A public reply in the message's thread (its own thread if it started none)."""
        return {"channel": self.channel, "thread_ts": self.thread_ts or self.ts}

    def privately(self) -> dict[str, Any]:
        """An ephemeral reply beside the message: in its thread only if it was in one, as an
        ephemeral reply in a thread nobody opened would go unseen."""
        where: dict[str, Any] = {"channel": self.channel, "user": self.user}
        return where | ({"thread_ts": self.thread_ts} if self.thread_ts else {})


class Listeners:
    """The Bolt listeners, holding what they need to answer."""

    def __init__(
        self,
        knowledge: Callable[[], Knowledge],
        *,
        client: AsyncWebClient,
        responses: ResponseUrlClient,
        background: InFlight,
        answer_fn: Callable[[Knowledge, str], Answer],
        quizmaster: Quizmaster,
    ) -> None:
        self._knowledge = knowledge
        self._quizmaster = quizmaster
        self._client = client
        self._responses = responses
        self._background = background
        self._answer_fn = answer_fn

    def _answer(self, question: str, command: str = "/osi") -> tuple[Answer, SlackMessage]:
        # One look at the knowledge per question: a reload in between never mixes two files.
        knowledge = self._knowledge()
        answer = self._answer_fn(knowledge, question)
        _log.debug("Answered: %s %s", answer.kind.value, answer.matched or "-")
        return answer, render_answer(answer, knowledge, command=command)

    def _later(
        self,
        work: Coroutine[Any, Any, None],
        apologise: Callable[[], Awaitable[object]],
        *,
        name: str,
    ) -> None:
        async def guarded() -> None:
            try:
                await work
            except _UNREACHABLE as error:
                _log.error(
                    "Answering a Slack %s failed: Slack out of reach (%s)",
                    name,
                    describe_failure(error),
                )
            except Exception:
                _log.exception("Answering a Slack %s failed", name)
            else:
                return
            try:
                await apologise()
            except _UNREACHABLE as error:
                _log.error(
                    "Could not tell the user that answering failed (%s)", describe_failure(error)
                )
            except Exception:
                _log.exception("Could not tell the user that answering failed")

        self._background.spawn(guarded(), name=f"slack-{name}")

    # /osi <question>: the acknowledgement is the answer.

    async def command(self, ack: AsyncAck, command: dict[str, Any]) -> None:
        text, name = command.get("text") or "", command.get("command") or "/osi"
        if " ".join(text.split()).casefold() in _QUIZ_WORDS:
            await self._ack_quiz(ack, command.get("user_id") or "")
            return
        try:
            answer, message = self._answer(text, name)
        except Exception:
            _log.exception("Answering a Slack command failed")
            await ack({**apology_message().as_kwargs(), "response_type": "ephemeral"})
            return
        # Public when the bot is sure; help and "I don't know" concern the asker only.
        visibility = "in_channel" if answer.is_confident else "ephemeral"
        await ack({**message.as_kwargs(), **_NO_UNFURL, "response_type": visibility})

    # @osi-bot <question> in a channel: reply in the message's thread.

    async def mention(self, event: dict[str, Any], context: AsyncBoltContext) -> None:
        if not is_from_a_person(event, context.bot_user_id):
            return
        where = _Where(event["channel"], event["user"], event["ts"], event.get("thread_ts"))
        apology = apology_message().as_kwargs()
        self._later(
            self._answer_mention(where, event.get("text") or ""),
            lambda: self._client.chat_postEphemeral(**where.privately(), **apology),
            name="mention",
        )

    async def _answer_mention(self, where: _Where, text: str) -> None:
        answer, message = self._answer(text)
        if answer.is_confident:
            await self._client.chat_postMessage(
                **where.in_thread(), **message.as_kwargs(), **_NO_UNFURL
            )
        else:  # help and "I don't know" concern the asker only
            await self._client.chat_postEphemeral(**where.privately(), **message.as_kwargs())

    # A direct message to the bot: answer in the conversation.

    async def direct_message(self, event: dict[str, Any], context: AsyncBoltContext) -> None:
        if event.get("channel_type") != "im" or not is_from_a_person(event, context.bot_user_id):
            return
        reply = {"channel": event["channel"], **_NO_UNFURL}
        if event.get("thread_ts"):
            reply["thread_ts"] = event["thread_ts"]
        self._later(
            self._answer_direct(reply, event.get("text") or ""),
            lambda: self._client.chat_postMessage(**reply, **apology_message().as_kwargs()),
            name="direct message",
        )

    async def _answer_direct(self, reply: dict[str, Any], text: str) -> None:
        _, message = self._answer(text)
        await self._client.chat_postMessage(**reply, **message.as_kwargs())

    # A "did you mean" or example button: answer the question it carries.

    async def button(self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        url = body["response_url"]
        container = body.get("container") or {}
        apology = {**apology_message().as_kwargs(), "response_type": "ephemeral"}
        self._later(
            self._answer_button(url, action.get("value") or "", container),
            lambda: self._responses.send(url, {**apology, "replace_original": False}),
            name="button",
        )

    async def _answer_button(self, url: str, question: str, container: dict[str, Any]) -> None:
        answer, message = self._answer(question)
        reply = {**message.as_kwargs(), **_NO_UNFURL}
        if container.get("thread_ts"):
            reply["thread_ts"] = container["thread_ts"]
        public = {**reply, "response_type": "in_channel", "replace_original": False}
        if not container.get("is_ephemeral"):  # a DM, where every message is private anyway
            await self._responses.send(url, public)
        elif answer.is_confident:
            # The choice settles the question: answer in public, retire the private prompt.
            await self._responses.send(url, public)
            await self._responses.send(url, {"delete_original": True})
        else:
            private = {**reply, "response_type": "ephemeral", "replace_original": True}
            await self._responses.send(url, private)

    # "Which OSI layer?" on a message: answer its text, only to the person who asked.

    async def message_shortcut(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        url = body["response_url"]
        text = (body.get("message") or {}).get("text") or ""
        self._later(
            self._answer_shortcut(url, text),
            lambda: self._responses.send(url, {**apology_message().as_kwargs(), **_ONLY_TO_THEM}),
            name="message shortcut",
        )

    async def _answer_shortcut(self, url: str, text: str) -> None:
        if text.strip():
            _, message = self._answer(text)
        else:
            message = notice_message(NO_TEXT_TO_READ)
        await self._responses.send(url, {**message.as_kwargs(), **_NO_UNFURL, **_ONLY_TO_THEM})

    # The quiz: /osi quiz or "Quiz me" asks; a layer button is answered to the clicker alone.

    def _question(self, person: str) -> dict[str, Any]:
        knowledge = self._knowledge()
        question = self._quizmaster.ask(knowledge, f"slack:{person}")
        if question is None:
            return notice_message(NOTHING_TO_QUIZ).as_kwargs()
        return question_message(question, knowledge).as_kwargs()

    async def _ack_quiz(self, ack: AsyncAck, person: str) -> None:
        try:
            message = self._question(person)
        except Exception:
            _log.exception("Asking a Slack quiz question failed")
            message = apology_message().as_kwargs()
        await ack({**message, "response_type": "ephemeral"})

    async def quiz_start(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        url, person = body["response_url"], (body.get("user") or {}).get("id") or ""
        self._later(
            self._send_question(url, person),
            lambda: self._responses.send(url, {**apology_message().as_kwargs(), **_ONLY_TO_THEM}),
            name="quiz question",
        )

    async def _send_question(self, url: str, person: str) -> None:
        await self._responses.send(url, {**self._question(person), **_ONLY_TO_THEM})

    async def quiz_answer(
        self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]
    ) -> None:
        await ack()
        url = body["response_url"]
        guess = int(action["action_id"].removeprefix(QUIZ_ANSWER_PREFIX))
        self._later(
            self._answer_quiz(url, action.get("value") or "", guess),
            lambda: self._responses.send(url, {**apology_message().as_kwargs(), **_ONLY_TO_THEM}),
            name="quiz answer",
        )

    async def _answer_quiz(self, url: str, name: str, guess: int) -> None:
        verdict = check(self._knowledge(), name, guess)
        message = verdict_message(verdict) if verdict else notice_message(STALE_QUESTION)
        await self._responses.send(url, {**message.as_kwargs(), **_ONLY_TO_THEM})
