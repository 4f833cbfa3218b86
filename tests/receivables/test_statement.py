"""Statement arithmetic: the opening is everything before the period, lines run in date order from it,
and the closing is the opening plus the debits less the credits, to the paisa."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hisab.kernel.errors import InvalidInputError
from hisab.receivables.domain.statement import DEBITS, EntryKind, StatementEntry, build_statement

D = Decimal
START = date(2026, 11, 1)


def _entry(day: int, kind: EntryKind, amount: str, document: str = "HO/2026-27/000001") -> StatementEntry:
    return StatementEntry(START + timedelta(days=day), kind, document, "HO/2026-27/000001", D(amount))


def test_the_opening_is_what_was_owed_before_the_period_and_the_lines_run_from_it() -> None:
    entries = [
        _entry(5, EntryKind.RECEIPT, "50000.00", "RCT/2026-27/000001"),
        _entry(0, EntryKind.INVOICE, "575000.00"),
        _entry(5, EntryKind.VDS, "2000.00", "RCT/2026-27/000001"),
        _entry(10, EntryKind.CREDIT_NOTE, "57500.00", "HO/CN/2026-27/000001"),
        _entry(12, EntryKind.BOUNCE, "50000.00", "RCT/2026-27/000001"),
        _entry(40, EntryKind.WRITE_OFF, "0.01"),
    ]

    statement = build_statement(entries, START + timedelta(days=5), START + timedelta(days=30), D("1000.00"))

    assert str(statement.opening) == "575000.00"
    shown = [
        (line.entry.kind, str(line.entry.debit), str(line.entry.credit), str(line.balance)) for line in statement.lines
    ]
    assert shown == [
        (EntryKind.RECEIPT, "0.00", "50000.00", "525000.00"),
        (EntryKind.VDS, "0.00", "2000.00", "523000.00"),
        (EntryKind.CREDIT_NOTE, "0.00", "57500.00", "465500.00"),
        (EntryKind.BOUNCE, "50000.00", "0.00", "515500.00"),
    ]  # fmt: skip
    assert (str(statement.debits), str(statement.credits), str(statement.closing)) == (
        "50000.00",
        "109500.00",
        "515500.00",
    )
    assert str(statement.unapplied_advance) == "1000.00"


def test_on_one_day_the_invoice_comes_before_what_settles_it() -> None:
    entries = [_entry(0, EntryKind.RECEIPT, "100.00", "RCT/2026-27/000001"), _entry(0, EntryKind.INVOICE, "100.00")]

    statement = build_statement(entries, START, START, D("0.00"))

    assert [str(line.balance) for line in statement.lines] == ["100.00", "0.00"]


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="after its end"):
        build_statement([], START, START - timedelta(days=1), D("0.00"))


def test_debits_are_invoices_debit_notes_and_undone_receipts() -> None:
    assert {EntryKind.INVOICE, EntryKind.DEBIT_NOTE, EntryKind.BOUNCE, EntryKind.REVERSAL} == DEBITS


_entries = st.lists(
    st.builds(
        StatementEntry,
        on=st.dates(START, START + timedelta(days=60)),
        kind=st.sampled_from(EntryKind),
        document=st.just("X"),
        invoice_number=st.none(),
        amount=st.decimals(D("0.01"), D("9999999.99"), places=2),
    ),
    max_size=30,
)


@given(entries=_entries, start=st.integers(0, 60), length=st.integers(0, 60))
def test_the_closing_is_the_opening_plus_debits_less_credits_and_the_last_running_balance(
    entries: list[StatementEntry], start: int, length: int
) -> None:
    from_day = START + timedelta(days=start)
    to_day = from_day + timedelta(days=length)

    statement = build_statement(entries, from_day, to_day, D("0.00"))

    owed_by_then = sum((e.debit - e.credit for e in entries if e.on <= to_day), D("0.00"))
    assert statement.closing == statement.opening + statement.debits - statement.credits == owed_by_then
    assert (
        statement.lines[-1].balance == statement.closing if statement.lines else statement.closing == statement.opening
    )
