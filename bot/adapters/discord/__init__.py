"""The Discord adapter: `/osi` with autocomplete, mentions, DMs, embeds and buttons.

`bot.run.discord` wires it; importing it reads no settings and opens no connection.
"""
