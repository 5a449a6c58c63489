"""DiscordSettings: every DISCORD_* variable read, checked, reported as a sentence naming it."""

from __future__ import annotations

import pytest

from bot.adapters.discord.settings import AUTO_SHARDS, DiscordSettings
from bot.errors import ConfigError

TOKEN = "MTIz.NDU2.Nzg5-_x"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"DISCORD_TOKEN": TOKEN}, DiscordSettings(token=TOKEN)),
        ({"DISCORD_TOKEN": f"  {TOKEN}\n"}, DiscordSettings(token=TOKEN)),
        (
            {"DISCORD_TOKEN": TOKEN, "DISCORD_GUILD_ID": "123456789012345678"},
            DiscordSettings(token=TOKEN, guild_id=123456789012345678),
        ),
        (
            {"DISCORD_TOKEN": TOKEN, "DISCORD_SHARD_COUNT": "auto"},
            DiscordSettings(token=TOKEN, shard_count=AUTO_SHARDS),
        ),
        (
            {"DISCORD_TOKEN": TOKEN, "DISCORD_SHARD_COUNT": "4"},
            DiscordSettings(token=TOKEN, shard_count=4),
        ),
        (
            {"DISCORD_TOKEN": TOKEN, "DISCORD_SHARD_COUNT": "8", "DISCORD_SHARD_IDS": "0-2, 5"},
            DiscordSettings(token=TOKEN, shard_count=8, shard_ids=(0, 1, 2, 5)),
        ),
        (
            {"DISCORD_TOKEN": TOKEN, "DISCORD_GUILD_ID": "", "DISCORD_SHARD_COUNT": ""},
            DiscordSettings(token=TOKEN),
        ),
    ],
)
def test_valid_settings_are_read(environ: dict[str, str], expected: DiscordSettings) -> None:
    assert DiscordSettings.from_env(environ) == expected


@pytest.mark.parametrize(
    ("environ", "variable", "phrase"),
    [
        ({}, "DISCORD_TOKEN", "is not set"),
        ({"DISCORD_TOKEN": "   "}, "DISCORD_TOKEN", "is not set"),
        ({"DISCORD_TOKEN": f"Bot {TOKEN}"}, "DISCORD_TOKEN", "without the 'Bot ' prefix"),
        ({"DISCORD_TOKEN": "a-client-secret"}, "DISCORD_TOKEN", "does not look like a bot token"),
        ({"DISCORD_TOKEN": "a.b c.d"}, "DISCORD_TOKEN", "does not look like a bot token"),
        ({"DISCORD_GUILD_ID": "my-server"}, "DISCORD_GUILD_ID", "must be a server ID"),
        ({"DISCORD_GUILD_ID": "-5"}, "DISCORD_GUILD_ID", "must be a server ID"),
        ({"DISCORD_SHARD_COUNT": "0"}, "DISCORD_SHARD_COUNT", "at least 1, or 'auto'"),
        ({"DISCORD_SHARD_COUNT": "two"}, "DISCORD_SHARD_COUNT", "at least 1, or 'auto'"),
        ({"DISCORD_SHARD_COUNT": "²"}, "DISCORD_SHARD_COUNT", "at least 1, or 'auto'"),
        ({"DISCORD_SHARD_IDS": "0"}, "DISCORD_SHARD_IDS", "needs DISCORD_SHARD_COUNT"),
        (
            {"DISCORD_SHARD_COUNT": "auto", "DISCORD_SHARD_IDS": "0"},
            "DISCORD_SHARD_IDS",
            "needs DISCORD_SHARD_COUNT",
        ),
        (
            {"DISCORD_SHARD_COUNT": "2", "DISCORD_SHARD_IDS": "2"},
            "DISCORD_SHARD_IDS",
            "from 0 to 1",
        ),
        (
            {"DISCORD_SHARD_COUNT": "4", "DISCORD_SHARD_IDS": "0,0"},
            "DISCORD_SHARD_IDS",
            "distinct",
        ),
        (
            {"DISCORD_SHARD_COUNT": "4", "DISCORD_SHARD_IDS": "3-1"},
            "DISCORD_SHARD_IDS",
            "distinct",
        ),
        (
            {"DISCORD_SHARD_COUNT": "4", "DISCORD_SHARD_IDS": "0;1"},
            "DISCORD_SHARD_IDS",
            "like '0,1' or '0-3'",
        ),
    ],
)
def test_a_bad_setting_is_one_sentence_naming_the_variable(
    environ: dict[str, str], variable: str, phrase: str
) -> None:
    if variable != "DISCORD_TOKEN":
        environ = {"DISCORD_TOKEN": TOKEN, **environ}
    with pytest.raises(ConfigError) as raised:
        DiscordSettings.from_env(environ)
    message = str(raised.value)
    assert raised.value.variable == variable
    assert message.startswith(variable)
    assert phrase in message
    assert "\n" not in message


def test_the_token_never_appears_in_the_settings_repr() -> None:
    settings = DiscordSettings.from_env(
        {"DISCORD_TOKEN": TOKEN, "DISCORD_GUILD_ID": "123456789012345678"}
    )
    assert TOKEN not in repr(settings)
    assert "123456789012345678" in repr(settings)


def test_a_malformed_token_is_not_echoed_back() -> None:
    with pytest.raises(ConfigError) as raised:
        DiscordSettings.from_env({"DISCORD_TOKEN": "secret-without-dots"})
    assert "secret-without-dots" not in str(raised.value)


def test_a_missing_token_says_how_to_provide_it() -> None:
    with pytest.raises(ConfigError, match=r"^DISCORD_TOKEN is not set") as raised:
        DiscordSettings.from_env({})
    assert "Export it, or copy .env.example to .env" in str(raised.value)
    assert "set -a; . ./.env; set +a" in str(raised.value)
