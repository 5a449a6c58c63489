"""Reloading knowledge while running: a valid file swaps in whole, a bad one changes nothing."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
from typing import TYPE_CHECKING

import pytest

from bot.answering import answer
from bot.loading import bundled_knowledge_path, load_knowledge
from bot.ops.knowledge_holder import KnowledgeHolder, install_reload_signal, watch_knowledge

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def knowledge_file(tmp_path: Path) -> Path:
    path = tmp_path / "layers.yaml"
    shutil.copyfile(bundled_knowledge_path(), path)
    return path


def _rename_metallb(path: Path, new_name: str) -> None:
    text = path.read_text("utf-8").replace("name: MetalLB", f"name: {new_name}")
    path.write_text(text, "utf-8")
    stat = os.stat(path)  # make the change visible even within one mtime tick
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def test_valid_edit_is_swapped_in(knowledge_file: Path) -> None:
    holder = KnowledgeHolder(load_knowledge(knowledge_file), str(knowledge_file))
    _rename_metallb(knowledge_file, "MetalLB Next")
    assert holder.changed_on_disk()
    assert holder.reload()
    assert answer(holder.current, "metal lb next").matched == "MetalLB Next"
    assert not holder.changed_on_disk()


def test_broken_edit_keeps_the_old_knowledge(
    knowledge_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    original = load_knowledge(knowledge_file)
    holder = KnowledgeHolder(original, str(knowledge_file))
    knowledge_file.write_text("layers: [\n", "utf-8")
    assert not holder.reload()
    assert holder.current is original
    assert answer(holder.current, "metallb").matched == "MetalLB"
    assert "knowledge reload failed; still answering from the previous file" in caplog.text
    assert "YAML syntax error" in caplog.text


def test_a_file_that_validates_badly_is_not_half_applied(knowledge_file: Path) -> None:
    original = load_knowledge(knowledge_file)
    holder = KnowledgeHolder(original, str(knowledge_file))
    # The first entry is renamed (fine), a later one breaks: nothing may change.
    text = knowledge_file.read_text("utf-8").replace("name: NGINX Ingress", "name: NGINX Next")
    knowledge_file.write_text(text.replace("number: 4\n", "number: 9\n"), "utf-8")
    assert not holder.reload()
    assert holder.current is original
    assert answer(holder.current, "nginx next").matched != "NGINX Next"


async def test_watcher_reloads_a_changed_file(knowledge_file: Path) -> None:
    holder = KnowledgeHolder(load_knowledge(knowledge_file), str(knowledge_file))
    polls = 0

    async def tick(_: float) -> None:
        nonlocal polls
        polls += 1
        if polls == 2:
            _rename_metallb(knowledge_file, "MetalLB Watched")
        if polls == 4:
            raise asyncio.CancelledError

    with pytest.raises(asyncio.CancelledError):
        await watch_knowledge(holder, interval=5, sleep=tick)
    assert holder.current.find("MetalLB Watched") is not None


async def test_sighup_reloads(knowledge_file: Path) -> None:
    holder = KnowledgeHolder(load_knowledge(knowledge_file), str(knowledge_file))
    loop = asyncio.get_running_loop()
    assert install_reload_signal(loop, holder)
    try:
        _rename_metallb(knowledge_file, "MetalLB Hup")
        os.kill(os.getpid(), signal.SIGHUP)
        for _ in range(100):
            if holder.current.find("MetalLB Hup") is not None:
                break
            await asyncio.sleep(0.01)
        assert holder.current.find("MetalLB Hup") is not None
    finally:
        loop.remove_signal_handler(signal.SIGHUP)
