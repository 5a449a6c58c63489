"""The layer of the day as plain text and as JSON-ready data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.core.phrasing import layer_title, tools_by_origin, works
from bot.render.origin import entry_team_line
from bot.render.stack import stack_lines

if TYPE_CHECKING:
    from bot.daily.rotation import DailyPost

__all__ = ["daily_record", "daily_text", "daily_title"]


def daily_title(post: DailyPost) -> str:
    return f"Layer of the day: {layer_title(post.layer)}"


def daily_text(post: DailyPost, *, picture: bool = True, colour: bool = False) -> str:
    """Title, the stack with the day's layer marked (unless not `picture`; ANSI colours when
    `colour`), Kubernetes function, description, spotlight and a did-you-know line."""
    layer, spotlight = post.layer, post.spotlight
    lines = [
        daily_title(post),
        *(stack_lines(post.stack, colour=colour) if picture else []),
        f"In Kubernetes: {layer.component} ({layer.function}).",
        layer.description,
        f"Spotlight: {spotlight.name} {works(spotlight.name)} here — {post.role}",
    ]
    if team := entry_team_line(spotlight):
        lines.append(team)
    if post.fact:
        lines.append(f"Did you know? {post.fact}")
    others = [t for t in post.tools if t != spotlight.name]
    if others:  # as on Slack and Discord: no empty list when the spotlight is the only tool
        lines.append(f"Also at this layer: {tools_by_origin(others, post.table_tools)}")
    return "\n".join(lines)


def daily_record(post: DailyPost) -> dict[str, Any]:
    return {
        "date": post.day.isoformat(),
        "layer": post.layer.number,
        "name": post.layer.name,
        "component": f"{post.layer.component} ({post.layer.function})",
        "description": post.layer.description,
        "spotlight": post.spotlight.name,
        "role": post.role,
        "did_you_know": post.fact,
        "tools": list(post.tools),
        "text": daily_text(post, picture=False),  # `layer` says it to a script
    }
