"""Reloading knowledge while running: a valid file swaps in whole, a bad one changes nothing."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from typing import TYPE_CHECKING

import pytest

from bot.core.answering import answer
from bot.core.knowledge import as_source
from bot.loading.load import load_knowledge
from bot.ops.knowledge_holder import (
    KnowledgeHolder,
    install_reload_signal,
    watch_knowledge,
)
from bot.ops.knowledge_settings import KnowledgeSettings
from tests.fakes.knowledge_files import copy_bundled, rewrite, team_tool
from tests.fakes.knowledge_files import rename_metallb as _rename_metallb

if TYPE_CHECKING:
    from pathlib import Path

    from bot.core.knowledge import Knowledge


@pytest.fixture
def knowledge_file(tmp_path: Path) -> Path:
    return copy_bundled(tmp_path / "layers.yaml")


async def test_valid_edit_is_swapped_in(knowledge_file: Path) -> None:
    holder = KnowledgeHolder(load_knowledge(knowledge_file), str(knowledge_file))
    _rename_metallb(knowledge_file, "MetalLB Next")
    assert holder.changed_on_disk()
    assert await holder.reload()
    assert answer(holder.current, "metal lb next").matched == "MetalLB Next"
    assert not holder.changed_on_disk()


async def test_broken_edit_keeps_the_old_knowledge(
    knowledge_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    original = load_knowledge(knowledge_file)
    holder = KnowledgeHolder(original, str(knowledge_file))
    knowledge_file.write_text("layers: [\n", "utf-8")
    assert not await holder.reload()
    assert holder.current is original
    assert answer(holder.current, "metallb").matched == "MetalLB"
    assert "knowledge reload failed; still answering from the previous file" in caplog.text
    assert "YAML syntax error" in caplog.text


async def test_a_file_that_validates_badly_is_not_half_applied(knowledge_file: Path) -> None:
    original = load_knowledge(knowledge_file)
    holder = KnowledgeHolder(original, str(knowledge_file))
    # The first entry is renamed (fine), a later one breaks: nothing may change.
    text = knowledge_file.read_text("utf-8").replace("name: NGINX Ingress", "name: NGINX Next")
    knowledge_file.write_text(text.replace("number: 4\n", "number: 9\n"), "utf-8")
    assert not await holder.reload()
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
        # The handler runs on the loop's next turn; a generous deadline keeps a busy CI
        # machine from failing a correct reload.
        deadline = loop.time() + 5
        while holder.current.find("MetalLB Hup") is None and loop.time() < deadline:
            await asyncio.sleep(0.01)
        assert holder.current.find("MetalLB Hup") is not None
    finally:
        loop.remove_signal_handler(signal.SIGHUP)


async def test_every_reload_is_reported_with_its_result(knowledge_file: Path) -> None:
    results: list[bool] = []
    holder = KnowledgeHolder(
        load_knowledge(knowledge_file), str(knowledge_file), on_reload=results.append
    )
    _rename_metallb(knowledge_file, "MetalLB Next")
    await holder.reload()
    knowledge_file.write_text("layers: [\n", "utf-8")
    await holder.reload()
    assert results == [True, False]


async def test_a_crash_while_loading_keeps_the_old_knowledge(knowledge_file: Path) -> None:
    """Not only a bad file: no failure in a reload may take the serving bot down."""

    def crash(_: str) -> Knowledge:
        raise RuntimeError("a bug in the loader")

    original = load_knowledge(knowledge_file)
    holder = KnowledgeHolder(original, str(knowledge_file), load=crash)
    assert not await holder.reload()
    assert holder.get() is original


async def test_a_source_is_either_a_fixed_knowledge_or_the_holders_current_one(
    knowledge_file: Path,
) -> None:
    original = load_knowledge(knowledge_file)
    holder = KnowledgeHolder(original, str(knowledge_file))
    fixed, live = as_source(original), as_source(holder.get)
    _rename_metallb(knowledge_file, "MetalLB Next")
    await holder.reload()
    assert fixed() is original
    assert live() is holder.current is not original


class _BlockingLoad:
    """A load that waits, in its worker thread, until the test releases it.

    The wait is bounded, so code that ran the load on the event loop (which the test then
    never gets to release) fails instead of hanging.
    """

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.finished = threading.Event()
        self.threads: list[threading.Thread] = []

    def __call__(self, path: str) -> Knowledge:
        self.threads.append(threading.current_thread())
        self.started.set()
        try:
            if not self.release.wait(timeout=10):
                raise RuntimeError("never released: the load blocked the event loop")
            return load_knowledge(path)
        finally:
            self.finished.set()


async def test_answers_go_on_from_the_old_knowledge_while_a_reload_loads(
    knowledge_file: Path,
) -> None:
    """The reload runs off the event loop, and swaps in the whole new knowledge at once."""
    original = load_knowledge(knowledge_file)
    slow = _BlockingLoad()
    holder = KnowledgeHolder(original, str(knowledge_file), load=slow)
    _rename_metallb(knowledge_file, "MetalLB Next")
    reload = asyncio.create_task(holder.reload())
    assert await asyncio.to_thread(slow.started.wait, 10)
    # The loop is free while the new file loads: these answers run now, from the old file.
    seen = set()
    for _ in range(20):
        seen.add(id(holder.get()))
        assert answer(holder.get(), "metallb").matched == "MetalLB"
        await asyncio.sleep(0)
    assert not reload.done()
    assert slow.threads[0] is not threading.main_thread()
    assert slow.threads[0].daemon  # a parse in progress never holds up SIGTERM
    slow.release.set()
    assert await reload
    assert seen == {id(original)}
    assert answer(holder.get(), "metallb").matched == "MetalLB Next"


async def test_a_reload_that_outlives_its_timeout_keeps_the_old_knowledge(
    knowledge_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Its late result is dropped, and no second load starts beside it meanwhile."""
    original = load_knowledge(knowledge_file)
    slow = _BlockingLoad()
    results: list[bool] = []
    holder = KnowledgeHolder(
        original, str(knowledge_file), load=slow, on_reload=results.append, timeout=0.01
    )
    _rename_metallb(knowledge_file, "MetalLB Late")
    assert not await holder.reload()
    assert "knowledge reload gave up after 0.01 s; still answering from the previous file" in (
        caplog.text
    )
    assert not await holder.reload()  # the first load still holds the worker
    assert "knowledge reload skipped: the previous one is still loading" in caplog.text
    slow.release.set()
    assert await asyncio.to_thread(slow.finished.wait, 10)
    for _ in range(5):  # let the worker's result reach the loop, where it is dropped
        await asyncio.sleep(0)
    assert holder.get() is original
    assert results == [False]
    assert len(slow.threads) == 1


