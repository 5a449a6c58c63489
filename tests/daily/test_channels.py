"""SLACK_DAILY_CHANNEL and DISCORD_DAILY_CHANNEL: channel IDs, comma-separated, checked."""

from __future__ import annotations

import pytest

from bot.daily.channels import DISCORD_DAILY_CHANNEL, SLACK_DAILY_CHANNEL, parse_channels
from bot.errors import ConfigError


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        (SLACK_DAILY_CHANNEL, "C0123ABCD", ("C0123ABCD",)),
        (
            SLACK_DAILY_CHANNEL,
            " C0123ABCD , G0123ABCD,D0123ABCDE ",
            ("C0123ABCD", "G0123ABCD", "D0123ABCDE"),
        ),
        (SLACK_DAILY_CHANNEL, "C0123ABCD,C0123ABCD", ("C0123ABCD",)),  # not posted twice
        (SLACK_DAILY_CHANNEL, "C0123ABCD,", ("C0123ABCD",)),
        (SLACK_DAILY_CHANNEL, "", ()),
        (SLACK_DAILY_CHANNEL, " , ", ()),
        (DISCORD_DAILY_CHANNEL, "123456789012345678", ("123456789012345678",)),
        (
            DISCORD_DAILY_CHANNEL,
            "123456789012345678, 223456789012345678",
            ("123456789012345678", "223456789012345678"),
        ),
    ],
)
def test_channels_are_read_trimmed_in_order(
    variable: str, value: str, expected: tuple[str, ...]
) -> None:
    assert parse_channels(variable, value) == expected


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        (SLACK_DAILY_CHANNEL, "#general"),  # a name, not an ID
        (SLACK_DAILY_CHANNEL, "general"),
        (SLACK_DAILY_CHANNEL, "c0123abcd"),
        (SLACK_DAILY_CHANNEL, "U0123ABCD"),  # a user
        (SLACK_DAILY_CHANNEL, "C0123ABCD;C0123ABCE"),
        (SLACK_DAILY_CHANNEL, "https://example.slack.com/archives/C0123ABCD"),
        (DISCORD_DAILY_CHANNEL, "<#123456789012345678>"),
        (DISCORD_DAILY_CHANNEL, "general"),
        (DISCORD_DAILY_CHANNEL, "123456789012345678 223456789012345678"),
        (DISCORD_DAILY_CHANNEL, "0123456789"),
    ],
)
def test_a_malformed_channel_is_one_sentence_naming_the_setting(variable: str, value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_channels(variable, value)
    assert raised.value.variable == variable
    message = str(raised.value)
    assert message.startswith(f"{variable} must list channel IDs like ")
    assert repr(value.strip()) in message
    assert "\n" not in message
