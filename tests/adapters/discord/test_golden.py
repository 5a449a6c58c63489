"""The Discord embed for a few answers, as read once."""

from __future__ import annotations

import pytest

from bot.adapters.discord.daily import daily_embed
from bot.adapters.discord.embeds import answer_embed
from bot.core.answering import answer
from bot.daily.rotation import daily_post
from tests.render.golden import DAILY_DATE, QUESTIONS, as_json, assert_golden, golden_knowledge


@pytest.mark.parametrize(("name", "question"), QUESTIONS.items(), ids=list(QUESTIONS))
def test_golden_discord_embed(name: str, question: str) -> None:
    knowledge = golden_knowledge()
    embed = answer_embed(answer(knowledge, question), knowledge)
    assert_golden(f"{name}.discord.json", as_json(embed.to_dict()))


def test_golden_discord_daily() -> None:
    embed = daily_embed(daily_post(golden_knowledge(), DAILY_DATE))
    assert_golden("daily.discord.json", as_json(embed.to_dict()))
