"""A local fake Discord: the gateway WebSocket and the REST routes osi-bot calls.

It speaks just enough of the real protocol for the unmodified discord.py client: HELLO,
IDENTIFY, READY, GUILD_CREATE, heartbeats and their ACKs, and RESUME (RESUMED, or an
invalid session) on the gateway, and JSON REST answers shaped like Discord's. A test can
drop a gateway connection, as a network failure or a Discord restart does. Every REST call
is recorded so tests can assert the exact payloads the bot sent; tests push MESSAGE_CREATE
and INTERACTION_CREATE events in.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import socket
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

if TYPE_CHECKING:
    from collections.abc import Callable

BOT_ID = 900000000000000001
APP_ID = 900000000000000002
TOKEN = "fake-bot-id.fake-timestamp.fake-hmac"  # shaped like a token; Discord never sees it
# The guild lives on shard (GUILD_ID >> 22) % shard_count: shard 0 of 1, shard 1 of 2.
GUILD_ID = 900000000000000003
CHANNEL_ID = 900000000000000004
USER_ID = 900000000000000005
OTHER_BOT_ID = 900000000000000006
DM_CHANNEL_ID = 900000000000000007

API_VERSION = 10
HEARTBEAT_INTERVAL_MS = 45_000  # long enough that only the immediate first beat is sent
_TIMESTAMP = "2024-01-01T00:00:00.000000+00:00"
_ids = itertools.count(910000000000000000)


def snowflake() -> int:
    return next(_ids)


def user(user_id: int = USER_ID, name: str = "asker", *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": name,
        "avatar": None,
        "bot": bot,
    }


BOT_USER = user(BOT_ID, "osi-bot", bot=True)


def member(of: dict[str, Any]) -> dict[str, Any]:
    return {
        "user": of,
        "roles": [],
        "joined_at": _TIMESTAMP,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "permissions": "2251799813685247",
    }


def message(
    content: str,
    *,
    author: dict[str, Any] | None = None,
    mentions: list[dict[str, Any]] | None = None,
    guild: bool = True,
    message_type: int = 0,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A MESSAGE_CREATE payload: in the test guild's channel, or a DM when `guild` is False."""
    author = author or user()
    data: dict[str, Any] = {
        "id": str(snowflake()),
        "channel_id": str(CHANNEL_ID if guild else DM_CHANNEL_ID),
        "author": author,
        "content": content,
        "timestamp": _TIMESTAMP,
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": "@everyone" in content,
        "mentions": mentions or [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "pinned": False,
        "type": message_type,
        "flags": 0,
        **(extra or {}),
    }
    if guild:
        data["guild_id"] = str(GUILD_ID)
        data["member"] = {k: v for k, v in member(author).items() if k != "user"}
    return data


def interaction(
    kind: int, data: dict[str, Any], *, message: dict[str, Any] | None = None
) -> dict[str, Any]:
    """An INTERACTION_CREATE payload from a person in the test guild's channel."""
    payload: dict[str, Any] = {
        "id": str(snowflake()),
        "application_id": str(APP_ID),
        "type": kind,
        "data": data,
        "guild_id": str(GUILD_ID),
        "channel_id": str(CHANNEL_ID),
        "channel": {"id": str(CHANNEL_ID), "type": 0, "guild_id": str(GUILD_ID), "name": "k8s"},
        "member": member(user()),
        "token": f"interaction-token-{snowflake()}",
        "version": 1,
        "app_permissions": "2251799813685247",
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {"0": str(GUILD_ID)},
        "context": 0,
        "attachment_size_limit": 10_485_760,
    }
    if message is not None:
        payload["message"] = message
    return payload


def slash_command(query: str, *, focused: bool = False) -> dict[str, Any]:
    """`/osi query:<query>`, as a command (type 2) or while typing it (autocomplete, type 4)."""
    option: dict[str, Any] = {"name": "query", "type": 3, "value": query}
    if focused:
        option["focused"] = True
    data = {"id": str(snowflake()), "name": "osi", "type": 1, "options": [option]}
    return interaction(4 if focused else 2, data)


def message_command(target: dict[str, Any], *, name: str = "Which OSI layer?") -> dict[str, Any]:
    """A message command (type 2, command type 3) used on the message `target`, which
    Discord sends in full, content included, in the interaction's resolved data."""
    data = {
        "id": str(snowflake()),
        "name": name,
        "type": 3,
        "target_id": target["id"],
        "resolved": {"messages": {target["id"]: target}},
    }
    return interaction(2, data)


def button_click(custom_id: str, on_message: dict[str, Any]) -> dict[str, Any]:
    """A click (type 3) on the button `custom_id` of a message the bot sent."""
    return interaction(3, {"custom_id": custom_id, "component_type": 2}, message=on_message)


def modal_submit(custom_id: str, values: dict[str, str]) -> dict[str, Any]:
    """The submission (type 5) of the modal `custom_id`, with text typed into its inputs."""
    rows = [
        {"type": 1, "components": [{"type": 4, "custom_id": input_id, "value": text}]}
        for input_id, text in values.items()
    ]
    return interaction(5, {"custom_id": custom_id, "components": rows})


def _guild(guild_id: int) -> dict[str, Any]:
    everyone = {
        "id": str(guild_id),
        "name": "@everyone",
        "permissions": "2251799813685247",
        "position": 0,
        "color": 0,
        "hoist": False,
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }
    return {
        "id": str(guild_id),
        "name": "Platform team",
        "icon": None,
        "owner_id": str(USER_ID),
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "nsfw_level": 0,
        "premium_tier": 0,
        "preferred_locale": "en-US",
        "features": [],
        "roles": [everyone],
        "emojis": [],
        "stickers": [],
        "member_count": 2,
        "large": False,
        "unavailable": False,
        "joined_at": _TIMESTAMP,
        "members": [member(BOT_USER)],
        "channels": [
            {
                "id": str(CHANNEL_ID),
                "type": 0,
                "guild_id": str(guild_id),
                "name": "k8s",
                "position": 0,
                "permission_overwrites": [],
                "nsfw": False,
                "parent_id": None,
            }
        ],
        "threads": [],
        "voice_states": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


@dataclass(frozen=True)
class Request:
    """One REST call the bot made."""

    method: str
    path: str  # after /api/v10
    query: dict[str, str]
    body: Any  # parsed JSON, or None
    headers: dict[str, str] = field(repr=False)


@dataclass
class Session:
    """One gateway connection, after IDENTIFY or a RESUME of an earlier one."""

    socket: web.WebSocketResponse
    identify: dict[str, Any]
    shard: tuple[int, int]
    sequence: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    resumed: bool = False  # a RESUME, not an IDENTIFY, opened it
    session_id: str = ""
    transport: asyncio.Transport | None = field(default=None, repr=False)
    open: bool = True


class FakeDiscord:
    """Discord on 127.0.0.1: point `discord.http.Route.BASE` and the gateway URL here."""

    def __init__(self, *, token: str = TOKEN, recommended_shards: int = 1) -> None:
        self.token = token
        self.recommended_shards = recommended_shards
        self.requests: list[Request] = []
        self.sessions: list[Session] = []
        self.gateway_queries: list[dict[str, str]] = []
        self.heartbeats = 0
        self.close_after_identify: int | None = None  # a gateway close code to send, if any
        self.refuse_resume = False  # answer RESUME with an invalid session: IDENTIFY again
        self.refuse_connections = 0  # answer this many gateway connections with HTTP 503
        self._failures: list[tuple[str, re.Pattern[str], int | None]] = []
        self._held_replies: asyncio.Event | None = None
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.channel_messages: dict[int, list[dict[str, Any]]] = {}  # oldest first

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v{API_VERSION}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))  # an ephemeral port, known before serving
        self.port = listener.getsockname()[1]
        await web.SockSite(self._runner, listener).start()

    async def close(self) -> None:
        if self._held_replies is not None:
            self._held_replies.set()
        for session in self.sessions:
            await session.socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    def hold_interaction_replies(self) -> asyncio.Event:
        """Keep interaction callbacks waiting (recorded, unanswered) until the event is set."""
        self._held_replies = asyncio.Event()
        return self._held_replies

    def fail(self, method: str, path: str, status: int) -> None:
        """Answer REST calls matching `method` and the regular expression `path` with an error."""
        self._failures.append((method, re.compile(path), status))

    def cut(self, method: str, path: str) -> None:
        """Cut the connection of REST calls matching `method` and `path` without answering,
        as a network failing mid-request does (discord.py does not retry that)."""
        self._failures.append((method, re.compile(path), None))

    @property
    def open_sessions(self) -> list[Session]:
        return [s for s in self.sessions if s.open]

    async def dispatch(self, event: str, data: dict[str, Any], *, shard: int | None = None) -> None:
        """Send a gateway DISPATCH to the open session of `shard` (default: the first one)."""
        sessions = [s for s in self.open_sessions if shard is None or s.shard[0] == shard]
        assert sessions, f"no gateway session for shard {shard}"
        await self._send_dispatch(sessions[0], event, data)

    async def drop(self, *, code: int | None = None) -> Session:
        """End the first open gateway connection: with close `code`, or (None) by cutting the
        TCP connection without a word, as a network failure does. Returns the dropped session."""
        session = self.open_sessions[0]
        session.open = False
        if code is not None:
            await session.socket.close(code=code)
        elif session.transport is not None:
            session.transport.abort()
        await self._changed_now()
        return session

    async def wait_for(
        self, predicate: Callable[[FakeDiscord], Any], *, timeout: float = 5.0
    ) -> Any:
        """Wait until `predicate(self)` is truthy and return its value."""
        async with asyncio.timeout(timeout), self._changed:
            return await self._changed.wait_for(lambda: predicate(self))

    async def wait_for_request(self, method: str, path: str, *, timeout: float = 5.0) -> Request:
        """The first recorded call to `method` whose path fully matches the regex `path`."""
        pattern = re.compile(path)

        def found(fake: FakeDiscord) -> Request | None:
            return next(
                (r for r in fake.requests if r.method == method and pattern.fullmatch(r.path)),
                None,
            )

        request: Request = await self.wait_for(found, timeout=timeout)
        return request

    def calls(self, method: str, path: str) -> list[Request]:
        pattern = re.compile(path)
        return [r for r in self.requests if r.method == method and pattern.fullmatch(r.path)]

    async def _changed_now(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # ---- REST --------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        body = await request.json() if request.can_read_body else None
        recorded = Request(request.method, path, dict(request.query), body, dict(request.headers))
        self.requests.append(recorded)
        await self._changed_now()
        if self._held_replies is not None and path.endswith("/callback"):
            await self._held_replies.wait()
        for method, pattern, status in self._failures:
            if method == request.method and pattern.fullmatch(path):
                if status is None and request.transport is not None:
                    request.transport.abort()
                return _json({"message": "Missing Access", "code": 0}, status=status or 503)
        # Interaction callbacks and webhooks carry no Authorization; bot routes need the token.
        if request.headers.get("Authorization") not in {None, f"Bot {self.token}"}:
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        return self._answer(request.method, path, body, dict(request.query))

    def _answer(self, method: str, path: str, body: Any, query: dict[str, str]) -> web.Response:
        if (method, path) == ("GET", "/users/@me"):
            return _json(BOT_USER)
        if (method, path) == ("GET", "/oauth2/applications/@me"):
            return _json(_application())
        if (method, path) == ("GET", "/gateway/bot"):
            limit = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
            return _json(
                {
                    "url": self.gateway_url,
                    "shards": self.recommended_shards,
                    "session_start_limit": limit,
                }
            )
        if (method, path) == ("GET", "/gateway"):
            return _json({"url": self.gateway_url})
        if method == "PUT" and re.fullmatch(r"/applications/\d+(/guilds/\d+)?/commands", path):
            return _json([_registered(command) for command in body])
        if method == "POST" and re.fullmatch(r"/interactions/\d+/[^/]+/callback", path):
            interaction_id = path.split("/")[2]
            return _json({"interaction": {"id": interaction_id, "type": 2}})
        if method == "POST" and re.fullmatch(r"/channels/\d+/messages", path):
            channel_id = int(path.split("/")[2])
            sent = _sent_message(channel_id, body)
            self.channel_messages.setdefault(channel_id, []).append(sent)
            return _json(sent)
        if method == "GET" and re.fullmatch(r"/channels/\d+/messages", path):
            history = self.channel_messages.get(int(path.split("/")[2]), [])
            return _json(list(reversed(history))[: int(query.get("limit", 50))])
        if re.fullmatch(r"/webhooks/\d+/[^/]+(/messages/@original)?", path):
            return _json(_sent_message(CHANNEL_ID, body or {}))
        return _json({"message": f"No fake for {method} {path}", "code": 0}, status=404)

    # ---- gateway -----------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        self.gateway_queries.append(dict(request.query))
        if self.refuse_connections > 0:  # still out of reach: the handshake fails
            self.refuse_connections -= 1
            raise web.HTTPServiceUnavailable
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_json({"op": 10, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}})
        async for frame in socket:
            if frame.type is not WSMsgType.TEXT:
                continue
            payload = json.loads(frame.data)
            if payload["op"] == 1:
                self.heartbeats += 1
                await socket.send_json({"op": 11})
                await self._changed_now()
            elif payload["op"] == 2:
                await self._identified(socket, payload["d"], request.transport)
            elif payload["op"] == 6:
                await self._resumed(socket, payload["d"], request.transport)
        for session in self.sessions:
            if session.socket is socket:
                session.open = False
        await self._changed_now()
        return socket

    async def _identified(
        self,
        socket: web.WebSocketResponse,
        identify: dict[str, Any],
        transport: asyncio.Transport | None,
    ) -> None:
        if self.close_after_identify is not None:
            await socket.close(code=self.close_after_identify)
            return
        shard_id, shard_count = identify.get("shard", [0, 1])
        number = len(self.sessions)
        session = Session(
            socket,
            identify,
            (shard_id, shard_count),
            session_id=f"session-{shard_id}-{number}",
            transport=transport,
        )
        self.sessions.append(session)
        mine = (GUILD_ID >> 22) % shard_count == shard_id
        guilds = [{"id": str(GUILD_ID), "unavailable": True}] if mine else []
        ready = {
            "v": API_VERSION,
            "user": BOT_USER,
            "guilds": guilds,
            "session_id": session.session_id,
            "resume_gateway_url": self.gateway_url,
            "shard": [shard_id, shard_count],
            "application": {"id": str(APP_ID), "flags": 0},
        }
        await self._send_dispatch(session, "READY", ready)
        if mine:
            await self._send_dispatch(session, "GUILD_CREATE", _guild(GUILD_ID))
        await self._changed_now()

    async def _resumed(
        self,
        socket: web.WebSocketResponse,
        resume: dict[str, Any],
        transport: asyncio.Transport | None,
    ) -> None:
        """RESUME: carry the earlier session on here, or refuse it (op 9) when told to."""
        earlier = next((s for s in self.sessions if s.session_id == resume["session_id"]), None)
        if self.refuse_resume or earlier is None:
            await socket.send_json({"op": 9, "d": False})
            return
        session = Session(
            socket,
            earlier.identify,
            earlier.shard,
            earlier.sequence,  # events continue where the dropped connection stopped
            resumed=True,
            session_id=earlier.session_id,
            transport=transport,
        )
        self.sessions.append(session)
        await self._send_dispatch(session, "RESUMED", {})
        await self._changed_now()

    async def _send_dispatch(self, session: Session, event: str, data: dict[str, Any]) -> None:
        await session.socket.send_json(
            {"op": 0, "t": event, "s": next(session.sequence), "d": data}
        )


def _json(data: Any, *, status: int = 200) -> web.Response:
    # discord.py parses a body as JSON only when the type is exactly this (no charset).
    return web.Response(
        body=json.dumps(data).encode(), status=status, content_type="application/json"
    )


def _application() -> dict[str, Any]:
    return {
        "id": str(APP_ID),
        "name": "osi-bot",
        "icon": None,
        "description": "",
        "summary": "",
        "bot_public": True,
        "bot_require_code_grant": False,
        "verify_key": "0" * 64,
        "owner": user(USER_ID, "owner"),
        "flags": 0,
        "interactions_endpoint_url": None,
    }


def _registered(command: dict[str, Any]) -> dict[str, Any]:
    # Discord answers a context menu, which is sent without one, with an empty description.
    registered = {"description": "", **command}
    return {**registered, "id": str(snowflake()), "application_id": str(APP_ID), "version": "1"}


def _sent_message(channel_id: int, body: dict[str, Any]) -> dict[str, Any]:
    return message(
        body.get("content") or "",
        author=BOT_USER,
        guild=channel_id == CHANNEL_ID,
        extra={
            "channel_id": str(channel_id),
            "embeds": body.get("embeds", []),
            "components": body.get("components", []),
        },
    )
