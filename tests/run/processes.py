"""The real bot as a child process: started, probed over HTTP, signalled, always killed.

Every wait is bounded, the log goes to a file (a full pipe would stall the bot), and the
process is killed in teardown whatever happened, so a failing test never leaves one behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import aiohttp

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable, Mapping

REPOSITORY = Path(__file__).resolve().parents[2]
START_SECONDS = 20.0  # importing Slack's or Discord's library is slow on a busy CI machine
STOP_SECONDS = 5.0


@dataclass
class BotProcess:
    """A running `osi-bot` and the port it serves /healthz and /metrics on."""

    process: asyncio.subprocess.Process
    port: int
    log_path: Path
    session: aiohttp.ClientSession

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text("utf-8", errors="replace")

    async def get(self, path: str) -> tuple[int, str]:
        async with self.session.get(self.url + path) as response:
            return response.status, await response.text()

    async def eventually(self, condition: Callable[[], Awaitable[bool]], what: str) -> None:
        """Poll until `condition()` holds; fail with the bot's log if it never does."""
        try:
            async with asyncio.timeout(START_SECONDS):
                while not await condition():
                    if self.process.returncode is not None:
                        raise AssertionError(f"the bot exited ({self.process.returncode})")
                    await asyncio.sleep(0.05)
        except (TimeoutError, AssertionError) as error:
            raise AssertionError(f"{what}: {error!r}\n--- bot log ---\n{self.log()}") from None

    async def healthy(self) -> None:
        async def answers_200() -> bool:
            try:
                return (await self.get("/healthz"))[0] == 200
            except aiohttp.ClientConnectionError:
                return False  # not listening yet

        await self.eventually(answers_200, "GET /healthz never answered 200")

    async def metric(self, sample: str) -> float | None:
        """The value of one sample line of /metrics, e.g. `osi_questions_total{...}`."""
        _, text = await self.get("/metrics")
        found = re.search(rf"^{re.escape(sample)} (\S+)$", text, re.MULTILINE)
        return float(found[1]) if found else None

    async def metric_reaches(self, sample: str, value: float) -> None:
        async def reached() -> bool:
            return await self.metric(sample) == value

        await self.eventually(reached, f"{sample} never reached {value}")

    def send(self, sig: signal.Signals) -> None:
        self.process.send_signal(sig)

    async def terminate(self) -> int:
        """SIGTERM, as Kubernetes sends it; the exit status, which must come quickly."""
        self.send(signal.SIGTERM)
        return await asyncio.wait_for(self.process.wait(), STOP_SECONDS)


@contextlib.asynccontextmanager
async def bot_process(
    args: list[str], env: Mapping[str, str], port: int, log_path: Path
) -> AsyncIterator[BotProcess]:
    """Start `python args...` from the repository with exactly `env` added to ours."""
    with log_path.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *args,
            cwd=REPOSITORY,
            env={**os.environ, **env},
            stdin=asyncio.subprocess.DEVNULL,
            stdout=log,
            stderr=log,
        )
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
            yield BotProcess(process, port, log_path, session)
    finally:
        if process.returncode is None:
            process.kill()
            await asyncio.wait_for(process.wait(), STOP_SECONDS)
