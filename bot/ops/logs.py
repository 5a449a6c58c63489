"""Logging for the running bots: readable or JSON lines, never a token.

Every record passes a filter that blanks Slack and Discord tokens by their shape and the
exact secrets the bot was configured with, whichever library logged them.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from typing import TYPE_CHECKING, Any

from bot.ops.settings import LogFormat

if TYPE_CHECKING:
    from collections.abc import Iterable

    from bot.ops.platform import Platform
    from bot.ops.settings import OpsSettings

__all__ = ["JsonFormatter", "RedactSecrets", "configure_logging", "log_unknown_question"]

REDACTED = "[redacted]"
_TOKEN_SHAPES = re.compile(
    r"xox[abposre]-[\w-]{8,}"  # Slack bot, user and legacy tokens
    r"|xapp-[\w-]{8,}"  # Slack app-level tokens
    r"|[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,}"  # Discord bot tokens
)
_unknown_log = logging.getLogger("osi.unknown_questions")


class RedactSecrets(logging.Filter):
    """Blanks tokens in a record's message and arguments before any handler sees them."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = sorted((s for s in secrets if s and len(s) >= 8), key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return _TOKEN_SHAPES.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args = self.scrub(message), None
        if record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and the error if any."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["error"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(settings: OpsSettings, secrets: Iterable[str] = ()) -> RedactSecrets:
    """Root logging in `settings`' format (text or JSON lines) and level; returns the filter."""
    handler = logging.StreamHandler(sys.stderr)
    redact = RedactSecrets(secrets)
    handler.addFilter(redact)
    handler.setFormatter(
        JsonFormatter()
        if settings.log_format is LogFormat.JSON
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    # Python warnings would otherwise be bare text between the JSON lines.
    logging.captureWarnings(True)
    return redact


def log_unknown_question(enabled: bool, platform: Platform, question: str) -> None:
    """With OSI_LOG_UNKNOWN_QUESTIONS on: the question's text only, never who asked."""
    if enabled:
        _unknown_log.info("unknown question on %s: %s", platform, question[:200])
