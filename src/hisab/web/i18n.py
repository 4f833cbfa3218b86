"""English and Bengali for the pages: English text is the key, each area's catalog gives its Bengali.

The catalogs are TOML files in `translations/`, one per area of the app, each a table of English
text to Bengali text, and a `[rules]` table of validation rules (by the rule's code) to a Bengali
sentence. A text with no Bengali is shown in English (a test lists any that lack one).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path

from hisab.formatting.money import localized
from hisab.kernel.errors import Violation
from hisab.kernel.language import Language

CATALOG_DIRECTORY = Path(__file__).parent / "translations"


class Catalog:
    def __init__(self, texts: Mapping[str, str], rules: Mapping[str, str]) -> None:
        self._texts = dict(texts)
        self._rules = dict(rules)

    @classmethod
    def load(cls, directory: Path = CATALOG_DIRECTORY) -> Catalog:
        texts: dict[str, str] = {}
        rules: dict[str, str] = {}
        for path in sorted(directory.glob("*.toml")):
            table = tomllib.loads(path.read_text(encoding="utf-8"))
            rules.update(table.pop("rules", {}))
            texts.update({english: bengali for english, bengali in table.items() if isinstance(bengali, str)})
        return cls(texts, rules)

    def has(self, text: str) -> bool:
        return text in self._texts

    def translate(self, text: str, language: Language, **values: object) -> str:
        """The text in `language`, with `{name}` filled from `values` (numbers in the language's digits)."""
        template = self._texts.get(text, text) if language is Language.BN else text
        if not values:
            return template
        return template.format(**{name: _value(value, language) for name, value in values.items()})

    def violation(self, violation: Violation, language: Language) -> str:
        """A broken rule as the user reads it: its own sentence in English, the catalog's in Bengali."""
        if language is Language.BN and violation.rule in self._rules:
            return self._rules[violation.rule]
        return violation.message


def _value(value: object, language: Language) -> str:
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return localized(str(value), language)
    return str(value)


@cache
def catalog() -> Catalog:
    return Catalog.load()
