"""How invoice references and Mushak-6.3 serials are written."""

from __future__ import annotations

from datetime import date

from hisab.invoicing.domain.notes import NoteKind
from hisab.kernel.fiscal_year import FiscalYear

INVOICE_NUMBER_SERIES_PREFIX = "invoice-number:"


def invoice_number_series(invoice_date: date) -> str:
    """The counter an internal invoice number is drawn from: one per invoice date."""
    return f"{INVOICE_NUMBER_SERIES_PREFIX}{invoice_date.isoformat()}"


def format_invoice_number(invoice_date: date, sequence: int) -> str:
    return f"INV-{invoice_date.isoformat()}-{sequence:06d}"


def mushak_series(fiscal_year: FiscalYear) -> str:
    """The counter Mushak-6.3 serials are drawn from: one per fiscal year of issue."""
    return f"mushak-6.3:{fiscal_year.label}"


def format_mushak_number(issuing_unit: str, fiscal_year: FiscalYear, serial: int) -> str:
    return f"{issuing_unit}/{fiscal_year.short_label}/{serial:06d}"


def issuing_unit_of(mushak_number: str) -> str:
    """The issuing unit whose series a Mushak-6.3 serial belongs to (`HO` of `HO/2026-27/000001`)."""
    return mushak_number.split("/", 1)[0]


def note_series(kind: NoteKind, fiscal_year: FiscalYear) -> str:
    """The counter of one kind of note: Mushak-6.7 and 6.8 each have their own, per fiscal year of issue."""
    return f"{note_series_prefix(kind)}{fiscal_year.label}"


def note_series_prefix(kind: NoteKind) -> str:
    return f"{kind.form.lower()}:"


def format_note_number(issuing_unit: str, kind: NoteKind, fiscal_year: FiscalYear, serial: int) -> str:
    """HO/CN/2026-27/000001: never mistaken for a tax invoice's serial (HO/2026-27/000001)."""
    return f"{issuing_unit}/{kind.marker}/{fiscal_year.short_label}/{serial:06d}"
