"""The `hisab` command run as an operator runs it: a real process, with its own environment."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.e2e.server import JWT_SECRET, STARTUP_TIMEOUT_SECONDS

HISAB = str(Path(sys.executable).with_name("hisab"))


def environment(**overrides: str) -> dict[str, str]:
    """This process's environment without any HISAB_* variable, plus the given ones."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith("HISAB_") and k != "PROMETHEUS_MULTIPROC_DIR"}
    return {**kept, **overrides}


def run(cwd: Path, *args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [HISAB, *args], cwd=cwd, env=environment(**env), input=stdin, capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip


@contextmanager
def serving(cwd: Path, port: int, *args: str, **env: str) -> Iterator[subprocess.Popen[bytes]]:
    """`hisab serve` in the test environment, yielded once it is ready; stopped with SIGTERM at the end."""
    settings = {"HISAB_ENVIRONMENT": "test", "HISAB_JWT_SECRET": JWT_SECRET, **env}
    log = (cwd / f"serve-{port}.log").open("wb")
    command = [HISAB, "serve", "--port", str(port), *args]
    with log, subprocess.Popen(command, cwd=cwd, env=environment(**settings), stdout=log, stderr=log) as process:
        try:
            wait_until_ready(f"http://127.0.0.1:{port}", process, cwd / f"serve-{port}.log")
            yield process
        finally:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)


def wait_until_ready(base_url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"hisab serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{base_url}/health/ready", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"hisab serve was not ready in time:\n{log.read_text()}")
