"""What a receipt, an advance applied and a write-off post: Dr the money's account (net), Dr VDS and AIT
Receivable, Cr Accounts Receivable for what settles, Cr Customer Advances for the rest; always balanced."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hisab.kernel.errors import InvalidInputError
from hisab.ledger.domain.journal import JournalKind, JournalLine, totals
from hisab.ledger.domain.receipt_postings import advance_entry, receipt_entry, write_off_entry
from hisab.receivables.domain.events import (
    AdvanceAllocated,
    Allocation,
    BalanceWrittenOff,
    Cheque,
    ReceiptRecorded,
    Wallet,
    Withholding,
)
from tests.ledger.builders import default_books

D = Decimal
ZERO = D("0.00")
RECEIVED_ON = date(2026, 11, 20)


def _recorded(
    method: str = "CHEQUE",
    amount: str = "475000.00",
    allocations: tuple[Allocation, ...] = (Allocation("inv-1", D("475000.00")),),
    withholdings: tuple[Withholding, ...] = (),
    deposit_account_code: str | None = None,
    wallet: Wallet | None = None,
    party: str | None = "party-1",
) -> ReceiptRecorded:
    cheque = Cheque("004512", "Sonali Bank", None, RECEIVED_ON) if method == "CHEQUE" else None
    return ReceiptRecorded(
        "rct-1", "RCT/2026-27/000001", 1, 2026, "customer-001", party, RECEIVED_ON, method, D(amount),
        deposit_account_code, None, cheque, wallet, allocations, withholdings,
    )  # fmt: skip


def _sides(lines: tuple[JournalLine, ...]) -> list[tuple[str, str, str]]:
    return [(line.account_code, str(line.debit), str(line.credit)) for line in lines]


def test_a_cheque_for_the_net_amount_with_vds_and_ait_withheld_settles_the_whole_invoice() -> None:
    withheld = (
        Withholding("rct-1:1", "inv-1", "VDS", D("75000.00"), None, None),
        Withholding("rct-1:2", "inv-1", "AIT", D("25000.00"), None, None),
    )

    content = receipt_entry(_recorded(amount="475000.00", withholdings=withheld), default_books())

    assert (content.kind, content.date, content.reference) == (
        JournalKind.CASH_RECEIPT, RECEIVED_ON, "RCT/2026-27/000001",
    )  # fmt: skip
    assert _sides(content.lines) == [
        ("1121", "475000.00", "0.00"),
        ("1220", "75000.00", "0.00"),
        ("1230", "25000.00", "0.00"),
        ("1210", "0.00", "575000.00"),
    ]
    _bank, vds, ait, receivable = content.lines
    assert (vds.party_id, ait.party_id, receivable.party_id) == ("party-1", "party-1", "party-1")
    assert (vds.memo, ait.memo) == ("VDS withheld", "AIT withheld")


@pytest.mark.parametrize(
    ("method", "account"), [("BANK_TRANSFER", "1121"), ("CHEQUE", "1121"), ("CARD", "1121"), ("CASH", "1110")]
)
def test_the_money_goes_to_the_account_the_posting_rules_give_its_method(method: str, account: str) -> None:
    content = receipt_entry(_recorded(method), default_books())

    assert content.lines[0].account_code == account


@pytest.mark.parametrize(
    ("provider", "account"), [("BKASH", "1131"), ("NAGAD", "1132"), ("ROCKET", "1133"), ("UPAY", "1134")]
)
def test_wallet_money_goes_to_its_providers_wallet_account(provider: str, account: str) -> None:
    recorded = _recorded("MOBILE_WALLET", wallet=Wallet(provider, "+8801712345678", "TX1"))

    assert receipt_entry(recorded, default_books()).lines[0].account_code == account


def test_a_receipt_naming_its_deposit_account_posts_to_it() -> None:
    recorded = _recorded("BANK_TRANSFER", deposit_account_code="1110")

    assert receipt_entry(recorded, default_books()).lines[0].account_code == "1110"


@pytest.mark.parametrize(("code", "rule"), [("4100", "asset_account"), ("1120", "leaf_account"), ("9999", "account")])
def test_a_deposit_account_that_is_not_a_leaf_asset_of_the_chart_is_refused(code: str, rule: str) -> None:
    with pytest.raises(InvalidInputError) as refused:
        receipt_entry(_recorded("BANK_TRANSFER", deposit_account_code=code), default_books())

    assert [(v.field, v.rule) for v in refused.value.violations] == [("deposit_account_code", rule)]


def test_what_is_not_allocated_is_the_customers_advance() -> None:
    recorded = _recorded("BANK_TRANSFER", amount="600000.00", allocations=(Allocation("inv-1", D("575000.00")),))

    content = receipt_entry(recorded, default_books())

    assert _sides(content.lines) == [
        ("1121", "600000.00", "0.00"),
        ("1210", "0.00", "575000.00"),
        ("2300", "0.00", "25000.00"),
    ]
    assert (content.lines[2].party_id, content.lines[2].memo) == ("party-1", "advance")


def test_a_receipt_allocating_nothing_is_all_advance() -> None:
    content = receipt_entry(_recorded("CASH", amount="1000.00", allocations=()), default_books())

    assert _sides(content.lines) == [("1110", "1000.00", "0.00"), ("2300", "0.00", "1000.00")]


def test_an_unregistered_customer_is_the_party_by_its_customer_id() -> None:
    content = receipt_entry(_recorded(party=None), default_books())

    assert content.lines[-1].party_id == "customer-001"


def test_an_advance_applied_moves_from_customer_advances_to_the_receivable() -> None:
    applied = AdvanceAllocated(
        "rct-1", (Allocation("inv-2", D("10000.00")), Allocation("inv-3", D("15000.00"))), date(2026, 11, 25)
    )

    content = advance_entry(_recorded(), applied, default_books())

    assert (content.kind, content.date) == (JournalKind.ADJUSTMENT, date(2026, 11, 25))
    assert _sides(content.lines) == [("2300", "25000.00", "0.00"), ("1210", "0.00", "25000.00")]
    assert {line.party_id for line in content.lines} == {"party-1"}


def test_a_write_off_moves_what_is_left_to_expense() -> None:
    written = BalanceWrittenOff("inv-1", "party-1", D("0.40"), date(2026, 11, 25), "rounding by the customer")

    content = write_off_entry(written, default_books())

    assert (content.kind, content.date) == (JournalKind.ADJUSTMENT, date(2026, 11, 25))
    assert _sides(content.lines) == [("5800", "0.40", "0.00"), ("1210", "0.00", "0.40")]
    assert content.lines[1].party_id == "party-1"
    assert "rounding by the customer" in content.narration


amounts = st.decimals(min_value=D("0.01"), max_value=D("9999999.99"), places=2)


@st.composite
def receipts(draw: st.DrawFn) -> ReceiptRecorded:
    allocated = draw(st.lists(amounts, max_size=4))
    extra = draw(st.one_of(st.just(ZERO), amounts))
    kinds = draw(st.lists(st.sampled_from(["VDS", "AIT"]), max_size=4))
    withheld = tuple(
        Withholding(f"rct-1:{n}", f"inv-{n}", kind, draw(amounts), None, None) for n, kind in enumerate(kinds, 1)
    )
    method = draw(st.sampled_from(["BANK_TRANSFER", "CHEQUE", "CASH", "CARD", "MOBILE_WALLET"]))
    wallet = Wallet(draw(st.sampled_from(["BKASH", "NAGAD", "ROCKET", "UPAY"])), "+8801712345678", "TX1")
    allocations = tuple(Allocation(f"inv-{n}", amount) for n, amount in enumerate(allocated, 1))
    total = sum(allocated, ZERO) + extra
    return _recorded(
        method, str(total if total else D("0.01")), allocations, withheld,
        wallet=wallet if method == "MOBILE_WALLET" else None,
    )  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(recorded=receipts(), applied=st.lists(amounts, min_size=1, max_size=3), written=amounts)
def test_every_receipt_advance_and_write_off_entry_balances(
    recorded: ReceiptRecorded, applied: list[Decimal], written: Decimal
) -> None:
    books = default_books()
    advance = AdvanceAllocated("rct-1", tuple(Allocation(f"inv-{n}", a) for n, a in enumerate(applied)), RECEIVED_ON)
    write_off = BalanceWrittenOff("inv-1", "party-1", written, RECEIVED_ON, "rounding")

    receipt = receipt_entry(recorded, books)
    debit, credit = totals(receipt.lines)

    assert debit == credit == recorded.amount + sum((w.amount for w in recorded.withholdings), ZERO)
    assert all(line.debit >= 0 and line.credit >= 0 and (line.debit or line.credit) for line in receipt.lines)
    for content in (advance_entry(recorded, advance, books), write_off_entry(write_off, books)):
        debit, credit = totals(content.lines)
        assert debit == credit
