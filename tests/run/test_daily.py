"""`osi-bot daily post`: once per channel and day, against a local fake Slack and Discord.

The one-shot runs in a worker thread (it starts its own event loop, as in a CronJob) while
the fakes answer on the test's loop.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from datetime import date, datetime, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import discord
import pytest

from bot.adapters.slack.clients import RATE_LIMIT_RETRIES
from bot.cli import main
from bot.daily.ledger import SqliteLedger
from bot.daily.render_text import daily_title
from bot.daily.rotation import daily_post
from bot.daily.schedule import DailySchedule
from bot.errors import ConfigError
from bot.ops.platform import Platform
from bot.run.daily import post_once, run_daily_command
from tests.fakes import discord as fd
from tests.fakes.clocks import ParkingClock
from tests.fakes.discord import FakeDiscord
from tests.fakes.fixtures import point_discord_at
from tests.fakes.slack import BOT_TOKEN

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable
    from pathlib import Path

    from bot.core.knowledge import Knowledge
    from tests.fakes.redis_server import RedisServer
    from tests.fakes.slack import FakeSlack

DAY = date(2026, 11, 26)
SCHEDULE = DailySchedule(time(9, 0), ZoneInfo("UTC"))
SLACK_CHANNEL = "C0DAILY001"
DISCORD_CHANNEL = str(fd.CHANNEL_ID)
DISCORD_MESSAGES = rf"/channels/{fd.CHANNEL_ID}/messages"


def _slack_env(state: Path, channels: str = SLACK_CHANNEL) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_DAILY_CHANNEL": channels,
        "OSI_STATE_DIR": str(state),
    }


def _discord_env(state: Path, token: str = fd.TOKEN) -> dict[str, str]:
    return {
        "DISCORD_TOKEN": token,
        "DISCORD_DAILY_CHANNEL": DISCORD_CHANNEL,
        "OSI_STATE_DIR": str(state),
    }


async def _post_once(
    knowledge: Knowledge, platform: Platform, env: dict[str, str], slack_url: str | None = None
) -> int:
    return await asyncio.to_thread(
        post_once, knowledge, platform, DAY, SCHEDULE, env=env, slack_base_url=slack_url
    )


async def _posted(state: Path, platform: str, channel: str) -> bool:
    return await SqliteLedger(str(state)).posted(platform, channel, DAY)


# ---- Slack ---------------------------------------------------------------------------


async def test_slack_run_twice_posts_once(
    fake_slack: FakeSlack, knowledge: Knowledge, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = _slack_env(tmp_path)
    assert await _post_once(knowledge, Platform.SLACK, env, fake_slack.api_url) == 0
    assert await _post_once(knowledge, Platform.SLACK, env, fake_slack.api_url) == 0
    (call,) = fake_slack.calls_to("chat.postMessage")
    assert call.token == BOT_TOKEN
    assert call.args["channel"] == SLACK_CHANNEL
    assert call.args["blocks"][0]["text"]["text"] == daily_title(daily_post(knowledge, DAY))
    assert call.args["unfurl_links"] is False
    first, second = capsys.readouterr().out.splitlines()
    assert first.startswith(f"slack {SLACK_CHANNEL} 2026-11-26: posted (message 1700000000.")
    assert second == f"slack {SLACK_CHANNEL} 2026-11-26: already posted"
    assert await _posted(tmp_path, "slack", SLACK_CHANNEL)


async def test_slack_api_url_setting_points_the_one_shot_elsewhere(
    fake_slack: FakeSlack, knowledge: Knowledge, tmp_path: Path
) -> None:
    """SLACK_API_URL (GovSlack, a proxy) reaches the one-shot as it reaches the bot."""
    env = {**_slack_env(tmp_path), "SLACK_API_URL": fake_slack.api_url}
    assert await _post_once(knowledge, Platform.SLACK, env) == 0
    (call,) = fake_slack.calls_to("chat.postMessage")
    assert call.args["channel"] == SLACK_CHANNEL


async def test_slack_posts_once_to_each_listed_channel(
    fake_slack: FakeSlack, knowledge: Knowledge, tmp_path: Path
) -> None:
    env = _slack_env(tmp_path, " C0DAILY001, G0DAILY002 ,C0DAILY001")
    assert await _post_once(knowledge, Platform.SLACK, env, fake_slack.api_url) == 0
    channels = [call.args["channel"] for call in fake_slack.calls_to("chat.postMessage")]
    assert channels == ["C0DAILY001", "G0DAILY002"]


async def test_slack_refusal_exits_1_records_nothing_and_the_next_run_posts(
    fake_slack: FakeSlack, knowledge: Knowledge, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = _slack_env(tmp_path)
    fake_slack.fail("chat.postMessage", "not_in_channel")
    assert await _post_once(knowledge, Platform.SLACK, env, fake_slack.api_url) == 1
    assert not await _posted(tmp_path, "slack", SLACK_CHANNEL)
    out = capsys.readouterr().out
    assert "failed: Slack did not take the post: not_in_channel (invite the bot" in out
    fake_slack.script.failures.clear()  # Slack takes posts again
    assert await _post_once(knowledge, Platform.SLACK, env, fake_slack.api_url) == 0
    assert await _posted(tmp_path, "slack", SLACK_CHANNEL)
    assert len(fake_slack.calls_to("chat.postMessage")) == 2  # the refused one, the posted one


async def test_slack_rate_limit_beyond_the_retries_exits_1_and_the_next_run_posts(
    fake_slack: FakeSlack, knowledge: Knowledge, tmp_path: Path
) -> None:
    env = _slack_env(tmp_path)
    fake_slack.rate_limit("chat.postMessage", times=RATE_LIMIT_RETRIES + 1)
    assert await _post_once(knowledge, Platform.SLACK, env, fake_slack.api_url) == 1
    assert len(fake_slack.calls_to("chat.postMessage")) == RATE_LIMIT_RETRIES + 1
    assert not await _posted(tmp_path, "slack", SLACK_CHANNEL)
    assert await _post_once(knowledge, Platform.SLACK, env, fake_slack.api_url) == 0
    assert await _posted(tmp_path, "slack", SLACK_CHANNEL)


async def test_slack_unreachable_exits_1_and_records_nothing(
    knowledge: Knowledge, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    status = await _post_once(
        knowledge, Platform.SLACK, _slack_env(tmp_path), f"http://127.0.0.1:{port}/api/"
    )
    assert status == 1
    assert "failed: Slack did not take the post: cannot reach Slack" in capsys.readouterr().out
    assert not await _posted(tmp_path, "slack", SLACK_CHANNEL)


async def test_slack_post_names_its_day_and_a_run_without_the_record_finds_it(
    fake_slack: FakeSlack, knowledge: Knowledge, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CronJob that lost its volume (or any poster without the record) looks in the
    channel first, by the post's metadata, and posts nothing twice."""
    assert (
        await _post_once(knowledge, Platform.SLACK, _slack_env(tmp_path / "a"), fake_slack.api_url)
        == 0
    )
    (call,) = fake_slack.calls_to("chat.postMessage")
    assert call.args["metadata"] == {
        "event_type": "osi_layer_of_the_day",
        "event_payload": {"day": "2026-11-26"},
    }
    capsys.readouterr()
    assert (
        await _post_once(knowledge, Platform.SLACK, _slack_env(tmp_path / "b"), fake_slack.api_url)
        == 0
    )
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    (history,) = fake_slack.calls_to("conversations.history")[1:]
    assert history.args["channel"] == SLACK_CHANNEL
    assert capsys.readouterr().out.startswith(
        f"slack {SLACK_CHANNEL} 2026-11-26: already posted: found in the channel (1700000000."
    )
    assert await _posted(tmp_path / "b", "slack", SLACK_CHANNEL)


