"""What the issue demands of deploy/kubernetes, checked on the parsed manifests.

Schema validity is .ci/deploy-checks' job (kubernetes-validate --strict); these tests check
the operational properties a schema cannot: replicas, probes, security, the daily post.
"""

from __future__ import annotations

import re
import tomllib
from typing import TYPE_CHECKING, Any

import pytest

from tests.deploy.dockerfile import ROOT
from tests.deploy.manifests import MANIFEST_DIR, containers, env_names, pod_spec

if TYPE_CHECKING:
    from tests.deploy.dockerfile import Dockerfile
    from tests.deploy.manifests import Manifests

SECRET_TEMPLATE = "secret.example.yaml"
# A way to post the layer of the day without Redis: shipped, valid, not applied by default.
OPTIONAL = {"daily-cronjob.yaml"}
WORKLOADS = [
    ("Deployment", "osi-bot-slack"),
    ("Deployment", "osi-bot-discord"),
    ("CronJob", "osi-bot-daily-slack"),
]


def _container(workload: dict[str, Any]) -> dict[str, Any]:
    (container,) = containers(workload)
    return container


def _env_value(container: dict[str, Any], name: str) -> str | None:
    for variable in container.get("env", []):
        if variable["name"] == name and "value" in variable:
            return str(variable["value"])
    return None


def _config_maps_from(manifests: Manifests, container: dict[str, Any]) -> dict[str, str]:
    """The variables a container receives through envFrom ConfigMaps."""
    values: dict[str, str] = {}
    for source in container.get("envFrom", []):
        assert "configMapRef" in source, "only ConfigMaps are passed whole; secrets by key"
        values.update(manifests.get("ConfigMap", source["configMapRef"]["name"])["data"])
    return values


def _port_number(container: dict[str, Any], port: int | str) -> int:
    if isinstance(port, int):
        return port
    (number,) = [p["containerPort"] for p in container["ports"] if p["name"] == port]
    return int(number)


