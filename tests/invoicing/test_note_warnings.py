"""What a valid note warns its issuer of: s.52(2), the recipient's details above Tk 5,000 of VAT."""

from __future__ import annotations

from decimal import Decimal

from hisab.invoicing.domain.notes import NoteKind, note_warnings


def test_a_credit_of_more_than_5000_taka_of_vat_to_a_buyer_without_a_bin_is_flagged() -> None:
    (warning,) = note_warnings(NoteKind.CREDIT, Decimal("5000.01"), None)
    assert "s.52(2)" in warning


def test_a_buyer_with_a_bin_or_a_credit_of_at_most_5000_taka_of_vat_is_not() -> None:
    assert note_warnings(NoteKind.CREDIT, Decimal("5000.01"), "0028718210101") == ()
    assert note_warnings(NoteKind.CREDIT, Decimal("5000.00"), None) == ()


def test_a_debit_note_never_is() -> None:
    assert note_warnings(NoteKind.DEBIT, Decimal("99999.00"), None) == ()
