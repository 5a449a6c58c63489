"""The Slack adapter's settings, read from the environment by the entry point only.

A missing or malformed setting is one `ConfigError` naming the variable, raised before
anything connects to Slack. Secrets never appear in `repr`, so they cannot leak into a log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bot.errors import ConfigError
from bot.ops.env import not_set, parse_port, read

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["DEFAULT_PORT", "SECRET_VARIABLES", "SlackSettings"]

DEFAULT_PORT = 3000
ENV_BOT = "SLACK_BOT_TOKEN"
ENV_APP = "SLACK_APP_TOKEN"
ENV_SIGNING = "SLACK_SIGNING_SECRET"
ENV_PORT = "PORT"
ENV_API_URL = "SLACK_API_URL"
# The variables holding secrets: the entry point removes them from the environment once read.
SECRET_VARIABLES = (ENV_BOT, ENV_APP, ENV_SIGNING)

_KEY_CHARS = r"[A-Za-z0-9-]{10,}"
_BOT_TOKEN = re.compile(rf"xoxb-{_KEY_CHARS}")
_APP_TOKEN = re.compile(rf"xapp-{_KEY_CHARS}")
# Slack shows signing secrets as 32 hex digits; accept any hex string of a sane length.
_TOKEN_KIND = re.compile(r"x[a-z]{2,4}-")
_SIGNING_SECRET = re.compile(r"[0-9a-fA-F]{16,128}")
_BOT_TOKEN_EXPECTED = "the Bot User OAuth Token (xoxb-…) from OAuth & Permissions"  # noqa: S105


def _check(name: str, value: str | None, pattern: re.Pattern[str], expected: str) -> str:
    if value is None:
        raise ConfigError(name, not_set(name, expected))
    if not pattern.fullmatch(value):
        # Naming the token kind (never the token) points at the usual mix-up.
        kind = _TOKEN_KIND.match(value)
        seen = f" (this one starts with {kind.group()!r})" if kind else ""
        raise ConfigError(name, f"{name} is malformed{seen}; it should be {expected}.")
    return value


def _api_url(raw: str | None) -> str | None:
    """The Web API's base URL (GovSlack, a proxy), ending in '/' as slack_sdk joins onto it.

    A URL that carries a user name or password is refused without being repeated: it would
    clash with the bot token's Authorization header, and a message must not print a secret.
    """
    if raw is None:
        return None
    try:
        parts = urlsplit(raw)
        port_ok = parts.port != 0  # reading the port checks it is a number up to 65535
    except ValueError:  # an unclosed [IPv6] address, a port that is no number or too big
        parts, port_ok = None, False
    if "@" in (raw if parts is None else parts.netloc):
        message = (
            f"{ENV_API_URL} must not contain a user name or password (user:password@); "
            "the Web API takes only the bot token."
        )
        raise ConfigError(ENV_API_URL, message)
    if (
        parts is None
        or not port_ok
        or parts.scheme not in {"https", "http"}
        or not parts.hostname
        or parts.query
        or parts.fragment
    ):
        # An '@' may follow a password even where it is no user part; then quote nothing.
        shown = "" if "@" in raw else f", not {raw!r}"
        message = (
            f"{ENV_API_URL} must be the base URL of Slack's Web API, like "
            f"https://slack.com/api/ (or empty for that){shown}."
        )
        raise ConfigError(ENV_API_URL, message)
    return raw if raw.endswith("/") else raw + "/"


@dataclass(frozen=True, slots=True)
class SlackSettings:
    """How to reach Slack: Socket Mode when `app_token` is set, else HTTP on `port`."""

    bot_token: str = field(repr=False)
    app_token: str | None = field(default=None, repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    port: int = DEFAULT_PORT
    api_url: str | None = None  # None: Slack's own, https://slack.com/api/

    @property
    def socket_mode(self) -> bool:
        return self.app_token is not None

    @property
    def secrets(self) -> tuple[str, ...]:
        """Every token and secret set, for the log filter to blank wherever they appear."""
        return tuple(s for s in (self.bot_token, self.app_token, self.signing_secret) if s)

    @classmethod
    def posting_from_env(cls, environ: Mapping[str, str]) -> SlackSettings:
        """The bot token and API address alone, checked: all posting the layer of the day needs."""
        bot_token = _check(ENV_BOT, read(environ, ENV_BOT), _BOT_TOKEN, _BOT_TOKEN_EXPECTED)
        return cls(bot_token, api_url=_api_url(read(environ, ENV_API_URL)))

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> SlackSettings:
        """Read and check every setting; raise `ConfigError` for the first bad one."""
        posting = cls.posting_from_env(environ)
        bot_token, api_url = posting.bot_token, posting.api_url
        app_token = read(environ, ENV_APP)
        if app_token is not None:
            expected = "an app-level token (xapp-…) with the connections:write scope"
            app_token = _check(ENV_APP, app_token, _APP_TOKEN, expected)
            return cls(bot_token, app_token=app_token, api_url=api_url)
        signing_secret = _check(
            ENV_SIGNING,
            read(environ, ENV_SIGNING),
            _SIGNING_SECRET,
            "the Signing Secret from Basic Information (or set SLACK_APP_TOKEN for Socket Mode)",
        )
        port = parse_port(ENV_PORT, read(environ, ENV_PORT)) or DEFAULT_PORT
        return cls(bot_token, signing_secret=signing_secret, port=port, api_url=api_url)
