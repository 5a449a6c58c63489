"""Reading settings from the environment: the one way to parse a value, a port or a boolean.

Every `XSettings.from_env(environ)` in the project uses these, so a setting left empty
means "not set" everywhere, and a bad value is always one `ConfigError` naming the variable.
"""

from __future__ import annotations

import math
import os
from typing import TYPE_CHECKING

from bot.errors import ConfigError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "HOW_TO_SET",
    "STATE_DIR",
    "not_set",
    "parse_bool",
    "parse_port",
    "parse_seconds",
    "read",
    "state_dir",
    "xdg_dir",
]

# How a person gives the bot a setting, for every "is not set" message and --help.
HOW_TO_SET = (
    "copy .env.example to .env, fill it in and load it with `set -a; . ./.env; set +a` "
    "(Docker: --env-file .env)"
)

# Where the bots keep what must outlive a restart: the daily record, the curation log.
STATE_DIR = "OSI_STATE_DIR"

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


def read(environ: Mapping[str, str], name: str) -> str | None:
    """The variable's value without surrounding spaces; None when unset or empty.

    `NAME=` in a .env file, or a Kubernetes value left blank, means "not set".
    """
    value = environ.get(name, "").strip()
    return value or None


def not_set(name: str, expected: str) -> str:
    """The message for a required setting that is missing: what it should be, how to set it."""
    return f"{name} is not set; it should be {expected}. Export it, or {HOW_TO_SET}."


def parse_bool(name: str, raw: str | None, *, default: bool = False) -> bool:
    """true/false, 1/0, yes/no, on/off in any case; None or empty is `default`."""
    if raw is None:
        return default
    folded = raw.strip().casefold()
    if not folded:
        return default
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise ConfigError(name, f"{name} must be true or false (1/0, yes/no), not {raw!r}.")


def parse_port(name: str, raw: str | None, *, optional: str = "") -> int | None:
    """A TCP port from 1 to 65535; None when `raw` is None.

    Args:
        optional: words added to the error after the range, e.g. " (or empty)".
    """
    if raw is None:
        return None
    if not (raw.isascii() and raw.isdigit() and 1 <= int(raw) <= 65535):
        message = f"{name} must be a port number from 1 to 65535{optional}, not {raw!r}."
        raise ConfigError(name, message)
    return int(raw)


def parse_seconds(name: str, raw: str | None, *, default: float, zero: str = "") -> float:
    """A number of seconds above 0; None is `default`.

    Args:
        zero: what 0 means, e.g. "0 = reload on SIGHUP only"; empty: 0 is refused.
    """
    if raw is None:
        return default
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if math.isfinite(seconds) and (seconds > 0 or (zero and seconds == 0)):
        return seconds
    wanted = f"0 or more ({zero})" if zero else "more than 0"
    raise ConfigError(name, f"{name} must be a number of seconds, {wanted}, not {raw!r}.")


def xdg_dir(environ: Mapping[str, str], variable: str, *fallback: str) -> str:
    """osi-bot's folder in an XDG base directory: $variable, else ~/fallback..., + osi-bot.

    For example `xdg_dir(environ, "XDG_STATE_HOME", ".local", "state")`.
    """
    base = read(environ, variable) or os.path.join(os.path.expanduser("~"), *fallback)
    return os.path.join(base, "osi-bot")


def state_dir(environ: Mapping[str, str]) -> str:
    """OSI_STATE_DIR, else $XDG_STATE_HOME/osi-bot, else ~/.local/state/osi-bot."""
    return read(environ, STATE_DIR) or xdg_dir(environ, "XDG_STATE_HOME", ".local", "state")
