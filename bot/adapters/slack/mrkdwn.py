"""Slack mrkdwn escaping: nothing the bot echoes can become a mention, a broadcast or a link.

Slack reads `<…>` as markup (`<!channel>`, `<@U123>`, `<!subteam^S1>`, `<https://x|label>`)
and `&` as the start of an entity. Escaping exactly these three characters is what Slack
asks for; every piece of user or knowledge text passes through `escape` before it is sent.
"""

from __future__ import annotations

import re

__all__ = ["bold", "escape", "link"]

# A URL that can sit inside `<url|label>` without ending the link early or opening another.
_SAFE_URL = re.compile(r"https?://[^\s<>|\x00-\x1f]{1,2000}")


def escape(text: str) -> str:
    """`text` with `&`, `<` and `>` as entities, so Slack shows it literally."""
    # `&` first, so the entities added after it are not escaped again. Chained replaces
    # run in C; `str.translate` with a mapping is several times slower on every answer.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def bold(text: str) -> str:
    """`text` escaped and in bold."""
    return f"*{escape(text)}*"


def link(url: str, label: str) -> str:
    """A mrkdwn link to `url`, or the escaped URL as plain text if it is not a safe http(s) URL."""
    if not _SAFE_URL.fullmatch(url):
        return escape(url)
    return f"<{escape(url)}|{escape(label)}>"
