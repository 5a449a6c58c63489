"""The operations settings both bots share, read from the environment by the entry point.

A bad value is one `ConfigError` naming the variable, raised before anything connects.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from bot.errors import ConfigError
from bot.ops.env import parse_bool, parse_port, parse_seconds, read

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "HEALTH_PORT",
    "LOG_FORMAT",
    "LOG_LEVEL",
    "LOG_UNKNOWN_QUESTIONS",
    "RELOAD_SECONDS",
    "RELOAD_TIMEOUT",
    "LogFormat",
    "OpsSettings",
]

HEALTH_PORT = "OSI_HEALTH_PORT"
LOG_FORMAT = "OSI_LOG_FORMAT"
LOG_LEVEL = "OSI_LOG_LEVEL"
LOG_UNKNOWN_QUESTIONS = "OSI_LOG_UNKNOWN_QUESTIONS"
RELOAD_SECONDS = "OSI_KNOWLEDGE_RELOAD_SECONDS"
DEFAULT_RELOAD_SECONDS = 5.0
RELOAD_TIMEOUT = "OSI_KNOWLEDGE_RELOAD_TIMEOUT"
# Several times the worst file the size cap lets through (~5 s), so only a stuck disk or a
# starved machine meets it.
DEFAULT_RELOAD_TIMEOUT = 30.0
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class LogFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class OpsSettings:
    """Where to serve health checks, how and what to log, how often to look for new knowledge."""

    health_port: int | None = None  # None: no health server of its own
    log_unknown_questions: bool = False
    reload_seconds: float = DEFAULT_RELOAD_SECONDS  # 0: reload on SIGHUP only
    reload_timeout: float = DEFAULT_RELOAD_TIMEOUT  # a reload still loading then is dropped
    log_format: LogFormat = LogFormat.TEXT
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> OpsSettings:
        """Read and check every setting; raise `ConfigError` for the first bad one."""
        return cls(
            health_port=parse_port(HEALTH_PORT, read(environ, HEALTH_PORT), optional=" (or empty)"),
            log_unknown_questions=parse_bool(
                LOG_UNKNOWN_QUESTIONS, read(environ, LOG_UNKNOWN_QUESTIONS)
            ),
            reload_seconds=_reload_seconds(read(environ, RELOAD_SECONDS)),
            reload_timeout=_reload_timeout(read(environ, RELOAD_TIMEOUT)),
            log_format=_log_format(read(environ, LOG_FORMAT)),
            log_level=_log_level(read(environ, LOG_LEVEL)),
        )


def _reload_seconds(raw: str | None) -> float:
    return parse_seconds(
        RELOAD_SECONDS, raw, default=DEFAULT_RELOAD_SECONDS, zero="0 = reload on SIGHUP only"
    )


def _reload_timeout(raw: str | None) -> float:
    return parse_seconds(RELOAD_TIMEOUT, raw, default=DEFAULT_RELOAD_TIMEOUT)


def _log_format(raw: str | None) -> LogFormat:
    folded = (raw or LogFormat.TEXT).casefold()
    if folded not in LogFormat.__members__.values():
        raise ConfigError(LOG_FORMAT, f"{LOG_FORMAT} must be text or json, not {folded!r}.")
    return LogFormat(folded)


def _log_level(raw: str | None) -> str:
    level = (raw or "INFO").upper()
    if level not in LOG_LEVELS:
        message = f"{LOG_LEVEL} must be one of {', '.join(LOG_LEVELS)}, not {level!r}."
        raise ConfigError(LOG_LEVEL, message)
    return level
