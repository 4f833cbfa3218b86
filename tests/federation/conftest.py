"""Node and the composition library for the federation tests, installed by `npm ci` when missing.

Under CI=true a missing node or npm fails the tests; elsewhere they are skipped, loudly.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import NoReturn

import pytest

from tests.conftest import IN_CI

HERE = Path(__file__).parent
COMPOSE = HERE / "compose.mjs"
NPM_CI_TIMEOUT_SECONDS = 300
_skipped: list[str] = []


def _unavailable(reason: str) -> NoReturn:
    if IN_CI:
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    _skipped.append(reason)
    pytest.skip(f"SKIPPING FEDERATION COMPOSITION TESTS: {reason}")


@pytest.fixture(scope="session")
def node() -> str:
    """The node executable, with tests/federation/node_modules installed from package-lock.json."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        _unavailable("node and npm (Node 20) are needed to compose the supergraph, and are not on PATH")
    if _installed_lock_is_stale():
        installed = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=HERE, capture_output=True, text=True, timeout=NPM_CI_TIMEOUT_SECONDS, check=False,
        )  # fmt: skip
        if installed.returncode != 0:
            _unavailable(f"`npm ci` in {HERE} failed: {installed.stderr.strip()[-2000:]}")
    return node


def _installed_lock_is_stale() -> bool:
    """Whether node_modules is missing or older than package-lock.json (npm writes its own copy)."""
    installed, wanted = HERE / "node_modules" / ".package-lock.json", HERE / "package-lock.json"
    return not installed.is_file() or installed.stat().st_mtime < wanted.stat().st_mtime


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for reason in sorted(set(_skipped)):
        terminalreporter.write_line(
            f"WARNING: federation composition tests were SKIPPED: {reason}", red=True, bold=True
        )
