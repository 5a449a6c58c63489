"""Running the bot: command registration, sharding, and settings errors a person can fix."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

import discord
import pytest

from bot.adapters.discord.client import OsiClient, ShardedOsiClient, build_client
from bot.adapters.discord.settings import AUTO_SHARDS, DiscordSettings
from bot.cli import main
from bot.errors import ConfigError
from bot.run.discord import DiscordUnreachableError, serve
from tests.fakes import discord as fd
from tests.fakes.discord_bot import reply_to

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bot.core.knowledge import Knowledge
    from tests.fakes.discord import FakeDiscord
    from tests.fakes.discord_bot import StartBot

GLOBAL_COMMANDS = rf"/applications/{fd.APP_ID}/commands"
GUILD_COMMANDS = rf"/applications/{fd.APP_ID}/guilds/{fd.GUILD_ID}/commands"


def osi_command(commands: list[dict[str, Any]]) -> dict[str, Any]:
    """The one slash command registered (beside it: the "Which OSI layer?" message command)."""
    (command,) = [c for c in commands if c.get("type", 1) == 1]
    assert [c["name"] for c in commands if c.get("type") == 3] == ["Which OSI layer?"]
    return command


def assert_is_osi(command: dict[str, Any]) -> None:
    assert command["name"] == "osi"
    assert command["type"] == 1
    (option,) = command["options"]
    assert option["name"] == "query"
    assert option["type"] == 3  # a string
    assert option["required"] is True
    assert option["autocomplete"] is True
    assert command["contexts"] == [0, 1]  # in servers and in DMs with the bot


async def test_without_sync_or_a_guild_no_commands_are_registered(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    await start_bot()
    assert [r.method for r in fake_discord.requests] == ["GET", "GET"]  # who am I, my app


async def test_sync_registers_osi_globally(start_bot: StartBot, fake_discord: FakeDiscord) -> None:
    await start_bot(sync=True)
    (request,) = fake_discord.calls("PUT", r".*/commands")
    assert request.path == GLOBAL_COMMANDS
    assert_is_osi(osi_command(request.body))


async def test_a_guild_id_registers_osi_in_that_guild_instantly(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    await start_bot(DiscordSettings(token=fd.TOKEN, guild_id=fd.GUILD_ID))
    (request,) = fake_discord.calls("PUT", r".*/commands")
    assert request.path == GUILD_COMMANDS
    assert_is_osi(osi_command(request.body))


async def test_sync_and_a_guild_id_register_both(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    await start_bot(DiscordSettings(token=fd.TOKEN, guild_id=fd.GUILD_ID), sync=True)
    paths = [r.path for r in fake_discord.calls("PUT", r".*/commands")]
    assert paths == [GLOBAL_COMMANDS, GUILD_COMMANDS]


async def test_a_guild_the_bot_cannot_register_in_names_the_setting(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    fake_discord.fail("PUT", GUILD_COMMANDS, 403)
    with pytest.raises(ConfigError) as raised:
        await start_bot(DiscordSettings(token=fd.TOKEN, guild_id=fd.GUILD_ID))
    assert raised.value.variable == "DISCORD_GUILD_ID"
    assert "applications.commands" in str(raised.value)
    assert fake_discord.gateway_queries == []  # it stopped before connecting


async def test_a_token_discord_rejects_names_the_setting(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    with pytest.raises(ConfigError) as raised:
        await start_bot(DiscordSettings(token="wrong.bot.token"))
    assert raised.value.variable == "DISCORD_TOKEN"
    assert "wrong.bot.token" not in str(raised.value)
    assert fake_discord.gateway_queries == []


@pytest.mark.parametrize(
    ("close_code", "variable"),
    [(4004, "DISCORD_TOKEN"), (4011, "DISCORD_SHARD_COUNT")],
)
async def test_a_gateway_refusal_a_person_can_fix_names_the_setting(
    start_bot: StartBot, fake_discord: FakeDiscord, close_code: int, variable: str
) -> None:
    fake_discord.close_after_identify = close_code
    with pytest.raises(ConfigError) as raised:
        await start_bot()
    assert raised.value.variable == variable


async def test_one_process_of_a_shard_set_identifies_as_its_shards(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    client = await start_bot(DiscordSettings(token=fd.TOKEN, shard_count=2, shard_ids=(1,)))
    assert isinstance(client, discord.AutoShardedClient)
    (session,) = fake_discord.sessions
    assert session.identify["shard"] == [1, 2]
    assert fake_discord.calls("GET", "/gateway/bot") == []  # the count was given
    # The guild lives on shard 1, so this process answers there.
    body = await reply_to(fake_discord, fd.message(f"<@{fd.BOT_ID}> envoy", mentions=[fd.BOT_USER]))
    assert body["embeds"][0]["title"] == "Envoy"


async def test_auto_sharding_asks_discord_how_many_shards(
    start_bot: StartBot, fake_discord: FakeDiscord
) -> None:
    await start_bot(DiscordSettings(token=fd.TOKEN, shard_count=AUTO_SHARDS))
    assert len(fake_discord.calls("GET", "/gateway/bot")) == 1
    (session,) = fake_discord.sessions
    assert session.identify["shard"] == [0, 1]


@pytest.mark.parametrize(
    ("settings", "sync", "cut"),
    [
        (DiscordSettings(token=fd.TOKEN), False, ("GET", "/users/@me")),
        (DiscordSettings(token=fd.TOKEN), True, ("PUT", GLOBAL_COMMANDS)),
        (DiscordSettings(token=fd.TOKEN, shard_count=AUTO_SHARDS), False, ("GET", "/gateway/bot")),
    ],
    ids=["logging-in", "registering-osi", "asking-how-many-shards"],
)
async def test_discord_lost_while_starting_is_one_sentence_not_a_traceback(
    start_bot: StartBot,
    fake_discord: FakeDiscord,
    settings: DiscordSettings,
    sync: bool,
    cut: tuple[str, str],
) -> None:
    fake_discord.cut(*cut)
    async with asyncio.timeout(10):
        with pytest.raises(DiscordUnreachableError) as raised:
            await start_bot(settings, sync=sync)
    message = str(raised.value)
    assert message.startswith("Cannot reach Discord (")
    assert message.endswith("); check the network.")
    assert "\n" not in message
    assert fake_discord.sessions == []  # it never got as far as the gateway


@pytest.mark.parametrize(
    ("settings", "kind", "count", "ids"),
    [
        (DiscordSettings(token=fd.TOKEN), OsiClient, None, None),
        (DiscordSettings(token=fd.TOKEN, shard_count=AUTO_SHARDS), ShardedOsiClient, None, None),
        (DiscordSettings(token=fd.TOKEN, shard_count=4), ShardedOsiClient, 4, None),
        (
            DiscordSettings(token=fd.TOKEN, shard_count=4, shard_ids=(2, 3)),
            ShardedOsiClient,
            4,
            [2, 3],
        ),
    ],
)
def test_sharding_settings_choose_the_client(
    knowledge: Knowledge, settings: DiscordSettings, kind: type, count: int | None, ids: Any
) -> None:
    client = build_client(knowledge, settings)  # constructing opens no connection
    assert type(client) is kind
    assert client.shard_count == count
    assert getattr(client, "shard_ids", None) == ids
    mentions = client.allowed_mentions
    assert mentions is not None
    assert (mentions.everyone, mentions.users, mentions.roles, mentions.replied_user) == (
        False,
        False,
        False,
        False,
    )


@pytest.fixture
def _restore_logging() -> Iterator[None]:
    """`run` configures logging for a real process; put the test process's back."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    logging.captureWarnings(False)
    root.handlers[:] = handlers
    root.setLevel(level)


