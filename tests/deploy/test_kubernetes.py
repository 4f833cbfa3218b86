"""The Kubernetes manifests: valid against the API's schemas, and probing endpoints that exist."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from hisab.config import Settings
from tests.deploy.paths import DEPLOY
from tests.e2e.server import running_server, settings_for

KUBERNETES = DEPLOY / "kubernetes"
MANIFESTS = sorted(KUBERNETES.glob("*.yaml"))
VALIDATE = Path(sys.executable).with_name("kubernetes-validate")


def _manifest(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((KUBERNETES / name).read_text())
    return loaded


def test_every_kind_the_issue_asks_for_is_there() -> None:
    kinds = sorted(yaml.safe_load(path.read_text())["kind"] for path in MANIFESTS)

    assert kinds == sorted(
        ["ConfigMap", "Deployment", "Deployment", "HorizontalPodAutoscaler", "Job", "PodDisruptionBudget", "Secret",
         "Service"]
    )  # fmt: skip


@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda path: path.name)
def test_the_manifest_is_valid_against_the_kubernetes_schemas(manifest: Path) -> None:
    # Strict: a misspelt field is an error, not silently dropped by the API server.
    result = subprocess.run([str(VALIDATE), "--strict", str(manifest)], capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stdout + result.stderr


def _api_container() -> dict[str, Any]:
    container: dict[str, Any] = _manifest("deployment.yaml")["spec"]["template"]["spec"]["containers"][0]
    return container


def test_the_probes_point_at_endpoints_a_running_server_answers(tmp_path: Path) -> None:
    container = _api_container()
    ports = {port["name"]: port["containerPort"] for port in container["ports"]}
    probes = [container[kind]["httpGet"] for kind in ("startupProbe", "livenessProbe", "readinessProbe")]

    assert {ports[probe["port"]] for probe in probes} == {int(_manifest("configmap.yaml")["data"]["HISAB_PORT"])}
    with running_server(settings_for(f"sqlite:///{tmp_path / 'hisab.db'}", tmp_path)) as url:
        answers = {probe["path"]: httpx.get(url + probe["path"]).status_code for probe in probes}
    assert answers == {"/health/live": 200, "/health/ready": 200}
    assert _api_container()["readinessProbe"]["httpGet"]["path"] == "/health/ready"


def test_the_pods_run_as_a_non_root_user_on_a_read_only_root_filesystem() -> None:
    for name in ("deployment.yaml", "relay-deployment.yaml", "migration-job.yaml"):
        pod = _manifest(name)["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["runAsUser"] == 10001, name
        for container in pod["containers"]:
            assert container["securityContext"]["readOnlyRootFilesystem"] is True, name
            assert container["securityContext"]["allowPrivilegeEscalation"] is False, name
            assert container["resources"]["requests"], name
            assert container["resources"]["limits"]["memory"], name


def test_the_grace_period_outlasts_the_prestop_pause_and_the_shutdown_timeout() -> None:
    pod = _manifest("deployment.yaml")["spec"]["template"]["spec"]
    pause = _api_container()["lifecycle"]["preStop"]["sleep"]["seconds"]
    shutdown = float(_manifest("configmap.yaml")["data"]["HISAB_SHUTDOWN_TIMEOUT_SECONDS"])

    assert pod["terminationGracePeriodSeconds"] > pause + shutdown


def test_the_configmap_holds_only_settings_hisab_reads() -> None:
    known = {f"HISAB_{name.upper()}" for name in Settings.model_fields}
    configured = set(_manifest("configmap.yaml")["data"])

    assert {name for name in configured if name.startswith("HISAB_")} <= known
    assert set(_manifest("secret.template.yaml")["stringData"]) <= known


def test_the_secret_is_a_template_with_no_real_value() -> None:
    values = _manifest("secret.template.yaml")["stringData"].values()

    assert all("<" in value and ">" in value for value in values)


def test_the_jobs_and_relay_run_the_hisab_commands_they_are_named_for() -> None:
    migrate = _manifest("migration-job.yaml")["spec"]["template"]["spec"]["containers"][0]
    relay = _manifest("relay-deployment.yaml")["spec"]["template"]["spec"]["containers"][0]

    assert migrate["command"] == ["hisab", "migrate"]
    assert relay["command"] == ["hisab", "relay"]
    assert _manifest("hpa.yaml")["spec"]["scaleTargetRef"]["name"] == _manifest("deployment.yaml")["metadata"]["name"]
    selector = _manifest("pdb.yaml")["spec"]["selector"]["matchLabels"]
    assert selector == _manifest("deployment.yaml")["spec"]["selector"]["matchLabels"]
