"""Where the deployment artifacts live."""

from __future__ import annotations

from pathlib import Path

DEPLOY = Path(__file__).parents[2] / "deploy"
