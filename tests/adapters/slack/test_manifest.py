"""slack/manifest.yaml: what an admin pastes matches what the bot listens for, no more."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.adapters.slack.app import WHICH_LAYER_SHORTCUT
from bot.adapters.slack.server import EVENTS_PATH

MANIFEST = Path(__file__).resolve().parents[3] / "slack" / "manifest.yaml"


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    loaded = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_the_osi_command_is_declared(manifest: dict[str, Any]) -> None:
    [command] = manifest["features"]["slash_commands"]
    assert command["command"] == "/osi"
    assert command["description"]
    assert len(command["description"]) <= 100  # Slack's limit for a command's description


def test_only_the_scopes_the_bot_uses_are_requested(manifest: dict[str, Any]) -> None:
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == [
        "app_mentions:read",  # app_mention events
        "channels:history",  # the daily post looks for itself before posting again
        "chat:write",  # chat.postMessage and chat.postEphemeral
        "commands",  # /osi
        "groups:history",  # the same, in a private channel
        "im:history",  # message.im events
    ]
    assert "user" not in manifest["oauth_config"]["scopes"]


def test_the_events_are_mentions_and_direct_messages(manifest: dict[str, Any]) -> None:
    settings = manifest["settings"]
    assert settings["event_subscriptions"]["bot_events"] == ["app_mention", "message.im"]
    assert settings["interactivity"]["is_enabled"] is True  # the did-you-mean buttons
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True
    assert manifest["features"]["app_home"]["messages_tab_read_only_enabled"] is False


def test_socket_mode_is_on_and_the_http_urls_are_ready_to_uncomment(
    manifest: dict[str, Any],
) -> None:
    assert manifest["settings"]["socket_mode_enabled"] is True
    commented = re.findall(r"#\s*(?:url|request_url): (\S+)", MANIFEST.read_text())
    assert len(commented) == 3
    assert all(url.endswith(EVENTS_PATH) for url in commented)


def test_the_message_shortcut_is_the_one_the_bot_listens_for(manifest: dict[str, Any]) -> None:
    [shortcut] = manifest["features"]["shortcuts"]
    assert shortcut["type"] == "message"
    assert shortcut["callback_id"] == WHICH_LAYER_SHORTCUT
    assert shortcut["name"] == "Which OSI layer?"
    assert len(shortcut["name"]) <= 24  # Slack's limits for a shortcut's name
    assert 0 < len(shortcut["description"]) <= 80  # and its description
