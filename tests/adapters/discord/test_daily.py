"""The layer of the day on Discord: its embed, and the schedule `serve` keeps.

The schedule runs on a `ParkingClock`: no test waits for nine o'clock.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.adapters.discord.client import build_client
from bot.adapters.discord.daily import daily_embed
from bot.adapters.discord.embeds import LAYER_COLOURS, Limits
from bot.adapters.discord.settings import DiscordSettings
from bot.daily.job import DailySetup
from bot.daily.ledger import SqliteLedger
from bot.daily.render_text import daily_title
from bot.daily.rotation import daily_post
from bot.daily.schedule import DailySchedule
from bot.render.origin import entry_team_line
from bot.run.discord import serve
from tests.fakes import discord as fd
from tests.fakes.clocks import ParkingClock
from tests.fakes.knowledge_files import team_spotlight_day, with_team_overlay

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

    from bot.core.knowledge import Knowledge
    from tests.fakes.discord import FakeDiscord

UTC = ZoneInfo("UTC")
SCHEDULE = DailySchedule(time(9, 0), UTC)
CHANNEL = "900000000000000044"
MESSAGES = rf"/channels/{CHANNEL}/messages"
THURSDAY = date(2026, 11, 26)


# ---- the embed -----------------------------------------------------------------------


def test_every_post_of_a_long_rotation_fits_discords_limits(knowledge: Knowledge) -> None:
    for offset in range(7 * 20):
        post = daily_post(knowledge, THURSDAY + timedelta(days=offset))
        embed = daily_embed(post)
        assert embed.title == daily_title(post)
        assert embed.colour is not None
        assert embed.colour.value == LAYER_COLOURS[post.layer.number]
        assert len(embed) <= Limits.TOTAL
        assert len(embed.description or "") <= Limits.DESCRIPTION
        assert all(len(f.name or "") <= Limits.FIELD_NAME for f in embed.fields)
        assert all(len(f.value or "") <= Limits.FIELD_VALUE for f in embed.fields)


def test_the_embed_reads_component_spotlight_and_fact(knowledge: Knowledge) -> None:
    post = daily_post(knowledge, THURSDAY)  # Layer 4
    embed = daily_embed(post)
    picture, kubernetes = (embed.description or "").split("\n```\n", 1)
    assert picture.startswith("```\n┌")
    assert "│ L4 Transport     ● │" in picture
    assert kubernetes.startswith(
        "**In Kubernetes:** LoadBalancer & NodePort (Protocol/Port Routing)\n\n"
    )
    names = [field.name for field in embed.fields]
    assert names == [f"Spotlight: {post.spotlight.name}", "Did you know?", "Also at this layer"]


def test_text_from_the_knowledge_cannot_format_or_ping(knowledge: Knowledge) -> None:
    post = daily_post(knowledge, THURSDAY)._replace(
        fact="@everyone **now** <@123456789012345678>", role="__underlined__ `code`"
    )
    fields = {field.name: field.value for field in daily_embed(post).fields}
    assert fields["Did you know?"] == "@\u200beveryone \\*\\*now\\*\\* <@\u200b123456789012345678>"
    assert "\\_\\_underlined\\_\\_ \\`code\\`" in (
        fields[f"Spotlight: {post.spotlight.name}"] or ""
    )


def test_an_oversized_post_drops_the_tool_list_before_cutting_the_description(
    knowledge: Knowledge,
) -> None:
    post = daily_post(knowledge, THURSDAY)
    description = "encapsulation " * 260  # about 3,600: with the picture, under 4,096
    post = post._replace(
        layer=post.layer._replace(description=description),
        fact="f" * 1000,
        tools=tuple(f"tool-{i}" for i in range(400)),
    )
    embed = daily_embed(post)
    assert len(embed) <= Limits.TOTAL
    assert (embed.description or "").endswith(description)
    assert [f.name for f in embed.fields] == [f"Spotlight: {post.spotlight.name}", "Did you know?"]


def test_a_post_too_long_even_without_its_extras_still_fits(knowledge: Knowledge) -> None:
    post = daily_post(knowledge, THURSDAY)
    post = post._replace(
        layer=post.layer._replace(description="encapsulation " * 600),
        role="r" * 2000,
        fact="f" * 2000,
        tools=tuple(f"tool-{i}" for i in range(400)),
    )
    embed = daily_embed(post)
    assert len(embed) <= Limits.TOTAL
    assert [f.name for f in embed.fields] == [f"Spotlight: {post.spotlight.name}"]


# ---- the in-process schedule -----------------------------------------------------------


def _setup(state: Path, channels: tuple[str, ...] = (CHANNEL,)) -> DailySetup:
    ledger = SqliteLedger(str(state)) if channels else None
    return DailySetup("DISCORD_DAILY_CHANNEL", SCHEDULE, channels, ledger)


async def _run_until_parked(
    knowledge: Knowledge,
    setup: DailySetup,
    clock: ParkingClock,
    settings: DiscordSettings | None = None,
    *,
    parks: bool = True,
) -> None:
    """Run the bot until its schedule parks (or it is ready, with no schedule), then close it."""
    settings = settings or DiscordSettings(token=fd.TOKEN)
    client = build_client(knowledge, settings, guild_ready_timeout=0.01)
    task = asyncio.create_task(serve(client, settings, sync=False, daily=setup, clock=clock))
    try:
        async with asyncio.timeout(5):
            while not client.is_ready() and not task.done():
                await asyncio.sleep(0.005)
        if parks:
            await clock.until_parked()
    finally:
        await client.close()
        await asyncio.wait_for(task, timeout=5)


async def test_a_bot_started_after_nine_posts_the_missed_post_once(
    fake_discord: FakeDiscord, knowledge: Knowledge, tmp_path: Path
) -> None:
    clock = ParkingClock(datetime(2026, 11, 26, 11, 0, tzinfo=UTC))
    await _run_until_parked(knowledge, _setup(tmp_path), clock)
    (request,) = fake_discord.calls("POST", MESSAGES)
    assert request.body["allowed_mentions"] == {"parse": []}
    # A retried send of the same day's post is deduplicated by Discord.
    assert (request.body["nonce"], request.body["enforce_nonce"]) == ("osi-daily-20261126", True)
    assert request.body["embeds"][0]["title"] == daily_title(daily_post(knowledge, THURSDAY))
    assert clock.sleeps == [timedelta(hours=22).total_seconds()]
    assert await SqliteLedger(str(tmp_path)).posted("discord", CHANNEL, THURSDAY)


async def test_a_restart_the_same_day_does_not_post_again(
    fake_discord: FakeDiscord, knowledge: Knowledge, tmp_path: Path
) -> None:
    await _run_until_parked(
        knowledge, _setup(tmp_path), ParkingClock(datetime(2026, 11, 26, 9, 5, tzinfo=UTC))
    )
    await _run_until_parked(
        knowledge, _setup(tmp_path), ParkingClock(datetime(2026, 11, 26, 17, 0, tzinfo=UTC))
    )
    assert len(fake_discord.calls("POST", MESSAGES)) == 1


async def test_a_refused_post_is_tried_again_every_five_minutes_and_not_recorded(
    fake_discord: FakeDiscord, knowledge: Knowledge, tmp_path: Path
) -> None:
    fake_discord.fail("POST", MESSAGES, 503)
    clock = ParkingClock(datetime(2026, 11, 26, 9, 0, tzinfo=UTC), advances=2)
    await _run_until_parked(knowledge, _setup(tmp_path), clock)
    assert clock.sleeps == [300, 300, 300]  # still refused: it keeps trying that day
    assert len(fake_discord.calls("POST", MESSAGES)) == 3
    assert not await SqliteLedger(str(tmp_path)).posted("discord", CHANNEL, THURSDAY)


async def test_only_the_process_running_shard_0_posts(
    fake_discord: FakeDiscord,
    knowledge: Knowledge,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = ParkingClock(datetime(2026, 11, 26, 11, 0, tzinfo=UTC))
    settings = DiscordSettings(token=fd.TOKEN, shard_count=2, shard_ids=(1,))
    with caplog.at_level(logging.INFO):
        await _run_until_parked(knowledge, _setup(tmp_path), clock, settings, parks=False)
    assert fake_discord.calls("POST", MESSAGES) == []
    assert clock.sleeps == []
    assert "posted by the process that runs shard 0" in caplog.text


async def test_without_a_daily_channel_it_says_so_once_and_posts_nothing(
    fake_discord: FakeDiscord,
    knowledge: Knowledge,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = ParkingClock(datetime(2026, 11, 26, 11, 0, tzinfo=UTC))
    with caplog.at_level(logging.INFO):
        await _run_until_parked(knowledge, _setup(tmp_path, ()), clock, parks=False)
    notes = [r.getMessage() for r in caplog.records if "DISCORD_DAILY_CHANNEL" in r.getMessage()]
    assert notes == ["no DISCORD_DAILY_CHANNEL: no layer of the day on Discord"]
    assert fake_discord.calls("POST", r"/channels/\d+/messages") == []
    assert clock.sleeps == []


def test_a_spotlight_from_the_teams_knowledge_says_so(tmp_path: Path) -> None:
    team = with_team_overlay(tmp_path)
    post = daily_post(team, team_spotlight_day(team))
    field = next(f for f in daily_embed(post).fields if str(f.name).startswith("Spotlight"))
    assert str(field.value).endswith(f"\n*{entry_team_line(post.spotlight)}*")
