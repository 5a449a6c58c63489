"""Running osi-bot: settings from the environment, knowledge reload, metrics, logs, health.

The CLI imports only `knowledge_settings` and `platform`; the rest is for the long-running
bots.
"""
