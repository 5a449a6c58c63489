"""The events endpoint under hostile traffic: malformed bodies, forged signatures, log floods.

Unsigned input is refused with 401 before anything parses it, malformed but signed input
gets 400, and neither leaves more than one short line in the log.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from typing import TYPE_CHECKING

import pytest

from bot.adapters.slack.server import EVENTS_PATH
from tests.fakes import slack_payloads as payloads
from tests.fakes.slack import SIGNING_SECRET

if TYPE_CHECKING:
    from tests.adapters.slack.conftest import HttpBot
    from tests.fakes.slack import FakeSlack

FORGED_LINE = "2026-01-01 00:00:00,000 ERROR bot.run.slack: forged"
SECRET_WORDS = ("U0SECRETUSER", "hooks.slack.com/secret", "secret question")
# A body a stranger might send: large, with a user, a response_url and a forged log line.
HOSTILE_JSON = json.dumps(
    {
        "type": "event_callback",
        "event": {"type": "app_mention", "user": "U0SECRETUSER", "text": "secret question"},
        "response_url": "https://hooks.slack.com/secret",
        "padding": f"\n{FORGED_LINE}\n" + "x" * 400_000,
    }
)


def _signed(body: bytes, content_type: str, *, timestamp: str | None = None) -> dict[str, str]:
    """Headers signing `body`'s raw bytes, as Slack does (v0:timestamp:body, HMAC-SHA256)."""
    stamp = timestamp or str(int(time.time()))
    base = b"v0:" + stamp.encode() + b":" + body
    digest = hmac.new(SIGNING_SECRET.encode(), base, hashlib.sha256).hexdigest()
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={digest}",
    }


async def _post(http_bot: HttpBot, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    async with http_bot.session.post(http_bot.url + EVENTS_PATH, data=body, headers=headers) as r:
        return r.status, await r.read()


MALFORMED = {
    "json_array": (b'[{"type": "event_callback"}]', payloads.JSON),
    "invalid_utf8": (b'{"type": "\xff\xfe event_callback"}', payloads.JSON),
    "broken_payload_json": (b"payload=%7B%22type%22%3A%20block_actions", payloads.FORM),
    "broken_json": (b'{"type": "event_callback", ', payloads.JSON),
    "json_string": (b'"event_callback"', payloads.JSON),
    "invalid_utf8_form": (b"command=%2Fosi&text=\xff\xfe", payloads.FORM),
}


@pytest.mark.parametrize(("body", "content_type"), MALFORMED.values(), ids=MALFORMED.keys())
async def test_malformed_unsigned_input_is_refused_with_401_and_no_error(
    http_bot: HttpBot, caplog: pytest.LogCaptureFixture, body: bytes, content_type: str
) -> None:
    caplog.set_level(logging.DEBUG)
    status, _ = await _post(http_bot, body, {"Content-Type": content_type})
    assert status == 401
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=00"},
        {"X-Slack-Request-Timestamp": "1e9", "X-Slack-Signature": "v0=00"},
        {"X-Slack-Request-Timestamp": "9" * 400, "X-Slack-Signature": "v0=00"},
        {"X-Slack-Request-Timestamp": "-1", "X-Slack-Signature": "v0=00"},
        {"X-Slack-Signature": "v0=00"},
    ],
    ids=["word", "float", "huge", "negative", "missing"],
)
async def test_a_non_numeric_or_missing_timestamp_is_refused_with_401(
    http_bot: HttpBot, caplog: pytest.LogCaptureFixture, headers: dict[str, str]
) -> None:
    caplog.set_level(logging.DEBUG)
    body = b'{"type": "event_callback"}'
    status, _ = await _post(http_bot, body, {"Content-Type": payloads.JSON, **headers})
    assert status == 401
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_a_signature_that_is_not_ascii_is_refused_with_401(
    http_bot: HttpBot, caplog: pytest.LogCaptureFixture
) -> None:
    body = b'{"type": "event_callback"}'
    headers = _signed(body, payloads.JSON)
    headers["X-Slack-Signature"] = "v0=é".encode().decode("latin-1")  # sent as UTF-8 bytes
    status, _ = await _post(http_bot, body, headers)
    assert status == 401
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


@pytest.mark.parametrize(("body", "content_type"), MALFORMED.values(), ids=MALFORMED.keys())
async def test_malformed_input_signed_with_the_right_secret_gets_400(
    http_bot: HttpBot,
    fake_slack: FakeSlack,
    caplog: pytest.LogCaptureFixture,
    body: bytes,
    content_type: str,
) -> None:
    status, _ = await _post(http_bot, body, _signed(body, content_type))
    assert status == 400
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    await http_bot.settled()
    assert fake_slack.replies == []


async def test_a_raw_body_signature_is_accepted_whatever_its_bytes(
    http_bot: HttpBot, fake_slack: FakeSlack
) -> None:
    """The control for the 400s: a well-formed body signed by the same helper is answered."""
    body = payloads.slash_command("envoy", fake_slack.response_url()).encode()
    status, reply = await _post(http_bot, body, _signed(body, payloads.FORM))
    assert status == 200
    assert json.loads(reply)["response_type"] == "in_channel"


async def test_a_refused_request_is_one_short_line_quoting_nothing_it_sent(
    http_bot: HttpBot, caplog: pytest.LogCaptureFixture
) -> None:
    """200 unsigned 500 KB requests once wrote 95 MB of log: each body, whole, at INFO."""
    caplog.set_level(logging.DEBUG)
    body = HOSTILE_JSON.encode()
    forged = _signed(body, payloads.JSON)
    forged["X-Slack-Signature"] = forged["X-Slack-Signature"][:-4] + "0000"
    for headers in ({"Content-Type": payloads.JSON}, forged):
        status, reply = await _post(http_bot, body, headers)
        assert status == 401
        assert len(reply) < 100
    logged = [r.getMessage() for r in caplog.records]
    refusals = [m for m in logged if "Refused" in m]
    assert len(refusals) == 2
    assert sum(map(len, logged)) < 1000
    for secret in (*SECRET_WORDS, FORGED_LINE):
        assert secret not in caplog.text


async def test_bolt_never_logs_a_signed_body_it_does_not_handle(
    http_bot: HttpBot, caplog: pytest.LogCaptureFixture
) -> None:
    """Bolt quotes an unhandled request's fields (user, text) in its warning; they stay out."""
    caplog.set_level(logging.DEBUG)
    submission = {
        "type": "view_submission",
        "user": {"id": "U0SECRETUSER"},
        "view": {"id": "V1", "type": "modal", "callback_id": "secret question"},
        "response_urls": [{"response_url": "https://hooks.slack.com/secret"}],
    }
    body = payloads.as_form_payload(submission).encode()
    status, _ = await _post(http_bot, body, _signed(body, payloads.FORM))
    assert status == 404  # Bolt's answer to a request no listener takes
    assert any("Unhandled request" in r.getMessage() for r in caplog.records)
    for secret in SECRET_WORDS:
        assert secret not in caplog.text
