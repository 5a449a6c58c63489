"""The Slack adapter: `/osi`, mentions, direct messages and buttons, over HTTP or Socket Mode.

`bot.run.slack` wires it; nothing here reads settings or connects on import.
"""
