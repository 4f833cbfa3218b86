"""Creating, approving, cancelling and reading invoices over HTTP (issue 2, scenarios 2 to 6)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from hisab.kernel.fiscal_year import FiscalYear
from tests.e2e.operations import APPROVE, CANCEL, CREATE, GET, line, steel_rods, three_rates
from tests.e2e.server import Caller, only_error


def _create(caller: Caller, invoice: dict[str, Any] | None = None) -> dict[str, Any]:
    created: dict[str, Any] = caller.data(CREATE, {"input": invoice or steel_rods()})["createInvoice"]
    return created


def _approve(caller: Caller, invoice_id: str) -> dict[str, Any]:
    approved: dict[str, Any] = caller.checker().data(APPROVE, {"id": invoice_id})["approveInvoice"]
    return approved


def _mushak_fiscal_year_today() -> str:
    return FiscalYear.of(datetime.now(ZoneInfo("Asia/Dhaka")).date()).short_label


def test_creating_the_steel_rods_invoice_gives_a_draft_with_bangladesh_vat(caller: Caller) -> None:
    invoice = _create(caller)

    assert invoice["status"] == "DRAFT"
    assert invoice["mushakNumber"] is None
    assert invoice["subtotal"]["decimal"] == "500000.00"
    assert invoice["vatAmount"]["decimal"] == "75000.00"
    assert invoice["grandTotal"] == {
        "amount": 575000.0,
        "decimal": "575000.00",
        "currency": "BDT",
        "formattedAmount": "৳5,75,000.00",
    }
    assert invoice["netReceivable"]["decimal"] == "575000.00"
    assert invoice["fiscalYear"] == "2024-2025"
    assert invoice["fiscalYearShort"] == "2024-25"
    assert invoice["invoiceNumber"] == "INV-2025-01-15-000001"
    assert invoice["createdBy"] == caller.user_id
    assert invoice["createdAt"].endswith("+00:00")
    assert invoice["issuedAt"] is None
    [rods] = invoice["lineItems"]
    assert rods["vatRate"] == 0.15
    assert rods["total"]["decimal"] == "575000.00"


def test_three_lines_at_standard_reduced_and_zero_rated_are_taxed_each_at_its_rate(caller: Caller) -> None:
    invoice = _create(caller, three_rates())

    assert invoice["subtotal"]["decimal"] == "30000.00"
    assert invoice["vatAmount"]["decimal"] == "2250.00"
    assert invoice["grandTotal"]["decimal"] == "32250.00"
    assert [item["vatRate"] for item in invoice["lineItems"]] == [0.15, 0.075, 0]
    assert [item["vatAmount"]["decimal"] for item in invoice["lineItems"]] == ["1500.00", "750.00", "0.00"]


def test_supplementary_duty_is_taxed_and_advance_income_tax_is_not_deducted(caller: Caller) -> None:
    taxed = line(quantity=1, unitPrice=1000, supplementaryDutyRate=0.2, advanceIncomeTaxRate=0.05)
    invoice = _create(caller, steel_rods(lineItems=[taxed], vendorBIN="0000123450101", customerTIN="123456789012"))

    assert invoice["supplementaryDuty"]["decimal"] == "200.00"
    assert invoice["vatAmount"]["decimal"] == "180.00"
    assert invoice["grandTotal"]["decimal"] == "1380.00"
    assert invoice["advanceIncomeTax"]["decimal"] == "50.00"
    assert invoice["netReceivable"]["decimal"] == "1330.00"
    assert invoice["vendorBIN"] == "000012345-0101"
    assert invoice["customerTIN"] == "123456789012"
    assert invoice["lineItems"][0]["supplementaryDutyRate"] == 0.2


def test_a_tenth_times_a_tenth_is_exactly_one_paisa(caller: Caller) -> None:
    invoice = _create(caller, steel_rods(lineItems=[line(quantity=0.1, unitPrice=0.1)]))

    [item] = invoice["lineItems"]
    assert item["quantity"] == 0.1
    assert item["amount"]["decimal"] == "0.01"
    assert item["unitPrice"]["decimal"] == "0.10"


def test_approving_issues_a_mushak_serial_with_the_time_of_issue(caller: Caller) -> None:
    invoice = _create(caller)

    approved = _approve(caller, invoice["id"])

    assert approved["status"] == "APPROVED"
    assert approved["mushakNumber"] == f"HO/{_mushak_fiscal_year_today()}/000001"
    assert approved["issuedAt"].endswith("+06:00")
    assert approved["createdBy"] == caller.user_id
    assert approved["approvedBy"] == caller.checker().user_id
    assert approved["version"] == invoice["version"] + 1
    assert approved["fiscalYear"] == "2024-2025"


def test_cancelling_a_draft_keeps_the_reason_and_assigns_no_serial(caller: Caller) -> None:
    invoice = _create(caller)

    cancelled = caller.data(CANCEL, {"id": invoice["id"], "reason": "Entered twice"})["cancelInvoice"]

    assert cancelled["status"] == "CANCELLED"
    assert cancelled["cancellationReason"] == "Entered twice"
    assert cancelled["cancelledAt"].endswith("+06:00")
    assert cancelled["mushakNumber"] is None
    assert cancelled["cancelledBy"] == caller.user_id


def test_cancelling_an_approved_invoice_keeps_its_serial_and_serials_are_never_reused(caller: Caller) -> None:
    first, second, third = (_create(caller) for _ in range(3))
    _approve(caller, first["id"])
    approved = _approve(caller, second["id"])

    cancelled = caller.data(CANCEL, {"id": second["id"], "reason": "Goods returned"})["cancelInvoice"]
    next_approved = _approve(caller, third["id"])

    year = _mushak_fiscal_year_today()
    assert cancelled["status"] == "CANCELLED"
    assert cancelled["mushakNumber"] == approved["mushakNumber"] == f"HO/{year}/000002"
    assert cancelled["cancellationReason"] == "Goods returned"
    assert next_approved["mushakNumber"] == f"HO/{year}/000003"


def test_reading_an_invoice_by_id_returns_what_was_stored(caller: Caller) -> None:
    created = _create(caller, three_rates())
    approved = _approve(caller, created["id"])

    read = caller.data(GET, {"id": created["id"]})["invoice"]

    assert read == approved


def test_reading_an_unknown_invoice_is_not_found(caller: Caller) -> None:
    body = caller.graphql(GET, {"id": "00000000-0000-0000-0000-000000000000"})

    only_error(body, "NOT_FOUND")
    assert body["data"] == {"invoice": None}


def test_approving_a_cancelled_invoice_is_rejected(caller: Caller) -> None:
    invoice = _create(caller)
    caller.data(CANCEL, {"id": invoice["id"], "reason": "Wrong customer"})

    body = caller.checker().graphql(APPROVE, {"id": invoice["id"]})

    only_error(body, "CONFLICT")
    assert caller.data(GET, {"id": invoice["id"]})["invoice"]["status"] == "CANCELLED"


def test_approving_twice_is_rejected_and_consumes_no_serial(caller: Caller) -> None:
    first, second = _create(caller), _create(caller)
    _approve(caller, first["id"])

    only_error(caller.checker().graphql(APPROVE, {"id": first["id"]}), "CONFLICT")

    assert _approve(caller, second["id"])["mushakNumber"] == f"HO/{_mushak_fiscal_year_today()}/000002"


def test_cancelling_a_cancelled_invoice_is_rejected(caller: Caller) -> None:
    invoice = _create(caller)
    caller.data(CANCEL, {"id": invoice["id"], "reason": "Duplicate"})

    only_error(caller.graphql(CANCEL, {"id": invoice["id"], "reason": "Again"}), "CONFLICT")


def test_a_stale_expected_version_is_a_conflict(caller: Caller) -> None:
    invoice = _create(caller)

    stale = caller.checker().graphql(APPROVE, {"id": invoice["id"], "expectedVersion": invoice["version"] - 1})
    current = caller.checker().graphql(APPROVE, {"id": invoice["id"], "expectedVersion": invoice["version"]})

    assert "version" in only_error(stale, "CONFLICT")["message"]
    assert current["data"]["approveInvoice"]["status"] == "APPROVED"


def test_cancelling_without_a_reason_names_the_reason_field(caller: Caller) -> None:
    invoice = _create(caller)

    body = caller.graphql(CANCEL, {"id": invoice["id"], "reason": "   "})

    violations = only_error(body, "BAD_USER_INPUT")["extensions"]["violations"]
    assert [(v["field"], v["rule"]) for v in violations] == [("reason", "required")]


def test_taka_amounts_are_grouped_in_lakh_and_crore(caller: Caller) -> None:
    crores = line(quantity=1, unitPrice=123456789.05, vatCategory="ZERO_RATED")

    invoice = _create(caller, steel_rods(lineItems=[crores]))

    assert invoice["grandTotal"]["formattedAmount"] == "৳12,34,56,789.05"
    assert invoice["vatAmount"]["formattedAmount"] == "৳0.00"


def test_other_currencies_are_formatted_with_their_own_symbol(caller: Caller) -> None:
    invoice = _create(caller, steel_rods(lineItems=[line(quantity=1, unitPrice=1234567.5, currency="USD")]))

    assert invoice["subtotal"]["currency"] == "USD"
    assert invoice["subtotal"]["formattedAmount"] == "$12,34,567.50"
