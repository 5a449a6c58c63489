"""What the issue demands of the Dockerfile and .dockerignore, read from the files."""

from __future__ import annotations

import fnmatch
import re
import tomllib
from typing import TYPE_CHECKING

from packaging.requirements import Requirement

from tests.deploy.dockerfile import ROOT

if TYPE_CHECKING:
    from tests.deploy.dockerfile import Dockerfile, Stage


def _runs(stage: Stage) -> list[str]:
    return [run.arguments for run in stage.all("RUN")]


def _pip_commands(stage: Stage) -> list[str]:
    """Each `pip install` / `pip wheel` command of the stage's RUN lines."""
    return [
        command.strip()
        for run in _runs(stage)
        for command in re.split(r"&&|;", run)
        if re.search(r"\bpip (install|wheel)\b", command)
    ]


def _user(stage: Stage) -> tuple[int, int]:
    user = stage.last("USER")
    assert user is not None, "the runtime stage sets no USER"
    uid, _, gid = user.arguments.partition(":")
    assert uid.isdigit(), "USER must be numeric, so Kubernetes' runAsNonRoot can verify it"
    assert gid.isdigit()
    return int(uid), int(gid)


def test_two_stages_on_the_same_pinned_slim_python(dockerfile: Dockerfile) -> None:
    assert [stage.name for stage in dockerfile.stages] == ["build", "runtime"]
    bases = {stage.base for stage in dockerfile.stages}
    assert len(bases) == 1, bases
    (base,) = bases
    assert re.fullmatch(r"python:3\.11(\.\d+)?-slim(-[a-z]+)?", base), base


def test_runtime_runs_as_a_numeric_non_root_user(dockerfile: Dockerfile) -> None:
    uid, gid = _user(dockerfile.runtime)
    assert uid >= 1000  # clear of root and of the system accounts of the base image
    assert gid != 0


def test_entrypoint_is_exactly_osi_bot_and_cmd_is_a_subcommand(dockerfile: Dockerfile) -> None:
    entrypoint, cmd = dockerfile.runtime.last("ENTRYPOINT"), dockerfile.runtime.last("CMD")
    assert entrypoint is not None
    assert cmd is not None
    assert entrypoint.exec_form() == ["osi-bot"]
    assert cmd.exec_form() == ["slack"]


def test_healthcheck_probes_healthz_on_loopback_without_curl(dockerfile: Dockerfile) -> None:
    healthcheck = dockerfile.runtime.last("HEALTHCHECK")
    assert healthcheck is not None
    assert "127.0.0.1:" in healthcheck.arguments
    assert "/healthz" in healthcheck.arguments
    assert "PORT" in healthcheck.arguments
    assert "OSI_HEALTH_PORT" in healthcheck.arguments
    assert not re.search(r"\b(curl|wget)\b", healthcheck.arguments)


def test_state_dir_is_a_volume_owned_by_the_runtime_user(dockerfile: Dockerfile) -> None:
    state_dir = dockerfile.runtime.env()["OSI_STATE_DIR"]
    volumes = [path for v in dockerfile.runtime.all("VOLUME") for path in v.exec_form()]
    assert volumes == [state_dir]
    uid, gid = _user(dockerfile.runtime)
    assert any(f"chown {uid}:{gid} {state_dir}" in run for run in _runs(dockerfile.runtime))


def test_runtime_environment_suits_a_read_only_container(dockerfile: Dockerfile) -> None:
    env = dockerfile.runtime.env()
    assert env["PYTHONDONTWRITEBYTECODE"] == "1"
    assert env["PYTHONUNBUFFERED"] == "1"
    assert env["OSI_CACHE_DIR"] == ""  # set and empty: no parsed-knowledge cache is written
    exposed = [e.arguments for e in dockerfile.runtime.all("EXPOSE")]
    assert exposed == [env["PORT"]]


def test_every_pip_command_skips_the_cache_and_no_extras_are_installed(
    dockerfile: Dockerfile,
) -> None:
    commands = [c for stage in dockerfile.stages for c in _pip_commands(stage)]
    assert commands
    for command in commands:
        assert "--no-cache-dir" in command, command
        assert "[" not in command, f"extras (dev or test dependencies) installed: {command}"


def test_runtime_installs_only_our_wheel_offline(dockerfile: Dockerfile) -> None:
    """The runtime installs the wheels the build stage made, with no index and no build tools."""
    (install,) = _pip_commands(dockerfile.runtime)
    assert "--no-index" in install
    assert install.endswith("/wheels/osi_bot-*.whl")
    assert "hatchling" not in " ".join(_runs(dockerfile.runtime))


def test_build_stage_builds_the_wheel_as_the_tests_do(dockerfile: Dockerfile) -> None:
    """tests/deploy builds the wheel with the same flags, so it tests the image's package."""
    wheels = [
        c for c in _pip_commands(dockerfile.stages[0]) if "pip wheel" in c and "--no-deps" in c
    ]
    assert len(wheels) == 1
    assert "--no-build-isolation" in wheels[0]
    assert wheels[0].endswith(" .")


def test_pinned_hatchling_satisfies_the_build_system(dockerfile: Dockerfile) -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    (required,) = [
        Requirement(r) for r in pyproject["build-system"]["requires"] if r.startswith("hatchling")
    ]
    pins = re.findall(r'"hatchling==([^"]+)"', " ".join(_runs(dockerfile.stages[0])))
    assert len(pins) == 1
    assert required.specifier.contains(pins[0])


def _dockerignore() -> tuple[list[str], list[str]]:
    lines = (ROOT / ".dockerignore").read_text("utf-8").splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    allowed = [p[1:].rstrip("/") for p in patterns if p.startswith("!")]
    return patterns, allowed


def test_dockerignore_is_an_allowlist_of_what_the_build_copies(dockerfile: Dockerfile) -> None:
    patterns, allowed = _dockerignore()
    assert patterns[0] == "*"
    sources = {
        word.rstrip("/")
        for stage in dockerfile.stages
        for copy in stage.all("COPY")
        if "--from" not in copy.arguments
        for word in copy.arguments.split()[:-1]
    }
    assert sources == set(allowed)
    for secret in (".env", ".git", ".venv-ci"):
        assert not any(fnmatch.fnmatch(secret, pattern) for pattern in allowed)
