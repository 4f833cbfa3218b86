"""Matching a statement's credit lines to receipts: by reference and amount, by amount within three days,
each line and each receipt once; and a statement's matches as its events tell them."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from hisab.event_store.messages import DomainEvent
from hisab.kernel.errors import IllegalTransitionError, InvalidInputError, NotFoundError
from hisab.receivables.domain.bank_statements import (
    BankStatement,
    BankStatementImported,
    MatchMethod,
    ProposedMatch,
    ReceiptCandidate,
    StatementLine,
    StatementLineMatched,
    StatementLineUnmatched,
    propose_matches,
    tokens,
)

D = Decimal
DEC_4 = date(2026, 12, 4)


def _line(n: int, amount: str, on: date = DEC_4, reference: str | None = None, text: str = "") -> StatementLine:
    return StatementLine(f"st-1:{n}", on, D(amount), reference, text, None)


def _receipt(receipt_id: str, amount: str, on: date = DEC_4, *references: str) -> ReceiptCandidate:
    return ReceiptCandidate(receipt_id, on, D(amount), references)


def _matches(lines: list[StatementLine], receipts: list[ReceiptCandidate]) -> list[tuple[str, str, str]]:
    return [(p.line_id, p.receipt_id, p.how.value) for p in propose_matches(lines, receipts)]


def test_a_cheque_number_in_the_narration_matches_whatever_the_dates() -> None:
    line = _line(1, "300000.00", date(2026, 12, 20), None, "CLG CHQ DEP 004512 NORTHPOLE")
    receipt = _receipt("rct-1", "300000.00", date(2026, 12, 1), "4512")

    assert _matches([line], [receipt]) == [("st-1:1", "rct-1", "AUTO_REFERENCE")]


def test_a_reference_names_a_receipt_only_when_the_amount_is_the_same() -> None:
    line = _line(1, "299500.00", reference="RCT/2026-27/000003")

    assert _matches([line], [_receipt("rct-3", "300000.00", DEC_4, "RCT/2026-27/000003")]) == []


def test_a_reference_is_matched_as_whole_words_not_inside_another() -> None:
    line = _line(1, "5000.00", DEC_4 + timedelta(days=10), "INV-12")

    assert _matches([line], [_receipt("rct-1", "5000.00", DEC_4, "INV-1")]) == []
    assert tokens("TrxID 8N7A6B5C4D / chq 004512") == ["TRXID", "8N7A6B5C4D", "CHQ", "4512"]


def test_an_amount_matches_within_three_days_and_not_on_the_fourth() -> None:
    lines = [_line(1, "115000.00", DEC_4), _line(2, "50000.00", DEC_4)]
    receipts = [
        _receipt("rct-1", "115000.00", DEC_4 - timedelta(days=3)),
        _receipt("rct-2", "50000.00", DEC_4 + timedelta(days=4)),
    ]

    assert _matches(lines, receipts) == [("st-1:1", "rct-1", "AUTO_AMOUNT_DATE")]


def test_the_closest_date_wins_and_a_tie_is_left_to_a_person() -> None:
    receipts = [_receipt("rct-far", "1000.00", DEC_4 - timedelta(days=2)), _receipt("rct-near", "1000.00", DEC_4)]
    tied = [_receipt("rct-a", "1000.00", DEC_4 - timedelta(days=1)), _receipt("rct-b", "1000.00", DEC_4 + timedelta(1))]

    assert _matches([_line(1, "1000.00")], receipts) == [("st-1:1", "rct-near", "AUTO_AMOUNT_DATE")]
    assert _matches([_line(1, "1000.00")], tied) == []


def test_each_receipt_is_matched_once_and_references_go_first() -> None:
    lines = [_line(1, "1000.00"), _line(2, "1000.00", DEC_4 + timedelta(days=3), "NP7788")]
    receipts = [_receipt("rct-1", "1000.00", DEC_4, "NP7788")]

    assert _matches(lines, receipts) == [("st-1:2", "rct-1", "AUTO_REFERENCE")]


def test_debits_never_match() -> None:
    assert _matches([_line(1, "-575.00")], [_receipt("rct-1", "575.00")]) == []
    assert _matches([_line(1, "-575.00")], [_receipt("rct-1", "-575.00")]) == []


def _statement(*events: DomainEvent) -> BankStatement:
    imported = BankStatementImported(
        "st-1", "1121", True, "DBBL_CSV", "digest", DEC_4, DEC_4, None, None,
        (_line(1, "1000.00"), _line(2, "-10.00")),
    )  # fmt: skip
    return BankStatement.from_events("st-1", [imported, *events])


def test_a_line_is_matched_at_most_once_until_it_is_unmatched() -> None:
    statement = _statement(StatementLineMatched("st-1", "st-1:1", "rct-1", "MANUAL"))

    with pytest.raises(IllegalTransitionError):
        statement.match("st-1:1", "rct-2", MatchMethod.MANUAL)
    assert statement.unmatch("st-1:1") == StatementLineUnmatched("st-1", "st-1:1", "rct-1")
    after = _statement(
        StatementLineMatched("st-1", "st-1:1", "rct-1", "MANUAL"), StatementLineUnmatched("st-1", "st-1:1", "rct-1")
    )
    assert after.match("st-1:1", "rct-2", MatchMethod.MANUAL).receipt_id == "rct-2"
    assert (after.matches, after.version) == ({}, 3)


def test_a_debit_an_unknown_line_or_an_unmatched_line_is_refused() -> None:
    statement = _statement()

    with pytest.raises(InvalidInputError):
        statement.match("st-1:2", "rct-1", MatchMethod.MANUAL)
    with pytest.raises(NotFoundError):
        statement.match("st-1:9", "rct-1", MatchMethod.MANUAL)
    with pytest.raises(IllegalTransitionError):
        statement.unmatch("st-1:1")
    assert statement.unmatched_credits() == [_line(1, "1000.00")]
    assert propose_matches(statement.unmatched_credits(), [_receipt("rct-1", "1000.00")]) == [
        ProposedMatch("st-1:1", "rct-1", MatchMethod.AUTO_AMOUNT_DATE)
    ]
