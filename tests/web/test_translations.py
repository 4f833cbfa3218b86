"""Every text the pages show has Bengali, and every catalog is sound."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest
from jinja2 import Environment
from jinja2.ext import extract_from_ast

from hisab.web.i18n import CATALOG_DIRECTORY, catalog

WEB = Path(__file__).parents[2] / "src" / "hisab" / "web"
_CALLS = {"t", "translate"}


def template_texts() -> set[str]:
    environment = Environment(extensions=["jinja2.ext.i18n"])
    texts: set[str] = set()
    for path in sorted((WEB / "templates").rglob("*.html")):
        # What Environment.extract_translations does, typed: the i18n extension's gettext calls.
        for _, _, message in extract_from_ast(environment.parse(path.read_text(encoding="utf-8"))):
            if isinstance(message, str):
                texts.add(message)
    return texts


def code_texts() -> set[str]:
    texts: set[str] = set()
    for path in sorted(WEB.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called(node) in _CALLS and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    texts.add(first.value)
    return texts


def _called(node: ast.Call) -> str | None:
    return node.func.attr if isinstance(node.func, ast.Attribute) else None


def test_every_text_a_template_shows_has_bengali() -> None:
    missing = sorted(text for text in template_texts() if not catalog().has(text))
    assert missing == []


def test_every_text_a_page_translates_has_bengali() -> None:
    missing = sorted(text for text in code_texts() if not catalog().has(text))
    assert missing == []


@pytest.mark.parametrize("path", sorted(CATALOG_DIRECTORY.glob("*.toml")), ids=lambda path: path.name)
def test_a_catalog_parses_and_maps_no_english_text_to_itself(path: Path) -> None:
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    rules = table.pop("rules", {})
    assert all(isinstance(bengali, str) for bengali in rules.values())
    untranslated = sorted(english for english, bengali in table.items() if english == bengali)
    assert untranslated == []
