"""How the HTTP server treats slow clients, and how long stopping may take, from the environment.

A bad value is one `ConfigError` naming the variable, raised before anything connects.
OSI_SHUTDOWN_SECONDS must stay below the pod's `terminationGracePeriodSeconds` minus its
`preStop` pause, or Kubernetes kills the bot while replies are still being sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.ops.env import parse_seconds, read

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "DEFAULT_BODY_SECONDS",
    "DEFAULT_IDLE_SECONDS",
    "DEFAULT_SHUTDOWN_SECONDS",
    "HTTP_BODY_SECONDS",
    "HTTP_IDLE_SECONDS",
    "SHUTDOWN_SECONDS",
    "ServerSettings",
]

HTTP_IDLE_SECONDS = "OSI_HTTP_IDLE_SECONDS"
HTTP_BODY_SECONDS = "OSI_HTTP_BODY_SECONDS"
SHUTDOWN_SECONDS = "OSI_SHUTDOWN_SECONDS"
# Slack's requests come whole within milliseconds; a client this slow is not Slack.
DEFAULT_IDLE_SECONDS = 15.0
DEFAULT_BODY_SECONDS = 10.0
# 5 s of preStop + 20 s fit the manifest's terminationGracePeriodSeconds of 30.
DEFAULT_SHUTDOWN_SECONDS = 20.0


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """Deadlines for a client's request line, headers and body, and for the whole shutdown."""

    # From a connection's opening, or its previous response, to a complete request head:
    # idle keep-alive connections and slow headers alike are closed after this.
    idle_seconds: float = DEFAULT_IDLE_SECONDS
    # From a complete head to a complete body: a slower body gets 408.
    body_seconds: float = DEFAULT_BODY_SECONDS
    # From SIGTERM to exit: requests answered or refused, replies in progress sent.
    shutdown_seconds: float = DEFAULT_SHUTDOWN_SECONDS

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> ServerSettings:
        """Read and check every setting; raise `ConfigError` for the first bad one."""
        return cls(
            idle_seconds=parse_seconds(
                HTTP_IDLE_SECONDS, read(environ, HTTP_IDLE_SECONDS), default=DEFAULT_IDLE_SECONDS
            ),
            body_seconds=parse_seconds(
                HTTP_BODY_SECONDS, read(environ, HTTP_BODY_SECONDS), default=DEFAULT_BODY_SECONDS
            ),
            shutdown_seconds=parse_seconds(
                SHUTDOWN_SECONDS, read(environ, SHUTDOWN_SECONDS), default=DEFAULT_SHUTDOWN_SECONDS
            ),
        )
