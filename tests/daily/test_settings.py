"""DailySettings: one platform's schedule, channels and state directory from the environment."""

from __future__ import annotations

from datetime import time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest

from bot.daily.schedule import DailySchedule
from bot.daily.settings import DailySettings
from bot.errors import ConfigError
from bot.ops.platform import Platform

if TYPE_CHECKING:
    from pathlib import Path


def test_nothing_set_means_nine_utc_every_day_no_channels_and_the_xdg_state_dir() -> None:
    settings = DailySettings.from_env({"XDG_STATE_HOME": "/x"}, Platform.SLACK)
    assert settings == DailySettings(
        Platform.SLACK, DailySchedule(time(9, 0), ZoneInfo("UTC")), (), "/x/osi-bot"
    )
    assert settings.variable == "SLACK_DAILY_CHANNEL"


def test_osi_state_dir_wins_over_xdg(tmp_path: Path) -> None:
    environ = {"OSI_STATE_DIR": str(tmp_path), "XDG_STATE_HOME": "/x"}
    assert DailySettings.from_env(environ, Platform.SLACK).state_dir == str(tmp_path)


@pytest.mark.parametrize(
    ("platform", "environ", "channels"),
    [
        (Platform.SLACK, {"SLACK_DAILY_CHANNEL": "C0123ABCD"}, ("C0123ABCD",)),
        (Platform.SLACK, {"DISCORD_DAILY_CHANNEL": "123456789012345678"}, ()),
        (
            Platform.DISCORD,
            {"DISCORD_DAILY_CHANNEL": "123456789012345678"},
            ("123456789012345678",),
        ),
        (Platform.DISCORD, {"SLACK_DAILY_CHANNEL": "C0123ABCD"}, ()),
    ],
)
def test_each_platform_reads_its_own_channel_setting(
    platform: Platform, environ: dict[str, str], channels: tuple[str, ...]
) -> None:
    assert DailySettings.from_env(environ, platform).channels == channels


def test_a_bad_channel_of_the_other_platform_is_not_this_ones_problem() -> None:
    """Slack's settings never fail on DISCORD_DAILY_CHANNEL, and the other way round."""
    assert DailySettings.from_env({"DISCORD_DAILY_CHANNEL": "general"}, Platform.SLACK)
    with pytest.raises(ConfigError) as raised:
        DailySettings.from_env({"DISCORD_DAILY_CHANNEL": "general"}, Platform.DISCORD)
    assert raised.value.variable == "DISCORD_DAILY_CHANNEL"
