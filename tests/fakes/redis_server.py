"""A real `redis-server` on a free loopback port, for the tests of shared state.

Not a fake library: the claims, leases and Lua scripts run on Redis itself. The server keeps
nothing on disk. Without `redis-server` installed the tests that need it are skipped, except
under CI (`CI=true`), where a missing server is a failure: `.ci/run` installs it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import uuid
from typing import TYPE_CHECKING

import pytest

from bot.ops.shared_state import SharedState, SharedStateSettings, open_shared_state

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator
    from pathlib import Path

    from redis.asyncio import Redis

__all__ = ["RedisServer", "raw_client", "redis_server", "shared_state"]

_START_SECONDS = 10.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class RedisServer:
    """One `redis-server` process; `stop()` and `start()` again to play an outage."""

    def __init__(self, directory: Path) -> None:
        executable = shutil.which("redis-server")
        if executable is None:
            message = "redis-server is not installed (Debian: apt-get install redis-server)"
            if os.environ.get("CI", "").lower() == "true":
                pytest.fail(message)
            pytest.skip(message)
        self._executable = executable
        self._directory = directory
        self.port = _free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        arguments = [
            self._executable,
            "--bind", "127.0.0.1",
            "--port", str(self.port),
            "--save", "",
            "--appendonly", "no",
            "--dir", str(self._directory),
            "--protected-mode", "no",
        ]  # fmt: skip
        self._process = subprocess.Popen(
            arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + _START_SECONDS
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=5)
            self._process = None


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """One server for the session; each test keeps to its own key prefix."""
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def own_redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A server for one test alone, which the test may stop and start."""
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_prefix() -> str:
    return f"test-{uuid.uuid4().hex[:12]}:"


@pytest.fixture
async def shared_state(redis_server: RedisServer, redis_prefix: str) -> AsyncIterator[SharedState]:
    """A `SharedState` on the session's server, under a prefix of this test's own."""
    state = open_shared_state(SharedStateSettings(redis_server.url, redis_prefix))
    assert state is not None
    yield state
    await state.close()


def raw_client(url: str) -> Redis:
    """A client of the test's own, to look at or change what the bot stored."""
    from redis.asyncio import Redis  # noqa: PLC0415

    return Redis.from_url(url, decode_responses=True)
