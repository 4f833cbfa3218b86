"""The party master's rules: each refused with its field and rule, every one at once; and the party's fold."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hisab.invoicing.domain.party import (
    MAX_CREDIT_DAYS,
    Party,
    PartyChanged,
    PartyDeactivated,
    PartyInput,
    PartyKind,
    PartyRegistered,
    normalise_phone,
    search_term,
    search_text,
    validate_party,
)
from hisab.kernel.errors import IllegalTransitionError, InvalidInputError


def party(**changes: Any) -> PartyInput:
    fields: dict[str, Any] = {"code": "C-001", "kinds": (PartyKind.CUSTOMER,), "legal_name": "Karim Steel Ltd"}
    fields.update(changes)
    return PartyInput(**fields)


def refused(given: PartyInput) -> set[tuple[str, str]]:
    with pytest.raises(InvalidInputError) as error:
        validate_party(given)
    return {(v.field, v.rule) for v in error.value.violations}


def test_a_minimal_party_is_valid_with_empty_optional_fields() -> None:
    details = validate_party(party(legal_name="  Karim Steel Ltd ", email="  ", bin=""))
    assert details.legal_name == "Karim Steel Ltd"
    assert (details.email, details.bin, details.credit_days, details.credit_limit) == (None, None, 0, Decimal(0))


def test_identifiers_are_normalised() -> None:
    details = validate_party(party(bin="002871821-0101", tin=" 123456789012 ", nid="12345678901234567"))
    assert (details.bin, details.tin, details.nid) == ("0028718210101", "123456789012", "12345678901234567")


def test_kinds_are_kept_once_each_in_one_order() -> None:
    both = (PartyKind.SUPPLIER, PartyKind.CUSTOMER, PartyKind.SUPPLIER)
    assert validate_party(party(kinds=both)).kinds == (PartyKind.CUSTOMER, PartyKind.SUPPLIER)


@pytest.mark.parametrize(
    ("changes", "violation"),
    [
        ({"code": ""}, ("code", "required")),
        ({"code": "-C1"}, ("code", "code_format")),
        ({"code": "C" * 51}, ("code", "max_length")),
        ({"kinds": ()}, ("kind", "required")),
        ({"legal_name": " "}, ("legal_name", "required")),
        ({"legal_name": "x" * 201}, ("legal_name", "max_length")),
        ({"legal_name": "Karim\nSteel"}, ("legal_name", "control_characters")),
        ({"legal_name_bn": "\ud800"}, ("legal_name_bn", "unicode")),
        ({"bin": "12345678901"}, ("bin", "bin_outdated")),
        ({"bin": "১২৩৪৫৬৭৮৯০১২৩"}, ("bin", "bin_format")),
        ({"tin": "12345"}, ("tin", "tin_format")),
        ({"nid": "12345678901"}, ("nid", "nid_format")),
        ({"nid": "১২৩৪৫৬৭৮৯০"}, ("nid", "nid_format")),
        ({"address": "x" * 501}, ("address", "max_length")),
        ({"address_bn": "\x00"}, ("address_bn", "control_characters")),
        ({"phone": "0171234567"}, ("phone", "phone_format")),
        ({"phone": "+8802712345678"}, ("phone", "phone_format")),
        ({"email": "a@b"}, ("email", "email_format")),
        ({"email": "a b@c.com"}, ("email", "email_format")),
        ({"email": "a@" + "b" * 250 + ".com"}, ("email", "max_length")),
        ({"credit_days": MAX_CREDIT_DAYS + 1}, ("credit_days", "range")),
        ({"credit_days": -1}, ("credit_days", "range")),
        ({"credit_limit": Decimal("-1")}, ("credit_limit", "non_negative")),
        ({"credit_limit": Decimal("0.001")}, ("credit_limit", "decimal_places")),
        ({"credit_limit": Decimal("1E13")}, ("credit_limit", "amount_ceiling")),
        ({"credit_limit": Decimal("NaN")}, ("credit_limit", "finite")),
    ],
)
def test_each_rule_names_its_field(changes: dict[str, Any], violation: tuple[str, str]) -> None:
    assert refused(party(**changes)) == {violation}


def test_every_broken_rule_is_reported_at_once() -> None:
    bad = party(code="", kinds=(), legal_name="", phone="1", credit_days=999)
    assert refused(bad) == {
        ("code", "required"),
        ("kind", "required"),
        ("legal_name", "required"),
        ("phone", "phone_format"),
        ("credit_days", "range"),
    }


@pytest.mark.parametrize("written", ["01712345678", "01712-345678", "01712 345 678", "8801712345678", "+8801712345678"])
def test_a_mobile_number_in_any_usual_spelling_becomes_plus_880(written: str) -> None:
    assert normalise_phone(written) == "+8801712345678"


@given(operator=st.integers(3, 9), subscriber=st.integers(0, 10**8 - 1), prefix=st.sampled_from(["0", "880", "+880"]))
def test_every_mobile_number_is_accepted_and_normalised(operator: int, subscriber: int, prefix: str) -> None:
    national = f"1{operator}{subscriber:08d}"
    written = prefix + national
    assert validate_party(party(phone=written)).phone == f"+880{national}"


@given(st.text(alphabet="0123456789+", max_size=16))
def test_a_normalised_phone_is_always_plus_880_and_ten_digits(written: str) -> None:
    phone = normalise_phone(written)
    assert phone is None or (phone.startswith("+8801") and len(phone) == 14 and phone[1:].isdigit())


def test_search_holds_the_code_the_names_and_the_bin_lower_cased() -> None:
    details = validate_party(party(legal_name_bn="করিম স্টিল", bin="002871821-0101"))
    text = search_text(details)
    for term in ("c-001", "KARIM STEEL", "করিম", "002871821-0101", "0028718210101"):
        assert search_term(term) in text
    assert search_term("C-001") == "c-001"


def _registered() -> Party:
    details = validate_party(party())
    return Party.from_events([PartyRegistered("p-1", details)])


def test_the_fold_keeps_the_latest_whole_state_and_the_activity() -> None:
    details = validate_party(party())
    changed = replace(details, legal_name="Karim Steel & Co")
    folded = Party.from_events([PartyRegistered("p-1", details), PartyChanged("p-1", changed), PartyDeactivated("p-1")])
    assert (folded.details, folded.active) == (changed, False)


def test_an_inactive_party_is_not_deactivated_twice() -> None:
    inactive = Party.from_events([PartyRegistered("p-1", _registered().details), PartyDeactivated("p-1")])
    with pytest.raises(IllegalTransitionError):
        inactive.deactivate()


def test_a_stream_without_registration_is_no_party() -> None:
    with pytest.raises(ValueError, match="PartyRegistered"):
        Party.from_events([PartyDeactivated("p-1")])
