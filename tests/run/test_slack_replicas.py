"""Two `osi-bot slack` replicas behind one Service, sharing one real `redis-server`.

A retry Slack sends to the other replica, and a click replayed there, are answered once;
with Redis stopped mid-run both replicas keep answering, and `/healthz` says Redis is down
while staying ready.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import TYPE_CHECKING

from tests.fakes import slack_payloads as payloads
from tests.fakes.slack import BOT_TOKEN, SIGNING_SECRET, FakeSlack
from tests.run.processes import bot_process

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable
    from pathlib import Path

    from tests.fakes.redis_server import RedisServer
    from tests.run.processes import BotProcess

SETTLE_SECONDS = 0.5  # long enough for a second reply, had one been started


@contextlib.asynccontextmanager
async def _replicas(
    fake_slack: FakeSlack, tmp_path: Path, ports: Callable[[], int], redis_url: str, prefix: str
) -> AsyncIterator[tuple[BotProcess, BotProcess]]:
    async with contextlib.AsyncExitStack() as stack:
        bots = []
        for name in ("a", "b"):
            port = ports()
            env = {
                "SLACK_BOT_TOKEN": BOT_TOKEN,
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_API_URL": fake_slack.api_url,
                "PORT": str(port),
                "OSI_REDIS_URL": redis_url,
                "OSI_REDIS_PREFIX": prefix,
                "OSI_KNOWLEDGE_RELOAD_SECONDS": "0",
            }
            log = tmp_path / f"replica-{name}.log"
            bots.append(
                await stack.enter_async_context(bot_process(["-m", "bot", "slack"], env, port, log))
            )
        for bot in bots:
            await bot.healthy()
        yield bots[0], bots[1]


async def _deliver(bot: BotProcess, body: str, content_type: str, retry: int | None = None) -> None:
    headers = payloads.signed_headers(body, content_type)
    if retry is not None:
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
    async with bot.session.post(f"{bot.url}/slack/events", data=body, headers=headers) as reply:
        assert reply.status == 200


async def _replies_reach(fake_slack: FakeSlack, count: int) -> None:
    await fake_slack.wait_until(lambda: len(fake_slack.calls_to("chat.postMessage")) == count)


async def test_a_retry_or_a_replayed_click_on_the_other_replica_is_answered_once(
    fake_slack: FakeSlack,
    tmp_path: Path,
    unused_tcp_port_factory: Callable[[], int],
    redis_server: RedisServer,
    redis_prefix: str,
) -> None:
    async with _replicas(
        fake_slack, tmp_path, unused_tcp_port_factory, redis_server.url, redis_prefix
    ) as (first, second):
        # An event and three retries, alternating over the two replicas: one reply.
        mention = json.dumps(payloads.event_callback(payloads.app_mention("what layer is envoy")))
        for attempt, bot in enumerate([first, second, first, second]):
            await _deliver(bot, mention, payloads.JSON, retry=attempt or None)
        await fake_slack.wait_until(lambda: bool(fake_slack.calls_to("chat.postMessage")))
        await asyncio.sleep(SETTLE_SECONDS)
        assert len(fake_slack.calls_to("chat.postMessage")) == 1

        # A signed button click replayed to the other replica: one public answer.
        click = payloads.as_form_payload(
            payloads.block_actions("MetalLB", fake_slack.response_url("click"), is_ephemeral=True)
        )
        await _deliver(first, click, payloads.FORM)
        await _deliver(second, click, payloads.FORM)
        await fake_slack.wait_until(lambda: bool(fake_slack.calls_to("response_url")))
        await asyncio.sleep(SETTLE_SECONDS)
        answers = [call for call in fake_slack.calls_to("response_url") if "text" in call.args]
        assert len(answers) == 1
        assert answers[0].args["text"].startswith("MetalLB works at Layer 4")

        # Different events are each answered, whichever replica they reach.
        other = json.dumps(payloads.event_callback(payloads.app_mention("metallb?")))
        await _deliver(second, other, payloads.JSON)
        await fake_slack.wait_until(lambda: len(fake_slack.calls_to("chat.postMessage")) == 2)


async def test_with_redis_stopped_mid_run_both_replicas_keep_answering(
    fake_slack: FakeSlack,
    tmp_path: Path,
    unused_tcp_port_factory: Callable[[], int],
    own_redis_server: RedisServer,
    redis_prefix: str,
) -> None:
    async with _replicas(
        fake_slack, tmp_path, unused_tcp_port_factory, own_redis_server.url, redis_prefix
    ) as (first, second):
        status, body = await first.get("/healthz")
        assert (status, json.loads(body)["redis"]) == (200, "ok")
        own_redis_server.stop()
        for n, bot in enumerate([first, second, first], start=1):
            mention = json.dumps(payloads.event_callback(payloads.app_mention("calico?")))
            await _deliver(bot, mention, payloads.JSON)
            await _replies_reach(fake_slack, n)
        status, body = await first.get("/healthz")
        health = json.loads(body)
        assert status == 200  # one dead Redis must not take every replica out of the Service
        assert (health["status"], health["redis"]) == ("ok", "unreachable")
        errors = await first.metric('osi_redis_errors_total{operation="remember delivery"}')
        assert errors is not None
        assert errors >= 1
        warnings = [
            line
            for line in first.log().splitlines()
            if "Redis at" in line and "unreachable" in line
        ]
        assert len(warnings) == 1, first.log()
