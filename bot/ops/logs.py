"""Logging for the running bots: readable or JSON lines, never a token, never a forged line.

Every record passes a filter that blanks Slack and Discord tokens by their shape and the
exact secrets the bot was configured with, whichever library logged them. Messages often
quote what a stranger sent, so neither format lets one start a line of its own: JSON
escapes line breaks, and the text format escapes them in the message and indents every
further line of a traceback, so only a real record begins at the start of a line.
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

__all__ = [
    "JsonFormatter",
    "RedactSecrets",
    "TextFormatter",
    "configure_logging",
    "log_unknown_question",
]

REDACTED = "[redacted]"
_TOKEN_SHAPES = re.compile(
    r"xox[abposre]-[\w-]{8,}"  # Slack bot, user and legacy tokens
    r"|xapp-[\w-]{8,}"  # Slack app-level tokens
    r"|[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,}"  # Discord bot tokens
)
_unknown_log = logging.getLogger("osi.unknown_questions")
# Line breaks (the ones str.splitlines knows, which some log viewers honour too) and other
# control characters, such as the escape that starts a terminal colour sequence.
_CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")
_SHOWN = {"\n": "\\n", "\r": "\\r"}
_JSON_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
_TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def _shown(control: re.Match[str]) -> str:
    code = ord(control[0])
    return _SHOWN.get(control[0]) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def _escaped(text: str) -> str:
    return _CONTROLS.sub(_shown, text)


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
        # json.dumps escapes control characters, but leaves these three line breaks as they
        # are (ensure_ascii=False), and a reader that splits on them would cut the line.
        return json.dumps(entry, ensure_ascii=False).translate(_JSON_BREAKS)


class TextFormatter(logging.Formatter):
    """Readable lines: the message on one line, a traceback's lines indented below it."""

    def __init__(self) -> None:
        super().__init__(_TEXT_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        record.message = record.getMessage()
        record.asctime = self.formatTime(record, self.datefmt)
        text = _escaped(self.formatMessage(record))
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)  # cached, as logging does
        for block in (record.exc_text, record.stack_info and self.formatStack(record.stack_info)):
            if block:
                text += "".join("\n    " + _escaped(line) for line in block.split("\n"))
        return text


def configure_logging(settings: OpsSettings, secrets: Iterable[str] = ()) -> RedactSecrets:
    """Root logging in `settings`' format (text or JSON lines) and level; returns the filter."""
    handler = logging.StreamHandler(sys.stderr)
    redact = RedactSecrets(secrets)
    handler.addFilter(redact)
    handler.setFormatter(
        JsonFormatter() if settings.log_format is LogFormat.JSON else TextFormatter()
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
