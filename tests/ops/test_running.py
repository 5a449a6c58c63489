"""What runs beside a bot: the health server follows the connection, reloads, signals."""

from __future__ import annotations

import asyncio
import signal
import socket
from typing import TYPE_CHECKING

import aiohttp
import pytest

from bot.errors import ConfigError
from bot.loading.load import load_knowledge
from bot.ops.knowledge_holder import KnowledgeHolder
from bot.ops.metrics import Metrics
from bot.ops.running import operating
from bot.ops.settings import OpsSettings
from tests.fakes.knowledge_files import copy_bundled, rename, rename_metallb

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def holder(tmp_path: Path) -> KnowledgeHolder:
    path = copy_bundled(tmp_path / "layers.yaml")
    metrics = Metrics()
    return KnowledgeHolder(load_knowledge(path), str(path), on_reload=metrics.record_reload)


async def _status(session: aiohttp.ClientSession, url: str) -> int:
    async with session.get(url) as response:
        return response.status


async def test_healthz_is_200_only_while_connected_and_not_stopping(
    holder: KnowledgeHolder, unused_tcp_port: int
) -> None:
    connected = False
    settings = OpsSettings(health_port=unused_tcp_port, reload_seconds=0)
    url = f"http://127.0.0.1:{unused_tcp_port}/healthz"
    async with aiohttp.ClientSession() as session:
        async with operating(holder, settings, Metrics(), lambda: connected) as stop:
            assert await _status(session, url) == 503
            connected = True
            assert await _status(session, url) == 200
            connected = False  # a dropped connection
            assert await _status(session, url) == 503
            connected = True
            stop.set()  # SIGTERM: probes see the bot going before it goes
            assert await _status(session, url) == 503
        with pytest.raises(aiohttp.ClientConnectionError):
            await _status(session, url)


async def test_a_health_port_in_use_is_a_sentence_naming_it(holder: KnowledgeHolder) -> None:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))  # noqa: S104 - the health server binds all interfaces too
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ConfigError) as raised:
            async with operating(holder, OpsSettings(health_port=port), Metrics(), lambda: True):
                pass
    assert raised.value.variable == "OSI_HEALTH_PORT"


async def test_the_file_is_watched_only_with_a_positive_interval(
    holder: KnowledgeHolder, tmp_path: Path
) -> None:
    async with operating(holder, OpsSettings(reload_seconds=0.01), Metrics(), lambda: True):
        rename_metallb(tmp_path / "layers.yaml", "MetalLB Watched")
        async with asyncio.timeout(5):
            while holder.get().find("MetalLB Watched") is None:
                await asyncio.sleep(0.01)
    async with operating(holder, OpsSettings(reload_seconds=0), Metrics(), lambda: True):
        rename(tmp_path / "layers.yaml", "MetalLB Watched", "MetalLB Unwatched")
        await asyncio.sleep(0.1)
        assert holder.get().find("MetalLB Unwatched") is None


async def test_signal_handlers_are_installed_inside_and_removed_after(
    holder: KnowledgeHolder,
) -> None:
    loop = asyncio.get_running_loop()
    async with operating(holder, OpsSettings(reload_seconds=0), Metrics(), lambda: True) as stop:
        assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
        assert not stop.is_set()
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        assert not loop.remove_signal_handler(sig), f"{sig.name} still handled"
