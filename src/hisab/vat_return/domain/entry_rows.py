"""A return entry with its place in its document, and the entries of the adjustment notes (parts 5 and 6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from hisab.kernel.money import ZERO
from hisab.vat_return.domain.entries import Counterparty, DocumentType, ReturnEntry


@dataclass(frozen=True, slots=True)
class PositionedEntry:
    """An entry with its place in its document (the line's position), which orders a document's rows."""

    entry: ReturnEntry
    position: int


def adjustment(
    document_type: DocumentType,
    document_id: str,
    line_id: str,
    entry_date: date,
    number: str,
    reference: str | None,
    reference_date: date | None,
    counterparty: Counterparty,
    description: str,
    value: Decimal,
    vat: Decimal,
    note: int,
    position: int,
    *,
    document_date: date | None = None,
    code: str | None = None,
    rate: Decimal | None = None,
) -> PositionedEntry:
    """An entry of a note of parts 5 and 6: its amount is the VAT column; it is in no register."""
    entry = ReturnEntry(
        document_type=document_type,
        document_id=document_id,
        line_id=line_id,
        entry_date=entry_date,
        document_number=number,
        document_date=document_date or entry_date,
        issued_at=None,
        reference=reference,
        reference_date=reference_date,
        counterparty=counterparty,
        description=description,
        code=code,
        quantity=None,
        unit=None,
        value=value,
        supplementary_duty=ZERO,
        vat=vat,
        creditable_vat=ZERO,
        vat_category=None,
        vat_rate=rate,
        imported=False,
        note=note,
        register=None,
    )
    return PositionedEntry(entry, position)
