"""The knowledge cache: a hit is the same knowledge; an edit, or new code, loads afresh."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import pytest

from bot.errors import KnowledgeError
from bot.loading import load as load_module
from bot.loading import parse_cache
from bot.loading.load import bundled_knowledge_path, load_knowledge

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources parsed from now on, one item per YAML parse."""
    calls: list[str] = []
    real_parse = load_module._parse

    def counting(text: str, source: str) -> object:
        calls.append(source)
        return real_parse(text, source)

    monkeypatch.setattr(load_module, "_parse", counting)
    return calls


@pytest.fixture
def knowledge_file(tmp_path: Path) -> Path:
    copy = tmp_path / "layers.yaml"
    shutil.copyfile(bundled_knowledge_path(), copy)
    return copy


def test_second_load_comes_from_the_cache(
    cache_dir: Path, knowledge_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_knowledge(knowledge_file, cache_dir=str(cache_dir))
    assert len(list(cache_dir.iterdir())) == 1

    def no_parsing(text: str, source: str) -> object:
        raise AssertionError("parsed again despite a valid cache entry")

    monkeypatch.setattr("bot.loading.load._parse", no_parsing)
    second = load_knowledge(knowledge_file, cache_dir=str(cache_dir))
    assert [e.name for e in second.entries] == [e.name for e in first.entries]


def test_an_edited_file_is_parsed_again(cache_dir: Path, knowledge_file: Path) -> None:
    load_knowledge(knowledge_file, cache_dir=str(cache_dir))
    text = knowledge_file.read_text("utf-8").replace("name: MetalLB", "name: MetalLB Pro")
    knowledge_file.write_text(text, "utf-8")
    assert load_knowledge(knowledge_file, cache_dir=str(cache_dir)).find("MetalLB Pro") is not None


def test_a_same_length_edit_in_the_same_instant_is_parsed_again(
    cache_dir: Path, knowledge_file: Path
) -> None:
    """Size and mtime can both stay the same; the text itself decides."""
    load_knowledge(knowledge_file, cache_dir=str(cache_dir))
    before = os.stat(knowledge_file)
    text = knowledge_file.read_text("utf-8").replace("name: MetalLB", "name: MetalXB")
    knowledge_file.write_text(text, "utf-8")
    os.utime(knowledge_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(knowledge_file).st_size == before.st_size
    assert load_knowledge(knowledge_file, cache_dir=str(cache_dir)).find("MetalXB") is not None


def test_an_edit_that_breaks_the_file_is_reported(cache_dir: Path, knowledge_file: Path) -> None:
    load_knowledge(knowledge_file, cache_dir=str(cache_dir))
    knowledge_file.write_text("layers: [\n", "utf-8")
    with pytest.raises(KnowledgeError, match="YAML syntax error"):
        load_knowledge(knowledge_file, cache_dir=str(cache_dir))


def test_a_corrupt_cache_entry_is_ignored(cache_dir: Path, knowledge_file: Path) -> None:
    load_knowledge(knowledge_file, cache_dir=str(cache_dir))
    (entry,) = cache_dir.iterdir()
    entry.write_bytes(b"\x00garbage")
    assert load_knowledge(knowledge_file, cache_dir=str(cache_dir)).find("Envoy") is not None


def test_an_unwritable_cache_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, knowledge_file: Path
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", "utf-8")
    unwritable = str(blocker / "cache")
    assert load_knowledge(knowledge_file, cache_dir=unwritable).find("Envoy") is not None


def test_no_cache_directory_parses_every_time(knowledge_file: Path, parses: list[str]) -> None:
    load_knowledge(knowledge_file)
    load_knowledge(knowledge_file)
    assert len(parses) == 2


def test_entries_of_deleted_files_are_pruned_when_an_entry_is_written(
    tmp_path: Path, cache_dir: Path, knowledge_file: Path
) -> None:
    """A deleted file's entry goes; a file that still exists keeps its entry."""
    gone = tmp_path / "gone.yaml"
    kept = tmp_path / "kept.yaml"
    for path in (gone, kept):
        shutil.copyfile(knowledge_file, path)
        load_knowledge(path, cache_dir=str(cache_dir))
    assert len(list(cache_dir.iterdir())) == 2
    gone.unlink()
    other = (cache_dir / "not-ours.txt", cache_dir / "knowledge-123.pickle.1.tmp")
    for path in other:
        path.write_text("", "utf-8")
    load_knowledge(knowledge_file, cache_dir=str(cache_dir))  # a miss: writes, then prunes
    remaining = set(cache_dir.iterdir())
    assert {_entry_source(e) for e in remaining if e.suffix == ".pickle"} == {
        str(kept),
        str(knowledge_file),
    }
    assert set(other) <= remaining  # not ours; and a fresh temporary may be a writer at work


def test_corrupt_entries_and_abandoned_temporaries_are_pruned(
    cache_dir: Path, knowledge_file: Path
) -> None:
    cache_dir.mkdir()
    corrupt = cache_dir / "knowledge-0badc0de.pickle"
    corrupt.write_bytes(b"\x00garbage")
    abandoned = cache_dir / "knowledge-0badc0de.pickle.999.tmp"
    abandoned.write_bytes(b"half")
    day_ago = time.time() - 86_400
    os.utime(abandoned, (day_ago, day_ago))
    load_knowledge(knowledge_file, cache_dir=str(cache_dir))
    assert not corrupt.exists()
    assert not abandoned.exists()
    assert len(list(cache_dir.iterdir())) == 1


def _entry_source(entry: Path) -> str:
    with entry.open("rb") as file:
        return str(pickle.load(file)[0][1][0])  # noqa: S301 - the test's own cache


def test_a_change_to_the_loading_code_loads_afresh(
    cache_dir: Path, knowledge_file: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str]
) -> None:
    """The cache is keyed by the code too: a new validation rule is never skipped."""
    load_knowledge(knowledge_file, cache_dir=str(cache_dir))
    load_knowledge(knowledge_file, cache_dir=str(cache_dir))
    assert len(parses) == 1  # same text, same code: the second load is a hit
    fingerprint = parse_cache._code_fingerprint()
    monkeypatch.setattr(parse_cache, "_code_fingerprint", lambda: (*fingerprint, ("x.py", 1, 1)))
    load_knowledge(knowledge_file, cache_dir=str(cache_dir))
    assert parses == [str(knowledge_file)] * 2


def test_a_cached_answer_needs_no_yaml_at_all(tmp_path: Path) -> None:
    """The start-up this cache is for: the second `osi-bot ask` never imports PyYAML, nor
    the validation it would not run."""
    code = (
        "import sys, io, contextlib; from bot.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()): main(['ask', 'metallb'])\n"
        "print('yaml' in sys.modules or 'bot.loading.validation' in sys.modules)"
    )
    env = {**os.environ, "OSI_CACHE_DIR": str(tmp_path / "cache")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["True", "False"]  # the first run parses; the second is served


def test_the_overlays_are_part_of_the_key(
    tmp_path: Path, cache_dir: Path, knowledge_file: Path, parses: list[str]
) -> None:
    """An edited overlay is parsed again; the same overlays are a hit; the file alone, or
    with other overlays, is cached apart and never served the merged knowledge."""
    overlay = tmp_path / "team.yaml"
    overlay.write_text(_OVERLAY.format(name="Frobnitz"), "utf-8")
    cache = str(cache_dir)
    merged = load_knowledge(knowledge_file, extra=[str(overlay)], cache_dir=cache)
    again = load_knowledge(knowledge_file, extra=[str(overlay)], cache_dir=cache)
    assert [e.name for e in again.entries] == [e.name for e in merged.entries]
    assert parses == [str(knowledge_file), str(overlay)]  # the second load was a hit
    alone = load_knowledge(knowledge_file, cache_dir=cache)
    assert alone.find("Frobnitz") is None
    overlay.write_text(_OVERLAY.format(name="Frobnitz Next"), "utf-8")
    edited = load_knowledge(knowledge_file, extra=[str(overlay)], cache_dir=cache)
    assert edited.find("Frobnitz Next") is not None
    assert parses.count(str(overlay)) == 2
    assert len(list(cache_dir.glob("*.pickle"))) == 2  # with and without the overlay


def test_an_entry_whose_overlay_is_gone_is_pruned(
    tmp_path: Path, cache_dir: Path, knowledge_file: Path
) -> None:
    overlay = tmp_path / "team.yaml"
    overlay.write_text(_OVERLAY.format(name="Frobnitz"), "utf-8")
    load_knowledge(knowledge_file, extra=[str(overlay)], cache_dir=str(cache_dir))
    overlay.unlink()
    knowledge_file.write_text(knowledge_file.read_text("utf-8") + "\n", "utf-8")
    load_knowledge(knowledge_file, cache_dir=str(cache_dir))  # a miss: writes, then prunes
    assert len(list(cache_dir.glob("*.pickle"))) == 1


_OVERLAY = """\
entries:
  - name: {name}
    kind: tool
    summary: Connects services across clusters.
    layers:
      7: Routes HTTP between clusters.
"""
