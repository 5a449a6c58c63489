"""An answer as a Discord embed: what was understood, a field per layer, within Discord's limits."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord.utils import escape_markdown, escape_mentions

from bot.core.knowledge import EntryKind
from bot.core.model import Answer, AnswerKind
from bot.core.phrasing import (
    ASK_HINT,
    HELP_INTRO,
    TRUNCATED_NOTE,
    basis_line,
    headline,
    layer_title,
    mentioned_list,
    other_layers_line,
    related_list,
    tools_by_origin,
    understood_line,
)
from bot.render.origin import team_line
from bot.render.stack import answer_stack, stack_legend, stack_lines

if TYPE_CHECKING:
    from bot.core.knowledge import Knowledge, Layer
    from bot.render.stack import Stack

__all__ = ["LAYER_COLOURS", "Limits", "add_field", "answer_embed", "clip", "md", "picture"]


class Limits:
    """Discord's embed limits, in characters unless named otherwise."""

    TITLE = 256
    DESCRIPTION = 4096
    FIELDS = 25  # count
    FIELD_NAME = 256
    FIELD_VALUE = 1024
    FOOTER = 2048
    AUTHOR = 256
    TOTAL = 6000  # every title, description, field, footer and author together


# One colour per layer, warm at the wire and cool at the application, so a glance at the
# embed's edge tells the layer before reading it.
LAYER_COLOURS: dict[int, int] = {
    7: 0x9B59B6,
    6: 0x3498DB,
    5: 0x1ABC9C,
    4: 0x2ECC71,
    3: 0xF1C40F,
    2: 0xE67E22,
    1: 0xE74C3C,
}
_HELP_COLOUR = 0x5865F2  # Discord blurple
_UNKNOWN_COLOUR = 0x95A5A6
_HOW_TO_ASK = "Use /osi, mention me in a channel, or send me a direct message."


def answer_embed(answer: Answer, knowledge: Knowledge) -> discord.Embed:
    """Render `answer` as one embed that Discord will accept, whatever the knowledge holds."""
    if answer.subjects:
        embed = _subjects_embed(answer, knowledge)
    elif answer.kind in (AnswerKind.TOOL, AnswerKind.CONCEPT):
        embed = _entry_embed(answer, knowledge)
    elif answer.kind is AnswerKind.LAYER:
        embed = _layer_embed(answer, knowledge)
    elif answer.kind is AnswerKind.HELP:
        embed = _help_embed()
    else:
        embed = _unknown_embed(answer, knowledge)
    footer = [
        line for line in (team_line(answer, knowledge), answer.truncated and TRUNCATED_NOTE) if line
    ]
    if footer:
        embed.set_footer(text=clip(" · ".join(footer), Limits.FOOTER))
    return _fit(embed)


def _entry_embed(answer: Answer, knowledge: Knowledge) -> discord.Embed:
    entry = answer.entry
    assert entry is not None
    lines = [f"**{md(headline(answer, knowledge))}**", *_picture(answer, knowledge)]
    others = other_layers_line(answer)
    if others:
        lines.append(md(others))
    if entry.no_layer:
        lines.append(md(entry.no_layer))
    lines.append(md(entry.summary))
    if entry.note:
        lines.append(f"*Note:* {md(entry.note)}")
    # The source is the title's link, shown once; "Understood" only after a typo correction,
    # where it says something the title does not.
    embed = discord.Embed(
        title=clip(md(entry.name), Limits.TITLE),
        url=entry.source,
        description=clip("\n\n".join(lines), Limits.DESCRIPTION),
        colour=_colour(answer.layers),
    )
    if understood := understood_line(answer):
        embed.set_author(name=clip(f"Understood: {understood}", Limits.AUTHOR))
    for layer in answer.layers:
        add_field(embed, layer_title(layer), md(entry.role_at(layer.number) or layer.function))
    if entry.also:
        beyond = [f"**L{f.layer}**: {md(f.role)}" for f in entry.also]
        title = "Beyond the table" if entry.table else "Also at"
        add_field(embed, "Where it touches" if entry.no_layer else title, "\n".join(beyond))
    _add_also_mentioned(embed, answer)
    if related := related_list(answer, md):
        add_field(embed, "Related", related)  # each one a button below
    return embed


