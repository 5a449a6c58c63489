"""The README's quick start is what CI runs, word for word."""

from __future__ import annotations

import re
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
