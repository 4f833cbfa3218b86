"""The operations guide documents every setting the service reads."""

from __future__ import annotations

from pathlib import Path

from hisab.config import Settings

OPERATIONS = Path(__file__).parents[1] / "docs" / "operations.md"


def test_every_setting_is_in_the_configuration_reference() -> None:
    text = OPERATIONS.read_text()

    missing = [f"HISAB_{name.upper()}" for name in Settings.model_fields if f"`HISAB_{name.upper()}`" not in text]

    assert missing == []