async def test_a_failed_reload_is_one_log_line(
    knowledge_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    holder = KnowledgeHolder(load_knowledge(knowledge_file), str(knowledge_file))
    text = knowledge_file.read_text("utf-8")
    knowledge_file.write_text(text.replace("summary:", "summery:", 5), "utf-8")
    assert not await holder.reload()
    (record,) = [r for r in caplog.records if r.name == "bot.ops.knowledge_holder"]
    assert "\n" not in record.getMessage()
    assert record.getMessage().endswith(" more)")


def _with_overlays(knowledge_file: Path, *extra: Path) -> KnowledgeHolder:
    files = KnowledgeSettings(str(knowledge_file), extra=tuple(map(str, extra)))
    return KnowledgeHolder(files.load(), files.path, files.load, extra=files.extra)


async def test_an_edited_overlay_is_noticed_and_swapped_in(
    knowledge_file: Path, tmp_path: Path
) -> None:
    overlay = tmp_path / "team.yaml"
    overlay.write_text(team_tool("Frobnitz"), "utf-8")
    holder = _with_overlays(knowledge_file, overlay)
    assert answer(holder.current, "frobnitz").matched == "Frobnitz"
    assert not holder.changed_on_disk()
    rewrite(overlay, team_tool("Frobnitz Next"))
    assert holder.changed_on_disk()
    assert await holder.reload()
    assert answer(holder.current, "frobnitz next").matched == "Frobnitz Next"
    assert answer(holder.current, "metallb").matched == "MetalLB"  # the main file's still


async def test_a_file_added_to_an_overlay_directory_is_noticed(
    knowledge_file: Path, tmp_path: Path
) -> None:
    teams = tmp_path / "teams"
    teams.mkdir()  # empty: no overlay yet
    holder = _with_overlays(knowledge_file, teams)
    assert holder.current.find("Frobnitz") is None
    (teams / "tools.yaml").write_text(team_tool("Frobnitz"), "utf-8")
    assert holder.changed_on_disk()
    assert await holder.reload()
    assert answer(holder.current, "frobnitz").matched == "Frobnitz"
    (teams / "tools.yaml").unlink()
    assert holder.changed_on_disk()
    assert await holder.reload()
    assert holder.current.find("Frobnitz") is None


async def test_a_broken_overlay_keeps_the_previous_knowledge_and_logs_one_line(
    knowledge_file: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    overlay = tmp_path / "team.yaml"
    overlay.write_text(team_tool("Frobnitz"), "utf-8")
    holder = _with_overlays(knowledge_file, overlay)
    before = holder.current
    rewrite(overlay, team_tool("Calico", layer=3))  # a bundled name without `replaces`
    assert holder.changed_on_disk()
    assert not await holder.reload()
    assert holder.current is before
    assert answer(holder.current, "frobnitz").matched == "Frobnitz"
    (record,) = [r for r in caplog.records if r.name == "bot.ops.knowledge_holder"]
    message = record.getMessage()
    assert "\n" not in message
    assert message.startswith(
        f"knowledge reload failed; still answering from the previous file: {overlay}: "
        "3:5: entries[0] (Calico): 'Calico' is already the name of entries["
    )
    assert not holder.changed_on_disk()  # reported once, not at every poll
