"""The "Was this right?" buttons on Discord, which work after a restart, and the
"what was wrong?" modal.

Each button carries its ballot (`bot.ops.votes.Ballot`: entry, layers, question) in its
`custom_id`, so no state is kept per message: discord.py rebuilds the button when clicked.
The client counts the click (`VoteTaker`); a 👎 answers with the modal when the curation
log keeps comments, anything else with a private thank-you.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any, Protocol, Self, runtime_checkable

import discord

from bot.ops.votes import Ballot, Vote

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from bot.core.model import Answer

__all__ = ["COMMENT_LIMIT", "FeedbackModal", "VoteButton", "VoteTaker", "with_vote_buttons"]

_PREFIX = "osi:vote:"
_CUSTOM_ID_LIMIT = 100  # Discord's limit for a component's custom_id
COMMENT_LIMIT = 500
_MODAL_SECONDS = 600.0  # a modal left open longer is forgotten (its 👎 still counts)
_LABELS = {Vote.UP: ("👍", "Right"), Vote.DOWN: ("👎", "Not right")}

log = logging.getLogger(__name__)


@runtime_checkable
class VoteTaker(Protocol):
    """The client that counts a vote (the button knows no feedback store)."""

    async def take_vote(
        self, interaction: discord.Interaction[Any], vote: Vote, ballot: Ballot
    ) -> None:
        """Count `vote` and answer `interaction`."""


class VoteButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=re.compile(re.escape(_PREFIX) + r"(?P<vote>up|down):(?P<ballot>.+)", re.DOTALL),
):
    """👍 or 👎 on one answer."""

    def __init__(self, vote: Vote, ballot: Ballot, encoded: str) -> None:
        emoji, label = _LABELS[vote]
        super().__init__(
            discord.ui.Button(
                label=label,
                emoji=emoji,
                style=discord.ButtonStyle.secondary,
                custom_id=f"{_PREFIX}{vote.value}:{encoded}",
            )
        )
        self.vote = vote
        self.ballot = ballot

    @classmethod
    async def from_custom_id(
        cls,
        _interaction: discord.Interaction[Any],
        _item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> Self:
        ballot = Ballot.decode(match["ballot"])
        if ballot is None:
            raise ValueError("not a ballot")  # discord.py logs it and ignores the click
        return cls(Vote(match["vote"]), ballot, match["ballot"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        if isinstance(interaction.client, VoteTaker):
            await interaction.client.take_vote(interaction, self.vote, self.ballot)


def with_vote_buttons(view: discord.ui.View | None, answer: Answer) -> discord.ui.View | None:
    """`view` with 👍 / 👎 added, for a confident answer; `view` itself for any other."""
    ballot = Ballot.of(answer)
    longest = _CUSTOM_ID_LIMIT - len(_PREFIX) - len("down:")
    encoded = ballot.encode(longest) if ballot else None
    if ballot is None or encoded is None:
        return view
    view = view or discord.ui.View(timeout=None)
    for vote in Vote:
        view.add_item(VoteButton(vote, ballot, encoded))
    return view


class FeedbackModal(discord.ui.Modal, title="What was wrong?"):
    """One optional paragraph; `on_comment` keeps it."""

    comment: discord.ui.TextInput[FeedbackModal] = discord.ui.TextInput(
        label="What was wrong? (optional)",
        style=discord.TextStyle.paragraph,
        required=False,
        max_length=COMMENT_LIMIT,
        placeholder="Kept with the question and the answer, never with your name.",
    )

    def __init__(self, on_comment: Callable[[str], Awaitable[None]]) -> None:
        super().__init__(timeout=_MODAL_SECONDS)
        self._on_comment = on_comment

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        try:
            await self._on_comment(self.comment.value or "")
        except Exception:
            # The 👎 is counted already; the person is thanked either way.
            log.exception("keeping a feedback comment failed")
        await interaction.response.send_message("Thanks — noted.", ephemeral=True)
