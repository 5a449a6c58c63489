"""Logs: JSON lines on request, tokens never written, bad settings rejected."""

from __future__ import annotations

import json
import logging
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
