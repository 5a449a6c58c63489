"""Benchmark: signed `/osi` requests against the Slack HTTP server, beside a bare Bolt app.

    python benchmarks/slack_http.py [--requests 3000] [--concurrency 32] [--rounds 3]

Three processes on loopback, started by this script: a fake Slack (Web API and
`response_url` sink), osi-bot's HTTP server, and a bare Bolt app that acknowledges with a
constant string on the same server stack (AsyncApp, same middleware, same aiohttp
application). A load generator sends the same signed slash commands to each, round by
round, and prints requests per second, p50/p99 latency, the server's CPU time per
request and its RSS.

osi-bot answers a slash command in its acknowledgement, so both servers do all their work
for a request before its response: the difference is the answer (the core) and its Block
Kit rendering. The ratio is osi-bot's requests per second over the bare app's; the target
is at least 0.8.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
from aiohttp import web

SECRET = "0123456789abcdef0123456789abcdef"  # noqa: S105 - a dummy, on loopback only
TOKEN = "xoxb-1111-2222-benchmarktoken"  # noqa: S105 - a dummy, on loopback only
TARGET_RATIO = 0.8
_ROOT = Path(__file__).resolve().parent.parent

# -- the three servers (each runs in its own process) -----------------------------------------


def _serve_sink(port: int) -> None:
    """A fake Slack: auth.test for Bolt's first request, and a response_url sink."""

    async def auth_test(_: web.Request) -> web.Response:
        return web.json_response(
            {"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1", "user": "osi"}
        )

    async def respond(request: web.Request) -> web.Response:
        await request.read()
        return web.Response(text="ok")

    async def health(_: web.Request) -> web.Response:
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/api/auth.test", auth_test)
    app.router.add_post("/respond", respond)
    app.router.add_get("/healthz", health)
    web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None)


def _serve_app(role: str, port: int, api_url: str) -> None:
    import logging  # noqa: PLC0415 - the server processes only

    from bot.adapters.slack.app import SlackBot, build_bot  # noqa: PLC0415
    from bot.adapters.slack.clients import ResponseUrlClient, web_client  # noqa: PLC0415
    from bot.adapters.slack.server import build_web_app  # noqa: PLC0415
    from bot.loading.load import load_knowledge  # noqa: PLC0415
    from bot.ops.in_flight import InFlight  # noqa: PLC0415

    logging.basicConfig(level=logging.WARNING)
    knowledge = load_knowledge()

    async def make_app() -> web.Application:
        session = aiohttp.ClientSession()

        async def close_session(_: web.Application) -> None:
            await session.close()

        client = web_client(TOKEN, session=session, base_url=api_url)
        if role == "bot":
            bot = build_bot(
                knowledge,
                client=client,
                signing_secret=SECRET,
                responses=ResponseUrlClient(session),
            )
        else:
            from slack_bolt.async_app import AsyncApp  # noqa: PLC0415

            bare = AsyncApp(client=client, signing_secret=SECRET, process_before_response=True)

            @bare.command("/osi")
            async def constant(ack):  # type: ignore[no-untyped-def]
                await ack("ok")

            bot = SlackBot(app=bare, background=InFlight(), signing_secret=SECRET)
        web_app = build_web_app(bot, is_ready=lambda: True)
        web_app.on_cleanup.append(close_session)
        return web_app

    web.run_app(make_app(), host="127.0.0.1", port=port, access_log=None, print=None)


# -- the load generator --------------------------------------------------------------------------


@dataclass
class Result:
    name: str
    rps: float
    p50_ms: float
    p99_ms: float
    cpu_us: float  # the server process's CPU time per request
    rss_mb: float


def _signed(body: str) -> dict[str, str]:
    stamp = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={digest}",
    }


def _requests(count: int, sink: str, tag: str) -> list[tuple[str, dict[str, str]]]:
    questions = ("envoy", "what layer is metallb?", "is calico layer 2?", "layer 4", "proxy")
    prepared = []
    for i in range(count):
        body = urlencode(
            {
                "team_id": "T1",
                "channel_id": "C1",
                "user_id": "U1",
                "command": "/osi",
                "text": questions[i % len(questions)],
                "response_url": f"{sink}/respond",
                "trigger_id": f"{tag}.{i}",
            }
        )
        prepared.append((body, _signed(body)))
    return prepared


