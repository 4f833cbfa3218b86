"""What bills, supplier notes, payments and deposits post: Dr cost (value, SD, VAT not credited) and VAT Input
(VAT credited), Cr Accounts Payable; a payment Dr Payable, Cr the bank with what was paid and VDS and TDS
Payable with what was withheld; a cash payment's credit moved from VAT Input to cost; always balanced."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hisab.kernel.errors import InvalidInputError
from hisab.kernel.vat import VATCategory
from hisab.ledger.domain.journal import JournalKind, JournalLine, totals
from hisab.ledger.domain.purchase_postings import (
    bill_entry,
    payment_entry,
    supplier_note_entry,
    withholding_deposit_entry,
)
from hisab.ledger.domain.vat_postings import vat_deposit_entry
from hisab.purchases.domain.bill import Bill
from hisab.purchases.domain.events import (
    BillLine,
    BillRecorded,
    CreditReversal,
    InputCredit,
    PaymentAllocation,
    PaymentRecorded,
    PaymentWithholding,
    SupplierNoteKind,
    SupplierNoteLine,
    SupplierNoteRecorded,
    SupplierSnapshot,
    WithholdingDepositRecorded,
    WithholdingKind,
)
from hisab.vat_return.domain.events import DepositKind, VatDepositRecorded
from tests.ledger.builders import default_books

D = Decimal
ZERO = D("0.00")
SUPPLIER = SupplierSnapshot("party-9", "Meghna Cement Mills Ltd", "Narayanganj", "0004567890101", None, None)


def _line(n: int, value: str, vat: str, *, credit: bool = True, sd: str = "0.00", account: str | None = None,
          project: str | None = None) -> BillLine:  # fmt: skip
    decided = InputCredit.CLAIM if credit else InputCredit.NOT_ELIGIBLE
    return BillLine(
        f"bill-1:{n}", n, f"Line {n}", None, None, None, D(1), None, D(value), D(sd), D(vat), VATCategory.STANDARD,
        D("0.15"), InputCredit.CLAIM, decided, None, account, project,
    )  # fmt: skip


def _bill(*lines: BillLine) -> BillRecorded:
    return BillRecorded(
        "bill-1", "BILL/2026-27/000001", 1, 2026, SUPPLIER, "MCM/0457", date(2026, 8, 1), date(2026, 8, 3),
        date(2026, 9, 3), None, lines, None,
    )  # fmt: skip


def _sides(lines: tuple[JournalLine, ...]) -> list[tuple[str, str, str, str | None]]:
    return [(line.account_code, str(line.debit), str(line.credit), line.party_id) for line in lines]


def test_a_bill_debits_its_cost_and_the_vat_credited_and_credits_the_supplier_with_its_total() -> None:
    recorded = _bill(
        _line(1, "100000.00", "15000.00"),
        _line(2, "20000.00", "3000.00", credit=False, sd="2000.00"),
        _line(3, "5000.00", "750.00", account="5200", project="TOWER-7"),
    )
    entry = bill_entry(recorded, default_books())

    assert (entry.kind, entry.date, entry.reference) == (JournalKind.PURCHASE, date(2026, 8, 3), "BILL/2026-27/000001")
    # Lines 1 and 2 share the purchases account (2's SD and VAT not credited are cost); line 3 has its own.
    assert _sides(entry.lines) == [
        ("5100", "125000.00", "0.00", None),
        ("5200", "5000.00", "0.00", None),
        ("1300", "15750.00", "0.00", None),
        ("2100", "0.00", "145750.00", "party-9"),
    ]
    assert entry.lines[1].project == "TOWER-7"
    assert totals(entry.lines)[0] == totals(entry.lines)[1]


def test_a_bill_naming_an_income_or_unknown_account_is_refused() -> None:
    for account, rule in (("4100", "cost_account"), ("9999", "account")):
        with pytest.raises(InvalidInputError) as refused:
            bill_entry(_bill(_line(1, "100.00", "15.00", account=account)), default_books())
        assert [(v.field, v.rule) for v in refused.value.violations] == [("lines[0].account_code", rule)]


def test_a_supplier_credit_note_takes_off_what_it_credits_and_a_debit_note_adds_it() -> None:
    recorded = _bill(_line(1, "100000.00", "15000.00"), _line(2, "20000.00", "3000.00", credit=False))
    changes = (SupplierNoteLine("bill-1:1", None, D("10000.00"), ZERO, D("1500.00"), D("1500.00")),
               SupplierNoteLine("bill-1:2", None, D("2000.00"), ZERO, D("300.00"), ZERO))  # fmt: skip

    def posted(kind: SupplierNoteKind) -> list[tuple[str, str, str, str | None]]:
        note = SupplierNoteRecorded("bill-1", "sn-1", kind, "MCM/CN/1", date(2026, 8, 20), "returned", changes)
        entry = supplier_note_entry(Bill.from_events([recorded]), note, default_books())
        assert entry.date == date(2026, 8, 20)
        return _sides(entry.lines)

    # Line 2's VAT was never credited, so what is taken off of it comes off its cost.
    assert posted(SupplierNoteKind.CREDIT) == [
        ("5100", "0.00", "10000.00", None),
        ("5100", "0.00", "2300.00", None),
        ("1300", "0.00", "1500.00", None),
        ("2100", "13800.00", "0.00", "party-9"),
    ]
    assert posted(SupplierNoteKind.DEBIT) == [
        ("5100", "10000.00", "0.00", None),
        ("5100", "2300.00", "0.00", None),
        ("1300", "1500.00", "0.00", None),
        ("2100", "0.00", "13800.00", "party-9"),
    ]


def _payment(method: str, amount: str, withholdings: tuple[PaymentWithholding, ...] = (),
             reversals: tuple[CreditReversal, ...] = ()) -> PaymentRecorded:  # fmt: skip
    return PaymentRecorded(
        "pay-1", "PAY/2026-27/000001", 1, 2026, SUPPLIER, date(2026, 9, 10), method, D(amount), None, None,
        (PaymentAllocation("bill-1", D(amount)),), withholdings, reversals, None,
    )  # fmt: skip


def test_a_payment_settles_the_payable_from_the_bank_and_the_tax_it_withheld() -> None:
    withheld = (
        PaymentWithholding("w-1", "bill-1", WithholdingKind.VDS, D("0.15"), D("50000.00"), D("7500.00"), "S032.00"),
        PaymentWithholding("w-2", "bill-1", WithholdingKind.TDS, D("0.05"), D("50000.00"), D("2500.00"), None),
    )
    entry = payment_entry(_payment("BANK_TRANSFER", "47500.00", withheld), default_books())

    assert (entry.kind, entry.date) == (JournalKind.CASH_PAYMENT, date(2026, 9, 10))
    assert _sides(entry.lines) == [
        ("2100", "57500.00", "0.00", "party-9"),
        ("1121", "0.00", "47500.00", None),
        ("2240", "0.00", "7500.00", "party-9"),
        ("2250", "0.00", "2500.00", "party-9"),
    ]


def test_a_cash_payment_takes_its_input_credit_back_from_vat_input_to_cost() -> None:
    entry = payment_entry(
        _payment("CASH", "138000.00", reversals=(CreditReversal("bill-1", D("18000.00")),)), default_books()
    )
    assert _sides(entry.lines) == [
        ("2100", "138000.00", "0.00", "party-9"),
        ("1110", "0.00", "138000.00", None),
        ("5100", "18000.00", "0.00", None),
        ("1300", "0.00", "18000.00", None),
    ]


def test_deposits_clear_what_was_withheld_and_pay_the_return_from_the_bank() -> None:
    books = default_books()
    vds = withholding_deposit_entry(
        WithholdingDepositRecorded("dep-1", WithholdingKind.VDS, "CH-42", date(2026, 10, 10), D("7500.00"), None), books
    )
    vat = vat_deposit_entry(
        VatDepositRecorded("d-1", "2026-27/Q1", DepositKind.VAT, "CH-43", date(2026, 10, 12), D("44500.00"), "1/1133"),
        books,
    )
    sd = vat_deposit_entry(
        VatDepositRecorded("d-2", "2026-27/Q1", DepositKind.SD, "CH-44", date(2026, 10, 12), D("10000.00"), "1/1133"),
        books,
    )
    assert _sides(vds.lines) == [("2240", "7500.00", "0.00", None), ("1121", "0.00", "7500.00", None)]
    assert _sides(vat.lines) == [("2230", "44500.00", "0.00", None), ("1121", "0.00", "44500.00", None)]
    assert _sides(sd.lines) == [("2220", "10000.00", "0.00", None), ("1121", "0.00", "10000.00", None)]


amounts = st.integers(0, 10**11).map(lambda paisa: D(paisa) / 100)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(amounts, amounts, amounts, st.booleans()), min_size=1, max_size=6))
def test_any_bill_balances_and_debits_vat_input_with_exactly_the_vat_credited(
    lines: list[tuple[Decimal, Decimal, Decimal, bool]],
) -> None:
    recorded = _bill(*(_line(n, str(v), str(vat), credit=c, sd=str(sd)) for n, (v, sd, vat, c) in enumerate(lines)))
    entry = bill_entry(recorded, default_books())
    debit, credit = totals(entry.lines)
    assert debit == credit == sum((line.total for line in recorded.lines), ZERO)
    credited = sum((line.creditable_vat for line in recorded.lines), ZERO)
    assert sum((line.debit for line in entry.lines if line.account_code == "1300"), ZERO) == credited
