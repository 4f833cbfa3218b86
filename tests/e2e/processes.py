"""The `hisab` command run as an operator runs it: a real process, with its own environment."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
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
    with _started(cwd, port, args, settings) as (process, _):
        yield process


@contextmanager
def hisab_serve(cwd: Path, port: int, **env: str) -> Iterator[list[str]]:
    """`hisab serve` with exactly the given settings; yields what it printed until it was ready."""
    with _started(cwd, port, (), env) as (_, log):
        yield log.read_text().splitlines()


@contextmanager
def _started(
    cwd: Path, port: int, args: tuple[str, ...], env: dict[str, str]
) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    log = cwd / f"serve-{port}-{uuid.uuid4().hex[:6]}.log"
    command = [HISAB, "serve", "--port", str(port), *args]
    with (
        log.open("wb") as output,
        subprocess.Popen(command, cwd=cwd, env=environment(**env), stdout=output, stderr=output) as process,
    ):
        try:
            wait_until_ready(f"http://127.0.0.1:{port}", process, log)
            yield process, log
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
