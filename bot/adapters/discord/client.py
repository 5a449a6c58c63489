"""The Discord client: wires the answer core to `/osi`, mentions, DMs, buttons, the
"Which OSI layer?" message command and the quiz."""

from __future__ import annotations

import logging
import random
from typing import TYPE_CHECKING, Any

import discord

from bot.adapters.discord.commands import (
    OsiTree,
    apologize,
    osi_command,
    send_reply,
    which_layer_menu,
)
from bot.adapters.discord.feedback import FeedbackModal, VoteButton
from bot.adapters.discord.messages import is_addressed_to, send_reply_to
from bot.adapters.discord.quiz import (
    QuizAnswerButton,
    QuizStartButton,
    question_embed,
    question_view,
    quiz_me_view,
    verdict_embed,
)
from bot.adapters.discord.replies import APOLOGY, Reply, render_reply
from bot.adapters.discord.settings import AUTO_SHARDS
from bot.adapters.discord.views import AskButton, sendable
from bot.core.answering import answer
from bot.core.completion import complete as complete_names
from bot.core.knowledge import as_source
from bot.core.phrasing import NO_TEXT_TO_READ
from bot.core.quiz import Quizmaster, check
from bot.ops.feedback import Feedback
from bot.ops.in_flight import InFlight
from bot.ops.platform import Platform
from bot.ops.votes import Vote, vote_reply
from bot.render.quiz import NOTHING_TO_QUIZ, STALE_QUESTION

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from bot.adapters.discord.settings import DiscordSettings
    from bot.core.knowledge import Knowledge
    from bot.core.model import Answer
    from bot.ops.votes import Ballot

__all__ = ["OsiClient", "ShardedOsiClient", "bot_intents", "build_client"]

log = logging.getLogger(__name__)

_QUIZ_WORDS = frozenset({"quiz", "quiz me"})  # `/osi query:quiz` asks a question


def bot_intents() -> discord.Intents:
    """Guilds, and messages in guilds and DMs; not the privileged message-content intent.

    Discord still sends the content of messages that mention the bot and of DMs to it.
    """
    return discord.Intents(guilds=True, guild_messages=True, dm_messages=True)


class OsiClient(discord.Client):
    """A client that answers `/osi`, mentions, DMs and "did you mean" clicks."""

    def __init__(
        self,
        *,
        knowledge: Callable[[], Knowledge],
        ask: Callable[[str], Answer],
        complete: Callable[[str], Sequence[str]],
        quizmaster: Quizmaster | None = None,
        feedback: Feedback | None = None,
        **options: Any,
    ) -> None:
        super().__init__(
            intents=bot_intents(),
            # Whatever a question contains, nothing the bot sends pings anyone.
            allowed_mentions=discord.AllowedMentions.none(),
            max_messages=None,  # the bot never looks back at old messages
            **options,
        )
        self._knowledge = knowledge
        self._ask = ask
        # A quiz question, not a secret: any generator will do.
        self._quizmaster = quizmaster or Quizmaster(random.Random())  # noqa: S311
        self.feedback = feedback or Feedback(knowledge)
        self.answering = InFlight()
        self.tree = OsiTree(self)
        self.tree.add_command(osi_command(self.answer_command, complete))
        self.tree.add_command(which_layer_menu(self.answer_message))
        self.add_dynamic_items(AskButton, QuizAnswerButton, QuizStartButton, VoteButton)

    @property
    def knowledge(self) -> Knowledge:
        """The knowledge answers come from now (a reload swaps it)."""
        return self._knowledge()

    def is_connected(self) -> bool:
        """Ready, and the gateway connection is open: what `/healthz` reports."""
        ws = self.ws
        return self.is_ready() and not self.is_closed() and ws is not None and ws.open

    def reply_for(self, question: str) -> Reply:
        # No await between answering and rendering, so a reload cannot fall in between.
        return render_reply(self._ask(question), self.knowledge)

    async def answer_command(self, interaction: discord.Interaction[Any], query: str) -> None:
        """`/osi`: failures reach the tree's error handler, which apologises."""
        if " ".join(query.split()).casefold() in _QUIZ_WORDS:
            await self.start_quiz(interaction)
            return
        with self.answering.track():
            await send_reply(interaction, self.reply_for(query))

    async def answer_message(
        self, interaction: discord.Interaction[Any], message: discord.Message
    ) -> None:
        """ "Which OSI layer?" on a message: its text answered only to the person who asked."""
        with self.answering.track():
            if not message.content.strip():
                await interaction.response.send_message(NO_TEXT_TO_READ, ephemeral=True)
                return
            await send_reply(interaction, self.reply_for(message.content), private=True)

    async def start_quiz(self, interaction: discord.Interaction[Any]) -> None:
        """A quiz question for the person who asked, only them, never their last one."""
        with self.answering.track():
            try:
                knowledge = self.knowledge
                question = self._quizmaster.ask(knowledge, f"discord:{interaction.user.id}")
                if question is None:
                    await interaction.response.send_message(NOTHING_TO_QUIZ, ephemeral=True)
                    return
                await interaction.response.send_message(
                    embed=question_embed(question),
                    view=sendable(question_view(question, knowledge)),
                    ephemeral=True,
                )
            except Exception:
                log.exception("asking a quiz question failed")
                await apologize(interaction)

    async def answer_quiz(
        self, interaction: discord.Interaction[Any], name: str, layer: int
    ) -> None:
        """Whether `layer` is right for `name`, told only to the person who clicked."""
        with self.answering.track():
            try:
                verdict = check(self.knowledge, name, layer)
                if verdict is None:
                    await interaction.response.send_message(STALE_QUESTION, ephemeral=True)
                    return
                await interaction.response.send_message(
                    embed=verdict_embed(verdict),
                    view=sendable(quiz_me_view("Another question")),
                    ephemeral=True,
                )
            except Exception:
                log.exception("answering the quiz button %r (L%d) failed", name, layer)
                await apologize(interaction)

    async def answer_suggestion(self, interaction: discord.Interaction[Any], name: str) -> None:
        with self.answering.track():
            try:
                await send_reply(interaction, self.reply_for(name))
            except Exception:
                log.exception("answering the suggestion button %r failed", name)
                await apologize(interaction)

    async def take_vote(
        self, interaction: discord.Interaction[Any], vote: Vote, ballot: Ballot
    ) -> None:
        """Count a 👍 / 👎 on the message it is under; a 👎 may ask what was wrong."""
        if interaction.message is None:
            return
        with self.answering.track():
            if vote is Vote.DOWN and self.feedback.keeps_comments:
                # First: Discord wants an answer to the click within three seconds.
                modal = FeedbackModal(
                    lambda text: self.feedback.comment(Platform.DISCORD, ballot, text)
                )
                try:
                    await interaction.response.send_modal(modal)
                except discord.HTTPException as error:  # the vote still counts
                    log.warning("could not open the feedback modal: %s", error)
            previous = await self.feedback.vote(
                Platform.DISCORD,
                str(interaction.message.id),
                str(interaction.user.id),
                vote,
                ballot,
            )
            if not interaction.response.is_done():
                await interaction.response.send_message(vote_reply(vote, previous), ephemeral=True)

    async def on_message(self, message: discord.Message) -> None:
        if not is_addressed_to(message, self.user):
            return
        with self.answering.track():
            try:
                await send_reply_to(message, self.reply_for(message.content))
            except Exception:
                log.exception("answering message %s failed", message.id)
                try:
                    await send_reply_to(message, APOLOGY)
                except discord.HTTPException:
                    log.warning("could not send the apology for message %s", message.id)


