"""The README's quick start is what CI runs, word for word."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent


def _quick_start_commands() -> list[str]:
    readme = (_ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_commands() -> None:
    install_and_ask, install_and_test = _quick_start_commands()
    assert "pip install ." in install_and_ask
    assert "osi-bot ask" in install_and_ask
    assert "pytest" in install_and_test


def test_ci_runs_the_readme_test_command() -> None:
    test_command = _quick_start_commands()[1]
    ci_lines = (_ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert test_command in ci_lines


# `docker run` options that take a value as the next word.
_DOCKER_RUN_VALUE_OPTIONS = {"--env-file", "-e", "--env", "-p", "--publish", "-v", "--volume"}


def _docker_commands(verb: str) -> list[list[str]]:
    """Every `docker VERB ...` in the README, in code blocks or inline, as words."""
    readme = (_ROOT / "README.md").read_text("utf-8").replace("\\\n", " ")
    # Inline code may wrap over lines in the Markdown source; a fenced line ends the command.
    found = re.findall(rf"docker {verb} ([^`\n]*(?:\n {{3}}[^`\n]*)?)", readme)
    return [shlex.split(command.split("#")[0]) for command in found]


def _run_image(words: list[str]) -> str | None:
    """The image of a `docker run`; None for a mention of options alone ("--env-file .env")."""
    rest = iter(words)
    for word in rest:
        if word in _DOCKER_RUN_VALUE_OPTIONS:
            next(rest, None)
        elif not word.startswith("-"):
            return word
    return None


def test_every_image_the_readme_runs_is_one_it_builds() -> None:
    """A reader following any section can run what it shows: `docker build -t` names it."""
    built = {words[words.index("-t") + 1] for words in _docker_commands("build")}
    images = [_run_image(words) for words in _docker_commands("run")]
    ran = {image for image in images if image is not None}
    assert ran <= built
    assert len([image for image in images if image]) >= 8  # every docker run was found
    assert "osi-bot" in built
