"""A record of posted layers of the day, so a restart or a second scheduler posts once.

A post is first *claimed* (a row only one process can insert), then *completed* after the
platform accepted it, or *released* when the platform refused it, so the next run tries
again. A claim older than its lease belongs to a process that died mid-post and may be
taken over; each claim carries its owner's token, so a poster that lost its claim that way
can neither complete nor release the new owner's.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from contextlib import closing
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

__all__ = ["CLAIM_LEASE_SECONDS", "PostLedger"]

CLAIM_LEASE_SECONDS = 600.0
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


class PostLedger:
    """The SQLite file `daily-posts.sqlite3` in a state directory."""

    def __init__(self, state_dir: str) -> None:
        os.makedirs(state_dir, exist_ok=True)
        self.path = os.path.join(state_dir, "daily-posts.sqlite3")
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

    def claim(self, platform: str, channel: str, day: date, now: float) -> str | None:
        """Take the right to post: the claim's token, or None when it was posted or another
        poster holds it."""
        key = (platform, channel, day.isoformat())
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                row = db.execute(
                    "SELECT state, claimed_at FROM daily_posts"
                    " WHERE platform = ? AND channel = ? AND day = ?",
                    key,
                ).fetchone()
                if row is not None and (row[0] == "posted" or now - row[1] < CLAIM_LEASE_SECONDS):
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

    def complete(
        self, platform: str, channel: str, day: date, *, now: float, message: str, token: str
    ) -> bool:
        """Record the post as done; False when the claim was no longer this poster's."""
        with closing(self._connect()) as db:
            done = db.execute(
                "UPDATE daily_posts SET state = 'posted', posted_at = ?, message = ?"
                " WHERE platform = ? AND channel = ? AND day = ? AND owner = ?",
                (now, message, platform, channel, day.isoformat(), token),
            )
            return done.rowcount == 1

    def release(self, platform: str, channel: str, day: date, *, token: str) -> None:
        """Forget this poster's claim after a failed post, so the next attempt may post."""
        with closing(self._connect()) as db:
            db.execute(
                "DELETE FROM daily_posts WHERE platform = ? AND channel = ? AND day = ?"
                " AND state = 'claimed' AND owner = ?",
                (platform, channel, day.isoformat(), token),
            )

    def posted(self, platform: str, channel: str, day: date) -> bool:
        with closing(self._connect()) as db:
            row = db.execute(
                "SELECT 1 FROM daily_posts WHERE platform = ? AND channel = ? AND day = ?"
                " AND state = 'posted'",
                (platform, channel, day.isoformat()),
            ).fetchone()
        return row is not None
