"""The party master: customers and suppliers, validated whole and recorded as whole states.

A party's events carry its complete details, so a change is one `PartyChanged` with the new
state and the fold never merges field by field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

from hisab.event_store.registry import EVENT_TYPES
from hisab.kernel.errors import IllegalTransitionError, InvalidInputError, Violation
from hisab.kernel.identifiers import parse_bin, parse_tin
from hisab.kernel.money import AMOUNT_CEILING, decimal_places
from hisab.kernel.text import text_violation

MAX_CODE = 50
MAX_NAME = 200
MAX_ADDRESS = 500
MAX_EMAIL = 254  # the longest address SMTP carries (RFC 5321)
MAX_CREDIT_DAYS = 365
MAX_MONEY_PLACES = 2
# Codes are what people type on documents and in search boxes: letters, digits and a few separators.
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")
# Mobile numbers: operator prefixes 013-019, then 8 digits; written locally or with the country code.
_PHONE = re.compile(r"(?:\+?880|0)?(1[3-9][0-9]{8})")
_PHONE_SEPARATORS = re.compile(r"[\s-]")
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+")
_NID_LENGTHS = (10, 13, 17)


class PartyKind(StrEnum):
    CUSTOMER = "CUSTOMER"
    SUPPLIER = "SUPPLIER"


@dataclass(frozen=True, slots=True)
class PartyInput:
    """What a caller gives; raw text, checked by `validate_party`."""

    code: str
    kinds: tuple[PartyKind, ...]
    legal_name: str
    legal_name_bn: str | None = None
    bin: str | None = None
    tin: str | None = None
    nid: str | None = None
    address: str | None = None
    address_bn: str | None = None
    phone: str | None = None
    email: str | None = None
    withholding_entity: bool = False
    credit_days: int = 0
    credit_limit: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class PartyDetails:
    """A valid party's details, normalised: BIN without its hyphen, phone as +8801XXXXXXXXX."""

    code: str
    kinds: tuple[PartyKind, ...]
    legal_name: str
    legal_name_bn: str | None
    bin: str | None
    tin: str | None
    nid: str | None
    address: str | None
    address_bn: str | None
    phone: str | None
    email: str | None
    withholding_entity: bool
    credit_days: int
    credit_limit: Decimal

    def as_input(self) -> PartyInput:
        """The details as input again, so that an update can replace some fields and revalidate all."""
        return PartyInput(
            self.code, self.kinds, self.legal_name, self.legal_name_bn, self.bin, self.tin, self.nid, self.address,
            self.address_bn, self.phone, self.email, self.withholding_entity, self.credit_days, self.credit_limit,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class PartyRegistered:
    event_type: ClassVar[str] = "PartyRegistered.v1"

    party_id: str
    details: PartyDetails


@dataclass(frozen=True, slots=True)
class PartyChanged:
    """The whole new state, not a difference."""

    event_type: ClassVar[str] = "PartyChanged.v1"

    party_id: str
    details: PartyDetails


@dataclass(frozen=True, slots=True)
class PartyDeactivated:
    event_type: ClassVar[str] = "PartyDeactivated.v1"

    party_id: str


EVENT_TYPES.register((PartyRegistered, PartyChanged, PartyDeactivated))


@dataclass(frozen=True, slots=True)
class Party:
    party_id: str
    details: PartyDetails
    active: bool

    @classmethod
    def from_events(cls, events: Iterable[object]) -> Party:
        party: Party | None = None
        for event in events:
            match event:
                case PartyRegistered(party_id, details):
                    party = cls(party_id, details, active=True)
                case PartyChanged(_, details) if party is not None:
                    party = cls(party.party_id, details, party.active)
                case PartyDeactivated() if party is not None:
                    party = cls(party.party_id, party.details, active=False)
        if party is None:
            raise ValueError("a party's stream begins with PartyRegistered")
        return party

    def change(self, details: PartyDetails) -> PartyChanged:
        return PartyChanged(self.party_id, details)

    def deactivate(self) -> PartyDeactivated:
        if not self.active:
            raise IllegalTransitionError(f"party {self.party_id} is already inactive")
        return PartyDeactivated(self.party_id)


def register_party(party_id: str, details: PartyDetails) -> PartyRegistered:
    return PartyRegistered(party_id, details)


def normalise_phone(raw: str) -> str | None:
    """+8801XXXXXXXXX for a Bangladeshi mobile number in any usual spelling, else None."""
    found = _PHONE.fullmatch(_PHONE_SEPARATORS.sub("", raw))
    return f"+880{found.group(1)}" if found else None


def search_text(details: PartyDetails) -> str:
    """What `search` matches: the code, both names and the BIN's digits, lower-cased."""
    parts = (details.code, details.legal_name, details.legal_name_bn, details.bin)
    return "\n".join(part.lower() for part in parts if part)


def search_term(raw: str) -> str:
    """A search as `search_text` holds it: lower-cased, and a hyphenated BIN without its hyphen."""
    term = raw.strip().lower()
    return term.replace("-", "") if re.fullmatch(r"[0-9]+-[0-9]+", term) else term


class _Found:
    def __init__(self) -> None:
        self.violations: list[Violation] = []

    def add(self, field: str, rule: str, message: str) -> None:
        self.violations.append(Violation(field, rule, message))

    def text(self, raw: str | None, field: str, max_length: int, *, multiline: bool = False) -> str | None:
        """Stripped text, None when blank or broken (a problem is recorded)."""
        value = (raw or "").strip()
        if not value:
            return None
        problem = text_violation(value, field, multiline=multiline)
        if problem is not None:
            self.violations.append(problem)
            return None
        if len(value) > max_length:
            self.add(field, "max_length", f"{field} has at most {max_length} characters")
            return None
        return value

    def required(self, raw: str, field: str, max_length: int) -> str:
        value = self.text(raw, field, max_length)
        if value is None and not raw.strip():
            self.add(field, "required", f"{field} must not be empty")
        return value or ""


def validate_party(given: PartyInput) -> PartyDetails:
    """Check every rule of a party's details; raise InvalidInputError naming all broken ones."""
    found = _Found()
    code = found.required(given.code, "code", MAX_CODE)
    if code and not _CODE.fullmatch(code):
        found.add("code", "code_format", "a code is letters, digits and . _ / - and begins with a letter or digit")
    if not given.kinds:
        found.add("kind", "required", "a party is a customer, a supplier, or both")
    details = PartyDetails(
        code=code,
        kinds=tuple(kind for kind in PartyKind if kind in given.kinds),
        legal_name=found.required(given.legal_name, "legal_name", MAX_NAME),
        legal_name_bn=found.text(given.legal_name_bn, "legal_name_bn", MAX_NAME),
        bin=_identifier(given.bin, "bin", found),
        tin=_identifier(given.tin, "tin", found),
        nid=_nid(given.nid, found),
        address=found.text(given.address, "address", MAX_ADDRESS, multiline=True),
        address_bn=found.text(given.address_bn, "address_bn", MAX_ADDRESS, multiline=True),
        phone=_phone(given.phone, found),
        email=_email(given.email, found),
        withholding_entity=given.withholding_entity,
        credit_days=_credit_days(given.credit_days, found),
        credit_limit=_credit_limit(given.credit_limit, found),
    )
    if found.violations:
        raise InvalidInputError(found.violations)
    return details


def _identifier(raw: str | None, field: str, found: _Found) -> str | None:
    if raw is None or not raw.strip():
        return None
    try:
        return parse_bin(raw, field) if field == "bin" else parse_tin(raw, field)
    except InvalidInputError as error:
        found.violations.extend(error.violations)
        return None


def _nid(raw: str | None, found: _Found) -> str | None:
    value = (raw or "").strip()
    if not value:
        return None
    # ASCII digits only, as for the TIN: one NID must not have two spellings.
    if not (value.isascii() and value.isdigit() and len(value) in _NID_LENGTHS):
        found.add("nid", "nid_format", "a national ID is 10, 13 or 17 digits")
        return None
    return value


def _phone(raw: str | None, found: _Found) -> str | None:
    if raw is None or not raw.strip():
        return None
    phone = normalise_phone(raw.strip())
    if phone is None:
        found.add("phone", "phone_format", "a phone is a Bangladeshi mobile number: 01[3-9] and 8 digits, or +8801…")
    return phone


def _email(raw: str | None, found: _Found) -> str | None:
    value = found.text(raw, "email", MAX_EMAIL)
    if value is not None and not _EMAIL.fullmatch(value):
        found.add("email", "email_format", "an email address looks like name@example.com")
        return None
    return value


def _credit_days(days: int, found: _Found) -> int:
    if not 0 <= days <= MAX_CREDIT_DAYS:
        found.add("credit_days", "range", f"credit days are between 0 and {MAX_CREDIT_DAYS}")
    return days


def _credit_limit(limit: Decimal, found: _Found) -> Decimal:
    if not limit.is_finite():
        found.add("credit_limit", "finite", "the number must be finite")
        return limit
    if limit < 0:
        found.add("credit_limit", "non_negative", "the credit limit must not be negative")
    if decimal_places(limit) > MAX_MONEY_PLACES:
        found.add("credit_limit", "decimal_places", f"the credit limit has at most {MAX_MONEY_PLACES} decimal places")
    if limit >= AMOUNT_CEILING:
        found.add("credit_limit", "amount_ceiling", "the credit limit must be below 10^13 Taka")
    return limit
