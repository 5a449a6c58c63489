"""Which knowledge file is loaded and where parsed copies are cached, from the environment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.loading.load import bundled_knowledge_path
from bot.ops.knowledge_settings import KnowledgeSettings

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
