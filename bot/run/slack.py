"""Running the bot: settings first, then a token check, then Socket Mode or HTTP until stopped.

A bad setting fails before anything connects; a token Slack rejects fails at start-up with
a sentence naming it, rather than as a stream of errors later. While the bot answers, the
layer of the day is posted on schedule (when SLACK_DAILY_CHANNEL is set), the knowledge
is reloaded when its file changes, and answers are counted for /metrics. SIGTERM
(Kubernetes) and Ctrl-C stop the schedule and the server, then let answers in progress finish.
"""

from __future__ import annotations

import asyncio
import logging
import os
from contextlib import nullcontext
from typing import TYPE_CHECKING

from bot.adapters.slack.app import build_bot
from bot.adapters.slack.clients import (
    WEB_API_TIMEOUT_SECONDS,
    ResponseUrlClient,
    http_session,
    web_client,
)
from bot.adapters.slack.connections import Running, http, socket_mode
from bot.adapters.slack.daily import slack_finder, slack_sender
from bot.adapters.slack.dedupe import DEDUPE_TTL_SECONDS, RecentKeys
from bot.adapters.slack.settings import ENV_PORT, SECRET_VARIABLES, SlackSettings
from bot.adapters.slack.startup_checks import (
    SlackUnreachableError,
    check_app_token,
    check_bot_token,
)
from bot.core.answering import answer
from bot.core.knowledge import as_source
from bot.errors import ConfigError
from bot.ops.feedback import Feedback
from bot.ops.in_flight import SHUTDOWN_GRACE_SECONDS
from bot.ops.logs import configure_logging
from bot.ops.metrics import Metrics
from bot.ops.observed import observed
from bot.ops.platform import Platform
from bot.ops.running import operating, stop_on_signals
from bot.ops.server_settings import ServerSettings
from bot.ops.settings import HEALTH_PORT, OpsSettings
from bot.ops.shared_state import SharedKeys
from bot.run.parts import PartSettings

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from bot.adapters.slack.dedupe import Deliveries
    from bot.core.knowledge import Knowledge
    from bot.daily.clock import Clock
    from bot.daily.job import DailySetup
    from bot.ops.knowledge_holder import KnowledgeHolder
    from bot.ops.knowledge_settings import KnowledgeSettings
    from bot.ops.shared_state import SharedState

__all__ = ["Running", "SlackUnreachableError", "run", "serve"]

_log = logging.getLogger(__name__)


def run(
    knowledge: Knowledge, files: KnowledgeSettings, environ: Mapping[str, str] | None = None
) -> int:
    """`osi-bot slack`: serve until stopped; raise `ConfigError` for a bad setting.

    Args:
        files: where `knowledge` came from; that file is watched and reloaded.
    """
    environ = os.environ if environ is None else environ
    settings = SlackSettings.from_env(environ)
    _forget_secrets()
    ops = OpsSettings.from_env(environ)
    server = ServerSettings.from_env(environ)
    if not settings.socket_mode and ops.health_port == settings.port:
        message = (
            f"{HEALTH_PORT} is the same port as {ENV_PORT} ({settings.port}); leave it empty "
            f"in HTTP mode, which serves /healthz and /metrics on {ENV_PORT}."
        )
        raise ConfigError(HEALTH_PORT, message)
    part_settings = PartSettings.from_env(environ, Platform.SLACK)
    configure_logging(ops, secrets=settings.secrets)
    parts = part_settings.open(knowledge, files, ops)
    asyncio.run(
        _operate(
            settings,
            ops,
            parts.holder,
            parts.metrics,
            parts.daily,
            shared=parts.shared,
            server=server,
            feedback=parts.feedback,
        )
    )
    return 0


def _forget_secrets() -> None:
    """Remove the Slack secrets from the process environment once `SlackSettings` has them.

    Bolt falls back to SLACK_BOT_TOKEN (and SLACK_SIGNING_SECRET) from the environment when
    its constructor gets no token, and warns "As you gave `client` as well, `token` will be
    unused" whenever that variable is set beside the client it is given, which is how this
    bot builds it (the client carries SLACK_API_URL, the retry handlers and the shared
    session). With the settings read once, here, no library reads a secret a second time,
    and no child process inherits one.
    """
    for name in SECRET_VARIABLES:
        os.environ.pop(name, None)


