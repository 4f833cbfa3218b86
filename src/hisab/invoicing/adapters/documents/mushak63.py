"""What each field of the Mushak-6.3 form shows, written for people in one language.

The template only places these strings; every number, date and label is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from hisab.formatting.money import amount_in_words, format_number, format_quantity, format_rate, localized
from hisab.invoicing.adapters.documents.labels import COPY_MARKS, LABELS, Labels
from hisab.invoicing.application.documents import InvoiceDocument
from hisab.invoicing.domain.invoice import InvoiceStatus, Line
from hisab.invoicing.domain.printing import CopyKind
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.identifiers import format_bin
from hisab.kernel.language import Language
from hisab.kernel.vat import VATCategory

BLANK = "—"


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Page:
    """One copy of the form, ready for the template."""

    language: Language
    labels: Labels
    mark: str | None
    watermark: str | None
    running_head: str
    fields: dict[str, str]
    rows: tuple[Row, ...]
    totals: tuple[str, ...]
    words: str


def pages(document: InvoiceDocument) -> list[Page]:
    """One page set per copy; a screen view or an invoice never issued is a single unmarked one."""
    copies: tuple[CopyKind | None, ...] = document.copies or (None,)
    return [_page(document, copy) for copy in copies]


def _page(document: InvoiceDocument, copy: CopyKind | None) -> Page:
    invoice, language = document.invoice, document.language
    labels, totals = LABELS[language], invoice.totals
    mark = COPY_MARKS[copy] if copy is not None else None
    if mark is None and invoice.mushak_number is not None:
        mark = labels.inspection_copy if document.for_inspection else labels.screen_view
    serial = localized(invoice.mushak_number, language) if invoice.mushak_number else None
    running = " · ".join(part for part in (labels.form, serial, mark) if part)
    return Page(
        language=language,
        labels=labels,
        mark=mark,
        watermark=_watermark(document, labels),
        running_head=running,
        fields=_fields(document),
        rows=tuple(_row(line, language) for line in invoice.lines),
        totals=tuple(
            format_number(amount, language)
            for amount in (totals.subtotal, totals.supplementary_duty, totals.vat, totals.grand_total)
        ),
        words=amount_in_words(invoice.totals.grand_total, invoice.currency, language),
    )


def _watermark(document: InvoiceDocument, labels: Labels) -> str | None:
    invoice = document.invoice
    if invoice.mushak_number is None:
        if invoice.status is InvoiceStatus.CANCELLED:
            return f"{labels.cancelled} – {labels.not_issued}"
        return labels.draft
    return labels.cancelled if invoice.status is InvoiceStatus.CANCELLED else None


def _fields(document: InvoiceDocument) -> dict[str, str]:
    """The value of each field, under the name of its label in `Labels`."""
    invoice, supplier, unit, language = document.invoice, document.supplier, document.unit, document.language
    issued = invoice.issued_at.astimezone(BANGLADESH_TIME) if invoice.issued_at else None
    return {
        "supplier_name": supplier.name if supplier else BLANK,
        "supplier_bin": _bin(supplier.bin if supplier else invoice.vendor_bin, language),
        "issuing_address": f"{unit.name}\n{unit.address}" if unit else BLANK,
        "buyer_name": invoice.buyer_name or BLANK,
        "buyer_bin": _bin(invoice.customer_bin, language),
        "buyer_address": invoice.buyer_address or BLANK,
        "destination": invoice.delivery_destination or invoice.buyer_address or BLANK,
        "challan_no": localized(invoice.mushak_number, language) if invoice.mushak_number else BLANK,
        "issue_date": _moment(issued, "%d/%m/%Y", language),
        "issue_time": _moment(issued, "%H:%M", language),
        "reference": localized(invoice.invoice_number, language),
        "officer": supplier.officer_name if supplier else BLANK,
        "designation": supplier.officer_designation if supplier else BLANK,
    }


def _row(line: Line, language: Language) -> Row:
    amounts = line.amounts
    exempt = line.vat_category is VATCategory.EXEMPT
    vat_rate = LABELS[language].exempt if exempt else format_rate(line.vat_rate, language)
    return Row(
        (
            localized(str(line.position), language),
            line.description,
            line.unit_of_supply or BLANK,
            format_quantity(line.quantity, language),
            format_number(line.unit_price, language),
            format_number(amounts.value, language),
            format_rate(line.supplementary_duty_rate, language),
            format_number(amounts.supplementary_duty, language),
            vat_rate,
            format_number(amounts.vat, language),
            format_number(amounts.total, language),
        )
    )


def _bin(stored: str | None, language: Language) -> str:
    return localized(format_bin(stored), language) if stored else BLANK


def _moment(moment: datetime | None, pattern: str, language: Language) -> str:
    """24-hour time and day/month/year dates, in Dhaka: as the form is filled in Bangladesh."""
    return localized(moment.strftime(pattern), language) if moment else BLANK


def column_numbers(language: Language) -> tuple[str, ...]:
    """The form numbers its columns (1) to (11), which notes and returns refer to."""
    return tuple(localized(f"({n})", language) for n in range(1, 12))
