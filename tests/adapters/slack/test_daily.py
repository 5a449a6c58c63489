"""The layer of the day on Slack: its Block Kit, and the schedule `serve` keeps.

The schedule runs on a `ParkingClock`: no test waits for nine o'clock.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest
from slack_sdk.models.blocks import Block as BlockModel

from bot.adapters.slack.daily import daily_message
from bot.adapters.slack.limits import MAX_BLOCKS, SECTION_TEXT_LIMIT, TEXT_FALLBACK_LIMIT
from bot.adapters.slack.settings import SlackSettings
from bot.daily.job import DailySetup
from bot.daily.ledger import SqliteLedger
from bot.daily.render_text import daily_title
from bot.daily.rotation import daily_post
from bot.daily.schedule import DailySchedule
from bot.ops.metrics import Metrics
from bot.render.origin import entry_team_line
from bot.run.slack import Running, serve
from tests.fakes.clocks import ParkingClock
from tests.fakes.knowledge_files import team_spotlight_day, with_team_overlay
from tests.fakes.slack import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from bot.core.knowledge import Knowledge
    from tests.fakes.slack import FakeSlack

BERLIN = ZoneInfo("Europe/Berlin")
SCHEDULE = DailySchedule(time(9, 0), BERLIN)
CHANNEL = "C0DAILY001"
THURSDAY = date(2026, 11, 26)


def _texts(blocks: list[dict[str, Any]]) -> Iterator[str]:
    """Every mrkdwn text in the blocks."""
    for block in blocks:
        if block["type"] == "section":
            yield block["text"]["text"]
        elif block["type"] == "context":
            yield from (element["text"] for element in block["elements"])


# ---- Block Kit -------------------------------------------------------------------------


def test_every_post_of_a_long_rotation_is_valid_block_kit(knowledge: Knowledge) -> None:
    for offset in range(7 * 20):  # every layer, with many spotlights and facts
        post = daily_post(knowledge, THURSDAY + timedelta(days=offset))
        message = daily_message(post)
        for block in message.blocks:
            BlockModel.parse(block).validate_json()  # type: ignore[union-attr]
        assert message.blocks[0]["text"]["text"] == daily_title(post)
        assert len(message.blocks) <= MAX_BLOCKS
        assert 0 < len(message.text) <= TEXT_FALLBACK_LIMIT


def test_the_post_reads_component_spotlight_and_fact(knowledge: Knowledge) -> None:
    post = daily_post(knowledge, THURSDAY)  # Layer 4, "LoadBalancer & NodePort"
    header, picture, kubernetes, spotlight, *small_print, quiz = daily_message(post).blocks
    assert header["type"] == "header"
    assert picture["text"]["text"].startswith("```\n┌")
    assert "│ L4 Transport     ● │" in picture["text"]["text"]
    assert kubernetes["text"]["text"].startswith(
        "*In Kubernetes:* LoadBalancer &amp; NodePort (Protocol/Port Routing)\n"
    )
    assert spotlight["text"]["text"].startswith(f"*Spotlight: {post.spotlight.name}* works here — ")
    assert post.fact is not None
    assert [b["type"] for b in small_print] == ["context", "context"]
    assert small_print[0]["elements"][0]["text"].startswith("*Did you know?* ")
    assert [e["action_id"] for e in quiz["elements"]] == ["osi_quiz_start"]  # "Quiz me"


def test_text_from_the_knowledge_cannot_mention_link_or_broadcast(knowledge: Knowledge) -> None:
    post = daily_post(knowledge, THURSDAY)._replace(
        fact="<!channel> ping & <@U0123ABCD>", role="<https://evil.example|click me>"
    )
    message = daily_message(post)
    texts = [*_texts(message.blocks), message.text]
    assert all("<" not in text and ">" not in text for text in texts)
    assert any("&lt;!channel&gt; ping &amp; &lt;@U0123ABCD&gt;" in text for text in texts)


def test_a_very_long_description_is_split_not_refused(knowledge: Knowledge) -> None:
    post = daily_post(knowledge, THURSDAY)
    post = post._replace(layer=post.layer._replace(description="encapsulation " * 600))
    message = daily_message(post)
    for block in message.blocks:
        BlockModel.parse(block).validate_json()  # type: ignore[union-attr]
    assert all(len(text) <= SECTION_TEXT_LIMIT for text in _texts(message.blocks))
    assert len([b for b in message.blocks if b["type"] == "section"]) > 2


# ---- the in-process schedule -----------------------------------------------------------


def _setup(state: Path, channels: tuple[str, ...] = (CHANNEL,)) -> DailySetup:
    ledger = SqliteLedger(str(state)) if channels else None
    return DailySetup("SLACK_DAILY_CHANNEL", SCHEDULE, channels, ledger)


async def _serve_until_parked(
    fake_slack: FakeSlack,
    knowledge: Knowledge,
    setup: DailySetup,
    clock: ParkingClock,
    *,
    socket_mode: bool = False,
    metrics: Metrics | None = None,
) -> None:
    """Run the bot until the schedule parks, then stop it as SIGTERM would."""
    if socket_mode:
        settings = SlackSettings(BOT_TOKEN, app_token=APP_TOKEN)
    else:
        settings = SlackSettings(BOT_TOKEN, signing_secret=SIGNING_SECRET, port=0)
    stop = asyncio.Event()
    ready: asyncio.Future[Running] = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(
        serve(
            settings,
            knowledge,
            base_url=fake_slack.api_url,
            host="127.0.0.1",
            stop=stop,
            on_ready=ready.set_result,
            daily=setup,
            clock=clock,
            metrics=metrics,
        )
    )
    await asyncio.wait_for(ready, timeout=5)
    await clock.until_parked()
    stop.set()
    await asyncio.wait_for(task, timeout=5)


def _daily_posts(fake_slack: FakeSlack) -> list[dict[str, Any]]:
    return [c.args for c in fake_slack.calls_to("chat.postMessage") if c.args["channel"] == CHANNEL]


@pytest.mark.parametrize("socket_mode", [False, True], ids=["http", "socket-mode"])
async def test_a_bot_started_after_nine_posts_the_missed_post_once(
    fake_slack: FakeSlack, knowledge: Knowledge, tmp_path: Path, socket_mode: bool
) -> None:
    clock = ParkingClock(datetime(2026, 11, 26, 11, 0, tzinfo=BERLIN))
    await _serve_until_parked(
        fake_slack, knowledge, _setup(tmp_path), clock, socket_mode=socket_mode
    )
    (posted,) = _daily_posts(fake_slack)
    assert posted["blocks"] == daily_message(daily_post(knowledge, THURSDAY)).blocks
    # Then it waited for Friday 09:00 in Berlin.
    assert clock.sleeps == [timedelta(hours=22).total_seconds()]
    assert await SqliteLedger(str(tmp_path)).posted("slack", CHANNEL, THURSDAY)


async def test_a_restart_the_same_day_does_not_post_again(
    fake_slack: FakeSlack, knowledge: Knowledge, tmp_path: Path
) -> None:
    morning = ParkingClock(datetime(2026, 11, 26, 9, 30, tzinfo=BERLIN))
    await _serve_until_parked(fake_slack, knowledge, _setup(tmp_path), morning)
    afternoon = ParkingClock(datetime(2026, 11, 26, 15, 0, tzinfo=BERLIN))
    await _serve_until_parked(fake_slack, knowledge, _setup(tmp_path), afternoon)  # a new process
    assert len(_daily_posts(fake_slack)) == 1


async def test_before_nine_it_waits_then_posts_each_day(
    fake_slack: FakeSlack, knowledge: Knowledge, tmp_path: Path
) -> None:
    clock = ParkingClock(datetime(2026, 11, 26, 8, 0, tzinfo=BERLIN), advances=2)
    await _serve_until_parked(fake_slack, knowledge, _setup(tmp_path), clock)
    assert clock.sleeps == [3600.0, 86400.0, 86400.0]  # to 09:00, then a day, twice
    titles = [p["blocks"][0]["text"]["text"] for p in _daily_posts(fake_slack)]
    expected = [daily_title(daily_post(knowledge, THURSDAY + timedelta(days=n))) for n in (0, 1)]
    assert titles == expected


async def test_a_refused_post_is_tried_again_later_that_day(
    fake_slack: FakeSlack, knowledge: Knowledge, tmp_path: Path
) -> None:
    fake_slack.fail("chat.postMessage", "not_in_channel")
    clock = ParkingClock(
        datetime(2026, 11, 26, 9, 0, tzinfo=BERLIN),
        advances=1,
        on_advance=fake_slack.script.failures.clear,  # someone invites the bot meanwhile
    )
    metrics = Metrics()
    await _serve_until_parked(fake_slack, knowledge, _setup(tmp_path), clock, metrics=metrics)
    assert len(_daily_posts(fake_slack)) == 2  # refused, then posted
    assert clock.sleeps[0] == 300
    assert await SqliteLedger(str(tmp_path)).posted("slack", CHANNEL, THURSDAY)
    counted = metrics.exposition().decode()
    assert 'osi_daily_posts_total{platform="slack",result="failed"} 1.0' in counted
    assert 'osi_daily_posts_total{platform="slack",result="posted"} 1.0' in counted


async def test_without_a_daily_channel_it_says_so_once_and_posts_nothing(
    fake_slack: FakeSlack, knowledge: Knowledge, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    clock = ParkingClock(datetime(2026, 11, 26, 11, 0, tzinfo=BERLIN))
    settings = SlackSettings(BOT_TOKEN, signing_secret=SIGNING_SECRET, port=0)
    stop = asyncio.Event()
    ready: asyncio.Future[Running] = asyncio.get_running_loop().create_future()
    with caplog.at_level(logging.INFO):
        task = asyncio.create_task(
            serve(
                settings,
                knowledge,
                base_url=fake_slack.api_url,
                host="127.0.0.1",
                stop=stop,
                on_ready=ready.set_result,
                daily=_setup(tmp_path, channels=()),
                clock=clock,
            )
        )
        await asyncio.wait_for(ready, timeout=5)
        await asyncio.sleep(0.05)  # time for a schedule to start, were there one
        stop.set()
        await asyncio.wait_for(task, timeout=5)
    notes = [r.getMessage() for r in caplog.records if "SLACK_DAILY_CHANNEL" in r.getMessage()]
    assert notes == ["no SLACK_DAILY_CHANNEL: no layer of the day on Slack"]
    assert clock.sleeps == []
    assert fake_slack.calls_to("chat.postMessage") == []


@pytest.mark.parametrize(
    ("variable", "value"),
    [("SLACK_DAILY_CHANNEL", "#general"), ("OSI_TIMEZONE", "Berlin")],
)
def test_a_bad_daily_setting_stops_osi_bot_slack_before_it_connects(
    fake_slack: FakeSlack,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    variable: str,
    value: str,
) -> None:
    from bot.cli import main  # noqa: PLC0415

    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SIGNING_SECRET)
    monkeypatch.setenv(variable, value)
    assert main(["slack"]) == 1
    assert capsys.readouterr().err.startswith(f"osi-bot: {variable} must ")
    assert fake_slack.calls == []


def test_a_spotlight_from_the_teams_knowledge_says_so(tmp_path: Path) -> None:
    team = with_team_overlay(tmp_path)
    post = daily_post(team, team_spotlight_day(team))
    blocks = daily_message(post).blocks
    spotlight = next(i for i, b in enumerate(blocks) if "Spotlight:" in str(b))
    assert blocks[spotlight + 1]["elements"][0]["text"] == entry_team_line(post.spotlight)