def _subjects_embed(answer: Answer, knowledge: Knowledge) -> discord.Embed:
    """Several subjects side by side: one inline field each (Discord puts up to three in a
    row on desktop and stacks them on mobile), then each one's summary."""
    title = " · ".join(s.entry.name for s in answer.subjects)
    summaries = [f"**{md(s.entry.name)}** — {md(s.entry.summary)}" for s in answer.subjects]
    embed = discord.Embed(
        title=clip(md(title), Limits.TITLE),
        description=clip(
            "\n\n".join(
                [f"**{md(headline(answer, knowledge))}**", *_picture(answer, knowledge), *summaries]
            ),
            Limits.DESCRIPTION,
        ),
        colour=_colour(answer.subjects[0].layers),
    )
    for subject in answer.subjects:
        entry = subject.entry
        roles = [
            f"**{layer_title(layer)}**: {md(entry.role_at(layer.number) or layer.function)}"
            for layer in subject.layers
        ]
        if subject.typed:
            roles.insert(0, f"*you typed “{md(subject.typed)}”*")
        add_field(embed, md(entry.name), "\n".join(roles), inline=True)
    _add_also_mentioned(embed, answer)
    return embed


def _add_also_mentioned(embed: discord.Embed, answer: Answer) -> None:
    """Further things the question named, outside what it asked about."""
    if answer.also:
        add_field(embed, "Also mentioned", mentioned_list(answer, md))


def _layer_embed(answer: Answer, knowledge: Knowledge) -> discord.Embed:
    """The headline is the title, so the layer is named once; one layer's description
    follows it, several get a field each (named, to tell them apart)."""
    only = answer.layers[0] if len(answer.layers) == 1 else None
    basis = basis_line(answer)
    lines = _picture(answer, knowledge)
    lines += [f"*{md(basis)}*"] if basis else []
    lines += [md(only.description)] if only else []
    if answer.unknown_term:
        lines.append(f"(I don't know “{md(answer.unknown_term)}”.)")
    embed = discord.Embed(
        title=clip(md(headline(answer, knowledge)), Limits.TITLE),
        description=clip("\n\n".join(lines), Limits.DESCRIPTION) if lines else None,
        colour=_colour(answer.layers),
    )
    for layer in answer.layers:
        at_layer = knowledge.entries_at(layer.number, EntryKind.TOOL)
        table = {e.name for e in at_layer if e.table}
        names = [e.name for e in at_layer]
        if only:
            if tools := tools_by_origin(names, table, md, Limits.FIELD_VALUE):
                add_field(embed, "Tools", tools)
            continue
        room = Limits.FIELD_VALUE - len(md(layer.description)) - len("\n**Tools:** ")
        tools = tools_by_origin(names, table, md, room)
        value = md(layer.description) + (f"\n**Tools:** {tools}" if tools else "")
        add_field(embed, f"{layer_title(layer)} — {md(layer.component)}", value)
    return embed


def picture(stack: Stack) -> str:
    """The stack in a code block, which keeps its columns lined up on the mobile app too
    (it is 32 characters at most), then its legend."""
    box = "\n".join(stack_lines(stack))
    legend = stack_legend(stack)
    return f"```\n{box}\n```" + (f"\n{md(legend)}" if legend else "")


def _picture(answer: Answer, knowledge: Knowledge) -> list[str]:
    stack = answer_stack(answer, knowledge.layers)
    return [picture(stack)] if stack else []


def _help_embed() -> discord.Embed:
    embed = discord.Embed(title="osi-bot", description=HELP_INTRO, colour=_HELP_COLOUR)
    add_field(embed, "How to ask", _HOW_TO_ASK)
    add_field(embed, "Try", "one of the examples below: each button asks it")
    return embed


def _unknown_embed(answer: Answer, knowledge: Knowledge) -> discord.Embed:
    embed = discord.Embed(
        description=clip(md(headline(answer, knowledge)), Limits.DESCRIPTION),
        colour=_UNKNOWN_COLOUR,
    )
    if answer.suggestions:
        add_field(embed, "Did you mean", ", ".join(md(name) for name in answer.suggestions))
    else:
        add_field(embed, "Try", ASK_HINT)
    return embed


def add_field(embed: discord.Embed, name: str, value: str, *, inline: bool = False) -> None:
    """A field (full-width unless `inline`), clipped to Discord's limits; ignored once the
    embed has 25."""
    if len(embed.fields) < Limits.FIELDS:
        embed.add_field(
            name=clip(name, Limits.FIELD_NAME),
            value=clip(value, Limits.FIELD_VALUE),
            inline=inline,
        )


def _fit(embed: discord.Embed) -> discord.Embed:
    """Drop trailing fields, then shorten the description, until the whole embed fits."""
    while len(embed) > Limits.TOTAL and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    excess = len(embed) - Limits.TOTAL
    if excess > 0 and embed.description:
        embed.description = clip(embed.description, len(embed.description) - excess)
    return embed


def _colour(layers: tuple[Layer, ...]) -> int:
    return LAYER_COLOURS.get(layers[0].number, _UNKNOWN_COLOUR) if layers else _UNKNOWN_COLOUR


def md(text: str) -> str:
    """Text shown as Discord markdown: nothing in it formats, pings or links a mention."""
    return escape_mentions(escape_markdown(text))


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"
