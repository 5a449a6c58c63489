"""The curation log: what people disputed and what the bot could not place, for `osi-bot
curation` to turn into a to-do list for the knowledge file.

Kept only with OSI_CURATION_LOG=true (off by default), in the same store as the daily
record: the SQLite file `curation.sqlite3` in OSI_STATE_DIR, or Redis when OSI_REDIS_URL is
set. A record holds the question (mentions removed), the answer given, the entry and a
comment, never a user ID or name. Both stores keep the newest `MAX_RECORDS`.

Writing must never hold up an answer or a vote: a failed write is one warning and the
record is dropped.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sqlite3
import time
from contextlib import closing
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple, Protocol

from bot.errors import ConfigError
from bot.ops.env import STATE_DIR, parse_bool, read, state_dir

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from bot.ops.shared_state import SharedState

__all__ = [
    "CURATION_FILE",
    "CURATION_LOG",
    "MAX_RECORDS",
    "CurationLog",
    "CurationRecord",
    "CurationSettings",
    "RecordKind",
    "RedisCurationLog",
    "SqliteCurationLog",
    "open_curation_log",
]

CURATION_LOG = "OSI_CURATION_LOG"
CURATION_FILE = "curation.sqlite3"
MAX_RECORDS = 50_000
_LONGEST_TEXT = 1_000

_log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS curation (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       REAL NOT NULL,
    kind     TEXT NOT NULL,
    platform TEXT NOT NULL,
    subject  TEXT NOT NULL,
    question TEXT NOT NULL,
    answer   TEXT,
    comment  TEXT
)
"""


class CurationSettings(NamedTuple):
    """OSI_CURATION_LOG (keep the log or not) and where: OSI_STATE_DIR."""

    enabled: bool
    state_dir: str

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> CurationSettings:
        return cls(parse_bool(CURATION_LOG, read(environ, CURATION_LOG)), state_dir(environ))

    @property
    def path(self) -> str:
        return os.path.join(self.state_dir, CURATION_FILE)


class RecordKind(StrEnum):
    UNKNOWN = "unknown"  # a question the bot could not place; `subject` is the term
    DOWN = "down"  # a 👎 on an answer; `subject` is its entry
    RETRACTED = "retracted"  # that 👎 changed to 👍
    COMMENT = "comment"  # "what was wrong?", answered


class CurationRecord(NamedTuple):
    kind: RecordKind
    platform: str
    subject: str
    question: str
    answer: str | None = None
    comment: str | None = None
    at: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {k: v for k, v in self._asdict().items() if v is not None}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> CurationRecord | None:
        try:
            return cls(
                RecordKind(str(data["kind"])),
                str(data["platform"]),
                str(data["subject"]),
                str(data["question"]),
                _optional(data.get("answer")),
                _optional(data.get("comment")),
                float(str(data.get("at", 0.0))),
            )
        except (KeyError, ValueError):
            return None

    def trimmed(self, at: float) -> CurationRecord:
        """The record as stored: stamped, every text cut to a sane length."""
        return self._replace(
            subject=self.subject[:_LONGEST_TEXT],
            question=self.question[:_LONGEST_TEXT],
            answer=self.answer[:_LONGEST_TEXT] if self.answer else self.answer,
            comment=self.comment[:_LONGEST_TEXT] if self.comment else self.comment,
            at=at,
        )


def _optional(value: object) -> str | None:
    return None if value is None else str(value)


class CurationLog(Protocol):
    async def add(self, record: CurationRecord) -> None:
        """Keep `record`; a failure is logged, never raised."""

    async def records(self) -> list[CurationRecord]:
        """Everything kept, oldest first."""


