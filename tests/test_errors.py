"""The one-line descriptions of failures that reach a person."""

from __future__ import annotations

import pytest

from bot.errors import describe_failure


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (TimeoutError(), "timed out"),  # aiohttp's timeouts say nothing themselves
        (ConnectionRefusedError("Connect call failed"), "Connect call failed"),
        (OSError(), "OSError"),
    ],
)
def test_a_failure_is_described_in_a_few_words(error: BaseException, expected: str) -> None:
    assert describe_failure(error) == expected
