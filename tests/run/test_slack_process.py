"""`python -m bot slack` in HTTP mode, as a process, against the local fake Slack.

SLACK_API_URL points the bot's Web API client at the fake; nothing else differs from
production. One process goes through its whole life, because starting one takes a second:
ready, answering and counted, reloading a changed file, surviving a broken one, and
stopping on SIGTERM only after the reply it was sending has gone out.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import aiohttp
import pytest

from tests.fakes import slack_payloads as payloads
from tests.fakes.knowledge_files import BROKEN, copy_bundled, rename_metallb, rewrite
from tests.fakes.slack import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, FakeSlack
from tests.run.processes import REPOSITORY, STOP_SECONDS, bot_process

if TYPE_CHECKING:
    from pathlib import Path

    from tests.run.processes import BotProcess

RELOADED = 'osi_knowledge_reloads_total{result="success"}'
REJECTED = 'osi_knowledge_reloads_total{result="failure"}'
KEPT_ALIVE = 50


async def _ask(bot: BotProcess, fake_slack: FakeSlack, question: str) -> dict[str, Any]:
    """A signed `/osi question`; its answer is the HTTP response."""
    body = payloads.slash_command(question, fake_slack.response_url())
    headers = payloads.signed_headers(body, payloads.FORM)
    async with bot.session.post(f"{bot.url}/slack/events", data=body, headers=headers) as reply:
        assert reply.status == 200
        answer: dict[str, Any] = await reply.json()
    return answer


async def test_the_http_bot_serves_counts_reloads_and_stops_cleanly(
    fake_slack: FakeSlack, tmp_path: Path, unused_tcp_port: int
) -> None:
    knowledge = copy_bundled(tmp_path / "layers.yaml")
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake_slack.api_url,
        "PORT": str(unused_tcp_port),
        "OSI_KNOWLEDGE": str(knowledge),
        "OSI_KNOWLEDGE_RELOAD_SECONDS": "0.05",
        "OSI_LOG_FORMAT": "json",
        "OSI_LOG_UNKNOWN_QUESTIONS": "true",
    }
    log_path = tmp_path / "bot.log"
    async with bot_process(["-m", "bot", "slack"], env, unused_tcp_port, log_path) as bot:
        await bot.healthy()
        assert [call.method for call in fake_slack.calls] == ["auth.test"]  # via SLACK_API_URL

        assert (await _ask(bot, fake_slack, "metallb"))["text"].startswith(
            "MetalLB works at Layer 4"
        )
        await _ask(bot, fake_slack, "what layer is lunch")
        assert await bot.metric('osi_questions_total{kind="tool",platform="slack"}') == 1
        assert await bot.metric('osi_questions_total{kind="unknown",platform="slack"}') == 1
        assert await bot.metric('osi_unknown_questions_total{platform="slack"}') == 1
        assert await bot.metric('osi_answer_seconds_count{platform="slack"}') == 2

        # The watcher notices the edit: the next answer comes from the new file.
        rename_metallb(knowledge, "MetalLB Next")
        await bot.metric_reaches(RELOADED, 1)
        assert (await _ask(bot, fake_slack, "metallb"))["text"].startswith("MetalLB Next works")

        # A broken file is refused, counted, and changes nothing; SIGHUP tries again.
        rewrite(knowledge, BROKEN)
        await bot.metric_reaches(REJECTED, 1)
        bot.send(signal.SIGHUP)
        await bot.metric_reaches(REJECTED, 2)
        assert (await _ask(bot, fake_slack, "metallb"))["text"].startswith("MetalLB Next works")
        assert bot.process.returncode is None

        # SIGTERM while a reply is on its way: the reply is sent, then the process exits 0.
        release = fake_slack.hold_responses()
        mention = json.dumps(payloads.event_callback(payloads.app_mention("envoy")))
        async with bot.session.post(
            f"{bot.url}/slack/events",
            data=mention,
            headers=payloads.signed_headers(mention, payloads.JSON),
        ) as acknowledged:
            assert acknowledged.status == 200
        await fake_slack.wait_until(lambda: bool(fake_slack.calls_to("chat.postMessage")))
        bot.send(signal.SIGTERM)
        finished, _ = await asyncio.wait({asyncio.create_task(bot.process.wait())}, timeout=0.3)
        assert not finished, "the bot exited with a reply still being sent"
        release.set()
        assert await asyncio.wait_for(bot.process.wait(), timeout=5) == 0

    log = log_path.read_text("utf-8")
    entries = [json.loads(line) for line in log.splitlines()]  # every line is one JSON object
    messages = [entry["message"] for entry in entries]
    assert "unknown question on slack: what layer is lunch" in messages
    assert any("knowledge reload failed" in message for message in messages)
    assert "SIGTERM received: stopping" in messages
    for secret in (BOT_TOKEN, SIGNING_SECRET, payloads.USER):
        assert secret not in log
    # Nothing a user must learn to ignore: Bolt finds no second token in the environment.
    bolt = [entry for entry in entries if entry["logger"] == "bot.adapters.slack.bolt"]
    assert [entry["message"] for entry in bolt if entry["level"] != "INFO"] == []


async def test_socket_mode_serves_health_on_osi_health_port_while_connected(
    fake_slack: FakeSlack, tmp_path: Path, unused_tcp_port: int
) -> None:
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_API_URL": fake_slack.api_url,
        "OSI_HEALTH_PORT": str(unused_tcp_port),
    }
    log_path = tmp_path / "bot.log"
    async with bot_process(["-m", "bot", "slack"], env, unused_tcp_port, log_path) as bot:
        await bot.healthy()
        await fake_slack.socket_connected()
        status, metrics = await bot.get("/metrics")
        assert status == 200
        assert "osi_answer_seconds" in metrics

        # Slack drops the connection and, for now, refuses a new one: not ready.
        fake_slack.fail("apps.connections.open", "internal_error")
        await fake_slack.drop_socket()

        async def unhealthy() -> bool:
            return (await bot.get("/healthz"))[0] == 503

        await bot.eventually(unhealthy, "/healthz stayed 200 without a connection to Slack")
        assert await bot.terminate() == 0
    assert "will be unused" not in log_path.read_text("utf-8")


PASSWORD = "pw-s3cret-9f2c"  # a marker to look for in the output


@pytest.mark.parametrize("command", [["slack"], ["daily", "post", "--platform", "slack"]])
def test_credentials_in_slack_api_url_are_one_line_exit_1_and_never_printed(
    tmp_path: Path, command: list[str]
) -> None:
    """user:password@ in SLACK_API_URL: refused before connecting; the password is not shown."""
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "PORT": "3999",
        "SLACK_DAILY_CHANNEL": "C0DAILY001",
        "OSI_STATE_DIR": str(tmp_path),
        # Nothing listens on port 9: a request that got through would fail, not hang.
        "SLACK_API_URL": f"http://osi:{PASSWORD}@127.0.0.1:9/api/",
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot", *command],
        cwd=REPOSITORY,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("osi-bot: SLACK_API_URL must not contain a user name")
    assert result.stderr.count("\n") == 1
    assert PASSWORD not in result.stdout + result.stderr


async def test_sigterm_answers_every_request_on_kept_alive_connections_and_exits_within_the_bound(
    fake_slack: FakeSlack, tmp_path: Path, unused_tcp_port: int
) -> None:
    """50 requests arriving as SIGTERM does: each gets 200 or 503, none is dropped; a reply
    that never completes holds the process no longer than OSI_SHUTDOWN_SECONDS."""
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake_slack.api_url,
        "PORT": str(unused_tcp_port),
        "OSI_SHUTDOWN_SECONDS": "3",
        "OSI_LOG_FORMAT": "json",
    }
    log_path = tmp_path / "bot.log"
    async with bot_process(["-m", "bot", "slack"], env, unused_tcp_port, log_path) as bot:
        await bot.healthy()
        connector = aiohttp.TCPConnector(limit=KEPT_ALIVE, force_close=False)
        timeout = aiohttp.ClientTimeout(total=STOP_SECONDS)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as clients:

            async def status(path: str, body: str = "", kind: str = payloads.FORM) -> int:
                headers = payloads.signed_headers(body, kind) if body else {}
                method = clients.post if body else clients.get
                async with method(bot.url + path, data=body or None, headers=headers) as reply:
                    await reply.read()
                    return reply.status

            # Open KEPT_ALIVE connections; the pool keeps each for the next request.
            assert set(await asyncio.gather(*[status("/healthz")] * KEPT_ALIVE)) == {200}
            # A reply that Slack never accepts: the bot may not wait for it past the bound.
            fake_slack.hold_responses()
            mention = json.dumps(payloads.event_callback(payloads.app_mention("envoy")))
            assert await status("/slack/events", mention, payloads.JSON) == 200
            await fake_slack.wait_until(lambda: bool(fake_slack.calls_to("chat.postMessage")))

            commands = [
                asyncio.create_task(
                    status("/slack/events", payloads.slash_command(q, fake_slack.response_url()))
                )
                for q in ["envoy", "calico", "layer 4", "what layer is lunch", "cilium"] * 10
            ]
            await asyncio.sleep(0.01)  # some are on their way, some have been answered
            bot.send(signal.SIGTERM)
            statuses = await asyncio.gather(*commands, return_exceptions=True)
            assert [s for s in statuses if s not in {200, 503}] == []
            assert await asyncio.wait_for(bot.process.wait(), 3 + STOP_SECONDS) == 0

    messages = [json.loads(line)["message"] for line in log_path.read_text("utf-8").splitlines()]
    assert "Stopped after 3 s with 1 answers still being sent" in messages


async def _post(bot: BotProcess, body: str, kind: str) -> None:
    headers = payloads.signed_headers(body, kind)
    async with bot.session.post(f"{bot.url}/slack/events", data=body, headers=headers) as reply:
        assert reply.status == 200


@pytest.mark.parametrize("curation", [True, False])
async def test_votes_are_counted_and_kept_for_osi_bot_curation_only_when_turned_on(
    fake_slack: FakeSlack, tmp_path: Path, unused_tcp_port: int, curation: bool
) -> None:
    """The whole loop: an unknown question and a 👎 with a comment, counted in /metrics,
    then reported by `osi-bot curation` from OSI_STATE_DIR; with the log off, no file."""
    state = tmp_path / "state"
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake_slack.api_url,
        "PORT": str(unused_tcp_port),
        "OSI_STATE_DIR": str(state),
        "OSI_CURATION_LOG": str(curation).lower(),
    }
    async with bot_process(["-m", "bot", "slack"], env, unused_tcp_port, tmp_path / "log") as bot:
        await bot.healthy()
        await _ask(bot, fake_slack, "what layer is the frobnicator")
        answer = await _ask(bot, fake_slack, "envoy")
        (actions,) = [
            b
            for b in answer["blocks"]
            if b["type"] == "actions" and b["elements"][0]["action_id"].startswith("osi_vote")
        ]
        value = actions["elements"][1]["value"]
        down = payloads.vote_click(value, fake_slack.response_url("vote"), up=False)
        await _post(bot, payloads.as_form_payload(down), payloads.FORM)
        sample = 'osi_feedback_votes_total{entry="Envoy",outcome="down",platform="slack"}'
        await bot.metric_reaches(sample, 1)
        if curation:
            await fake_slack.wait_until(lambda: bool(fake_slack.calls_to("views.open")))
            view = fake_slack.calls_to("views.open")[0].args["view"]
            typed = payloads.view_submission(view, {"comment": {"comment": "only L7"}})
            await _post(bot, payloads.as_form_payload(typed), payloads.FORM)
        assert await bot.terminate() == 0
    if not curation:
        assert not state.exists()
        return
    report = subprocess.run(
        [sys.executable, "-m", "bot", "curation", "--json"],
        cwd=REPOSITORY,
        env={**os.environ, "OSI_STATE_DIR": str(state)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    data = json.loads(report.stdout)
    assert data["unknown_terms"][0]["term"] == "frobnicator"
    (envoy,) = data["disputed_entries"]
    assert (envoy["entry"], envoy["disputes"], envoy["comments"]) == ("Envoy", 1, ["only L7"])
