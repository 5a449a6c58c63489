"""The image's runtime reproduced as a local process: the wheel in a fresh venv, the
Dockerfile's ENV, an empty home and working directory, nothing else on PATH."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path

__all__ = ["LocalImage", "build_wheel", "install_image"]


def build_wheel(source: Path, out: Path) -> Path:
    """Build the wheel as the Dockerfile's build stage does: no deps, no build isolation."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "--wheel-dir", str(out), str(source)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = out.glob("osi_bot-*.whl")
    return wheel


@dataclass(frozen=True, slots=True)
class LocalImage:
    venv: Path
    home: Path
    workdir: Path
    env: dict[str, str]

    @property
    def site_packages(self) -> Path:
        (found,) = self.venv.glob("lib/python*/site-packages")
        return found

    def run(
        self, argv: Sequence[str], extra_env: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run `argv` (resolved on the image's PATH) in the image's environment."""
        return subprocess.run(
            list(argv),
            env={**self.env, **(extra_env or {})},
            cwd=self.workdir,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )

    def files(self) -> dict[Path, int]:
        """Every path under the install, the home and the working directory, with its mtime."""
        tops = (self.venv, self.home, self.workdir)
        return {p: p.lstat().st_mtime_ns for top in tops for p in [top, *top.rglob("*")]}


def install_image(wheel: Path, root: Path, image_env: Mapping[str, str]) -> LocalImage:
    """Install `wheel` non-editable into a new venv under `root`, like the runtime stage.

    The runtime dependencies come from the test environment through a `.pth` line instead
    of the network; the venv's own site-packages comes first, so `bot` is the wheel's.
    """
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "-q", str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    home, workdir, state = root / "home", root / "workdir", root / "state"
    for directory in (home, workdir, state):
        directory.mkdir()
    env = {
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.defpath}",
        "LANG": "C.UTF-8",  # set by the python base image
        "HOME": str(home),
        **image_env,
        # The image's state directory is a volume; here it is a fresh directory.
        "OSI_STATE_DIR": str(state),
    }
    image = LocalImage(venv, home, workdir, env)
    dependencies = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    dependencies.update(site.getsitepackages())
    if site.ENABLE_USER_SITE:
        dependencies.add(site.getusersitepackages())
    (image.site_packages / "_test_dependencies.pth").write_text(
        "".join(f"{path}\n" for path in sorted(dependencies)), "utf-8"
    )
    return image
