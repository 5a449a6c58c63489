"""The image's commands, run as local processes from a wheel installed like the runtime stage.

No Docker engine is needed: ENTRYPOINT, CMD, ENV and HEALTHCHECK are read from the
Dockerfile, and the package is the wheel the build stage would produce, installed
non-editable into a fresh, read-only venv and run from an empty directory.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import takewhile
from typing import TYPE_CHECKING

import pytest

from tests.deploy.manifests import containers

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from tests.deploy.dockerfile import Dockerfile
    from tests.deploy.local_image import LocalImage
    from tests.deploy.manifests import Manifests


def _entrypoint(dockerfile: Dockerfile) -> list[str]:
    instruction = dockerfile.runtime.last("ENTRYPOINT")
    assert instruction is not None
    return instruction.exec_form()


def _healthcheck(dockerfile: Dockerfile) -> list[str]:
    instruction = dockerfile.runtime.last("HEALTHCHECK")
    assert instruction is not None
    _, found, command = instruction.arguments.partition(" CMD ")
    assert found, "HEALTHCHECK has no CMD"
    return [str(part) for part in json.loads(command)]


def test_check_validates_the_knowledge_bundled_in_the_installed_package(
    image: LocalImage, dockerfile: Dockerfile
) -> None:
    result = image.run([*_entrypoint(dockerfile), "check"])
    assert result.returncode == 0, result.stderr
    bundled = image.site_packages / "bot" / "data" / "layers.yaml"
    assert result.stdout.startswith(f"{bundled} is valid: 7 layers"), result.stdout


def test_ask_envoy_answers_from_an_empty_directory(
    image: LocalImage, dockerfile: Dockerfile
) -> None:
    result = image.run([*_entrypoint(dockerfile), "ask", "what layer is envoy?"])
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first == "Envoy works at Layers 7 (Application), 6 (Presentation) and 5 (Session)."


def test_default_command_starts_the_slack_adapter_and_names_the_missing_token(
    image: LocalImage, dockerfile: Dockerfile
) -> None:
    """ENTRYPOINT + CMD imports the Slack stack and stops at the first missing setting."""
    cmd = dockerfile.runtime.last("CMD")
    assert cmd is not None
    result = image.run([*_entrypoint(dockerfile), *cmd.exec_form()])
    assert result.returncode == 1
    assert result.stderr.startswith("osi-bot: "), result.stderr
    assert "SLACK_BOT_TOKEN" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_manifest_command_is_one_the_image_accepts(
    image: LocalImage, dockerfile: Dockerfile, manifests: Manifests
) -> None:
    """Each osi-bot container's args, after the image's ENTRYPOINT, parse (`--help` exits 0).

    (Redis runs its own image.)"""
    seen = []
    for workload in manifests.workloads():
        for container in containers(workload.obj):
            if not container["image"].startswith("osi-bot:"):
                continue
            args = container["args"]
            result = image.run([*_entrypoint(dockerfile), *args, "--help"])
            assert result.returncode == 0, (workload.name, args, result.stderr)
            words = list(takewhile(lambda arg: not arg.startswith("-"), args))
            assert result.stdout.startswith(f"usage: osi-bot {' '.join(words)} "), result.stdout
            seen.append(args[0])
    assert {"slack", "discord", "daily"} <= set(seen)


def test_commands_write_nothing_outside_the_state_volume(
    image: LocalImage, dockerfile: Dockerfile
) -> None:
    """With the image's ENV (no cache directory), a read-only root filesystem suffices."""
    before = image.files()
    for args in (["check"], ["ask", "metallb"], ["layers"], ["daily", "show"]):
        result = image.run([*_entrypoint(dockerfile), *args])
        assert result.returncode == 0, (args, result.stderr)
    after = image.files()
    assert [path for path in after if before.get(path) != after[path]] == []


class _Health(BaseHTTPRequestHandler):
    status = 200

    def do_GET(self) -> None:
        self.send_response(self.status if self.path == "/healthz" else 404)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the test output quiet


@pytest.fixture
def health_server() -> Iterator[Callable[[int], int]]:
    """Start local servers answering /healthz with a given status; return their ports."""
    servers: list[ThreadingHTTPServer] = []

    def start(status: int) -> int:
        handler = type("Handler", (_Health,), {"status": status})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        servers.append(server)
        return int(server.server_address[1])

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_healthcheck_passes_when_healthz_answers_200_on_port(
    image: LocalImage, dockerfile: Dockerfile, health_server: Callable[[int], int]
) -> None:
    port = health_server(200)
    result = image.run(_healthcheck(dockerfile), {"PORT": str(port)})
    assert result.returncode == 0, result.stderr


def test_healthcheck_fails_when_healthz_answers_an_error(
    image: LocalImage, dockerfile: Dockerfile, health_server: Callable[[int], int]
) -> None:
    port = health_server(503)
    result = image.run(_healthcheck(dockerfile), {"PORT": str(port)})
    assert result.returncode != 0


def test_healthcheck_prefers_the_health_port_when_one_is_set(
    image: LocalImage, dockerfile: Dockerfile, health_server: Callable[[int], int]
) -> None:
    """Socket Mode and Discord serve /healthz on OSI_HEALTH_PORT, not on PORT."""
    healthy, failing = health_server(200), health_server(503)
    command = _healthcheck(dockerfile)
    passes = image.run(command, {"PORT": str(failing), "OSI_HEALTH_PORT": str(healthy)})
    fails = image.run(command, {"PORT": str(healthy), "OSI_HEALTH_PORT": str(failing)})
    assert passes.returncode == 0, passes.stderr
    assert fails.returncode != 0
