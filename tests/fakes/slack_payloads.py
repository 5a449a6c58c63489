"""Requests as Slack sends them: payload shapes and the v0 request signature.

The signature is computed here independently of slack_sdk (HMAC-SHA256 over
`v0:{timestamp}:{body}` with the signing secret), so the tests check the protocol rather
than the library against itself.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from typing import Any
from urllib.parse import urlencode

from tests.fakes.slack import APP_ID, BOT_USER_ID, SIGNING_SECRET, TEAM_ID

USER = "U0ASKER"
CHANNEL = "C0GENERAL"
DM_CHANNEL = "D0DIRECT"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

_ids = itertools.count(1)


def signed_headers(
    body: str,
    content_type: str,
    *,
    secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
) -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={digest}",
    }


def slash_command(text: str, response_url: str, *, command: str = "/osi") -> str:
    """A slash command as HTTP mode delivers it: form-encoded."""
    return urlencode(slash_command_fields(text, response_url, command=command))


def slash_command_fields(text: str, response_url: str, *, command: str = "/osi") -> dict[str, str]:
    """A slash command's fields, as Socket Mode delivers them in an envelope."""
    n = next(_ids)
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM_ID,
        "team_domain": "example",
        "channel_id": CHANNEL,
        "channel_name": "general",
        "user_id": USER,
        "user_name": "asker",
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": f"{n}.{n}.trigger",
    }


def event_callback(event: dict[str, Any], *, event_id: str | None = None) -> dict[str, Any]:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM_ID,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{next(_ids):08d}",
        "event_time": int(time.time()),
        "authorizations": [
            {"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True, "enterprise_id": None}
        ],
    }


def _ts() -> str:
    return f"1700000100.{next(_ids):06d}"


def app_mention(text: str, *, user: str = USER, **extra: Any) -> dict[str, Any]:
    return {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": _ts(),
        "channel": CHANNEL,
        "event_ts": _ts(),
        **extra,
    }


def direct_message(text: str, *, user: str = USER, **extra: Any) -> dict[str, Any]:
    return {
        "type": "message",
        "channel_type": "im",
        "user": user,
        "text": text,
        "ts": _ts(),
        "channel": DM_CHANNEL,
        "event_ts": _ts(),
        **extra,
    }


def block_actions(
    value: str, response_url: str, *, is_ephemeral: bool, action_id: str = "osi_ask_0"
) -> dict[str, Any]:
    n = next(_ids)
    return {
        "type": "block_actions",
        "user": {"id": USER, "username": "asker", "team_id": TEAM_ID},
        "api_app_id": APP_ID,
        "token": "legacy-verification-token",
        "container": {
            "type": "message",
            "message_ts": _ts(),
            "channel_id": CHANNEL,
            "is_ephemeral": is_ephemeral,
        },
        "trigger_id": f"{n}.{n}.click",
        "team": {"id": TEAM_ID, "domain": "example"},
        "channel": {"id": CHANNEL, "name": "general"},
        "response_url": response_url,
        "actions": [
            {
                "action_id": action_id,
                "block_id": "b1",
                "text": {"type": "plain_text", "text": value},
                "value": value,
                "type": "button",
                "action_ts": _ts(),
            }
        ],
    }


def as_form_payload(payload: dict[str, Any]) -> str:
    """Interactive payloads arrive form-encoded, as one `payload` field of JSON."""
    return urlencode({"payload": json.dumps(payload)})


def message_action(
    text: str, response_url: str, *, callback_id: str = "osi_which_layer", **message: Any
) -> dict[str, Any]:
    """A message shortcut used on a colleague's message whose text is `text`."""
    n = next(_ids)
    return {
        "type": "message_action",
        "token": "legacy-verification-token",
        "action_ts": _ts(),
        "team": {"id": TEAM_ID, "domain": "example"},
        "user": {"id": USER, "username": "asker", "team_id": TEAM_ID, "name": "asker"},
        "channel": {"id": CHANNEL, "name": "general"},
        "is_enterprise_install": False,
        "callback_id": callback_id,
        "trigger_id": f"{n}.{n}.shortcut",
        "response_url": response_url,
        "message_ts": _ts(),
        "message": {
            "type": "message",
            "user": "U0COLLEAGUE",
            "text": text,
            "ts": _ts(),
            "team": TEAM_ID,
            **message,
        },
    }


def quiz_click(
    response_url: str, *, layer: int, entry: str, user: str = USER, is_ephemeral: bool = True
) -> dict[str, Any]:
    """A click on the layer button `layer` of a quiz question about `entry`."""
    payload = block_actions(
        entry, response_url, is_ephemeral=is_ephemeral, action_id=f"osi_quiz_answer_{layer}"
    )
    payload["user"]["id"] = user
    return payload


def quiz_me_click(
    response_url: str, *, user: str = USER, is_ephemeral: bool = False
) -> dict[str, Any]:
    """A click on "Quiz me" (under the daily post) or "Another question"."""
    payload = block_actions(
        "start", response_url, is_ephemeral=is_ephemeral, action_id="osi_quiz_start"
    )
    payload["user"]["id"] = user
    return payload


def vote_click(
    value: str,
    response_url: str,
    *,
    up: bool,
    message_ts: str = "1700000000.000001",
    user: str = USER,
    channel: str = CHANNEL,
) -> dict[str, Any]:
    """A click on "Was this right?" 👍 or 👎 under the bot's public message `message_ts`."""
    click = block_actions(
        value, response_url, is_ephemeral=False, action_id="osi_vote_up" if up else "osi_vote_down"
    )
    click["user"] = {"id": user, "username": "voter", "team_id": TEAM_ID}
    click["container"] |= {"message_ts": message_ts, "channel_id": channel}
    click["channel"] = {"id": channel, "name": "general"}
    return click


def view_submission(
    view: dict[str, Any], values: dict[str, dict[str, str]], *, user: str = USER
) -> dict[str, Any]:
    """The submission of the modal `view` (as `views.open` was given it) with text typed
    into its inputs: `values` maps block_id -> action_id -> text."""
    n = next(_ids)
    state = {
        block: {action: {"type": "plain_text_input", "value": text}}
        for block, inputs in values.items()
        for action, text in inputs.items()
    }
    return {
        "type": "view_submission",
        "team": {"id": TEAM_ID, "domain": "example"},
        "user": {"id": user, "username": "voter", "team_id": TEAM_ID},
        "api_app_id": APP_ID,
        "token": "legacy-verification-token",
        "trigger_id": f"{n}.{n}.submit",
        "view": {
            "id": f"V{n:08d}",
            "team_id": TEAM_ID,
            "type": "modal",
            "app_id": APP_ID,
            "bot_id": "BOSIBOT",
            "hash": f"{n}.hash",
            **view,
            "state": {"values": state},
        },
        "response_urls": [],
    }
