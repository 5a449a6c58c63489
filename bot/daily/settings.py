"""The layer of the day's settings for one platform, read from the environment at start-up.

OSI_DAILY_TIME (HH:MM, 09:00), OSI_TIMEZONE (IANA, UTC), OSI_DAILY_WEEKDAYS_ONLY, the
platform's daily-channel setting, and OSI_STATE_DIR (else $XDG_STATE_HOME/osi-bot, else
~/.local/state/osi-bot). A bad value is one `ConfigError` naming the variable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from bot.daily.channels import CHANNEL_VARIABLES, parse_channels
from bot.daily.schedule import DailySchedule
from bot.ops.env import STATE_DIR, state_dir

if TYPE_CHECKING:
    from collections.abc import Mapping

    from bot.ops.platform import Platform

__all__ = ["STATE_DIR", "DailySettings"]


class DailySettings(NamedTuple):
    """When, where to, and with which record of posted days one platform posts."""

    platform: Platform
    schedule: DailySchedule
    channels: tuple[str, ...]  # () when the platform's daily-channel setting is unset
    state_dir: str

    @property
    def variable(self) -> str:
        """The setting that lists the channels (SLACK_DAILY_CHANNEL, DISCORD_DAILY_CHANNEL)."""
        return CHANNEL_VARIABLES[self.platform]

    @classmethod
    def from_env(cls, environ: Mapping[str, str], platform: Platform) -> DailySettings:
        """Read and check every setting; raise `ConfigError` for the first bad one."""
        variable = CHANNEL_VARIABLES[platform]
        return cls(
            platform,
            DailySchedule.from_env(environ),
            parse_channels(variable, environ.get(variable, "")),
            state_dir(environ),
        )
