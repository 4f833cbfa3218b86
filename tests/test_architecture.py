"""The layers point inward: checked by import-linter's contracts in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_dependencies_point_inward_and_the_domain_imports_no_framework() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], capture_output=True, text=True, cwd=Path(__file__).parents[1], check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
