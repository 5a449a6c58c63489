"""Which knowledge file is loaded and where parsed copies are cached, from the environment."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.errors import ConfigError, KnowledgeError
from bot.loading.load import DEFAULT_MAX_BYTES, bundled_knowledge_path
from bot.ops.knowledge_settings import KnowledgeSettings
from tests.fakes.knowledge_files import team_tool

if TYPE_CHECKING:
    from pathlib import Path


def test_explicit_path_beats_the_environment(tmp_path: Path) -> None:
    environ = {"OSI_KNOWLEDGE": str(tmp_path / "from-env.yaml")}
    assert KnowledgeSettings.from_env(environ).path == str(tmp_path / "from-env.yaml")
    explicit = tmp_path / "explicit.yaml"
    assert KnowledgeSettings.from_env(environ, explicit).path == str(explicit)


def test_the_bundled_file_when_nothing_is_set() -> None:
    assert KnowledgeSettings.from_env({}).path == bundled_knowledge_path()
    assert KnowledgeSettings.from_env({"OSI_KNOWLEDGE": ""}).path == bundled_knowledge_path()
    assert KnowledgeSettings.from_env({"OSI_KNOWLEDGE": "  "}).path == bundled_knowledge_path()


def test_cache_directory_from_osi_cache_dir_then_xdg_then_home(tmp_path: Path) -> None:
    xdg = {"XDG_CACHE_HOME": str(tmp_path)}
    assert KnowledgeSettings.from_env({"OSI_CACHE_DIR": "/c", **xdg}).cache_dir == "/c"
    assert KnowledgeSettings.from_env(xdg).cache_dir == str(tmp_path / "osi-bot")
    assert KnowledgeSettings.from_env({}).cache_dir.endswith("/.cache/osi-bot")  # type: ignore[union-attr]


def test_an_empty_osi_cache_dir_turns_caching_off(tmp_path: Path) -> None:
    environ = {"OSI_CACHE_DIR": "", "XDG_CACHE_HOME": str(tmp_path)}
    assert KnowledgeSettings.from_env(environ).cache_dir is None


def test_the_size_cap_from_osi_knowledge_max_bytes() -> None:
    assert KnowledgeSettings.from_env({}).max_bytes == DEFAULT_MAX_BYTES == 1_000_000
    assert KnowledgeSettings.from_env({"OSI_KNOWLEDGE_MAX_BYTES": "2000000"}).max_bytes == 2_000_000


@pytest.mark.parametrize("value", ["0", "-1", "5MB", "1e6", "\uff11\uff12"])
def test_a_bad_size_cap_is_a_sentence_naming_the_variable(value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        KnowledgeSettings.from_env({"OSI_KNOWLEDGE_MAX_BYTES": value})
    assert raised.value.variable == "OSI_KNOWLEDGE_MAX_BYTES"
    assert f"not {value!r}" in str(raised.value)


def test_the_size_cap_applies_to_every_load() -> None:
    small = KnowledgeSettings.from_env({"OSI_KNOWLEDGE_MAX_BYTES": "1000", "OSI_CACHE_DIR": ""})
    with pytest.raises(KnowledgeError, match="larger than the 1,000-byte limit"):
        small.load()


def test_team_overlays_from_osi_knowledge_extra() -> None:
    """Comma-separated, spaces ignored; --knowledge-extra wins, even when empty."""
    assert KnowledgeSettings.from_env({}).extra == ()
    assert KnowledgeSettings.from_env({"OSI_KNOWLEDGE_EXTRA": " "}).extra == ()
    environ = {"OSI_KNOWLEDGE_EXTRA": "team.yaml, /etc/osi-bot/knowledge ,,"}
    assert KnowledgeSettings.from_env(environ).extra == ("team.yaml", "/etc/osi-bot/knowledge")
    assert KnowledgeSettings.from_env(environ, None, "mine.yaml").extra == ("mine.yaml",)
    assert KnowledgeSettings.from_env(environ, None, "").extra == ()


def test_load_merges_the_overlays(tmp_path: Path) -> None:
    overlay = tmp_path / "team.yaml"
    overlay.write_text(team_tool("Frobnitz"), "utf-8")
    files = KnowledgeSettings.from_env({"OSI_KNOWLEDGE_EXTRA": str(overlay), "OSI_CACHE_DIR": ""})
    frobnitz = files.load().find("Frobnitz")
    assert frobnitz is not None
    assert frobnitz.origin.team
