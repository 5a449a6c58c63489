"""What a request to the events endpoint must pass before Bolt sees it.

Bolt parses a body before it checks the signature, so a stranger's JSON array, invalid
UTF-8 or broken `payload=` JSON became a 500 and a traceback, and a bad signature was logged
with the whole body. Here the body is read within a deadline and a size limit, the
signature is checked on its raw bytes, and only then is the body decoded and parsed. Each
refusal is a short 4xx and at most one line in the log, which quotes nothing the client sent.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import time
from typing import TYPE_CHECKING

from aiohttp import web
from slack_bolt.request.async_request import AsyncBoltRequest

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["MAX_BODY_BYTES", "bolt_request", "read_body", "refuse_unsigned", "signature_problem"]

# Slack's payloads are a few kilobytes; anything near this is not from Slack.
MAX_BODY_BYTES = 512 * 1024
# Slack's own rule: a request signed more than five minutes ago is a replay.
_MAX_AGE_SECONDS = 5 * 60

_log = logging.getLogger(__name__)


async def read_body(request: web.Request, *, seconds: float, refusing: asyncio.Event) -> bytes:
    """The whole body within `seconds` (else 408), unless `refusing` is set first (then 503)."""
    if (request.content_length or 0) > MAX_BODY_BYTES:
        raise web.HTTPRequestEntityTooLarge(MAX_BODY_BYTES, request.content_length or 0)
    reading = asyncio.ensure_future(request.read())
    refused = asyncio.ensure_future(refusing.wait())
    try:
        await asyncio.wait({reading, refused}, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (reading, refused):
            task.cancel()
    if reading.done() and not reading.cancelled():
        return reading.result()  # or 413, raised by aiohttp past MAX_BODY_BYTES
    if refused.done() and not refused.cancelled():
        _refuse(request, "the server is stopping")
        error: web.HTTPException = web.HTTPServiceUnavailable(text="stopping\n")
    else:
        _refuse(request, f"its body took longer than {seconds:g} s")
        error = web.HTTPRequestTimeout(text="body too slow\n")
    error.force_close()  # the rest of the body will not be read: the connection ends here
    raise error


def signature_problem(secret: str, body: bytes, headers: Mapping[str, str]) -> str | None:
    """Why the request is not signed with `secret`, or None if it is.

    Computed on the raw bytes, as Slack signs them: slack_sdk's verifier decodes the body
    as UTF-8 first and fails on anything else, and `int()`s the timestamp unchecked.
    """
    timestamp = headers.get("X-Slack-Request-Timestamp", "")
    signature = headers.get("X-Slack-Signature", "")
    if not timestamp or not signature:
        return "no signature"
    if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12):
        return "a malformed timestamp"
    if abs(time.time() - int(timestamp)) > _MAX_AGE_SECONDS:
        return "a stale timestamp"
    signed = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    given = signature.encode("utf-8", "surrogateescape")
    if not hmac.compare_digest(expected.encode(), given):
        return "a wrong signature"
    return None


def refuse_unsigned(request: web.Request, problem: str, size: int) -> web.Response:
    """401 with a tiny body, and one line in the log that quotes nothing the client sent."""
    _refuse(request, f"{problem} ({size} bytes)", level=logging.WARNING)
    return web.json_response({"error": "invalid request"}, status=401)


def bolt_request(request: web.Request, body: bytes) -> AsyncBoltRequest:
    """The signed body parsed for Bolt; 400 if it is not text, JSON or a form Bolt can read."""
    try:
        parsed = AsyncBoltRequest(
            body=body.decode("utf-8"),
            query=request.query_string,
            headers=dict(request.headers),
        )
    except Exception as error:  # anything the parser chokes on is the sender's doing
        problem = type(error).__name__
    else:
        if isinstance(parsed.body, dict):
            return parsed
        problem = f"a JSON {type(parsed.body).__name__}, not an object"
    _refuse(request, f"a signed body Bolt cannot read ({problem})", level=logging.WARNING)
    raise web.HTTPBadRequest(text="malformed request\n")


def _refuse(request: web.Request, why: str, *, level: int = logging.INFO) -> None:
    _log.log(level, "Refused %s %s from %s: %s", request.method, request.path, request.remote, why)
