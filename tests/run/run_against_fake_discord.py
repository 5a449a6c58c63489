"""`python -m bot`, with discord.py's two base URLs pointed at a local fake Discord.

    python -m tests.run.run_against_fake_discord API_BASE GATEWAY_URL discord [...]

discord.py has no setting for where Discord is, and a production one would only invite
mistakes; so the process tests patch exactly the two class attributes the in-process
fixture patches (tests/fakes/fixtures.py), then run the unchanged CLI.
"""

from __future__ import annotations

import sys

import discord
import yarl
from discord.gateway import DiscordWebSocket

from bot.cli import main

if __name__ == "__main__":
    api_base, gateway_url, *argv = sys.argv[1:]
    discord.http.Route.BASE = api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
    sys.exit(main(argv))
