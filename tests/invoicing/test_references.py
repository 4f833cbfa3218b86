"""What an invoice takes from its registered customer and items, and what it refuses."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hisab.invoicing.domain.draft import LineInput
from hisab.invoicing.domain.item import ItemDetails
from hisab.invoicing.domain.party import PartyDetails, PartyKind
from hisab.invoicing.domain.references import (
    RegisteredItem,
    RegisteredParty,
    fill_from_masters,
    without_customer_snapshot,
)
from hisab.kernel.errors import Violation
from hisab.kernel.vat import VATCategory
from tests.invoicing.test_invoice import DRAFT

D = Decimal
KARIM = PartyDetails(
    "C-001", (PartyKind.CUSTOMER,), "Karim Steel Ltd", None, "0028718210101", "123456789012", None,
    "Motijheel, Dhaka", None, None, None, False, 30, D("0"),
)  # fmt: skip
ROD = ItemDetails(
    "ROD-12", "Steel Rod 12 mm", None, "7214.20", None, "kg", VATCategory.REDUCED, D("0.075"), D("0.10"), D("950.50")
)
PARTY = RegisteredParty("party-1", KARIM, active=True)
ITEM = RegisteredItem("item-1", ROD, active=True)
ITEM_LINE = LineInput(description=None, quantity=D("2"), unit_price=None, item_id="item-1")


def _rules(violations: tuple[Violation, ...]) -> set[tuple[str, str]]:
    return {(v.field, v.rule) for v in violations}


def test_the_party_fills_the_customer_id_buyer_bin_tin_and_address() -> None:
    draft = replace(DRAFT, customer_id="", customer_party_id="party-1")

    resolved = fill_from_masters(draft, PARTY, {}, registered_customer_required=False)

    assert resolved.violations == ()
    filled = resolved.draft
    assert (filled.customer_id, filled.buyer_name, filled.buyer_address) == (
        "C-001",
        "Karim Steel Ltd",
        "Motijheel, Dhaka",
    )
    assert (filled.customer_bin, filled.customer_tin) == ("0028718210101", "123456789012")


def test_given_fields_win_over_the_party() -> None:
    draft = replace(DRAFT, customer_party_id="party-1", buyer_name="Karim Steel (HO)", customer_tin="999999999999")

    filled = fill_from_masters(draft, PARTY, {}, registered_customer_required=False).draft

    assert (filled.customer_id, filled.buyer_name, filled.customer_tin) == (
        "customer-001",
        "Karim Steel (HO)",
        "999999999999",
    )


def test_an_unknown_inactive_or_supplier_party_is_refused_by_name() -> None:
    draft = replace(DRAFT, customer_party_id="party-1")
    supplier = RegisteredParty("party-1", replace(KARIM, kinds=(PartyKind.SUPPLIER,)), active=True)
    cases = {
        None: "unknown_party",
        replace(PARTY, active=False): "inactive_party",
        supplier: "not_a_customer",
    }

    for party, rule in cases.items():
        resolved = fill_from_masters(draft, party, {}, registered_customer_required=False)
        assert _rules(resolved.violations) == {("customer_party_id", rule)}


def test_a_tenant_that_requires_registered_customers_refuses_a_free_one() -> None:
    resolved = fill_from_masters(DRAFT, None, {}, registered_customer_required=True)

    assert _rules(resolved.violations) == {("customer_party_id", "registered_customer_required")}


def test_an_item_fills_what_the_line_leaves_out() -> None:
    draft = replace(DRAFT, lines=(ITEM_LINE,))

    line = fill_from_masters(draft, None, {"item-1": ITEM}, registered_customer_required=False).draft.lines[0]

    assert (line.description, line.unit_price, line.hs_code, line.unit_of_supply) == (
        "Steel Rod 12 mm",
        D("950.50"),
        "7214.20",
        "kg",
    )
    assert (line.vat_category, line.vat_rate, line.supplementary_duty_rate) == (
        VATCategory.REDUCED,
        D("0.075"),
        D("0.10"),
    )


def test_a_line_of_another_category_does_not_take_the_items_rate() -> None:
    draft = replace(DRAFT, lines=(replace(ITEM_LINE, vat_category=VATCategory.STANDARD),))

    line = fill_from_masters(draft, None, {"item-1": ITEM}, registered_customer_required=False).draft.lines[0]

    assert (line.vat_category, line.vat_rate) == (VATCategory.STANDARD, None)


def test_unknown_and_inactive_items_are_refused_at_their_line() -> None:
    draft = replace(DRAFT, lines=(replace(ITEM_LINE, item_id="nope"), ITEM_LINE))

    resolved = fill_from_masters(
        draft, None, {"item-1": replace(ITEM, active=False)}, registered_customer_required=False
    )

    assert _rules(resolved.violations) == {("lines[0].item_id", "unknown_item"), ("lines[1].item_id", "inactive_item")}


def test_an_edit_that_gives_no_customer_or_lines_checks_neither() -> None:
    draft = replace(DRAFT, customer_party_id="party-1", lines=(ITEM_LINE,))

    resolved = fill_from_masters(
        draft, None, {}, registered_customer_required=True, customer_given=False, lines_given=False
    )

    assert resolved.violations == ()
    assert resolved.draft == draft


def test_moving_to_another_customer_forgets_what_the_old_one_gave() -> None:
    filled = fill_from_masters(
        replace(DRAFT, customer_id="", customer_party_id="party-1"), PARTY, {}, registered_customer_required=False
    ).draft

    forgotten = without_customer_snapshot(filled)

    assert (forgotten.customer_id, forgotten.buyer_name, forgotten.customer_bin, forgotten.customer_tin) == (
        "",
        None,
        None,
        None,
    )
    assert forgotten.customer_party_id == "party-1"
