"""Every test of a composition root ends with no task of its bot still running."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_leaked_tasks(no_leaked_tasks: None) -> None:
    """See `tests.fakes.discord_bot.no_leaked_tasks`."""
