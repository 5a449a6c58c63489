"""The Kubernetes manifests in deploy/kubernetes, loaded as plain data for the tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from tests.deploy.dockerfile import ROOT

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

__all__ = [
    "MANIFEST_DIR",
    "Manifests",
    "Workload",
    "containers",
    "env_names",
    "load_manifests",
    "pod_spec",
]

MANIFEST_DIR = ROOT / "deploy" / "kubernetes"
KUSTOMIZATION = "kustomization.yaml"


@dataclass(frozen=True, slots=True)
class Workload:
    """A Deployment or CronJob, with the file it came from."""

    file: str
    obj: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.obj["metadata"]["name"])


@dataclass(frozen=True, slots=True)
class Manifests:
    by_file: dict[str, list[dict[str, Any]]]
    kustomization: dict[str, Any]

    def objects(self) -> Iterator[tuple[str, dict[str, Any]]]:
        for file, objects in self.by_file.items():
            for obj in objects:
                yield file, obj

    def get(self, kind: str, name: str) -> dict[str, Any]:
        found = [
            o for _, o in self.objects() if o["kind"] == kind and o["metadata"]["name"] == name
        ]
        assert len(found) == 1, f"expected one {kind} {name!r}, found {len(found)}"
        return found[0]

    def workloads(self) -> list[Workload]:
        return [
            Workload(file, obj)
            for file, obj in self.objects()
            if obj["kind"] in {"Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"}
        ]


def load_manifests(directory: Path = MANIFEST_DIR) -> Manifests:
    by_file: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.name == KUSTOMIZATION:
            continue
        documents = yaml.safe_load_all(path.read_text("utf-8"))
        by_file[path.name] = [d for d in documents if d is not None]
    kustomization = yaml.safe_load((directory / KUSTOMIZATION).read_text("utf-8"))
    return Manifests(by_file, kustomization)


def pod_spec(workload: dict[str, Any]) -> dict[str, Any]:
    spec = workload["spec"]
    if workload["kind"] == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    return dict(spec["template"]["spec"])


def containers(workload: dict[str, Any]) -> list[dict[str, Any]]:
    spec = pod_spec(workload)
    return [*spec.get("initContainers", []), *spec["containers"]]


def env_names(container: dict[str, Any]) -> set[str]:
    return {variable["name"] for variable in container.get("env", [])}
