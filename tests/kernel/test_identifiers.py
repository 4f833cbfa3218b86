from __future__ import annotations

import pytest

from hisab.kernel.errors import InvalidInputError, Violation
from hisab.kernel.identifiers import format_bin, parse_bin, parse_tin


def _only_violation(error: pytest.ExceptionInfo[InvalidInputError]) -> Violation:
    assert len(error.value.violations) == 1
    return error.value.violations[0]


def test_a_12_digit_tin_is_accepted() -> None:
    assert parse_tin("446337634099", "vendor_tin") == "446337634099"


def test_surrounding_whitespace_around_a_tin_is_ignored() -> None:
    assert parse_tin("  446337634099 ", "vendor_tin") == "446337634099"


@pytest.mark.parametrize("raw", ["1234567890", "12345-67890", "123 456 7890"])
def test_a_10_digit_tin_is_refused_with_the_2014_explanation(raw: str) -> None:
    with pytest.raises(InvalidInputError) as error:
        parse_tin(raw, "customer_tin")

    violation = _only_violation(error)
    assert violation.field == "customer_tin"
    assert violation.rule == "tin_outdated"
    assert "2014" in violation.message
    assert "12-digit" in violation.message


@pytest.mark.parametrize("raw", ["", "12345678901", "1234567890123", "44633763409X", "4463-3763-4099", "abc"])
def test_a_tin_of_any_other_shape_is_refused_as_tin_format(raw: str) -> None:
    with pytest.raises(InvalidInputError) as error:
        parse_tin(raw, "vendor_tin")

    violation = _only_violation(error)
    assert (violation.field, violation.rule) == ("vendor_tin", "tin_format")


def test_a_tin_is_never_stored_in_non_ascii_digits() -> None:
    # Bengali digits match `\d`; storing them as-is would make one TIN two different values.
    try:
        stored = parse_tin("\u09e7\u09e8\u09e9\u09ea\u09eb\u09ec\u09ed\u09ee\u09ef\u09e6\u09e7\u09e8", "vendor_tin")
    except InvalidInputError:
        return
    assert stored == "123456789012"


def test_a_13_digit_bin_is_accepted_as_is() -> None:
    assert parse_bin("0028718210101", "vendor_bin") == "0028718210101"


def test_a_hyphenated_bin_is_stored_without_the_hyphen() -> None:
    assert parse_bin("002871821-0101", "vendor_bin") == "0028718210101"


def test_surrounding_whitespace_around_a_bin_is_ignored() -> None:
    assert parse_bin(" 001745707-0402\n", "vendor_bin") == "0017457070402"


def test_format_bin_shows_the_9_plus_4_hyphenated_form() -> None:
    assert format_bin("0017457070402") == "001745707-0402"


def test_parse_then_format_bin_gives_the_nbr_form_back() -> None:
    assert format_bin(parse_bin("001745707-0402", "vendor_bin")) == "001745707-0402"


@pytest.mark.parametrize(("raw", "length"), [("123456789", "9"), ("12345678901", "11"), ("1234-56789", "9")])
def test_a_9_or_11_digit_bin_is_refused_with_the_2019_explanation(raw: str, length: str) -> None:
    with pytest.raises(InvalidInputError) as error:
        parse_bin(raw, "customer_bin")

    violation = _only_violation(error)
    assert (violation.field, violation.rule) == ("customer_bin", "bin_outdated")
    assert "2019" in violation.message
    assert f"{length}-digit" in violation.message
    assert "13-digit" in violation.message


@pytest.mark.parametrize(
    "raw",
    ["", "12345678", "123456789012", "12345678901234", "0028-718210101", "002871821_0101", "00287182101O1", "x"],
)
def test_a_bin_of_any_other_shape_is_refused_as_bin_format(raw: str) -> None:
    with pytest.raises(InvalidInputError) as error:
        parse_bin(raw, "vendor_bin")

    violation = _only_violation(error)
    assert (violation.field, violation.rule) == ("vendor_bin", "bin_format")
    assert "#########-####" in violation.message


def test_a_bin_is_never_stored_in_non_ascii_digits() -> None:
    bengali = "\u09e6\u09e6\u09e8\u09ee\u09ed\u09e7\u09ee\u09e8\u09e7\u09e6\u09e7\u09e6\u09e7"
    try:
        stored = parse_bin(bengali, "vendor_bin")
    except InvalidInputError:
        return
    assert stored == "0028718210101"
