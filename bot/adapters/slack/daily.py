"""The layer of the day on Slack: Block Kit for a `DailyPost`, and posting it with chat.postMessage.

Everything from the knowledge file is escaped (`mrkdwn.escape`); the `text` beside the blocks,
which notifications show, is the same plain text `osi-bot daily show` prints.

Each post carries message metadata naming its day, so a poster that is unsure whether Slack
took a post (the connection dropped before the answer) finds it in the channel's recent
history (`slack_finder`, scope channels:history / groups:history) instead of posting it
twice. For the same reason the post itself is never retried blindly after a dropped
connection: only a rate limit (429, nothing posted) is waited out and tried again.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.blocks import SlackMessage, context, picture_blocks, sections
from bot.adapters.slack.clients import (
    RATE_LIMIT_RETRIES,
    WEB_API_TIMEOUT_SECONDS,
    http_session,
    web_client,
)
from bot.adapters.slack.limits import (
    TEXT_FALLBACK_LIMIT,
    fit_blocks,
    trim,
)
from bot.adapters.slack.mrkdwn import bold, escape
from bot.adapters.slack.quiz import quiz_me_block
from bot.core.phrasing import tools_by_origin, works
from bot.daily.job import PostRefusedError
from bot.daily.render_text import daily_text, daily_title
from bot.errors import describe_failure
from bot.ops.platform import Platform
from bot.render.origin import entry_team_line

if TYPE_CHECKING:
    from collections.abc import AsyncIterator
    from datetime import date

    from bot.adapters.slack.blocks import Block
    from bot.daily.job import PostSender
    from bot.daily.posting import FindPost
    from bot.daily.rotation import DailyPost

__all__ = ["METADATA_EVENT", "daily_message", "one_shot_sender", "slack_finder", "slack_sender"]

HEADER_TEXT_LIMIT = 150  # Slack's limit for a header block's text
METADATA_EVENT = "osi_layer_of_the_day"  # the metadata's event_type; its payload names the day
# The latest messages looked through: the post is looked for minutes after it was sent (a
# lost answer) or later the same day (a retry), when it is among a channel's latest.
_HISTORY_LIMIT = 200
_NO_HISTORY = {"missing_scope", "not_allowed_token_type", "no_permission"}

_log = logging.getLogger(__name__)

# What a person can do about the refusals a daily post meets in practice.
_HINTS = {
    "not_in_channel": "invite the bot to the channel: /invite @osi-bot",
    "channel_not_found": "no such channel, or the bot cannot see it; check SLACK_DAILY_CHANNEL",
    "is_archived": "the channel is archived",
    "invalid_auth": "Slack rejected SLACK_BOT_TOKEN",
    "token_revoked": "Slack rejected SLACK_BOT_TOKEN",
    "ratelimited": "rate-limited by Slack, still after retrying",
}


def daily_message(post: DailyPost) -> SlackMessage:
    """The post as a header, the stack with the day's layer marked, the Kubernetes side,
    the spotlight, a did-you-know line and a "Quiz me" button."""
    layer, spotlight = post.layer, post.spotlight
    # plain_text is shown as typed, never parsed for mentions or links, so it is not escaped
    # (as for the adapter's buttons).
    header = {
        "type": "header",
        "text": {
            "type": "plain_text",
            "text": trim(daily_title(post), HEADER_TEXT_LIMIT),
            "emoji": False,
        },
    }
    blocks: list[Block] = [
        header,
        *picture_blocks(post.stack),
        *sections(
            f"{bold('In Kubernetes:')} {escape(layer.component)} ({escape(layer.function)})\n"
            f"{escape(layer.description)}"
        ),
        *sections(
            f"{bold(f'Spotlight: {spotlight.name}')} {works(spotlight.name)} here — "
            f"{escape(post.role)}"
        ),
    ]
    if team := entry_team_line(spotlight):
        blocks.append(context(escape(team)))
    if post.fact:
        blocks.append(context(f"{bold('Did you know?')} {escape(post.fact)}"))
    others = [tool for tool in post.tools if tool != spotlight.name]
    if others:
        listed = tools_by_origin(others, post.table_tools, escape)
        blocks.append(context(f"Also at this layer: {listed}"))
    blocks.append(quiz_me_block())
    notice = context("(Trimmed: the full post is too long for one Slack message.)")
    text = trim(escape(daily_text(post)), TEXT_FALLBACK_LIMIT)
    return SlackMessage(text=text, blocks=fit_blocks(blocks, keep_last=1, notice=notice))


def _error_code(error: SlackApiError) -> str:
    """Slack's error code, or the HTTP status when the body was not Slack's JSON (a proxy's
    error page, say)."""
    data = error.response.data
    code = data.get("error") if isinstance(data, dict) else None
    return str(code or f"HTTP {error.response.status_code}")


def _posting_client(client: AsyncWebClient) -> AsyncWebClient:
    """`client` without the retry after a dropped connection: that retry posts twice when
    Slack took the first attempt. A rate limit is still waited out."""
    return AsyncWebClient(
        token=client.token,
        base_url=client.base_url,
        session=client.session,
        timeout=client.timeout,
        retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)],
    )


def slack_sender(client: AsyncWebClient) -> PostSender:
    """Posts a day's message with `client`; returns its `ts`, raises `PostRefusedError`."""
    client = _posting_client(client)

    async def send(channel: str, post: DailyPost) -> str:
        message = daily_message(post)
        try:
            response = await client.chat_postMessage(
                channel=channel,
                text=message.text,
                blocks=message.blocks,
                # A post that teaches is not a place for link preview cards.
                unfurl_links=False,
                unfurl_media=False,
                metadata={
                    "event_type": METADATA_EVENT,
                    "event_payload": {"day": post.day.isoformat()},
                },
            )
        except SlackApiError as error:
            code = _error_code(error)
            hint = _HINTS.get(code)
            raise PostRefusedError(Platform.SLACK, f"{code} ({hint})" if hint else code) from None
        except (SlackClientError, aiohttp.ClientError, TimeoutError) as error:
            reason = f"cannot reach Slack ({describe_failure(error)})"
            raise PostRefusedError(Platform.SLACK, reason) from None
        # Slack took the post; a missing ts must not make it look refused and be sent again.
        return str(response.get("ts") or "")

    return send


