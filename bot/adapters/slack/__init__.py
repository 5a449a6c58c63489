"""The Slack adapter: `/osi`, mentions, direct messages and buttons, over HTTP or Socket Mode.

`osi-bot slack` calls `run`; nothing here reads settings or connects until then.
"""

from __future__ import annotations

from bot.adapters.slack.runner import run

__all__ = ["run"]
