"""Clients for Slack's Web API and for `response_url`, with slack_sdk's retry handlers.

A rate-limited call (HTTP 429) waits for `Retry-After` and tries again; a dropped
connection is retried once. Both clients share one aiohttp session per process.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

if TYPE_CHECKING:
    import aiohttp
    from slack_sdk.http_retry.async_handler import AsyncRetryHandler

__all__ = ["RATE_LIMIT_RETRIES", "ResponseUrlClient", "retry_handlers", "web_client"]

RATE_LIMIT_RETRIES = 3
_TIMEOUT_SECONDS = 10

_log = logging.getLogger(__name__)


def retry_handlers() -> list[AsyncRetryHandler]:
    return [
        AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        AsyncConnectionErrorRetryHandler(),
    ]


def web_client(
    token: str, *, session: aiohttp.ClientSession | None = None, base_url: str | None = None
) -> AsyncWebClient:
    """A Web API client for `token`; `base_url` points it elsewhere (tests, proxies)."""
    options: dict[str, Any] = {"base_url": base_url} if base_url else {}
    return AsyncWebClient(
        token=token,
        session=session,
        timeout=_TIMEOUT_SECONDS,
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
            timeout=_TIMEOUT_SECONDS,
            retry_handlers=retry_handlers(),
        )
        response = await client.send_dict(message)
        if response.status_code != 200:
            # The URL is a credential for this conversation; log only the status.
            _log.error("response_url refused the reply: HTTP %s", response.status_code)
            return False
        return True
