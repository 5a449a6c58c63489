"""The `osi-bot` command line's parser: built only when a command line needs it, since a
plain `osi-bot ask <question>` is read without it (argparse and its translations cost the
start-up a few milliseconds)."""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import TYPE_CHECKING, Any

from bot.ops.env import HOW_TO_SET
from bot.ops.knowledge_settings import EXTRA, KNOWLEDGE
from bot.ops.platform import Platform

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

__all__ = ["command", "parser"]


class _Formatter(argparse.HelpFormatter):
    """Help text without asking the terminal its size.

    argparse builds a formatter for every argument it defines, and the default one
    imports shutil (and with it lzma and bz2) to measure the terminal: time every
    `osi-bot ask` would pay for help it never prints. $COLUMNS is honoured.
    """

    def __init__(self, prog: str) -> None:
        columns = os.environ.get("COLUMNS", "")
        super().__init__(prog, width=int(columns) - 2 if columns.isdigit() else 98)


class _Listing(_Formatter):
    """Keeps the line breaks of a description or epilog: a list of settings stays a list."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap  # noqa: PLC0415 - only when help is printed

        lines = text.splitlines()
        return "\n".join(textwrap.fill(line, width, initial_indent=indent) for line in lines)


class _Version(argparse.Action):
    """--version: the installed package's version, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            installed = version("osi-bot")
        except PackageNotFoundError:
            installed = "(not installed; run from a source tree)"
        sys.stdout.write(f"osi-bot {installed}\n")
        parser.exit()


# The settings each bot reads, for `osi-bot slack --help` and `osi-bot discord --help`.
# Plain text here rather than read from the adapters: building the parser is part of every
# start-up but a plain `osi-bot ask <question>` (`ask --json`, `chat`, `quiz`...), and must
# not import them.
_HOW_TO_SET = f"Export them, or {HOW_TO_SET}.\n"
_SHARED_SETTINGS = """\
  OSI_KNOWLEDGE, OSI_CACHE_DIR, OSI_KNOWLEDGE_MAX_BYTES
                         optional: the knowledge file (as --knowledge), its parse cache and
                         its size cap
  OSI_KNOWLEDGE_EXTRA    optional: team overlays merged over it (as --knowledge-extra)
  OSI_HEALTH_PORT        optional: serve GET /healthz and /metrics on this port
  OSI_DAILY_TIME, OSI_TIMEZONE, OSI_DAILY_WEEKDAYS_ONLY, OSI_STATE_DIR
                         optional: when the layer of the day is posted, and its record
  OSI_REDIS_URL, OSI_REDIS_PREFIX
                         optional: a Redis every replica shares (redeliveries, daily posts)
  OSI_LOG_LEVEL, OSI_LOG_FORMAT, OSI_LOG_UNKNOWN_QUESTIONS
                         optional: logging
  OSI_CURATION_LOG       optional: true = keep unknown questions and disputed answers
                         (never user IDs) for `osi-bot curation` (default false)
  OSI_KNOWLEDGE_RELOAD_SECONDS, OSI_KNOWLEDGE_RELOAD_TIMEOUT
                         optional: knowledge reloads
"""
_SLACK_SETTINGS = f"""\
settings:
  SLACK_BOT_TOKEN        required: the Bot User OAuth Token (xoxb-...)
  SLACK_APP_TOKEN        Socket Mode: an app-level token (xapp-...); unset = HTTP mode
  SLACK_SIGNING_SECRET   HTTP mode: the app's Signing Secret
  PORT                   HTTP mode: the port to listen on (default 3000)
  SLACK_API_URL          optional: Slack's Web API base URL (GovSlack, a proxy)
  SLACK_DAILY_CHANNEL    optional: channel IDs for the layer of the day
  OSI_HTTP_IDLE_SECONDS, OSI_HTTP_BODY_SECONDS
                         HTTP mode: seconds a client may take to send a request's head
                         (from connecting or its last answer; default 15) and body (10)
  OSI_SHUTDOWN_SECONDS   optional: the most seconds from SIGTERM to exit (default 20)
{_SHARED_SETTINGS}
{_HOW_TO_SET}Every setting is described in .env.example; README.md, "Run on Slack", has the steps.
"""
_DISCORD_SETTINGS = f"""\
settings:
  DISCORD_TOKEN          required: the bot token from the Developer Portal's Bot page
  DISCORD_GUILD_ID       optional: a server ID to register /osi in at every start
  DISCORD_SHARD_COUNT    optional: 'auto' or the total number of shards
  DISCORD_SHARD_IDS      optional: the shards this process runs, like 0-3
  DISCORD_DAILY_CHANNEL  optional: channel IDs for the layer of the day
{_SHARED_SETTINGS}
{_HOW_TO_SET}Every setting is described in .env.example; README.md, "Run on Discord", has the steps.
"""


_MAX_QUESTIONS = 1000  # `osi-bot quiz -n`


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose subcommands use `_Formatter` too (they share its class)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(**kwargs)


def parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The command line's parser: with only the subcommand `argv` names, when it names
    one. Each subparser costs argparse a few look-ups for translations of its headings,
    and a start-up needs one."""
    named = command(argv)

    def wanted(name: str) -> bool:
        return named is None or named == name

    common = _Parser(add_help=False)
    common.add_argument(
        "--knowledge",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=f"knowledge YAML file (default: ${KNOWLEDGE}, else the bundled file)",
    )
    common.add_argument(
        "--knowledge-extra",
        metavar="PATHS",
        default=argparse.SUPPRESS,
        help="team overlays merged over it: YAML files or directories of them, "
        f"comma-separated (default: ${EXTRA}; '' for none)",
    )
    parser = _Parser(
        prog="osi-bot",
        description="Which OSI layer does a Kubernetes networking tool or concept work at?",
        parents=[common],
    )
    parser.add_argument("--version", action=_Version, help="print the version and exit")
    # An explicit prog spares argparse building a help formatter (and importing shutil)
    # on every start-up.
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, prog="osi-bot"
    )

    if wanted("ask"):
        ask = commands.add_parser("ask", parents=[common], help="answer one question ('-': stdin)")
        ask.add_argument("question", nargs="+", help="the question, or '-' for one per stdin line")
        ask.add_argument("--json", action="store_true", help="print JSON (one object per line)")

    if wanted("chat"):
        commands.add_parser("chat", parents=[common], help="talk to the bot in the terminal")
    if wanted("layers"):
        commands.add_parser("layers", parents=[common], help="print the whole OSI table")
    if wanted("quiz"):
        quiz = commands.add_parser(
            "quiz", parents=[common], help="which layer is ...? answer on stdin, learn why"
        )
        quiz.add_argument(
            "-n", "--questions", type=_count, default=1, metavar="N", help="questions (default 1)"
        )
        quiz.add_argument("--seed", type=int, help="the same seed asks the same questions")
    if wanted("check"):
        check = commands.add_parser(
            "check",
            parents=[common],
            help="validate a knowledge file, with any team overlays merged, and summarise it",
        )
        check.add_argument("path", nargs="?", help="the main file (default: as for --knowledge)")

    if wanted("daily"):
        daily = commands.add_parser(
            "daily", parents=[common], help="the layer of the day: preview or post once"
        )
        # The metavar names the choices in "the following arguments are required: ...".
        daily_commands = daily.add_subparsers(
            dest="daily_command", metavar="{show,post}", required=True, prog="osi-bot daily"
        )
        show = daily_commands.add_parser("show", parents=[common], help="print a day's post")
        post = daily_commands.add_parser("post", parents=[common], help="post once, then exit")
        post.add_argument(
            "--platform",
            choices=[p.value for p in Platform],
            required=True,
            help="where to post: slack (SLACK_BOT_TOKEN, SLACK_DAILY_CHANNEL) "
            "or discord (DISCORD_TOKEN, DISCORD_DAILY_CHANNEL)",
        )
        for sub in (show, post):
            sub.add_argument(
                "--date",
                type=_iso_date,
                help="YYYY-MM-DD (default: today in $OSI_TIMEZONE, which defaults to UTC)",
            )
        show.add_argument("--json", action="store_true", help="print JSON")

    if wanted("curation"):
        curation = commands.add_parser(
            "curation",
            help="what to add or fix in the knowledge: unknown terms, disputed answers",
            description="Report from the curation log the bots keep with OSI_CURATION_LOG=true "
            "(in OSI_STATE_DIR, or Redis when OSI_REDIS_URL is set): the most asked unknown "
            "terms and the most disputed entries, with counts and examples.",
        )
        curation.add_argument("--json", action="store_true", help="print JSON")
        curation.add_argument(
            "--limit", type=_positive, default=10, metavar="N", help="show the top N of each (10)"
        )

    if wanted("slack"):
        commands.add_parser(
            "slack",
            parents=[common],
            help="run the Slack bot",
            epilog=_SLACK_SETTINGS,
            formatter_class=_Listing,
        )
    if wanted("discord"):
        discord = commands.add_parser(
            "discord",
            parents=[common],
            help="run the Discord bot",
            epilog=_DISCORD_SETTINGS,
            formatter_class=_Listing,
        )
        discord.add_argument("--sync", action="store_true", help="register /osi globally, then run")
    return parser


_COMMANDS = frozenset("ask chat layers quiz check daily curation slack discord".split())
_TAKES_A_VALUE = frozenset({"--knowledge", "--knowledge-extra"})


def command(argv: Sequence[str]) -> str | None:
    """The subcommand `argv` names, past the knowledge options before it; None for
    anything else ("--help", "--", an abbreviated option, a typo), which needs the whole
    parser to answer."""
    values = iter(argv)
    for arg in values:
        if arg in _TAKES_A_VALUE:
            next(values, None)
        elif arg.startswith("-"):
            if arg.split("=", 1)[0] not in _TAKES_A_VALUE:
                return None  # "--help", "--", an abbreviated option
        else:
            return arg if arg in _COMMANDS else None
    return None


def _count(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= _MAX_QUESTIONS:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number from 1 to {_MAX_QUESTIONS}")
    return int(value)


def _positive(value: str) -> int:
    if not (value.isascii() and value.isdigit() and int(value) > 0):
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number above 0")
    return int(value)


def _iso_date(value: str) -> date:
    from datetime import date  # noqa: PLC0415 - only the daily commands need dates

    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    shaped = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", value)
    if shaped is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-11-26")
    # The shape is right, so say which part is impossible rather than blame the format.
    import calendar  # noqa: PLC0415 - only for this message

    year, month, day = map(int, shaped.groups())
    if not 1 <= month <= 12:
        raise argparse.ArgumentTypeError(f"{value!r}: there is no month {month}")
    days = calendar.monthrange(year, month)[1]
    month_name = calendar.month_name[month]
    message = f"{value!r}: there is no day {day} in {month_name} {year}, which has {days} days"
    raise argparse.ArgumentTypeError(message)
