"""What each field of the Mushak-6.3 form shows, written for people in one language.

The template only places these strings; every number, date and label is decided here.
"""

from __future__ import annotations

from hisab.formatting.money import amount_in_words, format_number, format_quantity, format_rate, localized
from hisab.invoicing.adapters.documents import forms
from hisab.invoicing.adapters.documents.forms import ADDRESS, BLANK, SERIAL, Field, Form, Page, Row
from hisab.invoicing.adapters.documents.labels import LABELS, Labels
from hisab.invoicing.application.documents import InvoiceDocument
from hisab.invoicing.application.views import InvoiceView
from hisab.invoicing.domain.invoice import InvoiceStatus, Line
from hisab.invoicing.domain.printing import CopyKind
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.language import Language
from hisab.kernel.vat import VATCategory

# Percent of the table per column, (1) to (11): the description gets the room, amounts fit crores.
COLUMN_WIDTHS = (4, 22, 6, 6, 8, 9, 8, 9, 7, 9, 12)


def pages(document: InvoiceDocument) -> list[Page[Labels]]:
    """One page set per copy; a screen view or an invoice never issued is a single unmarked one."""
    return [_page(document, copy) for copy in forms.copies_to_print(document)]


def _page(document: InvoiceDocument, copy: CopyKind | None) -> Page[Labels]:
    invoice, language = document.subject, document.language
    labels, totals = LABELS[language], invoice.totals
    mark = forms.copy_mark(copy, document, labels, issued=invoice.mushak_number is not None)
    serial = localized(invoice.mushak_number, language) if invoice.mushak_number else None
    fields = _fields(document)
    return Page(
        language=language,
        labels=labels,
        mark=mark,
        watermark=_watermark(document, labels),
        running_head=forms.running_head(labels, serial, mark),
        serial=fields["challan_no"],
        parties=(
            *forms.supplier_and_buyer(labels, fields),
            (
                Field(labels.challan_no, fields["challan_no"], SERIAL),
                Field(labels.destination, fields["destination"], ADDRESS),
            ),
            (Field(labels.issue_date, fields["issue_date"]), Field(labels.issue_time, fields["issue_time"])),
        ),
        fields=fields,
        rows=tuple(_row(line, language) for line in invoice.lines),
        totals=tuple(
            format_number(amount, language)
            for amount in (totals.subtotal, totals.supplementary_duty, totals.vat, totals.grand_total)
        ),
        words=amount_in_words(invoice.totals.grand_total, invoice.currency, language),
    )


def _watermark(document: InvoiceDocument, labels: Labels) -> str | None:
    invoice = document.subject
    if invoice.mushak_number is None:
        if invoice.status is InvoiceStatus.CANCELLED:
            return f"{labels.cancelled} – {labels.not_issued}"
        return labels.draft
    return labels.cancelled if invoice.status is InvoiceStatus.CANCELLED else None


def _fields(document: InvoiceDocument) -> dict[str, str]:
    """The value of each field, under the name of its label in `Labels`."""
    invoice, language = document.subject, document.language
    issued = invoice.issued_at.astimezone(BANGLADESH_TIME) if invoice.issued_at else None
    return {
        **forms.issuer_fields(document, invoice.vendor_bin),
        "buyer_name": invoice.buyer_name or BLANK,
        "buyer_bin": forms.bin_text(invoice.customer_bin, language),
        "buyer_address": invoice.buyer_address or BLANK,
        "destination": invoice.delivery_destination or invoice.buyer_address or BLANK,
        "challan_no": localized(invoice.mushak_number, language) if invoice.mushak_number else BLANK,
        "issue_date": forms.moment_text(issued, "%d/%m/%Y", language),
        "issue_time": forms.moment_text(issued, "%H:%M", language),
        "reference": localized(invoice.invoice_number, language),
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


def _columns(document: InvoiceDocument) -> dict[str, object]:
    """The form numbers its columns (1) to (11), which notes and returns refer to."""
    return {
        "column_numbers": forms.column_numbers(len(COLUMN_WIDTHS), document.language),
        "column_widths": COLUMN_WIDTHS,
    }


MUSHAK63: Form[InvoiceView] = Form("mushak63.html", pages, _columns)