async def _operate(
    settings: SlackSettings,
    ops: OpsSettings,
    holder: KnowledgeHolder,
    metrics: Metrics,
    daily: DailySetup,
    *,
    shared: SharedState | None,
    server: ServerSettings,
    feedback: Feedback,
) -> None:
    """`serve`, with health checks, knowledge reloads and signals around it."""
    running: list[Running] = []

    def is_up() -> bool:
        return bool(running) and running[0].is_up()

    seen = None
    if shared is not None:
        local = RecentKeys()
        seen = SharedKeys(shared, local.add, ttl=DEDUPE_TTL_SECONDS, kind="delivery")
    async with operating(holder, ops, metrics, is_up, shared) as stop:
        await serve(
            settings,
            holder.get,
            stop=stop,
            on_ready=running.append,
            daily=daily,
            metrics=metrics,
            log_unknown=ops.log_unknown_questions,
            seen=seen,
            health_details=shared.health if shared is not None else dict,
            server=server,
            feedback=feedback,
        )


async def serve(
    settings: SlackSettings,
    knowledge: Knowledge | Callable[[], Knowledge],
    *,
    base_url: str | None = None,
    api_timeout: float = WEB_API_TIMEOUT_SECONDS,
    host: str = "0.0.0.0",  # noqa: S104 - a container's port must be reachable from outside
    stop: asyncio.Event | None = None,
    on_ready: Callable[[Running], None] | None = None,
    daily: DailySetup | None = None,
    clock: Clock | None = None,
    metrics: Metrics | None = None,
    log_unknown: bool = False,
    seen: Deliveries | None = None,
    health_details: Callable[[], Mapping[str, str]] = dict,
    server: ServerSettings | None = None,
    feedback: Feedback | None = None,
) -> None:
    """Connect and answer until `stop` is set (default: SIGTERM or SIGINT).

    Args:
        knowledge: a Knowledge, or a function returning the current one (reloads).
        base_url: the Web API's address (default `settings.api_url`, else Slack's).
        api_timeout: the most seconds one Web API call or reply may take (tests shorten it).
        on_ready: called once the bot is answering.
        daily: the layer of the day's settings; it is posted while the bot answers.
        clock: the layer of the day's time (tests pass one that needs no waiting).
        metrics: where answers and daily posts are counted; HTTP mode serves /metrics.
        log_unknown: log the questions the bot could not answer (OSI_LOG_UNKNOWN_QUESTIONS).
        seen: where deliveries are remembered (Redis: every replica; default this process).
        health_details: what `/healthz` shows beside its status (whether Redis answers).
        server: the HTTP server's deadlines, and how long stopping may take in all.
        feedback: counts votes and keeps the curation log (default: votes in memory only).
    """
    on_signals = stop is None  # a caller that passes `stop` decides when to stop
    stop = stop or asyncio.Event()
    metrics = metrics or Metrics()
    source = as_source(knowledge)
    feedback = feedback or Feedback(source, metrics=metrics)
    ask = observed(
        answer,
        platform=Platform.SLACK,
        metrics=metrics,
        log_unknown=log_unknown,
        feedback=feedback,
    )
    server = server or ServerSettings()
    loop = asyncio.get_running_loop()
    with stop_on_signals(stop) if on_signals else nullcontext():
        async with http_session(api_timeout) as session:
            client = web_client(
                settings.bot_token, session=session, base_url=base_url or settings.api_url
            )
            await check_bot_token(client)
            if settings.app_token is not None:
                await check_app_token(client, settings.app_token)
            bot = build_bot(
                source,
                client=client,
                signing_secret=settings.signing_secret,
                responses=ResponseUrlClient(session),
                answer_fn=ask,
                seen=seen,
                health_details=health_details,
                feedback=feedback,
            )
            job = None
            if daily is not None:
                send = slack_sender(client)
                job = daily.job(
                    source,
                    platform=Platform.SLACK,
                    send=send,
                    find=slack_finder(client),
                    clock=clock,
                    record=metrics.record_daily,
                )
            if settings.app_token is not None:
                serving = socket_mode(bot, settings.app_token, client)
            else:
                serving = http(
                    bot,
                    host,
                    settings.port,
                    metrics,
                    is_ready=lambda: not stop.is_set(),
                    server=server,
                )
            async with serving as running:
                if on_ready:
                    on_ready(running)
                # The schedule starts once the bot answers and stops before it stops answering;
                # a post on its way gets part of the shutdown bound, not time beyond it.
                grace = min(SHUTDOWN_GRACE_SECONDS, server.shutdown_seconds / 2)
                async with job.scheduled(grace=grace) if job else nullcontext():
                    await stop.wait()
                    deadline = loop.time() + server.shutdown_seconds
            # Replies started by requests answered while stopping are waited for too.
            if not await bot.idle(max(0.0, deadline - loop.time())):
                _log.warning(
                    "Stopped after %g s with %d answers still being sent",
                    server.shutdown_seconds,
                    len(bot.background),
                )
            await feedback.writing.idle(max(0.0, deadline - loop.time()))
