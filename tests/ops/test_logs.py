"""Logs: JSON lines on request, tokens never written, bad settings rejected."""

from __future__ import annotations

import json
import logging
import re
import warnings
from typing import TYPE_CHECKING

import pytest

from bot.errors import ConfigError
from bot.ops.logs import configure_logging, log_unknown_question
from bot.ops.platform import Platform
from bot.ops.settings import LogFormat, OpsSettings

if TYPE_CHECKING:
    from collections.abc import Iterator

SLACK_TOKEN = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx"
DISCORD_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB"
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


@pytest.fixture(autouse=True)
def _restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    logging.captureWarnings(False)  # a clean start, whatever ran before
    yield
    logging.captureWarnings(False)
    root.handlers[:] = handlers
    root.setLevel(level)


JSON_LINES = OpsSettings(log_format=LogFormat.JSON)


def test_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(JSON_LINES)
    logging.getLogger("bot.test").warning("hello %s", "world")
    line = capsys.readouterr().err.strip().splitlines()[-1]
    entry = json.loads(line)
    assert (entry["level"], entry["logger"], entry["message"]) == (
        "WARNING",
        "bot.test",
        "hello world",
    )
    assert entry["time"].endswith("Z")


def test_tokens_are_never_logged(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(JSON_LINES, secrets=[SIGNING_SECRET])
    log = logging.getLogger("slack_sdk.somewhere")
    log.info("Authorization: Bearer %s", SLACK_TOKEN)
    log.info("connecting with %s and app token xapp-1-A0123-456-abcdef0123", DISCORD_TOKEN)
    log.info("signing secret is %s", SIGNING_SECRET)
    try:
        raise RuntimeError(f"rejected {SLACK_TOKEN}")
    except RuntimeError:
        log.exception("request failed")
    output = capsys.readouterr().err
    for secret in (SLACK_TOKEN, DISCORD_TOKEN, SIGNING_SECRET, "xapp-1-A0123"):
        assert secret not in output
    assert output.count("[redacted]") >= 5


def test_unknown_questions_are_logged_only_when_asked(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="osi.unknown_questions")
    log_unknown_question(False, Platform.SLACK, "what layer is lunch")
    assert "lunch" not in caplog.text
    log_unknown_question(True, Platform.SLACK, "what layer is lunch")
    assert "unknown question on slack: what layer is lunch" in caplog.text


@pytest.mark.parametrize(
    ("env", "variable"),
    [({"OSI_LOG_FORMAT": "xml"}, "OSI_LOG_FORMAT"), ({"OSI_LOG_LEVEL": "LOUD"}, "OSI_LOG_LEVEL")],
)
def test_bad_log_settings(env: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError) as caught:
        OpsSettings.from_env(env)
    assert caught.value.variable == variable


def test_python_warnings_become_log_lines_too(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(JSON_LINES)
    warnings.warn_explicit("old API", UserWarning, "lib.py", 1)
    (line,) = capsys.readouterr().err.strip().splitlines()
    entry = json.loads(line)
    assert (entry["level"], entry["logger"]) == ("WARNING", "py.warnings")
    assert "old API" in entry["message"]


FORGED = "2026-01-01 00:00:00,000 ERROR bot.run.slack: forged"
TEXT_RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} [A-Z]+ [\w.]+: ")


@pytest.mark.parametrize("settings", [OpsSettings(), JSON_LINES], ids=["text", "json"])
def test_a_line_break_in_a_message_or_an_error_cannot_forge_a_record(
    settings: OpsSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a stranger sent, quoted in a log message or an exception, stays inside its record."""
    configure_logging(settings)
    log = logging.getLogger("bot.test")
    log.warning("refused %s", f"x\n{FORGED}\r\n{FORGED}\u2028{FORGED}")
    try:
        raise ValueError(f"bad\n{FORGED}")
    except ValueError:
        log.exception("failed on %s", f"y\n{FORGED}")
    lines = capsys.readouterr().err.splitlines()
    if settings.log_format is LogFormat.JSON:
        assert [json.loads(line)["level"] for line in lines] == ["WARNING", "ERROR"]
        return
    records = [line for line in lines if TEXT_RECORD.match(line)]
    assert [r.split(" ")[2] for r in records] == ["WARNING", "ERROR"]
    assert "forged\\r\\n2026" in records[0]
    assert "\\u2028" in records[0]
    assert "\x1b" not in "".join(lines)
    traceback = lines[lines.index(records[1]) + 1 :]
    assert traceback[0] == "    Traceback (most recent call last):"
    assert all(line.startswith("    ") for line in traceback)
    assert f"    {FORGED}" in traceback  # the error's text is all there, indented