class SqliteCurationLog:
    """`curation.sqlite3` in a state directory; calls run in a thread, off the event loop."""

    def __init__(
        self, directory: str, *, create: bool = True, clock: Callable[[], float] = time.time
    ) -> None:
        self.path = os.path.join(directory, CURATION_FILE)
        self._clock = clock
        if create:
            os.makedirs(directory, exist_ok=True)
            with closing(self._connect()) as db, db:
                db.execute(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        return db

    async def add(self, record: CurationRecord) -> None:
        try:
            await asyncio.to_thread(self._add, record.trimmed(self._clock()))
        except (OSError, sqlite3.Error) as error:
            _log.warning("Could not keep a curation record in %s (%s)", self.path, error)

    def _add(self, r: CurationRecord) -> None:
        with closing(self._connect()) as db:
            db.execute(
                "INSERT INTO curation (at, kind, platform, subject, question, answer, comment)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (r.at, r.kind.value, r.platform, r.subject, r.question, r.answer, r.comment),
            )
            db.execute(
                "DELETE FROM curation WHERE id <= (SELECT MAX(id) FROM curation) - ?",
                (MAX_RECORDS,),
            )

    async def records(self) -> list[CurationRecord]:
        """Raises `ConfigError` naming OSI_STATE_DIR when the file cannot be read."""
        try:
            return await asyncio.to_thread(self._records)
        except (OSError, sqlite3.Error) as error:
            message = f"Cannot read the curation log {self.path!r} ({error})."
            raise ConfigError(STATE_DIR, message) from None

    def _records(self) -> list[CurationRecord]:
        if not os.path.exists(self.path):
            return []
        uri = f"file:{self.path}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True, timeout=10)) as db:
            rows = db.execute(
                "SELECT kind, platform, subject, question, answer, comment, at"
                " FROM curation ORDER BY id"
            ).fetchall()
        columns = ("kind", "platform", "subject", "question", "answer", "comment", "at")
        found = (CurationRecord.from_dict(dict(zip(columns, row, strict=True))) for row in rows)
        return [record for record in found if record is not None]


class RedisCurationLog:
    """A Redis list every replica appends to, trimmed to the newest `MAX_RECORDS`."""

    def __init__(self, state: SharedState, *, clock: Callable[[], float] = time.time) -> None:
        self._state = state
        self._clock = clock
        self._key = state.key("curation")

    async def add(self, record: CurationRecord) -> None:
        from redis.exceptions import RedisError  # noqa: PLC0415 - loaded with the client

        entry = json.dumps(record.trimmed(self._clock()).as_dict(), ensure_ascii=False)
        try:
            async with self._state.client.pipeline(transaction=True) as pipe:
                pipe.rpush(self._key, entry)
                pipe.ltrim(self._key, -MAX_RECORDS, -1)
                await pipe.execute()
        except (RedisError, OSError, TimeoutError) as error:
            self._state.failed("curation", error)
            return
        self._state.answered()

    async def records(self) -> list[CurationRecord]:
        """Raises `ConfigError` naming OSI_REDIS_URL when Redis cannot be read."""
        from redis.exceptions import RedisError  # noqa: PLC0415

        try:
            raw = await self._state.client.lrange(self._key, 0, -1)
        except (RedisError, OSError, TimeoutError) as error:
            reason = str(error).rstrip(".")
            message = f"Cannot read the curation log from Redis at {self._state.where} ({reason})."
            raise ConfigError("OSI_REDIS_URL", message) from None
        found = (_parse(str(line)) for line in raw)
        return [record for record in found if record is not None]


def _parse(line: str) -> CurationRecord | None:
    try:
        data = json.loads(line)
    except ValueError:
        return None
    return CurationRecord.from_dict(data) if isinstance(data, dict) else None


def open_curation_log(
    settings: CurationSettings, shared: SharedState | None = None
) -> CurationLog | None:
    """Where the bots keep the log: None unless OSI_CURATION_LOG is on; Redis when shared.

    Raises:
        ConfigError: the state directory is unusable.
    """
    if not settings.enabled:
        return None
    if shared is not None:
        return RedisCurationLog(shared)
    try:
        return SqliteCurationLog(settings.state_dir)
    except (OSError, sqlite3.Error) as error:
        raise ConfigError(
            STATE_DIR,
            f"Cannot keep the curation log in {settings.state_dir!r} ({error}); "
            f"set {STATE_DIR} to a writable directory, or {CURATION_LOG}=false.",
        ) from None
