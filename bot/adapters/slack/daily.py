"""The layer of the day on Slack: Block Kit for a `DailyPost`, and posting it with chat.postMessage.

Everything from the knowledge file is escaped (`mrkdwn.escape`); the `text` beside the blocks,
which notifications show, is the same plain text `osi-bot daily show` prints.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.adapters.slack.blocks import SlackMessage, context, sections
from bot.adapters.slack.clients import WEB_API_TIMEOUT_SECONDS, http_session, web_client
from bot.adapters.slack.limits import (
    TEXT_FALLBACK_LIMIT,
    fit_blocks,
    trim,
)
from bot.adapters.slack.mrkdwn import bold, escape
from bot.core.phrasing import tools_by_origin, works
from bot.daily.job import PostRefusedError
from bot.daily.render_text import daily_text, daily_title
from bot.errors import describe_failure
from bot.ops.platform import Platform

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from slack_sdk.web.async_client import AsyncWebClient

    from bot.adapters.slack.blocks import Block
    from bot.daily.job import PostSender
    from bot.daily.rotation import DailyPost

__all__ = ["daily_message", "one_shot_sender", "slack_sender"]

HEADER_TEXT_LIMIT = 150  # Slack's limit for a header block's text

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
    """The post as a header, the Kubernetes side, the spotlight and a did-you-know line."""
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
        *sections(
            f"{bold('In Kubernetes:')} {escape(layer.component)} ({escape(layer.function)})\n"
            f"{escape(layer.description)}"
        ),
        *sections(
            f"{bold(f'Spotlight: {spotlight.name}')} {works(spotlight.name)} here — "
            f"{escape(post.role)}"
        ),
    ]
    if post.fact:
        blocks.append(context(f"{bold('Did you know?')} {escape(post.fact)}"))
    others = [tool for tool in post.tools if tool != spotlight.name]
    if others:
        listed = tools_by_origin(others, post.table_tools, escape)
        blocks.append(context(f"Also at this layer: {listed}"))
    notice = context("(Trimmed: the full post is too long for one Slack message.)")
    text = trim(escape(daily_text(post)), TEXT_FALLBACK_LIMIT)
    return SlackMessage(text=text, blocks=fit_blocks(blocks, notice=notice))


def slack_sender(client: AsyncWebClient) -> PostSender:
    """Posts a day's message with `client`; returns its `ts`, raises `PostRefusedError`."""

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
            )
        except SlackApiError as error:
            code = error.response.get("error") or f"HTTP {error.response.status_code}"
            hint = _HINTS.get(code)
            raise PostRefusedError(Platform.SLACK, f"{code} ({hint})" if hint else code) from None
        except (SlackClientError, aiohttp.ClientError, TimeoutError) as error:
            reason = f"cannot reach Slack ({describe_failure(error)})"
            raise PostRefusedError(Platform.SLACK, reason) from None
        # Slack took the post; a missing ts must not make it look refused and be sent again.
        return str(response.get("ts") or "")

    return send


@asynccontextmanager
async def one_shot_sender(
    token: str, *, base_url: str | None = None, timeout: float = WEB_API_TIMEOUT_SECONDS
) -> AsyncIterator[PostSender]:
    """A sender on its own HTTP session, for `osi-bot daily post`; `timeout` bounds each call."""
    async with http_session(timeout) as session:
        yield slack_sender(web_client(token, session=session, base_url=base_url))