class ShardedOsiClient(OsiClient, discord.AutoShardedClient):
    """The same bot over several gateway shards, in this process."""

    def is_connected(self) -> bool:
        """Ready, and every shard's gateway connection is open."""
        shards = self.shards.values()
        return self.is_ready() and not self.is_closed() and all(not s.is_closed() for s in shards)


def build_client(
    knowledge: Knowledge | Callable[[], Knowledge],
    settings: DiscordSettings,
    *,
    ask: Callable[[str], Answer] | None = None,
    complete: Callable[[str], Sequence[str]] | None = None,
    quizmaster: Quizmaster | None = None,
    feedback: Feedback | None = None,
    **options: Any,
) -> OsiClient:
    """The one place the Discord bot is assembled.

    Args:
        knowledge: a Knowledge, or a function returning the current one (`holder.get`),
            read afresh for every answer, autocomplete and daily post.
        ask: answers a question; the core's `answer` unless a caller passes its own
            (`bot.run.discord` counts it for /metrics; tests' fail or suggest on cue).
        complete: ranks completions for autocomplete; the core's `complete` by default.
        quizmaster: picks quiz questions (default: at random, remembered in memory).
        feedback: counts "Was this right?" votes (default: in this process, nothing kept).
        options: further discord.py client options (tests shorten `guild_ready_timeout`).
    """
    source = as_source(knowledge)

    def answer_now(question: str) -> Answer:
        return answer(source(), question)

    def complete_now(current: str) -> Sequence[str]:
        return complete_names(source(), current)

    dependencies: dict[str, Any] = {
        "knowledge": source,
        "ask": ask or answer_now,
        "complete": complete or complete_now,
        "quizmaster": quizmaster,
        "feedback": feedback or Feedback(source),
        **options,
    }
    if not settings.sharded:
        return OsiClient(**dependencies)
    # `auto` asks Discord how many shards it recommends; a number runs that many here, and
    # shard IDs make this process one part of a set that other processes complete.
    count = None if settings.shard_count == AUTO_SHARDS else settings.shard_count
    ids = list(settings.shard_ids) if settings.shard_ids is not None else None
    return ShardedOsiClient(**dependencies, shard_count=count, shard_ids=ids)
