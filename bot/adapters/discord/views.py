"""Buttons for "did you mean" that answer the chosen suggestion, even after a restart.

Each button carries its suggestion in its `custom_id`, so no view state is kept per
message: discord.py rebuilds the button from the id when it is clicked (a `DynamicItem`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Protocol, Self, runtime_checkable

import discord
from discord.utils import MISSING

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["AskButton", "SuggestionAnswerer", "sendable", "suggestion_view"]

_PREFIX = "osi:ask:"
_CUSTOM_ID_LIMIT = 100  # Discord's limit for a component's custom_id
_LABEL_LIMIT = 80  # and for a button's label
_MAX_BUTTONS = 5  # one row: a short list reads as a question, not a menu


@runtime_checkable
class SuggestionAnswerer(Protocol):
    """The client that answers a clicked suggestion (the button knows no knowledge)."""

    async def answer_suggestion(self, interaction: discord.Interaction[Any], name: str) -> None:
        """Reply to `interaction` with the answer to the question `name`."""


class AskButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=re.compile(re.escape(_PREFIX) + r"(?P<name>.+)"),
):
    """A button that asks the bot `name` when clicked."""

    def __init__(self, name: str) -> None:
        label = name if len(name) <= _LABEL_LIMIT else name[: _LABEL_LIMIT - 1] + "…"
        super().__init__(
            discord.ui.Button(
                label=label, style=discord.ButtonStyle.primary, custom_id=_PREFIX + name
            )
        )
        self.name = name

    @classmethod
    async def from_custom_id(
        cls,
        _interaction: discord.Interaction[Any],
        _item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> Self:
        return cls(match["name"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        if isinstance(interaction.client, SuggestionAnswerer):
            await interaction.client.answer_suggestion(interaction, self.name)


def suggestion_view(
    suggestions: Sequence[str], *, limit: int = _MAX_BUTTONS
) -> discord.ui.View | None:
    """One button per suggestion (or example question) that fits in a custom_id, up to
    `limit` (Discord lays them out five to a row); None when there is none."""
    fitting = [s for s in suggestions if len(_PREFIX + s) <= _CUSTOM_ID_LIMIT][:limit]
    if not fitting:
        return None
    view = discord.ui.View(timeout=None)
    for name in fitting:
        view.add_item(AskButton(name))
    return view


def sendable(view: discord.ui.View | None) -> Any:
    """`view` to send as plain buttons, or discord.py's MISSING when there is none.

    The client routes every click through `AskButton`'s registration, by custom_id, so a
    view need not outlive sending: stopped, discord.py keeps neither it nor a timer for it.
    """
    if view is None:
        return MISSING
    view.stop()
    return view
