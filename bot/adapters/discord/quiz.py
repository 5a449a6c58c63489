"""The quiz on Discord: a question with a button per layer, and the verdict on a click.

Each button carries everything its click needs in its `custom_id` (the layer and the
entry's name, or "start"), and discord.py rebuilds it from the id (a `DynamicItem`), so
no state is kept per message and clicks work after a restart, as for "did you mean".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Protocol, Self, runtime_checkable

import discord

from bot.adapters.discord.embeds import LAYER_COLOURS, Limits, add_field, clip, md
from bot.core.phrasing import layer_title

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge
    from bot.core.quiz import Question, Verdict

__all__ = [
    "QuizAnswerButton",
    "QuizPlayer",
    "QuizStartButton",
    "question_embed",
    "question_view",
    "quiz_me_view",
    "verdict_embed",
]

_PREFIX = "osi:quiz:"
_START = _PREFIX + "start"
_QUESTION_COLOUR = 0x5865F2  # Discord blurple, as for help
_WRONG_COLOUR = 0x95A5A6
_FIRST_ROW = 4  # L7 to L4 on the first row, L3 to L1 on the second (five fit a row)


@runtime_checkable
class QuizPlayer(Protocol):
    """The client that asks and judges (the buttons know no knowledge)."""

    async def start_quiz(self, interaction: discord.Interaction[Any]) -> None:
        """Ask the person who clicked a question, only them."""

    async def answer_quiz(
        self, interaction: discord.Interaction[Any], name: str, layer: int
    ) -> None:
        """Tell the person who clicked whether `layer` is right for `name`, only them."""


class QuizStartButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=re.compile(re.escape(_START)),
):
    """ "Quiz me" (under the daily post) or "Another question" (under a verdict)."""

    def __init__(self, label: str = "Quiz me") -> None:
        super().__init__(
            discord.ui.Button(label=label, style=discord.ButtonStyle.secondary, custom_id=_START)
        )

    @classmethod
    async def from_custom_id(
        cls,
        _interaction: discord.Interaction[Any],
        _item: discord.ui.Item[Any],
        _match: re.Match[str],
        /,
    ) -> Self:
        return cls()

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        if isinstance(interaction.client, QuizPlayer):
            await interaction.client.start_quiz(interaction)


class QuizAnswerButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=re.compile(re.escape(_PREFIX) + r"(?P<layer>[1-7]):(?P<name>.+)"),
):
    """One layer, as the answer to a question about the entry `name`."""

    def __init__(self, name: str, layer: int, label: str, *, row: int | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.primary,
                custom_id=f"{_PREFIX}{layer}:{name}",
                row=row,
            )
        )
        self.name, self.layer = name, layer

    @classmethod
    async def from_custom_id(
        cls,
        _interaction: discord.Interaction[Any],
        _item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> Self:
        layer = int(match["layer"])
        return cls(match["name"], layer, f"L{layer}")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        if isinstance(interaction.client, QuizPlayer):
            await interaction.client.answer_quiz(interaction, self.name, self.layer)


def question_embed(question: Question) -> discord.Embed:
    return discord.Embed(
        title=clip(md(question.text), Limits.TITLE),
        description=md(question.hint),
        colour=_QUESTION_COLOUR,
    )


def question_view(question: Question, knowledge: Knowledge) -> discord.ui.View:
    """A button per layer, the top of the stack first, over two rows."""
    view = discord.ui.View(timeout=None)
    for i, n in enumerate(sorted(knowledge.layers, reverse=True)):
        label = f"L{n} {knowledge.layers[n].name}"
        view.add_item(
            QuizAnswerButton(question.entry.name, n, label, row=0 if i < _FIRST_ROW else 1)
        )
    return view


def verdict_embed(verdict: Verdict) -> discord.Embed:
    """Right or not, the role at each of the entry's layers, and a line of why."""
    colour = LAYER_COLOURS.get(verdict.layers[0].number) if verdict.right else _WRONG_COLOUR
    why = verdict.why if not verdict.facet_line else f"{verdict.facet_line}\n{verdict.why}"
    embed = discord.Embed(
        title=clip(md(verdict.headline), Limits.TITLE),
        description=clip(md(why), Limits.DESCRIPTION),
        colour=colour,
    )
    for layer, role in verdict.roles:
        add_field(embed, layer_title(layer), md(role))
    return embed


def quiz_me_view(label: str = "Quiz me") -> discord.ui.View:
    """The one button that starts a quiz for whoever clicks it."""
    view = discord.ui.View(timeout=None)
    view.add_item(QuizStartButton(label))
    return view