async def _load(
    session: aiohttp.ClientSession,
    url: str,
    requests: list[tuple[str, dict[str, str]]],
    concurrency: int,
    expect: bytes,
) -> list[float]:
    latencies: list[float] = []
    queue = iter(requests)

    async def worker() -> None:
        for body, headers in queue:
            started = time.perf_counter()
            async with session.post(url, data=body, headers=headers) as response:
                reply = await response.read()
                if response.status != 200 or expect not in reply:
                    raise RuntimeError(f"HTTP {response.status} {reply[:80]!r} from {url}")
            latencies.append(time.perf_counter() - started)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass(frozen=True)
class Server:
    name: str
    port: int
    pid: int


async def _round(server: Server, sink: str, args: argparse.Namespace, tag: str) -> Result:
    """Send the signed commands and wait for every response."""
    name, pid = server.name, server.pid
    url = f"http://127.0.0.1:{server.port}/slack/events"
    requests = _requests(args.requests, sink, tag)
    connector = aiohttp.TCPConnector(limit=args.concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        cpu_before = _cpu_seconds(pid)
        started = time.perf_counter()
        expect = b'"blocks"' if name == "osi-bot" else b"ok"  # a real answer, or the constant
        latencies = await _load(session, url, requests, args.concurrency, expect)
        elapsed = time.perf_counter() - started
        cpu = _cpu_seconds(pid) - cpu_before
    latencies.sort()
    return Result(
        name,
        rps=args.requests / elapsed,
        p50_ms=latencies[len(latencies) // 2] * 1000,
        p99_ms=latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        cpu_us=cpu / args.requests * 1e6,
        rss_mb=_rss_mb(pid),
    )


async def _wait_up(url: str) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(300):
            try:
                async with session.get(url) as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(0.05)
    raise RuntimeError(f"{url} did not come up")


def _free_port() -> int:
    import socket  # noqa: PLC0415

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _spawn(*role_args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(_ROOT)}
    return subprocess.Popen([sys.executable, __file__, *role_args], env=env)


async def _benchmark(args: argparse.Namespace) -> list[tuple[Result, Result]]:
    sink_port, bot_port, bare_port = _free_port(), _free_port(), _free_port()
    sink = f"http://127.0.0.1:{sink_port}"
    processes = [_spawn("--role", "sink", "--port", str(sink_port))]
    try:
        await _wait_up(f"{sink}/healthz")
        api = f"{sink}/api/"
        processes.append(_spawn("--role", "bot", "--port", str(bot_port), "--api-url", api))
        processes.append(_spawn("--role", "bare", "--port", str(bare_port), "--api-url", api))
        await _wait_up(f"http://127.0.0.1:{bot_port}/healthz")
        await _wait_up(f"http://127.0.0.1:{bare_port}/healthz")
        warm = argparse.Namespace(**{**vars(args), "requests": args.warmup})
        bot = Server("osi-bot", bot_port, processes[1].pid)
        bare = Server("bare", bare_port, processes[2].pid)
        await _round(bot, sink, warm, "warm-bot")
        await _round(bare, sink, warm, "warm-bare")
        rounds = []
        for n in range(args.rounds):  # alternate, so drift in the machine hits both alike
            bare_result = await _round(bare, sink, args, f"bare{n}")
            bot_result = await _round(bot, sink, args, f"bot{n}")
            rounds.append((bot_result, bare_result))
        return rounds
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)


def _report(rounds: list[tuple[Result, Result]], args: argparse.Namespace) -> float:
    print(
        f"Signed /osi requests on loopback: {args.requests} per round, "
        f"{args.concurrency} concurrent, {len(rounds)} rounds (median shown)"
    )
    print(f"{'server':<34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'CPU µs':>8} {'RSS MB':>8}")
    for index, label in ((1, "bare Bolt app (constant ack)"), (0, "osi-bot (answer in the ack)")):
        results = [pair[index] for pair in rounds]
        print(
            f"{label:<34} {statistics.median(r.rps for r in results):>8.0f} "
            f"{statistics.median(r.p50_ms for r in results):>8.2f} "
            f"{statistics.median(r.p99_ms for r in results):>8.2f} "
            f"{statistics.median(r.cpu_us for r in results):>8.0f} "
            f"{results[-1].rss_mb:>8.1f}"
        )
    ratio = statistics.median(bot.rps / bare.rps for bot, bare in rounds)
    verdict = "meets" if ratio >= TARGET_RATIO else "misses"
    print(f"throughput ratio osi-bot / bare: {ratio:.2f} ({verdict} the {TARGET_RATIO} target)")
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000, help="requests per round")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--role", choices=["sink", "bot", "bare"], help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--api-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role == "sink":
        _serve_sink(args.port)
        return 0
    if args.role in {"bot", "bare"}:
        _serve_app(args.role, args.port, args.api_url)
        return 0
    _report(asyncio.run(_benchmark(args)), args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
