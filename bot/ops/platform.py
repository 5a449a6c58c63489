"""The chat platforms osi-bot runs on: one closed set for metrics, logs and the daily ledger."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Platform"]


class Platform(StrEnum):
    SLACK = "slack"
    DISCORD = "discord"

    @property
    def label(self) -> str:
        """The name people know it by ("Slack")."""
        return self.value.capitalize()
