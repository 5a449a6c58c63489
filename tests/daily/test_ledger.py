"""The record of posted layers: a post is claimed once, completed, or released for a retry."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from bot.daily.ledger import CLAIM_LEASE_SECONDS, PostLedger

if TYPE_CHECKING:
    from pathlib import Path

DAY = date(2026, 11, 26)


def test_only_one_claim_wins(tmp_path: Path) -> None:
    first, second = PostLedger(str(tmp_path)), PostLedger(str(tmp_path))
    assert first.claim("slack", "C1", DAY, now=100.0)
    assert not second.claim("slack", "C1", DAY, now=101.0)


def test_completed_post_survives_a_restart(tmp_path: Path) -> None:
    ledger = PostLedger(str(tmp_path))
    token = ledger.claim("slack", "C1", DAY, now=100.0)
    assert token is not None
    assert ledger.complete("slack", "C1", DAY, now=101.0, message="1700000000.0001", token=token)
    restarted = PostLedger(str(tmp_path))
    assert restarted.posted("slack", "C1", DAY)
    assert not restarted.claim("slack", "C1", DAY, now=100_000.0)


def test_released_claim_can_be_retried(tmp_path: Path) -> None:
    ledger = PostLedger(str(tmp_path))
    token = ledger.claim("discord", "42", DAY, now=100.0)
    assert token is not None
    ledger.release("discord", "42", DAY, token=token)
    assert not ledger.posted("discord", "42", DAY)
    assert ledger.claim("discord", "42", DAY, now=101.0)


def test_a_dead_posters_claim_expires(tmp_path: Path) -> None:
    ledger = PostLedger(str(tmp_path))
    assert ledger.claim("slack", "C1", DAY, now=100.0)
    assert not ledger.claim("slack", "C1", DAY, now=100.0 + CLAIM_LEASE_SECONDS - 1)
    assert ledger.claim("slack", "C1", DAY, now=100.0 + CLAIM_LEASE_SECONDS + 1)


def test_a_poster_that_lost_its_claim_cannot_finish_or_drop_it(tmp_path: Path) -> None:
    """A slow poster whose lease ran out must not mark, or delete, the new owner's claim."""
    ledger = PostLedger(str(tmp_path))
    slow = ledger.claim("slack", "C1", DAY, now=100.0)
    fresh = ledger.claim("slack", "C1", DAY, now=100.0 + CLAIM_LEASE_SECONDS + 1)
    assert slow is not None
    assert fresh is not None
    assert slow != fresh
    assert not ledger.complete("slack", "C1", DAY, now=900.0, message="late", token=slow)
    ledger.release("slack", "C1", DAY, token=slow)
    assert not ledger.claim("slack", "C1", DAY, now=901.0)  # still the new owner's
    assert ledger.complete("slack", "C1", DAY, now=902.0, message="ok", token=fresh)
    assert ledger.posted("slack", "C1", DAY)


def test_keys_are_platform_channel_and_day(tmp_path: Path) -> None:
    ledger = PostLedger(str(tmp_path))
    assert ledger.claim("slack", "C1", DAY, now=1.0)
    assert ledger.claim("slack", "C2", DAY, now=1.0)
    assert ledger.claim("discord", "C1", DAY, now=1.0)
    assert ledger.claim("slack", "C1", date(2026, 11, 27), now=1.0)
