"""A knowledge file of the test's own, to edit under a running bot."""

from __future__ import annotations

import os
import re
import shutil
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bot.loading.load import bundled_knowledge_path, load_knowledge

if TYPE_CHECKING:
    from pathlib import Path

    from bot.core.knowledge import Knowledge

BROKEN = "layers: [\n"  # a YAML syntax error


def copy_bundled(path: Path) -> Path:
    shutil.copyfile(bundled_knowledge_path(), path)
    return path


def rename_metallb(path: Path, new_name: str) -> None:
    """Rename the MetalLB entry (its aliases stay, so `metallb` still finds it)."""
    rename(path, "MetalLB", new_name)


def rename(path: Path, name: str, new_name: str) -> None:
    """Rename the entry called `name`; its aliases stay, links and everyday words follow it."""
    text = path.read_text("utf-8")
    assert f"name: {name}\n" in text
    text = text.replace(f"name: {name}\n", f"name: {new_name}\n")
    rewrite(path, _LINKS.sub(lambda m: _relink(m, name, new_name), text))


# `uses: [Envoy, mTLS]` as the bundled file writes links, one line each; `everyday_words`
# names the entry itself ("Dex"), so a renamed entry's list follows its name too.
_LINKS = re.compile(r"^( +(?:uses|part_of|everyday_words): \[)(.*)(\])$", re.MULTILINE)


def _relink(match: re.Match[str], name: str, new_name: str) -> str:
    names = [new_name if linked == name else linked for linked in match[2].split(", ")]
    return f"{match[1]}{', '.join(names)}{match[3]}"


def rewrite(path: Path, text: str) -> None:
    """Replace the file with `text` in one step, as editors and Kubernetes do.

    A watcher polling in the middle of a write would otherwise see two changes; and the
    new modification time differs from the old one even within one tick of the clock.
    """
    before = os.stat(path).st_mtime_ns
    fresh = path.with_name(path.name + ".new")
    fresh.write_text(text, "utf-8")
    mtime = max(os.stat(fresh).st_mtime_ns, before + 1_000_000)
    os.utime(fresh, ns=(mtime, mtime))
    os.replace(fresh, path)


def billion_laughs(levels: int = 9) -> str:
    """A "billion laughs" under `version:`: 9**levels strings written in ~500 bytes.

    Each level lists the one before nine times through an alias, so nothing is copied in
    the file, but anything that walks the value (a repr, a recursive check) meets all of
    them: 387 million at 9 levels.
    """
    lines = ["version:", '  l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"  l{n}: &l{n} [{','.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels)]
    lines += [f"  all: *l{levels - 1}", "layers: []", "entries: []", ""]
    return "\n".join(lines)


def team_tool(name: str = "Frobnitz", *, layer: int = 7, replaces: str | None = None) -> str:
    """A team overlay (OSI_KNOWLEDGE_EXTRA) of one tool at `layer`, replacing `replaces`."""
    stands_in = f"    replaces: {replaces}\n" if replaces else ""
    return (
        "version: 1\n"
        "entries:\n"
        f"  - name: {name}\n"
        f"{stands_in}"
        "    kind: tool\n"
        f"    summary: {name}, as our team runs it.\n"
        "    layers:\n"
        f"      {layer}: What {name} does for our team.\n"
    )


def with_team_overlay(directory: Path) -> Knowledge:
    """The bundled knowledge with `directory`/team-tools.yaml merged over it: Frobnitz, a
    new tool at L7, and MetalLB replaced by the team's own at L3."""
    overlay = directory / "team-tools.yaml"
    overlay.write_text(
        team_tool("Frobnitz")
        + team_tool("MetalLB", layer=3, replaces="MetalLB").split("entries:\n", 1)[1],
        "utf-8",
    )
    return load_knowledge(extra=[str(overlay)])


def team_spotlight_day(knowledge: Knowledge) -> date:
    """The first day from 2026-01-01 whose layer of the day spotlights a team entry."""
    from bot.daily.rotation import daily_post  # noqa: PLC0415 - only the daily tests need it

    start = date(2026, 1, 1)
    days = (start + timedelta(days=n) for n in range(1000))
    return next(day for day in days if daily_post(knowledge, day).spotlight.origin.team)
