"""The layers in pyproject.toml hold, and `lint-imports` notices when an arrow points up."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# import-linter is in the test extra: a missing one fails here rather than skipping.
LINT_IMPORTS = shutil.which("lint-imports")


def _lint_imports(where: Path) -> subprocess.CompletedProcess[str]:
    assert LINT_IMPORTS is not None, "lint-imports is not installed (pip install -e '.[test]')"
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache"],
        cwd=where,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _copy_with(tmp_path: Path, module: str, line: str) -> Path:
    """The package and its contracts in `tmp_path`, with `line` added to `module`."""
    shutil.copytree(ROOT / "bot", tmp_path / "bot", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text(target.read_text("utf-8") + f"\n{line}\n", "utf-8")
    return tmp_path


def test_the_package_keeps_every_contract() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("bot/core/text.py", "import bot.ops.env", "Layers"),
        ("bot/core/answering.py", "import bot.errors", "The core is pure"),
        ("bot/loading/load.py", "import bot.render.text", "Layers"),
        ("bot/ops/settings.py", "import bot.daily.schedule", "Layers"),
        ("bot/daily/job.py", "import bot.adapters.slack.daily", "Layers"),
        ("bot/adapters/slack/app.py", "import bot.adapters.discord.embeds", "stands alone"),
        ("bot/render/text.py", "import slack_sdk", "Only its own adapter"),
        ("bot/arguments.py", "import bot.cli", "Layers"),
    ],
)
def test_an_import_against_the_architecture_fails_the_check(
    tmp_path: Path, module: str, line: str, contract: str
) -> None:
    result = _lint_imports(_copy_with(tmp_path, module, line))
    assert result.returncode != 0
    broken = result.stdout[result.stdout.index("Broken contracts") :]
    assert contract in broken
    assert module.removesuffix(".py").replace("/", ".") in broken
