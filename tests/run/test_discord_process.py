"""`osi-bot discord` with OSI_HEALTH_PORT, as a process, against the local fake Discord.

The process runs the unchanged CLI through `run_against_fake_discord`, which only points
discord.py's REST and gateway URLs at the fake. One process goes through its whole life:
ready on /healthz, answering and counted on /metrics, reloading on SIGHUP, surviving a
broken file, and on SIGTERM reporting 503, finishing its reply, then exiting 0. Another
starts with Discord out of reach and must say so in one line, not a traceback.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
from typing import TYPE_CHECKING, Any

from tests.fakes import discord as fd
from tests.fakes.knowledge_files import BROKEN, copy_bundled, rename_metallb, rewrite
from tests.run.processes import REPOSITORY, bot_process

if TYPE_CHECKING:
    from pathlib import Path

    from tests.fakes.discord import FakeDiscord

RELOADED = 'osi_knowledge_reloads_total{result="success"}'
REJECTED = 'osi_knowledge_reloads_total{result="failure"}'


def _callback_path(interaction: dict[str, Any]) -> str:
    return rf"/interactions/{interaction['id']}/{interaction['token']}/callback"


async def _title(fake: FakeDiscord, question: str) -> str:
    """Ask `/osi question`; the title of the embed the bot answers with."""
    interaction = fd.slash_command(question)
    await fake.dispatch("INTERACTION_CREATE", interaction)
    request = await fake.wait_for_request("POST", _callback_path(interaction))
    title: str = request.body["data"]["embeds"][0]["title"]
    return title


async def test_the_discord_bot_serves_health_counts_reloads_and_stops_cleanly(
    fake_discord: FakeDiscord, tmp_path: Path, unused_tcp_port: int
) -> None:
    knowledge = copy_bundled(tmp_path / "layers.yaml")
    env = {
        "DISCORD_TOKEN": fd.TOKEN,
        "OSI_HEALTH_PORT": str(unused_tcp_port),
        "OSI_KNOWLEDGE_RELOAD_SECONDS": "0",  # SIGHUP only: the reloads below are the signal's
        "OSI_LOG_FORMAT": "json",
    }
    args = [
        "-m",
        "tests.run.run_against_fake_discord",
        fake_discord.api_base,
        fake_discord.gateway_url,
        "discord",
        "--knowledge",  # the CLI hands the bot the path, to reload it from
        str(knowledge),
    ]
    log_path = tmp_path / "bot.log"
    async with bot_process(args, env, unused_tcp_port, log_path) as bot:
        await bot.healthy()
        assert len(fake_discord.sessions) == 1  # ready means connected to the gateway

        assert await _title(fake_discord, "metallb") == "MetalLB"
        assert await bot.metric('osi_questions_total{kind="tool",platform="discord"}') == 1
        assert await bot.metric('osi_answer_seconds_count{platform="discord"}') == 1

        rename_metallb(knowledge, "MetalLB Next")
        await asyncio.sleep(0.2)
        assert await bot.metric(RELOADED) is None, "reloaded without SIGHUP at 0 seconds"
        bot.send(signal.SIGHUP)
        await bot.metric_reaches(RELOADED, 1)
        assert await _title(fake_discord, "metallb") == "MetalLB Next"

        rewrite(knowledge, BROKEN)
        bot.send(signal.SIGHUP)
        await bot.metric_reaches(REJECTED, 1)
        assert await _title(fake_discord, "metallb") == "MetalLB Next"
        assert bot.process.returncode is None

        # SIGTERM while a reply is on its way: /healthz turns 503 at once, the reply is
        # still sent, then the process exits 0.
        release = fake_discord.hold_interaction_replies()
        interaction = fd.slash_command("envoy")
        await fake_discord.dispatch("INTERACTION_CREATE", interaction)
        await fake_discord.wait_for_request("POST", _callback_path(interaction))
        bot.send(signal.SIGTERM)

        async def unhealthy() -> bool:
            return (await bot.get("/healthz"))[0] == 503

        await bot.eventually(unhealthy, "/healthz still 200 after SIGTERM")
        finished, _ = await asyncio.wait({asyncio.create_task(bot.process.wait())}, timeout=0.3)
        assert not finished, "the bot exited with a reply still being sent"
        release.set()
        assert await asyncio.wait_for(bot.process.wait(), timeout=5) == 0

    log = log_path.read_text("utf-8")
    messages = [json.loads(line)["message"] for line in log.splitlines()]
    assert any("knowledge reload failed" in message for message in messages)
    assert "SIGTERM received: stopping" in messages
    assert fd.TOKEN not in log


def test_a_discord_out_of_reach_at_start_up_is_one_line_and_exit_1() -> None:
    """The network down: discord.py's REST and gateway at a loopback port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    args = [f"http://127.0.0.1:{port}/api/v10", f"ws://127.0.0.1:{port}/gateway", "discord"]
    result = subprocess.run(
        [sys.executable, "-m", "tests.run.run_against_fake_discord", *args],
        cwd=REPOSITORY,
        # WARNING: the start-up's INFO lines aside, stderr is what a person must read.
        env={**os.environ, "DISCORD_TOKEN": fd.TOKEN, "OSI_LOG_LEVEL": "WARNING"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("osi-bot: Cannot reach Discord (Cannot connect to host 127.0.0.1:")
    assert line.endswith("); check the network.")
    assert result.stdout == ""
