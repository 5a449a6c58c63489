"""Running the bot: settings first, then a token check, then Socket Mode or HTTP until stopped.

A bad setting fails before anything connects; a token Slack rejects fails at start-up with
a sentence naming it, rather than as a stream of errors later. While the bot answers, the
layer of the day is posted on schedule (when SLACK_DAILY_CHANNEL is set). SIGTERM
(Kubernetes) and Ctrl-C stop the schedule and the server, then let answers in progress finish.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from contextlib import asynccontextmanager, contextmanager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.adapters.slack.app import build_bot
from bot.adapters.slack.clients import ResponseUrlClient, web_client
from bot.adapters.slack.daily import slack_sender
from bot.adapters.slack.server import build_web_app
from bot.adapters.slack.settings import ENV_APP, ENV_BOT, SlackSettings
from bot.daily.channels import SLACK_DAILY_CHANNEL
from bot.daily.job import DailySetup
from bot.errors import ConfigError, OsiBotError

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator, Mapping

    from slack_sdk.web.async_client import AsyncWebClient

    from bot.adapters.slack.app import SlackBot
    from bot.daily.clock import Clock
    from bot.knowledge import Knowledge

__all__ = ["Running", "SlackUnreachableError", "run", "serve"]

_log = logging.getLogger(__name__)

_SHUTDOWN_GRACE_SECONDS = 10.0
_REJECTED = {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"}


@dataclass(frozen=True, slots=True)
class Running:
    """A bot that is answering; `url` is the HTTP server's address (None in Socket Mode)."""

    bot: SlackBot
    url: str | None


class SlackUnreachableError(OsiBotError):
    """Slack could not be reached at start-up."""


def run(knowledge: Knowledge, environ: Mapping[str, str] | None = None) -> int:
    """`osi-bot slack`: serve until stopped; raise `ConfigError` for a bad setting."""
    environ = os.environ if environ is None else environ
    settings = SlackSettings.from_env(environ)
    daily = DailySetup.from_env(SLACK_DAILY_CHANNEL, environ)
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    asyncio.run(serve(settings, knowledge, daily=daily))
    return 0


async def serve(
    settings: SlackSettings,
    knowledge: Knowledge,
    *,
    base_url: str | None = None,
    host: str = "0.0.0.0",  # noqa: S104 - a container's port must be reachable from outside
    stop: asyncio.Event | None = None,
    on_ready: Callable[[Running], None] | None = None,
    daily: DailySetup | None = None,
    clock: Clock | None = None,
) -> None:
    """Connect and answer until `stop` is set (default: SIGTERM or SIGINT).

    Args:
        base_url: the Web API's address (default Slack's; tests point it at a fake).
        on_ready: called once the bot is answering.
        daily: the layer of the day's settings; it is posted while the bot answers.
        clock: the layer of the day's time (tests pass one that needs no waiting).
    """
    on_signals = stop is None  # a caller that passes `stop` decides when to stop
    stop = stop or asyncio.Event()
    async with aiohttp.ClientSession() as session:
        client = web_client(settings.bot_token, session=session, base_url=base_url)
        await _check_bot_token(client)
        if settings.app_token is not None:
            await _check_app_token(client, settings.app_token)
        bot = build_bot(
            knowledge,
            client=client,
            signing_secret=settings.signing_secret,
            responses=ResponseUrlClient(session),
        )
        send = slack_sender(client)
        job = daily.job(knowledge, platform="slack", send=send, clock=clock) if daily else None
        with _stop_on_signals(stop) if on_signals else nullcontext():
            if settings.app_token is not None:
                serving = _socket_mode(bot, settings.app_token, client)
            else:
                serving = _http(bot, host, settings.port)
            async with serving as running:
                if on_ready:
                    on_ready(running)
                # The schedule starts once the bot answers and stops before it stops answering.
                async with job.scheduled() if job else nullcontext():
                    await stop.wait()
        if not await bot.idle(_SHUTDOWN_GRACE_SECONDS):
            _log.warning("Stopped with %d answers still being sent", len(bot.background))


@asynccontextmanager
async def _socket_mode(
    bot: SlackBot, app_token: str, client: AsyncWebClient
) -> AsyncIterator[Running]:
    handler = AsyncSocketModeHandler(bot.app, app_token=app_token, web_client=client)
    try:
        await handler.connect_async()  # type: ignore[no-untyped-call]
        _log.info("osi-bot is answering on Slack (Socket Mode)")
        yield Running(bot, url=None)
    finally:
        await handler.close_async()  # type: ignore[no-untyped-call]


@asynccontextmanager
async def _http(bot: SlackBot, host: str, port: int) -> AsyncIterator[Running]:
    runner = web.AppRunner(build_web_app(bot), access_log=None, handle_signals=False)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        bound = runner.addresses[0]
        url = f"http://{bound[0]}:{bound[1]}"
        _log.info("osi-bot is answering on Slack (HTTP, %s/slack/events)", url)
        yield Running(bot, url=url)
    finally:
        await runner.cleanup()  # stops accepting, lets requests in flight finish


async def _check_bot_token(client: AsyncWebClient) -> None:
    try:
        identity = await client.auth_test()
    except SlackApiError as error:
        code = error.response.get("error")
        if code in _REJECTED:
            message = f"Slack rejected {ENV_BOT} ({code}); copy the Bot User OAuth Token again."
            raise ConfigError(ENV_BOT, message) from None
        raise SlackUnreachableError(f"Slack's auth.test failed: {code}.") from None
    except (SlackClientError, aiohttp.ClientError, TimeoutError) as error:
        message = (
            f"Cannot reach Slack's Web API ({error or type(error).__name__}); check the network."
        )
        raise SlackUnreachableError(message) from None
    if not identity.get("bot_id"):
        message = f"{ENV_BOT} is not a bot token; use the Bot User OAuth Token (xoxb-…)."
        raise ConfigError(ENV_BOT, message)


async def _check_app_token(client: AsyncWebClient, app_token: str) -> None:
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
        message = f"Cannot reach Slack for Socket Mode ({error or type(error).__name__})."
        raise SlackUnreachableError(message) from None


@contextmanager
def _stop_on_signals(stop: asyncio.Event) -> Iterator[None]:
    """Set `stop` on SIGTERM and SIGINT while inside the block."""
    loop = asyncio.get_running_loop()
    installed = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # Windows, or not the main thread
            continue
        installed.append(sig)
    try:
        yield
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)
