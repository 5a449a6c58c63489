"""A reloaded knowledge file reaches the next answer, autocomplete and mention reply at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.loading.load import load_knowledge
from tests.fakes import discord as fd
from tests.fakes.discord_bot import reply_to, respond_to
from tests.fakes.knowledge_files import copy_bundled, rename_metallb

if TYPE_CHECKING:
    from pathlib import Path

    from bot.core.knowledge import Knowledge
    from tests.fakes.discord import FakeDiscord
    from tests.fakes.discord_bot import StartBot


async def test_everything_the_bot_says_comes_from_the_current_knowledge(
    start_bot: StartBot, fake_discord: FakeDiscord, knowledge: Knowledge, tmp_path: Path
) -> None:
    path = copy_bundled(tmp_path / "layers.yaml")
    rename_metallb(path, "MetalLB Next")
    current = [knowledge]
    client = await start_bot(knowledge=lambda: current[0])

    async def title(question: str) -> str:
        body = await respond_to(fake_discord, fd.slash_command(question))
        return str(body["data"]["embeds"][0]["title"])

    assert await title("metallb") == "MetalLB"
    current[0] = load_knowledge(path)  # what a reload does
    assert client.knowledge is current[0]
    assert await title("metallb") == "MetalLB Next"
    completed = await respond_to(fake_discord, fd.slash_command("metallb ne", focused=True))
    assert {"name": "MetalLB Next", "value": "MetalLB Next"} in completed["data"]["choices"]
    mention = fd.message(f"<@{fd.BOT_ID}> metallb", mentions=[fd.BOT_USER])
    assert (await reply_to(fake_discord, mention))["embeds"][0]["title"] == "MetalLB Next"