async def test_a_missing_token_is_one_sentence_and_exit_1_before_any_connection(
    fake_discord: FakeDiscord, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["discord"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("osi-bot: DISCORD_TOKEN is not set")
    assert err.count("\n") == 1
    assert fake_discord.requests == []


@pytest.mark.usefixtures("_restore_logging")
async def test_osi_bot_discord_sync_reads_the_environment_and_runs_the_bot(
    fake_discord: FakeDiscord, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`osi-bot discord --sync` end to end; the fake ends it by refusing the token (4004)."""
    monkeypatch.setenv("DISCORD_TOKEN", fd.TOKEN)
    monkeypatch.setenv("DISCORD_GUILD_ID", str(fd.GUILD_ID))
    fake_discord.close_after_identify = 4004
    status = await asyncio.wait_for(asyncio.to_thread(main, ["discord", "--sync"]), timeout=10)
    assert status == 1
    assert [r.path for r in fake_discord.calls("PUT", r".*/commands")] == [
        GLOBAL_COMMANDS,
        GUILD_COMMANDS,
    ]
    assert len(fake_discord.gateway_queries) == 1
    err = capsys.readouterr().err
    assert "osi-bot: Discord rejected DISCORD_TOKEN when connecting" in err
    assert fd.TOKEN not in err


@pytest.mark.parametrize(
    "settings",
    [DiscordSettings(token=fd.TOKEN), DiscordSettings(token=fd.TOKEN, shard_count=AUTO_SHARDS)],
)
async def test_connected_means_ready_with_the_gateway_open(
    start_bot: StartBot, knowledge: Knowledge, settings: DiscordSettings
) -> None:
    """What /healthz on OSI_HEALTH_PORT reports, sharded or not."""
    assert not build_client(knowledge, settings).is_connected()  # not started
    client = await start_bot(settings)
    assert client.is_connected()
    await client.close()
    assert not client.is_connected()


async def test_stopping_lets_an_answer_on_its_way_finish_before_disconnecting(
    fake_discord: FakeDiscord, knowledge: Knowledge
) -> None:
    """SIGTERM during a rollout must not cut off a reply being sent."""
    settings, stop = DiscordSettings(token=fd.TOKEN), asyncio.Event()
    client = build_client(knowledge, settings, guild_ready_timeout=0.01)
    task = asyncio.create_task(serve(client, settings, sync=False, stop=stop))
    async with asyncio.timeout(5):
        while not client.is_connected():
            await asyncio.sleep(0.005)
    release = fake_discord.hold_interaction_replies()
    interaction = fd.slash_command("envoy")
    await fake_discord.dispatch("INTERACTION_CREATE", interaction)
    await fake_discord.wait_for_request("POST", rf"/interactions/{interaction['id']}/.*")
    stop.set()
    finished, _ = await asyncio.wait({task}, timeout=0.3)
    assert not finished, "serve returned while a reply was still being sent"
    assert client.is_connected()
    release.set()
    await asyncio.wait_for(task, timeout=5)
    assert client.is_closed()
    assert len(client.answering) == 0
