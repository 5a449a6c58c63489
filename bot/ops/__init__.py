"""Running osi-bot in production: knowledge reload, metrics, logs and health checks.

Imported only by the long-running bots, never on the CLI path.
"""
