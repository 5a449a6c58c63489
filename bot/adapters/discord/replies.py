"""What the bot sends for an answer, wherever it was asked: an embed, buttons, and who sees it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.adapters.discord.embeds import answer_embed
from bot.adapters.discord.feedback import with_vote_buttons
from bot.adapters.discord.views import suggestion_view
from bot.core.model import AnswerKind
from bot.core.phrasing import EXAMPLE_QUESTIONS

if TYPE_CHECKING:
    import discord

    from bot.core.knowledge import Knowledge
    from bot.core.model import Answer

__all__ = ["APOLOGY", "Reply", "render_reply"]

APOLOGY = "Sorry — something went wrong while answering that. It has been logged."


@dataclass(frozen=True, slots=True)
class Reply:
    embed: discord.Embed
    view: discord.ui.View | None  # example, "did you mean", Related or vote buttons, if any
    public: bool  # False: only the asker sees it, where Discord allows (interactions)


def render_reply(answer: Answer, knowledge: Knowledge) -> Reply:
    """A confident answer is public; help, unknown questions and suggestions are not.

    Help offers its example questions as buttons, as on Slack; "did you mean" its suggestions;
    an entry its related entries, each answered when clicked.
    """
    if answer.kind is AnswerKind.HELP:
        view = suggestion_view(EXAMPLE_QUESTIONS, limit=len(EXAMPLE_QUESTIONS))
    elif answer.related:
        view = suggestion_view([link.name for link in answer.related])
    else:
        view = suggestion_view(answer.suggestions)
    view = with_vote_buttons(view, answer)  # "Was this right?" under a confident answer
    return Reply(embed=answer_embed(answer, knowledge), view=view, public=answer.is_confident)
