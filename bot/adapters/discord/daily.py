"""The layer of the day on Discord: an embed for a `DailyPost`, posted over REST alone.

Posting needs no gateway connection: the running bot sends with its logged-in HTTP client,
and `osi-bot daily post` logs in over REST, posts and leaves without ever connecting.

The footer names the day. A poster unsure whether Discord took a post (the connection
dropped before the answer) finds it among the channel's recent messages by the bot
(`discord_finder`, needs Read Message History) instead of posting it twice.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import aiohttp
import discord
from discord.http import HTTPClient, handle_message_parameters

from bot.adapters.discord.embeds import LAYER_COLOURS, Limits, add_field, clip, md, picture
from bot.adapters.discord.quiz import quiz_me_view
from bot.adapters.discord.settings import TOKEN
from bot.core.phrasing import tools_by_origin, works
from bot.daily.job import PostRefusedError
from bot.daily.render_text import daily_title
from bot.errors import ConfigError, describe_failure
from bot.ops.platform import Platform
from bot.render.origin import entry_team_line

if TYPE_CHECKING:
    from collections.abc import AsyncIterator
    from datetime import date

    from bot.daily.job import PostSender
    from bot.daily.posting import FindPost
    from bot.daily.rotation import DailyPost

__all__ = ["daily_embed", "discord_finder", "discord_sender", "one_shot_sender"]

_FOOTER = "Layer of the day for {day} · ask me about any of these with /osi"
log = logging.getLogger(__name__)
_HISTORY_LIMIT = 50  # the bot's post is looked for minutes after it was sent
# A one-shot run waits out a short rate limit; a long one fails the run, to be retried.
_ONE_SHOT_MAX_RATE_LIMIT_WAIT = 60.0
_HINTS = {
    10003: "no such channel; check DISCORD_DAILY_CHANNEL",
    50001: "the bot cannot see the channel; invite it there or check DISCORD_DAILY_CHANNEL",
    50013: "the bot may not send messages or embed links in the channel",
}


def daily_embed(post: DailyPost) -> discord.Embed:
    """One embed in the layer's colour, within Discord's limits whatever the knowledge holds."""
    layer, spotlight = post.layer, post.spotlight
    description = (
        f"{picture(post.stack)}\n"
        f"**In Kubernetes:** {md(layer.component)} ({md(layer.function)})\n\n"
        f"{md(layer.description)}"
    )
    embed = discord.Embed(
        title=clip(md(daily_title(post)), Limits.TITLE),
        description=clip(description, Limits.DESCRIPTION),
        colour=LAYER_COLOURS.get(layer.number),
    )
    team = entry_team_line(spotlight)
    add_field(
        embed,
        f"Spotlight: {md(spotlight.name)}",
        f"{md(spotlight.name)} {works(spotlight.name)} here — {md(post.role)}"
        + (f"\n*{md(team)}*" if team else ""),
    )
    if post.fact:
        add_field(embed, "Did you know?", md(post.fact))
    others = [tool for tool in post.tools if tool != spotlight.name]
    if others:
        add_field(embed, "Also at this layer", tools_by_origin(others, post.table_tools, md))
    embed.set_footer(text=_footer(post.day))
    # Least important last: drop the tool list, then the fact, then shorten the description.
    while len(embed) > Limits.TOTAL and len(embed.fields) > 1:
        embed.remove_field(len(embed.fields) - 1)
    if (excess := len(embed) - Limits.TOTAL) > 0 and embed.description:
        embed.description = clip(embed.description, len(embed.description) - excess)
    return embed


def _footer(day: date) -> str:
    return _FOOTER.format(day=day.isoformat())


def _refusal(error: discord.HTTPException) -> str:
    hint = _HINTS.get(error.code)
    return f"{error} ({hint})" if hint else str(error)


def discord_sender(http: HTTPClient) -> PostSender:
    """Posts a day's embed with a logged-in `http`; returns the message id.

    Raises:
        PostRefusedError: Discord refused the post or could not be reached.
    """

    async def send(channel: str, post: DailyPost) -> str:
        # The client's default is not applied to raw REST calls: say "ping nobody" here too.
        # The nonce makes Discord return the existing message, not post a second one, when
        # a send whose response was lost is tried again within Discord's dedup window.
        params = handle_message_parameters(
            embed=daily_embed(post),
            view=quiz_me_view(),  # "Quiz me": the running bot answers its clicks
            allowed_mentions=discord.AllowedMentions.none(),
            nonce=f"osi-daily-{post.day:%Y%m%d}",
        )
        with params:
            try:
                message = await http.send_message(int(channel), params=params)
            except discord.HTTPException as error:
                raise PostRefusedError(Platform.DISCORD, _refusal(error)) from None
            except discord.RateLimited as limited:
                reason = f"rate-limited for {limited.retry_after:.0f} s"
                raise PostRefusedError(Platform.DISCORD, reason) from None
            except (aiohttp.ClientError, OSError, TimeoutError) as error:
                reason = f"cannot reach Discord ({describe_failure(error)})"
                raise PostRefusedError(Platform.DISCORD, reason) from None
        # Discord took the post; a missing id must not make it look refused and be sent again.
        return str(message.get("id", ""))

    return send


def discord_finder(http: HTTPClient, bot_user_id: int) -> FindPost:
    """Looks for a day's post among the channel's recent messages by the bot; its id or None.

    Without Read Message History it warns once and finds nothing (the post goes out as
    before); Discord unreachable raises `PostRefusedError`, so nothing is sent unchecked.
    """
    warned = False

    async def find(channel: str, day: date) -> str | None:
        nonlocal warned
        try:
            messages = await http.logs_from(int(channel), _HISTORY_LIMIT)
        except discord.Forbidden as error:
            if not warned:
                warned = True
                log.warning(
                    "cannot read channel %s's history (%s): allow Read Message History, or a"
                    " post whose answer was lost may be posted again",
                    channel,
                    error,
                )
            return None
        except discord.HTTPException:
            return None  # a missing channel, say: the post itself reports it
        except (aiohttp.ClientError, OSError, TimeoutError) as error:
            reason = f"cannot reach Discord to look for the post ({error or type(error).__name__})"
            raise PostRefusedError(Platform.DISCORD, reason) from None
        footer = _footer(day)
        for message in messages:
            if message["author"]["id"] != str(bot_user_id):
                continue
            footers = [embed.get("footer", {}).get("text") for embed in message.get("embeds", [])]
            if footer in footers:
                return str(message["id"])
        return None

    return find


@asynccontextmanager
async def one_shot_sender(token: str) -> AsyncIterator[tuple[PostSender, FindPost]]:
    """Log in over REST (no gateway), yield a sender, close the session.

    Raises:
        ConfigError: Discord rejected the token.
        PostRefusedError: Discord could not be reached.
    """
    http = HTTPClient(
        asyncio.get_running_loop(), max_ratelimit_timeout=_ONE_SHOT_MAX_RATE_LIMIT_WAIT
    )
    try:
        try:
            user = await http.static_login(token)
        except discord.LoginFailure:
            message = f"Discord rejected {TOKEN}; copy it again from your application's Bot page."
            raise ConfigError(TOKEN, message) from None
        except (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError) as error:
            reason = f"cannot reach Discord ({describe_failure(error)})"
            raise PostRefusedError(Platform.DISCORD, reason) from None
        yield discord_sender(http), discord_finder(http, int(user["id"]))
    finally:
        await http.close()
