"""The operations settings both bots share, read from the environment by the entry point.

OSI_LOG_FORMAT and OSI_LOG_LEVEL are checked by `configure_logging`, which applies them;
the rest is here. A bad value is one `ConfigError` naming the variable, before connecting.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.daily.schedule import parse_bool
from bot.errors import ConfigError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["HEALTH_PORT", "LOG_UNKNOWN_QUESTIONS", "RELOAD_SECONDS", "OpsSettings"]

HEALTH_PORT = "OSI_HEALTH_PORT"
LOG_UNKNOWN_QUESTIONS = "OSI_LOG_UNKNOWN_QUESTIONS"
RELOAD_SECONDS = "OSI_KNOWLEDGE_RELOAD_SECONDS"
DEFAULT_RELOAD_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class OpsSettings:
    """Where to serve health checks, what to log, and how often to look for new knowledge."""

    health_port: int | None = None  # None: no health server of its own
    log_unknown_questions: bool = False
    reload_seconds: float = DEFAULT_RELOAD_SECONDS  # 0: reload on SIGHUP only

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> OpsSettings:
        """Read and check every setting; raise `ConfigError` for the first bad one."""
        return cls(
            health_port=_health_port(env.get(HEALTH_PORT, "").strip()),
            log_unknown_questions=parse_bool(
                LOG_UNKNOWN_QUESTIONS, env.get(LOG_UNKNOWN_QUESTIONS, "false")
            ),
            reload_seconds=_reload_seconds(env.get(RELOAD_SECONDS, "").strip()),
        )


def _health_port(raw: str) -> int | None:
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit() and 1 <= int(raw) <= 65535):
        message = f"{HEALTH_PORT} must be a port number from 1 to 65535 (or empty), not {raw!r}."
        raise ConfigError(HEALTH_PORT, message)
    return int(raw)


def _reload_seconds(raw: str) -> float:
    if not raw:
        return DEFAULT_RELOAD_SECONDS
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds >= 0):
        message = (
            f"{RELOAD_SECONDS} must be a number of seconds, 0 or more "
            f"(0 = reload on SIGHUP only), not {raw!r}."
        )
        raise ConfigError(RELOAD_SECONDS, message)
    return seconds
