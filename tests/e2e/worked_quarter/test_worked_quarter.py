"""The worked quarter (quarter.py) recorded over HTTP on the real server, on SQLite and PostgreSQL: its
Mushak-9.1 matches the figures worked out by hand, its cross-checks pass, and submitting it locks it.

The server's clock is set inside the quarter (July to September 2026) while the documents are recorded,
so each is dated in it as a user of that quarter would have dated it, and then to October, when the
return is prepared, submitted and its deposits made.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from tests.e2e.notes.notes import BACKENDS, ServerClock, by_amount, credit, debit, issued, server_with_clock
from tests.e2e.operations import line, steel_rods
from tests.e2e.receivables.receivables import CREATE_PARTY, allocation, record, withheld
from tests.e2e.server import Caller, new_tenant, violated
from tests.e2e.worked_quarter.quarter import (
    CASH_PAID_BILL,
    CREDIT_NOTE,
    DEBIT_NOTE,
    DEPOSITS,
    EXPECTED_AMOUNTS,
    EXPECTED_LINES,
    PURCHASES,
    SALES,
    VDS_PAID_BILL,
    VDS_WITH_CERTIFICATE,
    VDS_WITHOUT_CERTIFICATE,
    ZERO_AMOUNT_NOTES,
)

PERIOD = "2026-27/Q1"
MONEY = "{ decimal }"
UPDATE_SETTINGS = """mutation($input: TenantSettingsInput!) {
  updateTenantSettings(input: $input) { withholdingEntity vatReturnFrequency } }"""
POSTED = "journalEntry { kind date lines { accountCode debit { decimal } credit { decimal } } }"
RECORD_BILL = f"""mutation($input: RecordBillInput!) {{ recordBill(input: $input) {{
  id number lines {{ id inputCredit }} {POSTED} }} }}"""
RECORD_PAYMENT = f"""mutation($input: RecordPaymentInput!) {{ recordPayment(input: $input) {{
  id number amount {{ decimal }} withholdings {{ kind amount {{ decimal }} }} vdsCertificate {{ id number }}
  {POSTED} }} }}"""
VAT_RETURN = f"""query($period: String!) {{ vatReturn(period: $period) {{
  period status notes {{ note value {MONEY} supplementaryDuty {MONEY} vat {MONEY} amount {MONEY} }} }} }}"""
CHECKS = """query($period: String!) { vatReturnChecks(period: $period) { name passed words } }"""
PREPARE = "mutation($period: String!) { prepareVatReturn(period: $period) { period status } }"
SUBMIT = """mutation($period: String!, $reference: String!, $at: DateTime!) {
  submitVatReturn(period: $period, submissionReference: $reference, submittedAt: $at) { period status } }"""
DEPOSIT = """mutation($period: String!, $challan: String!, $date: Date!, $amount: Float!, $code: String!,
  $kind: VatDepositKind) { recordVatDeposit(period: $period, challanNumber: $challan, date: $date, amount: $amount,
  code: $code, kind: $kind) { period status } }"""


@pytest.fixture(scope="module")
def clock() -> ServerClock:
    return ServerClock()


@pytest.fixture(scope="module", params=BACKENDS)
def base_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, clock: ServerClock
) -> Iterator[str]:
    with server_with_clock(request, tmp_path_factory, clock) as url:
        yield url


@pytest.fixture
def caller(http: Any) -> Caller:
    return Caller(http, new_tenant())


def _party(caller: Caller, code: str, kinds: list[str], bin_: str | None, **more: Any) -> str:
    party = {"code": code, "kind": kinds, "legalName": f"{code} Ltd", "bin": bin_, **more}
    created: str = caller.data(CREATE_PARTY, {"input": {k: v for k, v in party.items() if v is not None}})[
        "createParty"
    ]["id"]
    return created


def _sale(caller: Caller, customer: str, key: str) -> dict[str, Any]:
    sale = next(s for s in SALES if s.key == key)
    given = {"description": sale.description, "quantity": 1, "unitPrice": float(sale.value),
             "vatCategory": sale.category, "supplementaryDutyRate": float(sale.sd_rate)}  # fmt: skip
    if sale.vat_rate is not None:
        given["vatRate"] = float(sale.vat_rate)
    if sale.hs_code:
        given["hsCode"] = sale.hs_code
    if sale.service_code:
        given["serviceCode"] = sale.service_code
    return issued(caller, steel_rods(customerPartyId=customer, customerId=None, lineItems=[line(**given)]))


def _bill(caller: Caller, supplier: str, key: str, day: date) -> dict[str, Any]:
    purchase = next(p for p in PURCHASES if p.key == key)
    bill_line: dict[str, Any] = {
        "description": purchase.description, "quantity": 1, "value": float(purchase.value),
        "vat": float(purchase.vat), "vatCategory": purchase.category, "vatRate": float(purchase.vat_rate),
        "inputCredit": "CLAIM", "hsCode": purchase.hs_code, "serviceCode": purchase.service_code,
    }  # fmt: skip
    given: dict[str, Any] = {
        "supplierPartyId": supplier, "supplierInvoiceNumber": f"SUP-{key}/2026", "supplierInvoiceDate": day.isoformat(),
        "receivedDate": day.isoformat(), "lines": [{k: v for k, v in bill_line.items() if v is not None}],
    }  # fmt: skip
    if purchase.imported:
        given["billOfEntry"] = {"number": "C-41873", "date": day.isoformat(), "customsHouse": "Chattogram"}
    recorded: dict[str, Any] = caller.data(RECORD_BILL, {"input": given})["recordBill"]
    return recorded


def _pay(caller: Caller, supplier: str, bill: dict[str, Any], method: str, amount: str, day: date) -> dict[str, Any]:
    given = {"supplierPartyId": supplier, "date": day.isoformat(), "method": method, "amount": float(amount),
             "allocations": [{"billId": bill["id"], "amount": float(amount)}]}  # fmt: skip
    paid: dict[str, Any] = caller.data(RECORD_PAYMENT, {"input": given})["recordPayment"]
    return paid


def _at(clock: ServerClock, day: date) -> Any:
    return clock.on(datetime(day.year, day.month, day.day, 6, 0, tzinfo=UTC))


def _record_the_quarter(caller: Caller, clock: ServerClock) -> None:
    caller.data(UPDATE_SETTINGS, {"input": {"withholdingEntity": True, "vatReturnFrequency": "QUARTERLY"}})
    buyer = _party(caller, "C-RAJUK", ["CUSTOMER"], "0028718210101", withholdingEntity=True)
    invoices: dict[str, dict[str, Any]] = {}
    for index, sale in enumerate(SALES):
        with _at(clock, date(2026, 7, 10 + index)):
            invoices[sale.key] = _sale(caller, buyer, sale.key)
    with _at(clock, date(2026, 8, 20)) as day:
        key, amount = CREDIT_NOTE
        credit(caller, invoices[key]["id"], by_amount(invoices[key]["lineItems"][0]["id"], float(amount)),
               reason="PRICE_REDUCTION", date=day.isoformat())  # fmt: skip
        key, amount = DEBIT_NOTE
        debit(caller, invoices[key]["id"], by_amount(invoices[key]["lineItems"][0]["id"], float(amount)),
              date=day.isoformat())  # fmt: skip
    with _at(clock, date(2026, 9, 1)) as day:
        for (key, vds), certificate in ((VDS_WITH_CERTIFICATE, True), (VDS_WITHOUT_CERTIFICATE, False)):
            owed = _owed(caller, invoices[key]["id"])
            cash = owed - Decimal(vds)
            details = (
                {"certificateNumber": f"RAJUK/6.6/{key}", "certificateDate": day.isoformat()} if certificate else {}
            )
            record(caller, "BANK_TRANSFER", float(cash), allocation(invoices[key]["id"], float(cash)),
                   customerId=None, customerPartyId=buyer,
                   withheld=[withheld(invoices[key]["id"], "VDS", float(vds), **details)])  # fmt: skip
    supplier = _party(caller, "S-STEEL", ["SUPPLIER"], "0034567890101")
    trader = _party(caller, "S-SAND", ["SUPPLIER"], "0045678901101")
    bills = {}
    with _at(clock, date(2026, 9, 10)) as day:
        for purchase in PURCHASES:
            seller = trader if purchase.key == "2" else supplier
            bills[purchase.key] = _bill(caller, seller, purchase.key, day)
    with _at(clock, date(2026, 9, 20)) as day:
        cash_bill = next(p for p in PURCHASES if p.key == CASH_PAID_BILL)
        in_full = str(Decimal(cash_bill.value) + Decimal(cash_bill.vat))
        _pay(caller, supplier, bills[CASH_PAID_BILL], "CASH", in_full, day)
        vds_bill = next(p for p in PURCHASES if p.key == VDS_PAID_BILL)
        # The bill's total less the VDS the tenant withholds (min(VAT, value x 15%) = the whole VAT here).
        paid = _pay(caller, supplier, bills[VDS_PAID_BILL], "BANK_TRANSFER", vds_bill.value, day)
        assert [(w["kind"], w["amount"]["decimal"]) for w in paid["withholdings"]] == [("VDS", vds_bill.vat)]
        assert paid["vdsCertificate"]["number"].endswith("/6.6/2026-27/000001")
        # The books: the consultancy's bill credited its VAT; its payment settled it net of the VDS withheld.
        assert _lines(bills[VDS_PAID_BILL]) == [
            ("5100", "50000.00", "0.00"), ("1300", "7500.00", "0.00"), ("2100", "0.00", "57500.00"),
        ]  # fmt: skip
        assert _lines(paid) == [("2100", "57500.00", "0.00"), ("1121", "0.00", "50000.00"), ("2240", "0.00", "7500.00")]


def _lines(document: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(line["accountCode"], line["debit"]["decimal"], line["credit"]["decimal"])
            for line in document["journalEntry"]["lines"]]  # fmt: skip


OWED = "query($id: ID!) { invoice(id: $id) { outstanding { decimal } } }"


def _owed(caller: Caller, invoice_id: str) -> Decimal:
    return Decimal(caller.data(OWED, {"id": invoice_id})["invoice"]["outstanding"]["decimal"])


def _figures(vat_return: dict[str, Any]) -> dict[int, dict[str, Decimal | None]]:
    def exact(money: dict[str, str] | None) -> Decimal | None:
        return None if money is None else Decimal(money["decimal"])

    return {
        note["note"]: {part: exact(note[part]) for part in ("value", "supplementaryDuty", "vat", "amount")}
        for note in vat_return["notes"]
    }


def test_the_worked_quarters_return_is_the_one_computed_by_hand(caller: Caller, clock: ServerClock) -> None:
    _record_the_quarter(caller, clock)
    with _at(clock, date(2026, 10, 5)) as day:
        for kind, amount in DEPOSITS:
            deposit = {"period": PERIOD, "challan": f"CH-{kind}-1", "date": day.isoformat(), "amount": float(amount),
                       "code": "1/1133/0015/0311", "kind": kind}  # fmt: skip
            caller.data(DEPOSIT, deposit)
        figures = _figures(caller.data(VAT_RETURN, {"period": PERIOD})["vatReturn"])
        for note, (value, duty, vat) in EXPECTED_LINES.items():
            assert (figures[note]["value"], figures[note]["vat"]) == (value, vat), note
            if duty is not None:
                assert figures[note]["supplementaryDuty"] == duty, note
        for note, expected in EXPECTED_AMOUNTS.items():
            assert figures[note]["amount"] == expected, note
        for note in ZERO_AMOUNT_NOTES:
            assert figures[note]["amount"] in (Decimal("0.00"), None), note
        for note in set(range(1, 24)) - set(EXPECTED_LINES):
            assert all(figures[note][part] in (None, Decimal("0.00")) for part in ("value", "vat")), note
        checks = caller.data(CHECKS, {"period": PERIOD})["vatReturnChecks"]
        assert [(check["name"], check["words"]) for check in checks if not check["passed"]] == []
        caller.data(PREPARE, {"period": PERIOD})
        filed = {"period": PERIOD, "reference": "IVAS-2026-0001", "at": f"{day.isoformat()}T10:00:00+06:00"}
        assert caller.data(SUBMIT, filed)["submitVatReturn"]["status"] == "SUBMITTED"
        # The quarter is filed: a bill received in it can no longer be recorded.
        late = {
            "supplierPartyId": _party(caller, "S-LATE", ["SUPPLIER"], "0056789012101"),
            "supplierInvoiceNumber": "LATE-1", "supplierInvoiceDate": "2026-09-25", "receivedDate": "2026-09-30",
            "lines": [{"description": "Late bolts", "quantity": 1, "value": 1000, "vatCategory": "STANDARD"}],
        }  # fmt: skip
        body = caller.graphql(RECORD_BILL, {"input": late})
        assert any(rule == "tax_period_locked" for _field, rule in violated(body)), body
