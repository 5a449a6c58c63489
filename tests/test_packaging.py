"""A non-editable install carries its knowledge and answers from any directory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(_ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return next(out.glob("osi_bot-*.whl"))


def test_wheel_contains_the_knowledge(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "bot/data/layers.yaml" in names
        bundled = archive.read("bot/data/layers.yaml")
    assert bundled == (_ROOT / "knowledge" / "layers.yaml").read_bytes()


def test_installed_wheel_answers_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # Only the installed copy is importable: the checkout is not on the path.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(target)
    result = subprocess.run(
        [sys.executable, "-I", "-c",
         f"import sys; sys.path.insert(0, {str(target)!r}); import bot.cli, bot.loading.load;"
         "print(bot.loading.load.bundled_knowledge_path()); bot.cli.main(['ask', 'metallb'])"],
        capture_output=True, text=True, cwd=elsewhere, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    path_line, answer_line = result.stdout.splitlines()[:2]
    assert path_line.startswith(str(target))
    assert answer_line == "MetalLB works at Layer 4 (Transport)."
