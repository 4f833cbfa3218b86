"""The embedded default has no broker: the relay is off and says why; events wait in the outbox."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HISAB = str(Path(sys.executable).with_name("hisab"))


def test_without_a_kafka_bootstrap_the_relay_commands_say_the_relay_is_off(tmp_path: Path) -> None:
    environment = {"PATH": "/usr/bin:/bin", "HISAB_DATABASE_URL": f"sqlite:///{tmp_path / 'hisab.db'}"}
    subprocess.run([HISAB, "migrate"], env=environment, check=True, capture_output=True, timeout=60)
    for command in (["relay"], ["relay", "status"], ["consume", "--max-events", "1"]):
        result = subprocess.run([HISAB, *command], env=environment, capture_output=True, text=True, timeout=60)
        assert result.returncode == 1, command
        assert "HISAB_KAFKA_BOOTSTRAP is not set: the relay is off" in result.stderr, command
