"""Where the layer of the day goes: the channel IDs listed in SLACK_ / DISCORD_DAILY_CHANNEL.

Each setting holds one channel ID or several separated by commas. An ID of the wrong shape
(a channel *name*, a pasted link) is a `ConfigError` naming the variable, raised at start-up
rather than as a failed post at nine the next morning.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from bot.errors import ConfigError
from bot.ops.platform import Platform

__all__ = ["CHANNEL_VARIABLES", "DISCORD_DAILY_CHANNEL", "SLACK_DAILY_CHANNEL", "parse_channels"]

SLACK_DAILY_CHANNEL = "SLACK_DAILY_CHANNEL"
DISCORD_DAILY_CHANNEL = "DISCORD_DAILY_CHANNEL"
CHANNEL_VARIABLES = {Platform.SLACK: SLACK_DAILY_CHANNEL, Platform.DISCORD: DISCORD_DAILY_CHANNEL}


class _Shape(NamedTuple):
    pattern: re.Pattern[str]
    example: str
    where: str  # how a person finds the ID


_SHAPES = {
    # Public channels start with C, private ones with G (older) or C, DMs with D.
    SLACK_DAILY_CHANNEL: _Shape(
        re.compile(r"[CGD][A-Z0-9]{8,20}"),
        "C0123ABCD",
        "in Slack, open the channel's details; the ID is at the bottom",
    ),
    DISCORD_DAILY_CHANNEL: _Shape(
        re.compile(r"[1-9][0-9]{5,19}"),
        "123456789012345678",
        "in Discord, turn on Developer Mode, then right-click the channel → Copy Channel ID",
    ),
}


def parse_channels(variable: str, raw: str) -> tuple[str, ...]:
    """The channel IDs in `raw` (`variable`'s value), in order and without repeats.

    Raises:
        ConfigError: an entry is not a channel ID of the platform's shape.
    """
    shape = _SHAPES[variable]
    channels: list[str] = []
    for piece in raw.split(","):
        channel = piece.strip()
        if not channel:  # "C1," or an empty value: nothing to post to there
            continue
        if not shape.pattern.fullmatch(channel):
            raise ConfigError(
                variable,
                f"{variable} must list channel IDs like {shape.example}, separated by commas; "
                f"{channel!r} is not one ({shape.where}).",
            )
        if channel not in channels:
            channels.append(channel)
    return tuple(channels)
