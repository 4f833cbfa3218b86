"""The shape holds: import-linter's contracts in pyproject.toml, and a domain free of API names."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path


def test_dependencies_point_inward_and_the_domain_imports_no_framework() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], capture_output=True, text=True, cwd=Path(__file__).parents[1], check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


SOURCE = Path(__file__).parents[1] / "src" / "hisab"
# The pure layers: the shared kernel and every context's domain.
PURE = [SOURCE / "kernel", *sorted(SOURCE.glob("*/domain"))]
_CAMEL_CASE = re.compile(r"\b[a-z]+(?:[A-Z][a-z0-9]*)+\b|\b[a-z]+[A-Z]{2,}\b")


def _api_field_names() -> set[str]:
    """Every camelCase name the GraphQL schema uses (vendorTIN, dueDate, unitPrice...)."""
    names: set[str] = set()
    for schema in SOURCE.rglob("*.graphql"):
        names.update(_CAMEL_CASE.findall(schema.read_text()))
    return names


def _string_constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text())
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_the_domain_speaks_no_api_field_names() -> None:
    api_names = _api_field_names()
    assert {"dueDate", "unitPrice", "vendorTIN"} <= api_names
    found = [
        f"{module.relative_to(SOURCE)}:{line}: {name}"
        for package in PURE
        for module in sorted(package.rglob("*.py"))
        for line, text in _string_constants(module)
        for name in _CAMEL_CASE.findall(text)
        if name in api_names
    ]
    assert found == []
