"""Prometheus metrics and the health endpoint, over real HTTP on loopback."""

from __future__ import annotations

from typing import TYPE_CHECKING

import aiohttp

from bot.core.answering import answer
from bot.daily.posting import Outcome
from bot.ops.health import serve_health
from bot.ops.metrics import Metrics
from bot.ops.platform import Platform

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge


def test_answers_are_counted_by_platform_and_kind(knowledge: Knowledge) -> None:
    metrics = Metrics()
    metrics.record_answer(Platform.SLACK, answer(knowledge, "envoy"), 0.0002)
    metrics.record_answer(Platform.SLACK, answer(knowledge, "what layer is lunch"), 0.0001)
    metrics.record_answer(Platform.DISCORD, answer(knowledge, "layer 4"), 0.0001)
    metrics.record_daily(Platform.SLACK, Outcome.POSTED)
    text = metrics.exposition().decode()
    assert 'osi_questions_total{kind="tool",platform="slack"} 1.0' in text
    assert 'osi_questions_total{kind="unknown",platform="slack"} 1.0' in text
    assert 'osi_questions_total{kind="layer",platform="discord"} 1.0' in text
    assert 'osi_unknown_questions_total{platform="slack"} 1.0' in text
    assert 'osi_answer_seconds_count{platform="slack"} 2.0' in text
    assert 'osi_daily_posts_total{platform="slack",result="posted"} 1.0' in text


def test_each_bot_has_its_own_registry(knowledge: Knowledge) -> None:
    first, second = Metrics(), Metrics()
    first.record_answer(Platform.SLACK, answer(knowledge, "envoy"), 0.0001)
    assert "osi_questions_total{" not in second.exposition().decode()


async def test_healthz_follows_readiness_and_metrics_are_served(
    unused_tcp_port: int,
) -> None:
    ready = False
    metrics = Metrics()
    runner = await serve_health(unused_tcp_port, lambda: ready, metrics, host="127.0.0.1")
    base = f"http://127.0.0.1:{unused_tcp_port}"
    try:
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{base}/healthz") as response:
                assert response.status == 503
            ready = True
            async with session.get(f"{base}/healthz") as response:
                assert response.status == 200
                assert await response.json() == {"status": "ok"}
            async with session.get(f"{base}/metrics") as response:
                assert response.status == 200
                assert response.headers["Content-Type"].startswith("text/plain")
                assert "osi_answer_seconds" in await response.text()
    finally:
        await runner.cleanup()
