"""Clients for Slack's Web API and for `response_url`, with slack_sdk's retry handlers.

A rate-limited call (HTTP 429) waits for `Retry-After` and tries again; a dropped
connection is retried once. Both clients share one aiohttp session per process, made by
`http_session`: it is what bounds every call's time. slack_sdk applies its own `timeout`
only to sessions it creates itself, so with a shared session the limit must be the
session's; aiohttp's default would let a call Slack never answers hang for 300 s.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import aiohttp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

if TYPE_CHECKING:
    from slack_sdk.http_retry.async_handler import AsyncRetryHandler

__all__ = [
    "RATE_LIMIT_RETRIES",
    "WEB_API_TIMEOUT_SECONDS",
    "ResponseUrlClient",
    "http_session",
    "retry_handlers",
    "web_client",
]

RATE_LIMIT_RETRIES = 3
# The longest one Web API call or `response_url` post may take, connecting included. A call
# Slack received but did not answer in time is not retried: Slack may have acted on it.
WEB_API_TIMEOUT_SECONDS = 10

_log = logging.getLogger(__name__)


def http_session(timeout: float = WEB_API_TIMEOUT_SECONDS) -> aiohttp.ClientSession:
    """The session to share between the clients: every request on it ends within `timeout` s."""
    return aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout))


def retry_handlers() -> list[AsyncRetryHandler]:
    return [
        AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        AsyncConnectionErrorRetryHandler(),
    ]


def web_client(
    token: str, *, session: aiohttp.ClientSession | None = None, base_url: str | None = None
) -> AsyncWebClient:
    """A Web API client for `token`; `base_url` points it elsewhere (tests, proxies).

    Args:
        session: one from `http_session`, whose timeout is the one that applies.
    """
    options: dict[str, Any] = {"base_url": base_url} if base_url else {}
    return AsyncWebClient(
        token=token,
        session=session,
        timeout=WEB_API_TIMEOUT_SECONDS,
        retry_handlers=retry_handlers(),
        **options,
    )


class ResponseUrlClient:
    """Posts messages to a command's or a click's `response_url`."""

    def __init__(self, session: aiohttp.ClientSession | None = None) -> None:
        self._session = session

    async def send(self, response_url: str, message: dict[str, Any]) -> bool:
        """Post `message`; log and return False if Slack did not accept it."""
        client = AsyncWebhookClient(
            response_url,
            session=self._session,
            timeout=WEB_API_TIMEOUT_SECONDS,
            retry_handlers=retry_handlers(),
        )
        response = await client.send_dict(message)
        if response.status_code != 200:
            # The URL is a credential for this conversation; log only the status.
            _log.error("response_url refused the reply: HTTP %s", response.status_code)
            return False
        return True
