"""The Discord adapter's settings, read from the environment by the entry point only."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.errors import ConfigError
from bot.ops.env import not_set, read

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["AUTO_SHARDS", "DiscordSettings"]

TOKEN = "DISCORD_TOKEN"  # noqa: S105 - the variable's name, not a secret
GUILD_ID = "DISCORD_GUILD_ID"
SHARD_COUNT = "DISCORD_SHARD_COUNT"
SHARD_IDS = "DISCORD_SHARD_IDS"

AUTO_SHARDS = "auto"

# A bot token is three base64url parts joined by dots; checking the shape catches a pasted
# client secret, a public key or a "Bot " prefix before Discord answers with a bare 401.
_TOKEN_SHAPE = re.compile(r"[\w-]+\.[\w-]+\.[\w-]+")
_SNOWFLAKE = re.compile(r"[1-9][0-9]{5,19}")
_SHARD_RANGE = re.compile(r"([0-9]+)(?:-([0-9]+))?")


@dataclass(frozen=True, slots=True)
class DiscordSettings:
    """How to connect: the token, where to sync `/osi` instantly, and how to shard."""

    token: str = field(repr=False)  # never in logs or tracebacks
    guild_id: int | None = None
    shard_count: int | str | None = None  # an int, AUTO_SHARDS, or None for one unsharded client
    shard_ids: tuple[int, ...] | None = None

    @property
    def sharded(self) -> bool:
        return self.shard_count is not None

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> DiscordSettings:
        """Read and check every `DISCORD_*` setting; a bad one is a `ConfigError` naming it."""
        count = _shard_count(read(environ, SHARD_COUNT) or "")
        return cls(
            token=_token(read(environ, TOKEN) or ""),
            guild_id=_guild_id(read(environ, GUILD_ID) or ""),
            shard_count=count,
            shard_ids=_shard_ids(read(environ, SHARD_IDS) or "", count),
        )

    @classmethod
    def posting_from_env(cls, environ: Mapping[str, str]) -> DiscordSettings:
        """DISCORD_TOKEN alone, checked: all that posting the layer of the day over REST needs."""
        return cls(token=_token(read(environ, TOKEN) or ""))


def _token(value: str) -> str:
    if not value:
        expected = "the bot token from your application's Bot page in the Developer Portal"
        raise ConfigError(TOKEN, not_set(TOKEN, expected))
    if value.casefold().startswith("bot "):
        raise ConfigError(TOKEN, f"{TOKEN} must be the token alone, without the 'Bot ' prefix.")
    if not _TOKEN_SHAPE.fullmatch(value):
        raise ConfigError(
            TOKEN,
            f"{TOKEN} does not look like a bot token (three parts joined by dots); "
            "copy it again from your application's Bot page.",
        )
    return value


def _guild_id(value: str) -> int | None:
    if not value:
        return None
    if not _SNOWFLAKE.fullmatch(value):
        raise ConfigError(
            GUILD_ID,
            f"{GUILD_ID} must be a server ID (a number like 123456789012345678), not {value!r}.",
        )
    return int(value)


def _shard_count(value: str) -> int | str | None:
    if not value:
        return None
    if value.casefold() == AUTO_SHARDS:
        return AUTO_SHARDS
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise ConfigError(
            SHARD_COUNT,
            f"{SHARD_COUNT} must be a whole number of shards of at least 1, or 'auto'; "
            f"got {value!r}.",
        )
    return int(value)


def _shard_ids(value: str, count: int | str | None) -> tuple[int, ...] | None:
    if not value:
        return None
    if not isinstance(count, int):
        raise ConfigError(
            SHARD_IDS,
            f"{SHARD_IDS} needs {SHARD_COUNT} set to the total number of shards "
            "across all processes.",
        )
    ids: list[int] = []
    for part in value.split(","):
        match = _SHARD_RANGE.fullmatch(part.strip())
        if match is None:
            raise ConfigError(
                SHARD_IDS,
                f"{SHARD_IDS} must list shard numbers like '0,1' or '0-3'; got {value!r}.",
            )
        first = int(match[1])
        last = int(match[2]) if match[2] else first
        ids.extend(range(first, last + 1))
    if not ids or any(shard >= count for shard in ids) or len(set(ids)) != len(ids):
        raise ConfigError(
            SHARD_IDS,
            f"{SHARD_IDS} must name distinct shards from 0 to {count - 1} "
            f"({SHARD_COUNT} is {count}); got {value!r}.",
        )
    return tuple(ids)