def slack_finder(client: AsyncWebClient) -> FindPost:
    """Looks for a day's post in a channel's recent history by its metadata; its `ts` or None.

    Without the history scope it warns once and finds nothing (the post goes out as before);
    Slack unreachable raises `PostRefusedError`, so nothing is sent until it can be checked.
    """
    warned = False

    async def find(channel: str, day: date) -> str | None:
        nonlocal warned
        try:
            response = await client.conversations_history(
                channel=channel,
                limit=_HISTORY_LIMIT,
                include_all_metadata=True,
            )
        except SlackApiError as error:
            code = _error_code(error)
            if code in _NO_HISTORY and not warned:
                warned = True
                _log.warning(
                    "cannot read %s's history (%s): add the channels:history and groups:history"
                    " scopes, or a post whose answer was lost may be posted again",
                    channel,
                    code,
                )
            # Anything else (a missing channel, say) is reported by the post itself.
            return None
        except (SlackClientError, aiohttp.ClientError, TimeoutError) as error:
            reason = f"cannot reach Slack to look for the post ({error or type(error).__name__})"
            raise PostRefusedError(Platform.SLACK, reason) from None
        for message in response.get("messages") or ():
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if (
                metadata.get("event_type") == METADATA_EVENT
                and payload.get("day") == day.isoformat()
            ):
                return str(message.get("ts") or "") or None
        return None

    return find


@asynccontextmanager
async def one_shot_sender(
    token: str, *, base_url: str | None = None, timeout: float = WEB_API_TIMEOUT_SECONDS
) -> AsyncIterator[tuple[PostSender, FindPost]]:
    """A sender and a finder on their own HTTP session, for `osi-bot daily post`; `timeout`
    bounds each call."""
    async with http_session(timeout) as session:
        client = web_client(token, session=session, base_url=base_url)
        yield slack_sender(client), slack_finder(client)
