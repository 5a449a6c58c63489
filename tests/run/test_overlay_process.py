"""`python -m bot slack` with team overlays, as a process: OSI_KNOWLEDGE_EXTRA names a
directory, as the Kubernetes manifests do, and the running bot follows it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tests.fakes import slack_payloads as payloads
from tests.fakes.knowledge_files import BROKEN, rewrite, team_tool
from tests.fakes.slack import BOT_TOKEN, SIGNING_SECRET, FakeSlack
from tests.run.processes import bot_process

if TYPE_CHECKING:
    from pathlib import Path

    from tests.run.processes import BotProcess

RELOADED = 'osi_knowledge_reloads_total{result="success"}'
REJECTED = 'osi_knowledge_reloads_total{result="failure"}'
TEAM_LINE = "From your team's knowledge (team-tools.yaml)."


async def _ask(bot: BotProcess, question: str, response_url: str) -> str:
    body = payloads.slash_command(question, response_url)
    headers = payloads.signed_headers(body, payloads.FORM)
    async with bot.session.post(f"{bot.url}/slack/events", data=body, headers=headers) as reply:
        assert reply.status == 200
        answer: dict[str, Any] = await reply.json()
    return str(answer["text"])


async def test_the_bot_answers_from_an_overlay_directory_and_follows_its_edits(
    fake_slack: FakeSlack, tmp_path: Path, unused_tcp_port: int
) -> None:
    overlays = tmp_path / "knowledge"
    overlays.mkdir()  # empty, as the ConfigMap ships: no overlay, not an error
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake_slack.api_url,
        "PORT": str(unused_tcp_port),
        "OSI_KNOWLEDGE_EXTRA": str(overlays),
        "OSI_KNOWLEDGE_RELOAD_SECONDS": "0.05",
    }
    url = fake_slack.response_url()
    async with bot_process(["-m", "bot", "slack"], env, unused_tcp_port, tmp_path / "log") as bot:
        await bot.healthy()
        assert TEAM_LINE not in await _ask(bot, "metallb", url)

        # A file added to the directory: the team's tool answers, and says whose it is.
        team = overlays / "team-tools.yaml"
        team.write_text(team_tool("Frobnitz"), "utf-8")
        await bot.metric_reaches(RELOADED, 1)
        frobnitz = await _ask(bot, "frobnitz", url)
        assert frobnitz.startswith("Frobnitz works at Layer 7")
        assert frobnitz.endswith(TEAM_LINE)

        # Edited to replace a bundled entry: the answer changes.
        rewrite(team, team_tool("MetalLB", layer=3, replaces="MetalLB"))
        await bot.metric_reaches(RELOADED, 2)
        metallb = await _ask(bot, "metallb", url)
        assert metallb.startswith("MetalLB works at Layer 3")
        assert metallb.endswith(f"{TEAM_LINE[:-1]}, in place of the bundled MetalLB entry.")

        # Broken: refused, and the bot keeps answering from what it had.
        rewrite(team, BROKEN)
        await bot.metric_reaches(REJECTED, 1)
        assert (await _ask(bot, "metallb", url)).startswith("MetalLB works at Layer 3")
        assert await bot.terminate() == 0
    assert f"{team}: 2:1: YAML syntax error" in (tmp_path / "log").read_text("utf-8")
