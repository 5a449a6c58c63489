"""Fixtures every test shares: a clean environment and the bundled knowledge, loaded once."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from bot.loading.load import load_knowledge

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge

pytest_plugins = ["tests.fakes.fixtures", "tests.fakes.discord_bot", "tests.fakes.redis_server"]

_OWNED_PREFIXES = ("SLACK_", "DISCORD_", "OSI_", "PORT")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's real tokens or settings (bolt-python does the same)."""
    for name in list(os.environ):
        if name.startswith(_OWNED_PREFIXES):
            monkeypatch.delenv(name)
    # No test writes parsed-knowledge caches into the developer's home directory.
    monkeypatch.setenv("OSI_CACHE_DIR", "")


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load_knowledge()
