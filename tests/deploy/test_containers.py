"""The Dockerfile, the compose file and the systemd unit, checked without a Docker engine or systemd."""

from __future__ import annotations

import configparser
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.deploy.paths import DEPLOY

HADOLINT = Path(sys.executable).with_name("hadolint")


def _instructions(dockerfile: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", dockerfile.read_text())
    pairs = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            keyword, _, arguments = line.strip().partition(" ")
            pairs.append((keyword.upper(), arguments.strip()))
    return pairs


def test_the_dockerfile_passes_hadolint_without_a_finding() -> None:
    result = subprocess.run(
        [str(HADOLINT), "--failure-threshold", "info", str(DEPLOY / "Dockerfile")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_is_built_in_two_stages_and_runs_hisab_serve_as_a_non_root_user() -> None:
    instructions = _instructions(DEPLOY / "Dockerfile")
    stages = [arguments for keyword, arguments in instructions if keyword == "FROM"]
    final = instructions[max(i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM") :]

    assert len(stages) == 2
    assert all("slim" in stage or stage.startswith("${PYTHON_IMAGE}") for stage in stages)
    assert ("ARG", "PYTHON_IMAGE=python:3.11-slim-bookworm") in instructions
    assert ("USER", "10001:10001") in final
    assert ("ENTRYPOINT", '["hisab", "serve"]') in final
    assert any(keyword == "HEALTHCHECK" and "/health/live" in arguments for keyword, arguments in final)
    # The final stage installs nothing: it copies the built environment and adds a user.
    final_runs = [arguments for keyword, arguments in final if keyword == "RUN"]
    assert final_runs
    assert all("pip" not in run and "apt-get" not in run for run in final_runs)
    assert any(keyword == "COPY" and arguments.startswith("--from=build /opt/hisab") for keyword, arguments in final)


def _compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    return loaded


def test_compose_runs_every_part_with_a_healthcheck_on_each_long_running_dependency() -> None:
    services = _compose()["services"]

    assert set(services) == {"postgres", "redis", "kafka", "migrate", "hisab", "relay"}
    assert services["kafka"]["image"].startswith("apache/kafka:")
    assert services["kafka"]["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert services["migrate"]["entrypoint"] == ["hisab", "migrate"]
    assert services["hisab"]["entrypoint"] == ["hisab", "serve"]
    assert services["relay"]["entrypoint"] == ["hisab", "relay"]
    for name in ("postgres", "redis", "kafka", "hisab"):
        assert services[name]["healthcheck"]["test"], name


def test_compose_starts_the_service_and_relay_only_after_a_successful_migration() -> None:
    services = _compose()["services"]

    for name in ("hisab", "relay"):
        depends = services[name]["depends_on"]
        assert depends["migrate"] == {"condition": "service_completed_successfully"}
        assert depends["postgres"] == {"condition": "service_healthy"}
    assert services["relay"]["depends_on"]["kafka"] == {"condition": "service_healthy"}
    assert services["hisab"]["depends_on"]["redis"] == {"condition": "service_healthy"}
    assert services["migrate"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert services["migrate"]["restart"] == "no"


def test_compose_holds_no_secret_of_its_own_and_points_hisab_at_its_services() -> None:
    text = (DEPLOY / "docker-compose.yml").read_text()
    environment = _compose()["services"]["hisab"]["environment"]

    assert "${HISAB_JWT_SECRET:?" in text
    assert "${POSTGRES_PASSWORD:?" in text
    assert environment["HISAB_DATABASE_URL"].startswith("postgresql://hisab:${POSTGRES_PASSWORD")
    assert environment["HISAB_DATABASE_URL"].endswith("@postgres:5432/hisab")
    assert environment["HISAB_KAFKA_BOOTSTRAP"] == "kafka:9092"
    assert environment["HISAB_REDIS_URL"] == "redis://redis:6379/0"


def test_the_systemd_unit_runs_hisab_as_its_own_user_and_stops_it_gracefully() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read(DEPLOY / "systemd" / "hisab.service")
    service = unit["Service"]

    assert service["User"] == "hisab"
    assert service["ExecStart"] == "/opt/hisab/bin/hisab serve"
    assert service["ExecStartPre"] == "/opt/hisab/bin/hisab verify"
    assert service["KillSignal"] == "SIGTERM"
    assert int(service["TimeoutStopSec"]) > 20, "longer than the default HISAB_SHUTDOWN_TIMEOUT_SECONDS"
    assert service["EnvironmentFile"] == "/etc/hisab/hisab.env"
    assert unit["Install"]["WantedBy"] == "multi-user.target"
