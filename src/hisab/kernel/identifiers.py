"""Bangladeshi taxpayer identifiers: the e-TIN (income tax) and the BIN (VAT).

No public check-digit algorithm exists for either, so validation is by shape only.
"""

from __future__ import annotations

import re

from hisab.kernel.errors import InvalidInputError

# ASCII digits only: a Bengali-digit TIN must not become a second spelling of the same TIN.
_TIN = re.compile(r"[0-9]{12}")
_BIN_PLAIN = re.compile(r"[0-9]{13}")
_BIN_HYPHENATED = re.compile(r"([0-9]{9})-([0-9]{4})")
_DIGITS = re.compile(r"[0-9]+")


def parse_tin(raw: str, field: str) -> str:
    """Return the 12-digit e-TIN, or raise naming why the input is not one."""
    value = raw.strip()
    if _TIN.fullmatch(value):
        return value
    digits = value.replace("-", "").replace(" ", "")
    if _DIGITS.fullmatch(digits) and len(digits) == 10:
        message = (
            "a 10-digit TIN is no longer valid: NBR replaced it with the 12-digit e-TIN "
            "(10-digit TINs were invalid from 1 January 2014)"
        )
        raise InvalidInputError.single(field, "tin_outdated", message)
    raise InvalidInputError.single(field, "tin_format", "a TIN is the 12-digit e-TIN (digits only)")


def parse_bin(raw: str, field: str) -> str:
    """Return the 13-digit BIN (stored without the hyphen), or raise naming why not."""
    value = raw.strip()
    if _BIN_PLAIN.fullmatch(value):
        return value
    hyphenated = _BIN_HYPHENATED.fullmatch(value)
    if hyphenated:
        return hyphenated.group(1) + hyphenated.group(2)
    digits = value.replace("-", "").replace(" ", "")
    if _DIGITS.fullmatch(digits) and len(digits) in (9, 11):
        message = (
            f"a {len(digits)}-digit BIN is no longer valid: NBR made the 13-digit BIN mandatory "
            "and declared 9- and 11-digit BINs invalid on 30 November 2019"
        )
        raise InvalidInputError.single(field, "bin_outdated", message)
    message = "a BIN is 13 digits, written as 13 digits or as #########-####"
    raise InvalidInputError.single(field, "bin_format", message)


def format_bin(stored: str) -> str:
    """Display form of a stored BIN: `#########-####`."""
    return f"{stored[:9]}-{stored[9:]}"
