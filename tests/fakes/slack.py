"""A local stand-in for Slack: the Web API, `response_url`s and a Socket Mode WebSocket.

One aiohttp server on 127.0.0.1 with an ephemeral port records every call it receives, so
tests assert exactly what the bot sent. It answers like Slack does: `{"ok": true, ...}` or
`{"ok": false, "error": ...}`, HTTP 429 with `Retry-After` when told to rate-limit, nothing
at all (the request is read, never answered) when told to stall, and the
Socket Mode envelope protocol (hello, envelopes, acknowledgements) on /link.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web

if TYPE_CHECKING:
    from collections.abc import Callable

BOT_TOKEN = "xoxb-1111-2222-osibottesttoken"
APP_TOKEN = "xapp-1-A111-3333-osibotapptoken"
SIGNING_SECRET = "0123456789abcdef0123456789abcdef"
BOT_USER_ID = "UOSIBOT"
BOT_ID = "BOSIBOT"
TEAM_ID = "T0TEAM"
APP_ID = "A0OSIBOT"

_TIMEOUT = 5.0


@dataclass(frozen=True)
class Call:
    """One request the fake received: a Web API method or a `response_url` post."""

    method: str  # "chat.postMessage", or "response_url" for the sink
    args: dict[str, Any]
    token: str | None = None
    path: str = ""


@dataclass
class _Script:
    rate_limited: dict[str, int] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    hold_responses: asyncio.Event | None = None
    # Calls to a method that are carried out, then answered by dropping the connection.
    drop_after_accepting: dict[str, int] = field(default_factory=dict)
    stalled: set[str] = field(default_factory=set)
    unstall: asyncio.Event = field(default_factory=asyncio.Event)


def _token(request: web.Request, args: dict[str, Any]) -> str | None:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header.removeprefix("Bearer ")
    token = args.pop("token", None)
    return str(token) if token is not None else None


async def _arguments(request: web.Request) -> dict[str, Any]:
    args: dict[str, Any] = dict(request.query)
    raw = await request.text()
    if request.content_type == "application/json" and raw:
        args.update(json.loads(raw))
    elif raw:
        for key, value in parse_qsl(raw, keep_blank_values=True):
            # Form-encoded Web API calls carry blocks as a JSON string.
            json_valued = {"blocks", "attachments", "metadata", "view"}
            args[key] = json.loads(value) if key in json_valued else value
    return args


class FakeSlack:
    """Slack's side of every conversation, on loopback."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.script = _Script()
        self._ts = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.base_url = ""
        self._socket: web.WebSocketResponse | None = None
        self._socket_ready = asyncio.Event()
        self.acks: dict[str, dict[str, Any]] = {}
        self._envelopes = itertools.count(1)
        self._changed = asyncio.Condition()
        self.history: dict[str, list[dict[str, Any]]] = {}  # channel -> messages, oldest first

    # -- lifecycle ---------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/api/{method}", self._web_api)
        app.router.add_get("/api/{method}", self._web_api)  # conversations.history is a GET
        app.router.add_post("/respond/{name}", self._response_url)
        app.router.add_get("/link", self._link)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.base_url = f"http://{host}:{port}"

    async def stop(self) -> None:
        self.script.unstall.set()
        if self.script.hold_responses is not None:
            self.script.hold_responses.set()
        if self._socket is not None:
            await self._socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    def response_url(self, name: str = "cmd") -> str:
        return f"{self.base_url}/respond/{name}"

    # -- scripting ---------------------------------------------------------------

    def rate_limit(self, method: str, times: int = 1) -> None:
        """Answer the next `times` calls to `method` with HTTP 429 and `Retry-After: 0`."""
        self.script.rate_limited[method] = times

    def fail(self, method: str, error: str) -> None:
        """Answer every call to `method` with `{"ok": false, "error": error}`."""
        self.script.failures[method] = error

    def drop_after_accepting(self, method: str, times: int = 1) -> None:
        """Carry out the next `times` calls to `method`, then drop the connection unanswered
        (Slack took the post; its answer was lost on the way)."""
        self.script.drop_after_accepting[method] = times

    def stall(self, method: str) -> None:
        """Read every call to `method` ("response_url" too) and never answer it, as a Slack or
        a proxy that hangs would; the fake lets go only when it stops."""
        self.script.stalled.add(method)

    def hold_responses(self) -> asyncio.Event:
        """Keep messages (chat.* calls, `response_url` posts) waiting until the event is set."""
        self.script.hold_responses = asyncio.Event()
        return self.script.hold_responses

    # -- what was received ---------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    @property
    def replies(self) -> list[Call]:
        """Every message the bot sent to a person, by any route."""
        routes = {"chat.postMessage", "chat.postEphemeral", "response_url"}
        return [call for call in self.calls if call.method in routes]

    async def wait_until(self, condition: Callable[[], bool], timeout: float = _TIMEOUT) -> None:
        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(condition)

    async def _record(self, call: Call) -> None:
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    # -- the Web API ---------------------------------------------------------------

    async def _web_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await _arguments(request)
        token = _token(request, args)
        await self._record(Call(method, args, token, request.path))
        if method in self.script.stalled:
            await self.script.unstall.wait()
        if self.script.rate_limited.get(method, 0) > 0:
            self.script.rate_limited[method] -= 1
            body = {"ok": False, "error": "ratelimited"}
            return web.json_response(body, status=429, headers={"Retry-After": "0"})
        if method in self.script.failures:
            return web.json_response({"ok": False, "error": self.script.failures[method]})
        if method.startswith("chat.") and self.script.hold_responses is not None:
            await self.script.hold_responses.wait()
        result = self._result(method, args, token)
        if self.script.drop_after_accepting.get(method, 0) > 0:
            self.script.drop_after_accepting[method] -= 1
            assert request.transport is not None
            request.transport.close()
        return web.json_response(result)

    def _result(self, method: str, args: dict[str, Any], token: str | None) -> dict[str, Any]:
        if method == "apps.connections.open":
            if not (token or "").startswith("xapp-"):
                return {"ok": False, "error": "not_allowed_token_type"}
            ws_url = self.base_url.replace("http://", "ws://") + "/link"
            return {"ok": True, "url": ws_url}
        if token != BOT_TOKEN:
            return {"ok": False, "error": "invalid_auth"}
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://example.slack.com/",
                "team": "Example",
                "user": "osi-bot",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
            }
        ts = f"1700000000.{next(self._ts):06d}"
        if method == "chat.postMessage":
            message = {"type": "message", "ts": ts, "text": args.get("text", ""), "bot_id": BOT_ID}
            if "metadata" in args:
                message["metadata"] = args["metadata"]
            self.history.setdefault(str(args.get("channel")), []).append(message)
            return {"ok": True, "channel": args.get("channel"), "ts": ts, "message": message}
        if method == "conversations.history":
            oldest = float(args.get("oldest") or 0)
            messages = self.history.get(str(args.get("channel")), [])
            newest_first = [m for m in reversed(messages) if float(m["ts"]) > oldest]
            limit = int(args.get("limit") or 100)
            return {"ok": True, "messages": newest_first[:limit], "has_more": False}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "views.open":
            if not args.get("trigger_id"):
                return {"ok": False, "error": "invalid_trigger_id"}
            view = {"id": f"V{next(self._ts):08d}", "type": "modal", **(args.get("view") or {})}
            return {"ok": True, "view": view}
        return {"ok": False, "error": "unknown_method"}

    # -- response_url ----------------------------------------------------------------

    async def _response_url(self, request: web.Request) -> web.Response:
        body = await request.json()
        await self._record(Call("response_url", body, None, request.path))
        if "response_url" in self.script.stalled:
            await self.script.unstall.wait()
        if self.script.rate_limited.get("response_url", 0) > 0:
            self.script.rate_limited["response_url"] -= 1
            return web.Response(status=429, text="rate_limited", headers={"Retry-After": "0"})
        if self.script.hold_responses is not None:
            await self.script.hold_responses.wait()
        return web.Response(text="ok")

    # -- Socket Mode ---------------------------------------------------------------------

    async def _link(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self._socket = ws
        await ws.send_json(
            {
                "type": "hello",
                "num_connections": 1,
                "debug_info": {"host": "fake-slack", "approximate_connection_time": 3600},
                "connection_info": {"app_id": APP_ID},
            }
        )
        self._socket_ready.set()
        async for message in ws:
            if message.type is WSMsgType.TEXT:
                ack = json.loads(message.data)
                async with self._changed:
                    self.acks[ack["envelope_id"]] = ack
                    self._changed.notify_all()
        return ws

    async def drop_socket(self) -> None:
        """Close the Socket Mode connection from Slack's side (Slack does, now and then)."""
        assert self._socket is not None, "the bot has not connected"
        await self._socket.close()

    async def socket_connected(self, timeout: float = _TIMEOUT) -> None:
        async with asyncio.timeout(timeout):
            await self._socket_ready.wait()

    async def send_envelope(
        self, kind: str, payload: dict[str, Any], *, retry_attempt: int = 0
    ) -> str:
        """Deliver `payload` as Slack does over Socket Mode; return the envelope id."""
        assert self._socket is not None, "the bot has not connected"
        envelope_id = f"envelope-{next(self._envelopes)}"
        await self._socket.send_json(
            {
                "envelope_id": envelope_id,
                "type": kind,
                "payload": payload,
                "accepts_response_payload": kind != "events_api",
                "retry_attempt": retry_attempt,
                "retry_reason": "timeout" if retry_attempt else "",
            }
        )
        return envelope_id

    async def acknowledged(self, envelope_id: str, timeout: float = _TIMEOUT) -> dict[str, Any]:
        """Wait for the bot's acknowledgement of an envelope and return it."""
        await self.wait_until(lambda: envelope_id in self.acks, timeout)
        return self.acks[envelope_id]
