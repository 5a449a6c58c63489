"""Start-up checks: each token is tried once with Slack before the bot starts answering.

A token Slack rejects becomes a `ConfigError` naming the variable; a Slack that cannot be
reached, or does not answer within the Web API timeout, becomes `SlackUnreachableError`.
Neither is retried: the person must act.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.adapters.slack.settings import ENV_APP, ENV_BOT
from bot.errors import ConfigError, OsiBotError, describe_failure

if TYPE_CHECKING:
    from slack_sdk.web.async_client import AsyncWebClient

__all__ = ["SlackUnreachableError", "check_app_token", "check_bot_token"]

_REJECTED = {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"}


class SlackUnreachableError(OsiBotError):
    """Slack could not be reached at start-up."""


async def check_bot_token(client: AsyncWebClient) -> None:
    try:
        identity = await client.auth_test()
    except SlackApiError as error:
        code = error.response.get("error")
        if code in _REJECTED:
            message = f"Slack rejected {ENV_BOT} ({code}); copy the Bot User OAuth Token again."
            raise ConfigError(ENV_BOT, message) from None
        raise SlackUnreachableError(f"Slack's auth.test failed: {code}.") from None
    except (SlackClientError, aiohttp.ClientError, TimeoutError) as error:
        message = f"Cannot reach Slack's Web API ({describe_failure(error)}); check the network."
        raise SlackUnreachableError(message) from None
    if not identity.get("bot_id"):
        message = f"{ENV_BOT} is not a bot token; use the Bot User OAuth Token (xoxb-…)."
        raise ConfigError(ENV_BOT, message)


async def check_app_token(client: AsyncWebClient, app_token: str) -> None:
    try:
        await client.apps_connections_open(app_token=app_token)
    except SlackApiError as error:
        code = error.response.get("error")
        message = (
            f"Slack rejected {ENV_APP} ({code}); it must be an app-level token with the "
            "connections:write scope, and Socket Mode must be on."
        )
        raise ConfigError(ENV_APP, message) from None
    except (SlackClientError, aiohttp.ClientError, TimeoutError) as error:
        message = f"Cannot reach Slack for Socket Mode ({describe_failure(error)})."
        raise SlackUnreachableError(message) from None
