"""The registered person: the tenant as a VAT-registered supplier, as its tax invoices name it.

Mushak-6.3 carries the supplier's name and BIN, the address of the unit that issues the
challan, and the officer-in-charge who signs it. A registered person with several places of
supply may keep a serial series per place (rule 40(1)(c)), so units have codes that prefix
their serials.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from hisab.kernel.errors import InvalidInputError, Violation
from hisab.kernel.identifiers import parse_bin
from hisab.kernel.text import text_violation
from hisab.taxpayer.domain.events import IssuingUnit, SupplierProfileSet

MAX_NAME = 200
MAX_ADDRESS = 500
MAX_UNITS = 100
# The same shape as HISAB_ISSUING_UNIT: it is written into every serial of the unit.
_UNIT_CODE = re.compile(r"[A-Za-z0-9-]{1,16}")
_STREAM_PREFIX = "supplier-profile:"


def profile_stream_id(tenant_id: str) -> str:
    """Each tenant's profile is one stream; stream ids are global, so the tenant is part of it."""
    return f"{_STREAM_PREFIX}{tenant_id}"


def is_profile_stream(stream_id: str) -> bool:
    return stream_id.startswith(_STREAM_PREFIX)


@dataclass(frozen=True, slots=True)
class UnitInput:
    code: str
    name: str
    address: str


@dataclass(frozen=True, slots=True)
class ProfileInput:
    name: str
    bin: str
    units: tuple[UnitInput, ...]
    officer_name: str
    officer_designation: str


@dataclass(frozen=True, slots=True)
class SupplierProfile:
    name: str
    bin: str
    units: tuple[IssuingUnit, ...]
    officer_name: str
    officer_designation: str

    @classmethod
    def from_events(cls, events: Iterable[object]) -> SupplierProfile | None:
        """The profile the last of its events set, or None before the first."""
        last = None
        for event in events:
            if isinstance(event, SupplierProfileSet):
                last = event
        if last is None:
            return None
        return cls(last.name, last.bin, last.units, last.officer_name, last.officer_designation)

    def unit(self, code: str) -> IssuingUnit | None:
        return next((unit for unit in self.units if unit.code == code), None)


def validate_profile(raw: ProfileInput) -> SupplierProfileSet:
    """The event that sets a profile, or InvalidInputError naming every problem."""
    found: list[Violation] = []
    name = _text(raw.name, "name", MAX_NAME, found)
    try:
        bin_ = parse_bin(raw.bin, "bin")
    except InvalidInputError as error:
        found.extend(error.violations)
        bin_ = ""
    units = tuple(_unit(unit, f"units[{n}]", found) for n, unit in enumerate(raw.units))
    if not raw.units:
        found.append(Violation("units", "min_units", "a registered person issues from at least one unit"))
    if len(raw.units) > MAX_UNITS:
        found.append(Violation("units", "max_units", f"at most {MAX_UNITS} issuing units"))
    codes = [unit.code for unit in units]
    if len(set(codes)) != len(codes):
        found.append(Violation("units", "unique_code", "each issuing unit needs a code of its own"))
    officer_name = _text(raw.officer_name, "officer_name", MAX_NAME, found)
    designation = _text(raw.officer_designation, "officer_designation", MAX_NAME, found)
    if found:
        raise InvalidInputError(found)
    return SupplierProfileSet(name, bin_, units, officer_name, designation)


def _unit(raw: UnitInput, path: str, found: list[Violation]) -> IssuingUnit:
    code = raw.code.strip()
    if not _UNIT_CODE.fullmatch(code):
        found.append(Violation(f"{path}.code", "unit_code_format", "a unit code is 1 to 16 letters, digits or hyphens"))
    name = _text(raw.name, f"{path}.name", MAX_NAME, found)
    address = _text(raw.address, f"{path}.address", MAX_ADDRESS, found, multiline=True)
    return IssuingUnit(code, name, address)


def _text(raw: str, field: str, max_length: int, found: list[Violation], *, multiline: bool = False) -> str:
    value = raw.strip()
    problem = text_violation(value, field, multiline=multiline)
    if problem is not None:
        found.append(problem)
    elif not value:
        found.append(Violation(field, "required", f"{field} must not be empty"))
    elif len(value) > max_length:
        found.append(Violation(field, "max_length", f"{field} has at most {max_length} characters"))
    return value