async def test_slack_post_whose_answer_was_lost_is_posted_once_and_reported_posted(
    fake_slack: FakeSlack, knowledge: Knowledge, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Slack took the post, then the connection dropped: no blind retry, a look instead."""
    fake_slack.drop_after_accepting("chat.postMessage")
    env = _slack_env(tmp_path)
    assert await _post_once(knowledge, Platform.SLACK, env, fake_slack.api_url) == 0
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    assert capsys.readouterr().out.startswith(
        f"slack {SLACK_CHANNEL} 2026-11-26: posted (message 1700000000."
    )
    assert await _post_once(knowledge, Platform.SLACK, env, fake_slack.api_url) == 0
    assert len(fake_slack.calls_to("chat.postMessage")) == 1


async def test_slack_without_the_history_scope_still_posts_and_says_what_is_missing(
    fake_slack: FakeSlack, knowledge: Knowledge, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fake_slack.fail("conversations.history", "missing_scope")
    assert (
        await _post_once(knowledge, Platform.SLACK, _slack_env(tmp_path), fake_slack.api_url) == 0
    )
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    (warning,) = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert "channels:history" in warning
    assert "missing_scope" in warning


async def test_two_slack_posters_with_separate_records_and_one_redis_post_once(
    fake_slack: FakeSlack,
    knowledge: Knowledge,
    tmp_path: Path,
    redis_server: RedisServer,
    redis_prefix: str,
) -> None:
    shared = {"OSI_REDIS_URL": redis_server.url, "OSI_REDIS_PREFIX": redis_prefix}
    first_env = {**_slack_env(tmp_path / "pod-a"), **shared}
    second_env = {**_slack_env(tmp_path / "pod-b"), **shared}
    held = fake_slack.hold_responses()  # the first post is on its way when the second starts
    first = asyncio.create_task(
        _post_once(knowledge, Platform.SLACK, first_env, fake_slack.api_url)
    )
    await fake_slack.wait_until(lambda: bool(fake_slack.calls_to("chat.postMessage")))
    second = await _post_once(knowledge, Platform.SLACK, second_env, fake_slack.api_url)
    held.set()
    assert await first == 0
    assert second == 1  # "in progress elsewhere": the CronJob retries it
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    assert await _post_once(knowledge, Platform.SLACK, second_env, fake_slack.api_url) == 0
    assert len(fake_slack.calls_to("chat.postMessage")) == 1


async def test_slack_poster_with_redis_down_posts_nothing_and_exits_1(
    fake_slack: FakeSlack,
    knowledge: Knowledge,
    tmp_path: Path,
    own_redis_server: RedisServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    own_redis_server.stop()
    env = {**_slack_env(tmp_path), "OSI_REDIS_URL": own_redis_server.url}
    assert await _post_once(knowledge, Platform.SLACK, env, fake_slack.api_url) == 1
    assert fake_slack.calls_to("chat.postMessage") == []
    out = capsys.readouterr().out
    assert out.startswith(
        f"slack {SLACK_CHANNEL} 2026-11-26: failed: cannot reach Redis at redis://127.0.0.1:"
    )


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"SLACK_DAILY_CHANNEL": SLACK_CHANNEL}, "SLACK_BOT_TOKEN"),  # the token is checked first
        ({"SLACK_BOT_TOKEN": "xoxp-1234-5678-usertoken"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_DAILY_CHANNEL"),
        ({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_DAILY_CHANNEL": "#general"}, "SLACK_DAILY_CHANNEL"),
    ],
)
def test_slack_settings_are_checked_before_anything_is_sent(
    knowledge: Knowledge, tmp_path: Path, env: dict[str, str], variable: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        # An address nothing listens on: a call that slipped through would fail differently.
        post_once(
            knowledge, Platform.SLACK, DAY, SCHEDULE, env=env, slack_base_url="http://127.0.0.1:9/"
        )
    assert raised.value.variable == variable
    assert str(raised.value).startswith(variable)


# ---- Discord -------------------------------------------------------------------------


async def test_discord_run_twice_posts_once_over_rest_without_a_gateway(
    fake_discord: FakeDiscord, knowledge: Knowledge, tmp_path: Path
) -> None:
    env = _discord_env(tmp_path)
    assert await _post_once(knowledge, Platform.DISCORD, env) == 0
    assert await _post_once(knowledge, Platform.DISCORD, env) == 0
    (request,) = fake_discord.calls("POST", DISCORD_MESSAGES)
    assert request.headers["Authorization"] == f"Bot {fd.TOKEN}"
    assert request.body["allowed_mentions"] == {"parse": []}
    (embed,) = request.body["embeds"]
    assert embed["title"] == daily_title(daily_post(knowledge, DAY))
    assert fake_discord.gateway_queries == []
    assert fake_discord.sessions == []
    assert {r.path for r in fake_discord.requests} == {"/users/@me", DISCORD_MESSAGES}
    assert await _posted(tmp_path, "discord", DISCORD_CHANNEL)


async def test_discord_post_names_its_day_and_a_run_without_the_record_finds_it(
    fake_discord: FakeDiscord,
    knowledge: Knowledge,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert await _post_once(knowledge, Platform.DISCORD, _discord_env(tmp_path / "a")) == 0
    (request,) = fake_discord.calls("POST", DISCORD_MESSAGES)
    assert request.body["embeds"][0]["footer"]["text"].startswith("Layer of the day for 2026-11-26")
    capsys.readouterr()
    assert await _post_once(knowledge, Platform.DISCORD, _discord_env(tmp_path / "b")) == 0
    assert len(fake_discord.calls("POST", DISCORD_MESSAGES)) == 1
    assert "already posted: found in the channel" in capsys.readouterr().out
    assert await _posted(tmp_path / "b", "discord", DISCORD_CHANNEL)


async def test_discord_another_day_or_another_author_is_not_taken_for_the_post(
    fake_discord: FakeDiscord, knowledge: Knowledge, tmp_path: Path
) -> None:
    assert await _post_once(knowledge, Platform.DISCORD, _discord_env(tmp_path / "a")) == 0
    tomorrow = date(2026, 11, 27)
    status = await asyncio.to_thread(
        post_once, knowledge, Platform.DISCORD, tomorrow, SCHEDULE, env=_discord_env(tmp_path / "b")
    )
    assert status == 0
    assert len(fake_discord.calls("POST", DISCORD_MESSAGES)) == 2
    first = fake_discord.channel_messages[fd.CHANNEL_ID][0]
    first["author"] = fd.user()  # the same embed, but a person's message (a quote, say)
    assert await _post_once(knowledge, Platform.DISCORD, _discord_env(tmp_path / "c")) == 0
    assert len(fake_discord.calls("POST", DISCORD_MESSAGES)) == 3


@pytest.fixture
async def recover_discord(
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[Callable[[], Awaitable[FakeDiscord]]]:
    """Bring Discord back: a fresh fake, with discord.py pointed at it."""
    started: list[FakeDiscord] = []

    async def recover() -> FakeDiscord:
        fake = FakeDiscord()
        await point_discord_at(fake, monkeypatch)
        started.append(fake)
        return fake

    yield recover
    for fake in started:
        await fake.close()


@pytest.mark.parametrize("status", [403, 503])
async def test_discord_refusal_exits_1_records_nothing_and_the_next_run_posts(
    fake_discord: FakeDiscord,
    knowledge: Knowledge,
    tmp_path: Path,
    recover_discord: Callable[[], Awaitable[FakeDiscord]],
    status: int,
) -> None:
    env = _discord_env(tmp_path)
    fake_discord.fail("POST", DISCORD_MESSAGES, status)
    assert await _post_once(knowledge, Platform.DISCORD, env) == 1
    assert not await _posted(tmp_path, "discord", DISCORD_CHANNEL)
    recovered = await recover_discord()
    assert await _post_once(knowledge, Platform.DISCORD, env) == 0
    assert len(recovered.calls("POST", DISCORD_MESSAGES)) == 1
    assert await _posted(tmp_path, "discord", DISCORD_CHANNEL)


async def test_a_token_discord_rejects_names_the_setting_and_posts_nothing(
    fake_discord: FakeDiscord, knowledge: Knowledge, tmp_path: Path
) -> None:
    with pytest.raises(ConfigError) as raised:
        await _post_once(knowledge, Platform.DISCORD, _discord_env(tmp_path, "wrong.bot.token"))
    assert raised.value.variable == "DISCORD_TOKEN"
    assert fake_discord.calls("POST", DISCORD_MESSAGES) == []


# ---- through the command line -------------------------------------------------------


async def test_osi_bot_daily_post_exits_0_then_says_already_posted(
    fake_discord: FakeDiscord,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in _discord_env(tmp_path).items():
        monkeypatch.setenv(name, value)
    argv = ["daily", "post", "--platform", "discord", "--date", "2026-11-26"]
    assert await asyncio.to_thread(main, argv) == 0
    assert await asyncio.to_thread(main, argv) == 0
    assert len(fake_discord.calls("POST", DISCORD_MESSAGES)) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[1] == f"discord {DISCORD_CHANNEL} 2026-11-26: already posted"


async def test_osi_bot_daily_post_exits_1_when_discord_refuses(
    fake_discord: FakeDiscord,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in _discord_env(tmp_path).items():
        monkeypatch.setenv(name, value)
    fake_discord.fail("POST", DISCORD_MESSAGES, 403)
    argv = ["daily", "post", "--platform", "discord", "--date", "2026-11-26"]
    assert await asyncio.to_thread(main, argv) == 1
    line = f"discord {DISCORD_CHANNEL} 2026-11-26: failed: Discord did not take the post: 403 "
    assert capsys.readouterr().out.startswith(line)


async def test_osi_bot_daily_post_reports_a_refusal_once(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    """One line on stdout per channel, and no log line on stderr repeating it."""
    fake_slack.fail("chat.postMessage", "not_in_channel")
    env = {
        **_slack_env(tmp_path),
        "SLACK_API_URL": fake_slack.api_url,
        "PATH": "/usr/bin:/bin",
        "OSI_CACHE_DIR": "",
    }
    process = await asyncio.create_subprocess_exec(
        *[sys.executable, "-m", "bot", "daily", "post", "--platform", "slack"],
        *["--date", "2026-11-26"],
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 1
    assert out.decode().splitlines() == [
        f"slack {SLACK_CHANNEL} 2026-11-26: failed: Slack did not take the post: "
        "not_in_channel (invite the bot to the channel: /invite @osi-bot)"
    ]
    assert err.decode() == ""


async def test_osi_bot_daily_post_prints_a_line_per_channel_when_discord_is_unreachable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Logging in over REST fails: every channel gets its 'failed' line, and exit 1."""
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setattr(discord.http.Route, "BASE", f"http://127.0.0.1:{port}/api/v10")
    for name, value in _discord_env(tmp_path).items():
        monkeypatch.setenv(name, value)
    argv = ["daily", "post", "--platform", "discord", "--date", "2026-11-26"]
    assert await asyncio.to_thread(main, argv) == 1
    captured = capsys.readouterr()
    (line,) = captured.out.splitlines()
    assert line.startswith(
        f"discord {DISCORD_CHANNEL} 2026-11-26: failed: Discord did not take the post: "
        "cannot reach Discord"
    )
    assert captured.err == ""
    assert not await _posted(tmp_path, "discord", DISCORD_CHANNEL)


def test_an_unset_daily_channel_is_one_sentence_and_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", fd.TOKEN)
    assert main(["daily", "post", "--platform", "discord"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("osi-bot: DISCORD_DAILY_CHANNEL is not set;")
    assert "copy .env.example to .env" in err
    assert err.count("\n") == 1


def test_a_weekend_run_with_weekdays_only_posts_nothing(
    knowledge: Knowledge, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CronJob that runs every day posts nothing on Saturday, before it needs a token."""
    saturday = ParkingClock(datetime(2026, 11, 28, 10, 0, tzinfo=ZoneInfo("UTC")))
    environ = {"OSI_DAILY_WEEKDAYS_ONLY": "true"}
    status = run_daily_command(
        knowledge, "post", platform=Platform.SLACK, environ=environ, clock=saturday
    )
    assert status == 0
    assert (
        capsys.readouterr().out
        == "2026-11-28 is not a posting day (OSI_DAILY_WEEKDAYS_ONLY): nothing posted.\n"
    )


def test_a_weekday_run_with_weekdays_only_goes_on_to_post(knowledge: Knowledge) -> None:
    """The same run on Friday does not stop at the weekday rule: it asks for the token."""
    friday = ParkingClock(datetime(2026, 11, 27, 10, 0, tzinfo=ZoneInfo("UTC")))
    environ = {"OSI_DAILY_WEEKDAYS_ONLY": "true"}
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN"):
        run_daily_command(knowledge, "post", platform=Platform.SLACK, environ=environ, clock=friday)


@pytest.mark.parametrize(("platform", "other"), [("slack", "discord"), ("discord", "slack_sdk")])
def test_the_one_shot_imports_only_the_chosen_platforms_library(platform: str, other: str) -> None:
    code = (
        "import sys; from bot.cli import main;"
        f"status = main(['daily', 'post', '--platform', {platform!r}]);"
        "print('STATUS', status, sorted({m.split('.')[0] for m in sys.modules}"
        " & {'discord', 'slack_sdk', 'slack_bolt'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={"PATH": "/usr/bin:/bin", "OSI_CACHE_DIR": ""},
    )
    assert "STATUS 1" in result.stdout  # no token: a ConfigError, after the import
    assert other not in result.stdout
