"""Fixtures for the deployment tests: the parsed Dockerfile, the manifests, one local image."""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

import pytest

from tests.deploy.dockerfile import ROOT, Dockerfile, parse_dockerfile
from tests.deploy.local_image import LocalImage, build_wheel, install_image
from tests.deploy.manifests import Manifests, load_manifests

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture(scope="session")
def dockerfile() -> Dockerfile:
    return parse_dockerfile()


@pytest.fixture(scope="session")
def manifests() -> Manifests:
    return load_manifests()


def _set_writable(top: Path, writable: bool) -> None:
    write = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    for path in [top, *top.rglob("*")]:
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            continue
        os.chmod(path, (mode | stat.S_IWUSR) if writable else (mode & ~write))


@pytest.fixture(scope="session")
def image(tmp_path_factory: pytest.TempPathFactory, dockerfile: Dockerfile) -> Iterator[LocalImage]:
    """One wheel per session, installed read-only like the image's root filesystem."""
    wheel = build_wheel(ROOT, tmp_path_factory.mktemp("wheel"))
    local = install_image(wheel, tmp_path_factory.mktemp("image"), dockerfile.runtime.env())
    _set_writable(local.venv, writable=False)
    yield local
    _set_writable(local.venv, writable=True)  # so pytest can clean up
