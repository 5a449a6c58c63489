"""A record of posted layers of the day, so a restart or a second scheduler posts once.

A post is first *claimed* (only one poster can hold a claim), then *completed* after the
platform accepted it, or *released* when the platform refused it, so the next run tries
again. A claim lives for a short lease that its owner extends while it is alive: a poster
that died mid-post blocks the others for at most one lease. Each claim carries its owner's
token, so a poster that lost its claim that way can neither complete, extend nor release
the new owner's.

Two stores keep the record: a SQLite file in a state directory (one host, the default), and
Redis (`bot.daily.redis_ledger`, OSI_REDIS_URL) for posters on several hosts.
"""

from __future__ import annotations

import asyncio
import functools
import os
import sqlite3
import time
import uuid
from contextlib import closing
from typing import TYPE_CHECKING, Protocol

from bot.errors import OsiBotError

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

__all__ = ["CLAIM_LEASE_SECONDS", "Ledger", "LedgerUnavailableError", "SqliteLedger"]

# Short, because a dead poster's claim blocks every retry (a CronJob's backoffLimit runs out
# quickly); the owner extends it every third of a lease while it is posting.
CLAIM_LEASE_SECONDS = 30.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS daily_posts (
    platform   TEXT NOT NULL,
    channel    TEXT NOT NULL,
    day        TEXT NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('claimed', 'posted')),
    claimed_at REAL NOT NULL,
    posted_at  REAL,
    message    TEXT,
    owner      TEXT,
    PRIMARY KEY (platform, channel, day)
)
"""


class LedgerUnavailableError(OsiBotError):
    """The record cannot be read or written now (Redis down): post nothing, retry later."""


class Ledger(Protocol):
    """What posting needs from a record of posted days; every store keeps these rules."""

    @property
    def lease_seconds(self) -> float: ...

    async def claim(self, platform: str, channel: str, day: date) -> str | None:
        """Take the right to post: a token, or None when posted or claimed by another."""

    async def extend(self, platform: str, channel: str, day: date, *, token: str) -> bool:
        """Renew the owner's lease; False when the claim is no longer this owner's."""

    async def complete(
        self, platform: str, channel: str, day: date, *, message: str, token: str
    ) -> bool:
        """Record the post as done; False when the claim was no longer this poster's."""

    async def release(self, platform: str, channel: str, day: date, *, token: str) -> None:
        """Forget this poster's claim after a failed post, so the next attempt may post."""

    async def posted(self, platform: str, channel: str, day: date) -> bool: ...


class SqliteLedger:
    """The SQLite file `daily-posts.sqlite3` in a state directory.

    Its calls run in a thread: a busy database must not stall the bot's event loop
    (Discord heartbeats, Slack requests).

    Args:
        clock: seconds since the epoch (tests move it to expire a lease).
    """

    def __init__(
        self,
        state_dir: str,
        *,
        lease_seconds: float = CLAIM_LEASE_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        os.makedirs(state_dir, exist_ok=True)
        self.path = os.path.join(state_dir, "daily-posts.sqlite3")
        self.lease_seconds = lease_seconds
        self._clock = clock
        with closing(self._connect()) as db, db:
            db.execute(_SCHEMA)
            columns = {row[1] for row in db.execute("PRAGMA table_info(daily_posts)")}
            if "owner" not in columns:  # a record written before claims had owners
                db.execute("ALTER TABLE daily_posts ADD COLUMN owner TEXT")

    def _connect(self) -> sqlite3.Connection:
        # Autocommit mode with explicit BEGIN IMMEDIATE: the claim's read and write happen
        # under one write lock, so two schedulers cannot both win it.
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        return db

    async def claim(self, platform: str, channel: str, day: date) -> str | None:
        return await asyncio.to_thread(self._claim, (platform, channel, day.isoformat()))

    async def extend(self, platform: str, channel: str, day: date, *, token: str) -> bool:
        update = (
            "UPDATE daily_posts SET claimed_at = ? WHERE platform = ? AND channel = ?"
            " AND day = ? AND state = 'claimed' AND owner = ?"
        )
        args = (self._clock(), platform, channel, day.isoformat(), token)
        return await asyncio.to_thread(self._changes, update, args) == 1

    async def complete(
        self, platform: str, channel: str, day: date, *, message: str, token: str
    ) -> bool:
        update = (
            "UPDATE daily_posts SET state = 'posted', posted_at = ?, message = ?"
            " WHERE platform = ? AND channel = ? AND day = ? AND owner = ?"
        )
        args = (self._clock(), message, platform, channel, day.isoformat(), token)
        return await asyncio.to_thread(self._changes, update, args) == 1

    async def release(self, platform: str, channel: str, day: date, *, token: str) -> None:
        delete = (
            "DELETE FROM daily_posts WHERE platform = ? AND channel = ? AND day = ?"
            " AND state = 'claimed' AND owner = ?"
        )
        await asyncio.to_thread(self._changes, delete, (platform, channel, day.isoformat(), token))

    async def posted(self, platform: str, channel: str, day: date) -> bool:
        select = (
            "SELECT 1 FROM daily_posts WHERE platform = ? AND channel = ? AND day = ?"
            " AND state = 'posted'"
        )
        find = functools.partial(self._row, select, (platform, channel, day.isoformat()))
        return await asyncio.to_thread(find) is not None

    def _claim(self, key: tuple[str, str, str]) -> str | None:
        now = self._clock()
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                row = db.execute(
                    "SELECT state, claimed_at FROM daily_posts"
                    " WHERE platform = ? AND channel = ? AND day = ?",
                    key,
                ).fetchone()
                if row is not None and (row[0] == "posted" or now - row[1] < self.lease_seconds):
                    db.execute("ROLLBACK")
                    return None
                token = uuid.uuid4().hex
                db.execute(
                    "INSERT OR REPLACE INTO daily_posts (platform, channel, day, state,"
                    " claimed_at, owner) VALUES (?, ?, ?, 'claimed', ?, ?)",
                    (*key, now, token),
                )
                db.execute("COMMIT")
                return token
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def _changes(self, statement: str, args: tuple[object, ...]) -> int:
        with closing(self._connect()) as db:
            return db.execute(statement, args).rowcount

    def _row(self, statement: str, args: tuple[object, ...]) -> tuple[object, ...] | None:
        with closing(self._connect()) as db:
            row: tuple[object, ...] | None = db.execute(statement, args).fetchone()
            return row
