from __future__ import annotations

import pytest

from hisab.kernel.text import is_clean_identifier, text_violation


@pytest.mark.parametrize("text", ["Steel Rods", "রড ৳", "🏗️ emoji", "\u200fRTL mark", "quote ' \" <tag>"])
def test_printable_unicode_is_accepted(text: str) -> None:
    assert text_violation(text, "f") is None


@pytest.mark.parametrize("text", ["a\x00b", "bell\x07", "esc\x1b", "del\x7f", "c1\x85"])
def test_control_characters_are_refused(text: str) -> None:
    violation = text_violation(text, "f")
    assert violation is not None
    assert (violation.field, violation.rule) == ("f", "control_characters")


def test_line_breaks_are_allowed_only_in_multiline_text() -> None:
    assert text_violation("one\ntwo\tthree", "f", multiline=True) is None
    assert text_violation("one\ntwo", "f") is not None


def test_a_lone_surrogate_is_refused_as_invalid_unicode() -> None:
    violation = text_violation("bad\ud800", "f")
    assert violation is not None
    assert violation.rule == "unicode"


@pytest.mark.parametrize(("value", "clean"), [("inv-1", True), ("", False), ("x" * 201, False), ("a\x00", False)])
def test_only_plausible_identifiers_are_clean(value: str, clean: bool) -> None:
    assert is_clean_identifier(value) is clean