def _mounts(workload: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """mountPath -> the volume mounted there."""
    volumes = {v["name"]: v for v in pod_spec(workload).get("volumes", [])}
    return {m["mountPath"]: volumes[m["name"]] for m in _container(workload)["volumeMounts"]}


def test_kustomization_applies_every_manifest_but_the_secret_template(
    manifests: Manifests,
) -> None:
    resources = manifests.kustomization["resources"]
    assert sorted(resources) == sorted(set(manifests.by_file) - {SECRET_TEMPLATE} - OPTIONAL)
    assert all((MANIFEST_DIR / name).is_file() for name in resources)


def test_namespace_enforces_the_restricted_pod_security_standard(manifests: Manifests) -> None:
    namespace = manifests.kustomization["namespace"]
    labels = manifests.get("Namespace", namespace)["metadata"]["labels"]
    assert labels["pod-security.kubernetes.io/enforce"] == "restricted"
    assert manifests.get("Secret", "osi-bot")["metadata"]["namespace"] == namespace


def test_the_image_tag_is_the_project_version(manifests: Manifests) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    (image,) = manifests.kustomization["images"]
    assert image["newTag"] == version
    for kind, name in WORKLOADS:
        assert _container(manifests.get(kind, name))["image"] == f"{image['name']}:{version}"


@pytest.mark.parametrize(("kind", "name"), WORKLOADS)
def test_workload_runs_locked_down(
    manifests: Manifests, dockerfile: Dockerfile, kind: str, name: str
) -> None:
    """Non-root (the image's own UID), read-only root, no escalation, no capabilities."""
    workload = manifests.get(kind, name)
    pod = pod_spec(workload)
    container = _container(workload)
    effective = {**pod["securityContext"], **container["securityContext"]}
    user = dockerfile.runtime.last("USER")
    assert user is not None
    assert effective["runAsNonRoot"] is True
    assert f"{effective['runAsUser']}:{effective['runAsGroup']}" == user.arguments
    assert effective["readOnlyRootFilesystem"] is True
    assert effective["allowPrivilegeEscalation"] is False
    assert effective["capabilities"]["drop"] == ["ALL"]
    assert "add" not in effective["capabilities"]
    assert effective["seccompProfile"] == {"type": "RuntimeDefault"}
    assert pod["automountServiceAccountToken"] is False
    assert "command" not in container, "the image's ENTRYPOINT must stay osi-bot"
    for part in ("requests", "limits"):
        assert set(container["resources"][part]) == {"cpu", "memory"}


def test_slack_runs_replicated_in_http_mode_with_probes_on_healthz(manifests: Manifests) -> None:
    deployment = manifests.get("Deployment", "osi-bot-slack")
    container = _container(deployment)
    assert deployment["spec"]["replicas"] >= 2
    assert container["args"] == ["slack"]
    port = int(_env_value(container, "PORT") or 0)
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        check = container[probe]["httpGet"]
        assert check["path"] == "/healthz", probe
        assert _port_number(container, check["port"]) == port, probe
    assert {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"} <= env_names(container)
    assert deployment["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0


def test_slack_replicas_post_the_layer_of_the_day_only_through_shared_redis(
    manifests: Manifests,
) -> None:
    """Every replica runs the in-process scheduler: only a shared record makes it one post."""
    container = _container(manifests.get("Deployment", "osi-bot-slack"))
    received = env_names(container) | set(_config_maps_from(manifests, container))
    assert "SLACK_DAILY_CHANNEL" in received
    assert "OSI_REDIS_URL" in received
    assert "SLACK_APP_TOKEN" not in received  # it would switch to Socket Mode: no /healthz


def test_every_bot_shares_the_bundled_redis_which_only_they_can_reach(
    manifests: Manifests,
) -> None:
    url = manifests.get("ConfigMap", "osi-bot-config")["data"]["OSI_REDIS_URL"]
    service = manifests.get("Service", "osi-bot-redis")
    (port,) = service["spec"]["ports"]
    assert url == f"redis://{service['metadata']['name']}:{port['port']}/0"
    redis = manifests.get("Deployment", "osi-bot-redis")
    assert redis["spec"]["replicas"] == 1
    assert redis["spec"]["strategy"]["type"] == "Recreate"  # one pod owns the volume
    labels = redis["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    container = _container(redis)
    assert "--appendonly" in container["args"]
    assert "/data" in _mounts(redis)
    effective = {**pod_spec(redis)["securityContext"], **container["securityContext"]}
    assert effective["runAsNonRoot"] is True
    assert effective["readOnlyRootFilesystem"] is True
    assert effective["capabilities"]["drop"] == ["ALL"]
    assert effective["seccompProfile"] == {"type": "RuntimeDefault"}
    policy = manifests.get("NetworkPolicy", "osi-bot-redis")
    assert policy["spec"]["podSelector"]["matchLabels"].items() <= labels.items()
    (allowed,) = policy["spec"]["ingress"][0]["from"][0]["podSelector"]["matchExpressions"]
    bots = {
        workload["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/component"]
        for kind, name in WORKLOADS
        if "template" in (workload := manifests.get(kind, name))["spec"]
    }
    assert bots <= set(allowed["values"])


def test_ingress_exposes_only_slack_events_through_the_service(manifests: Manifests) -> None:
    deployment = manifests.get("Deployment", "osi-bot-slack")
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    service = manifests.get("Service", "osi-bot-slack")
    assert service["spec"]["selector"].items() <= pod_labels.items()
    (service_port,) = service["spec"]["ports"]
    container = _container(deployment)
    assert _port_number(container, service_port["targetPort"]) == int(
        _env_value(container, "PORT") or 0
    )
    ingress = manifests.get("Ingress", "osi-bot-slack")
    paths = [p for rule in ingress["spec"]["rules"] for p in rule["http"]["paths"]]
    assert [(p["path"], p["pathType"]) for p in paths] == [("/slack/events", "Exact")]
    backend = paths[0]["backend"]["service"]
    assert backend["name"] == "osi-bot-slack"
    assert backend["port"]["name"] == service_port["name"]


def test_disruption_budget_keeps_a_slack_replica_up(manifests: Manifests) -> None:
    deployment = manifests.get("Deployment", "osi-bot-slack")
    budget = manifests.get("PodDisruptionBudget", "osi-bot-slack")["spec"]
    assert budget["selector"] == deployment["spec"]["selector"]
    assert 1 <= budget["minAvailable"] < deployment["spec"]["replicas"]


def test_discord_runs_exactly_once(manifests: Manifests, dockerfile: Dockerfile) -> None:
    """One replica, and Recreate: never two gateway sessions with the same token."""
    deployment = manifests.get("Deployment", "osi-bot-discord")
    container = _container(deployment)
    assert deployment["spec"]["replicas"] == 1
    assert deployment["spec"]["strategy"] == {"type": "Recreate"}
    assert container["args"] == ["discord"]
    health_port = int(_env_value(container, "OSI_HEALTH_PORT") or 0)
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        check = container[probe]["httpGet"]
        assert (check["path"], _port_number(container, check["port"])) == ("/healthz", health_port)
    state = _mounts(deployment)[dockerfile.runtime.env()["OSI_STATE_DIR"]]
    manifests.get("PersistentVolumeClaim", state["persistentVolumeClaim"]["claimName"])


def test_daily_cronjob_posts_once_on_the_configured_schedule(
    manifests: Manifests, dockerfile: Dockerfile
) -> None:
    cronjob = manifests.get("CronJob", "osi-bot-daily-slack")
    spec = cronjob["spec"]
    container = _container(cronjob)
    config = _config_maps_from(manifests, container)
    assert container["args"] == ["daily", "post", "--platform", "slack"]
    assert spec["concurrencyPolicy"] == "Forbid"
    assert spec["startingDeadlineSeconds"] > 0
    # The command works out "today" in OSI_TIMEZONE; the schedule must fire in that zone.
    assert spec["timeZone"] == config["OSI_TIMEZONE"]
    minute, hour = spec["schedule"].split()[:2]
    assert f"{int(hour):02d}:{int(minute):02d}" == config["OSI_DAILY_TIME"]
    assert _env_value(container, "SLACK_DAILY_CHANNEL")
    state = _mounts(cronjob)[dockerfile.runtime.env()["OSI_STATE_DIR"]]
    claim = manifests.get("PersistentVolumeClaim", state["persistentVolumeClaim"]["claimName"])
    assert claim["spec"]["accessModes"] == ["ReadWriteOnce"]


def test_shared_config_carries_no_daily_channel(manifests: Manifests) -> None:
    """Whatever is in the shared ConfigMap reaches every workload, the Slack replicas too."""
    data = manifests.get("ConfigMap", "osi-bot-config")["data"]
    assert not [key for key in data if key.endswith("_DAILY_CHANNEL")]


@pytest.mark.parametrize(("kind", "name"), WORKLOADS)
def test_knowledge_override_points_into_the_mounted_configmap(
    manifests: Manifests, kind: str, name: str
) -> None:
    workload = manifests.get(kind, name)
    container = _container(workload)
    mounted = [
        path
        for path, volume in _mounts(workload).items()
        if volume.get("configMap", {}).get("name") == "osi-bot-knowledge"
    ]
    assert len(mounted) == 1
    assert not [m for m in container["volumeMounts"] if "subPath" in m], "subPath never updates"
    knowledge = _config_maps_from(manifests, container)["OSI_KNOWLEDGE"]
    data = manifests.get("ConfigMap", "osi-bot-knowledge").get("data") or {}
    if knowledge:  # empty: the knowledge baked into the image
        directory, _, key = knowledge.rpartition("/")
        assert (directory, key in data) == (mounted[0], True)
    # The ConfigMap is the team's overlay: the whole mounted directory, merged over the
    # knowledge in the image, so an empty ConfigMap adds nothing and a new file needs no edit.
    assert _config_maps_from(manifests, container)["OSI_KNOWLEDGE_EXTRA"] == mounted[0]
    assert all(key.endswith((".yaml", ".yml")) for key in data)


def test_secret_template_holds_placeholders_for_every_key_used(manifests: Manifests) -> None:
    secret = manifests.get("Secret", "osi-bot")
    template = secret["stringData"]
    assert all("REPLACE-ME" in value for value in template.values())
    used = {
        variable["valueFrom"]["secretKeyRef"]["key"]
        for _, obj in manifests.objects()
        if obj["kind"] in {"Deployment", "CronJob"}
        for container in containers(obj)
        for variable in container.get("env", [])
        if "secretKeyRef" in variable.get("valueFrom", {})
    }
    assert used == set(template)


def _documented_settings() -> set[str]:
    text = (ROOT / ".env.example").read_text("utf-8")
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def test_every_setting_in_the_manifests_is_documented_in_env_example(
    manifests: Manifests, dockerfile: Dockerfile
) -> None:
    """The image's and the manifests' variables are osi-bot settings, not typos."""
    used = {n for n in dockerfile.runtime.env() if not n.startswith(("PYTHON", "PIP_"))}
    for _, obj in manifests.objects():
        if obj["kind"] in {"Deployment", "CronJob"}:
            for container in containers(obj):
                used |= env_names(container) | set(_config_maps_from(manifests, container))
        if obj["kind"] == "Secret":
            used |= set(obj["stringData"])
    missing = sorted(used - _documented_settings())
    assert not missing, f"not in .env.example: {', '.join(missing)}"


def test_the_slack_bots_shutdown_bound_fits_its_grace_period(manifests: Manifests) -> None:
    """preStop, then OSI_SHUTDOWN_SECONDS, must end before Kubernetes sends SIGKILL."""
    deployment = manifests.get("Deployment", "osi-bot-slack")
    container = _container(deployment)
    pause = container["lifecycle"]["preStop"]["exec"]["command"]
    assert pause[0] == "sleep"
    bound = float(_env_value(container, "OSI_SHUTDOWN_SECONDS") or "nan")
    grace = pod_spec(deployment)["terminationGracePeriodSeconds"]
    assert float(pause[1]) + bound + 2 <= grace  # 2 s for the process to exit after it
