"""The return's cross-checks, run by vatReturnChecks and before every submission.

(a) output VAT and (b) input VAT against the books' VAT accounts (the VatLedger port); (c) every VDS
adjustment of note 29 has its certificate, with customers' VDS still uncertified in the period as a
warning; (d) every invoice, cancellation and note issued in the period is in the registers: counted by
invoicing's own queries, and by the entries. Bills and payments are not counted by (d): the purchases
context's queries are the bills helper's, and the registers' entries of bills are checked there.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from hisab.invoicing.application.ports import InvoiceFilter, NoteFilter
from hisab.invoicing.domain.invoice import InvoiceStatus
from hisab.invoicing.domain.notes import NoteKind
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.vat_return.application.dependencies import VatReturns
from hisab.vat_return.domain.checks import (
    CheckResult,
    UncertifiedVds,
    certificate_check,
    documents_check,
    input_vat_check,
    output_vat_check,
)
from hisab.vat_return.domain.computation import Figure
from hisab.vat_return.domain.entries import DocumentType
from hisab.vat_return.domain.note_mapping import VDS_CERTIFIED_BY_CUSTOMERS
from hisab.vat_return.domain.periods import TaxPeriod

PAGE = 500
# The documents invoicing can count, and which the sales register's entries must match.
SALES_DOCUMENTS = (
    DocumentType.INVOICE,
    DocumentType.INVOICE_CANCELLATION,
    DocumentType.CREDIT_NOTE,
    DocumentType.DEBIT_NOTE,
)


async def run_checks(
    period: TaxPeriod, tenant_id: str, returns: VatReturns, figures: Sequence[Figure]
) -> list[CheckResult]:
    by_note = {figure.note: figure for figure in figures}
    books = await returns.ledger.vat_movements(tenant_id, period.starts_on, period.ends_on)
    note_29 = await returns.entries.entries(
        tenant_id, period.starts_on, period.ends_on, notes=frozenset({VDS_CERTIFIED_BY_CUSTOMERS})
    )
    registered = await returns.entries.documents(tenant_id, period.starts_on, period.ends_on)
    return [
        output_vat_check(by_note, books.output_vat),
        input_vat_check(by_note, books.input_vat),
        certificate_check(note_29, await _uncertified(period, tenant_id, returns)),
        documents_check(
            await _issued(period, tenant_id, returns),
            {kind.value: registered.get(kind, 0) for kind in SALES_DOCUMENTS},
        ),
    ]


async def _uncertified(period: TaxPeriod, tenant_id: str, returns: VatReturns) -> list[UncertifiedVds]:
    """VDS withheld on receipts of the period with no certificate yet (oldest receipt first, so stop after it)."""
    found: list[UncertifiedVds] = []
    after: int | None = None
    while True:
        page = await returns.receivables.pending_certificates(tenant_id, PAGE, after)
        for pending in page.entries:
            if pending.receipt_date > period.ends_on:
                return found
            if pending.receipt_date >= period.starts_on:
                found.append(
                    UncertifiedVds(
                        pending.receipt_number, pending.receipt_date, pending.customer_id, pending.withholding.amount
                    )
                )
        if not page.has_next_page or not page.entries:
            return found
        after = page.entries[-1].sequence


async def _issued(period: TaxPeriod, tenant_id: str, returns: VatReturns) -> dict[str, int]:
    """Invoices issued and cancellations of issued invoices in the period (by their Dhaka dates), and notes."""
    counts = {kind.value: 0 for kind in SALES_DOCUMENTS}
    # An invoice is issued on or after its invoice date, so none dated after the period was issued in it.
    where = InvoiceFilter(statuses=(InvoiceStatus.APPROVED, InvoiceStatus.CANCELLED), invoice_date_to=period.ends_on)
    after: int | None = None
    while True:
        page = await returns.invoices.list(tenant_id, where, PAGE, after)
        for invoice in page.invoices:
            if invoice.issued_at is None:
                continue
            if period.contains(_day(invoice.issued_at)):
                counts[DocumentType.INVOICE.value] += 1
            if invoice.cancelled_at is not None and period.contains(_day(invoice.cancelled_at)):
                counts[DocumentType.INVOICE_CANCELLATION.value] += 1
        if not page.has_next_page or not page.invoices:
            break
        after = page.invoices[-1].sequence
    for kind, document in ((NoteKind.CREDIT, DocumentType.CREDIT_NOTE), (NoteKind.DEBIT, DocumentType.DEBIT_NOTE)):
        notes = await returns.notes.list(
            tenant_id, NoteFilter(kind, date_from=period.starts_on, date_to=period.ends_on), 1, None
        )
        counts[document.value] = notes.total_count
    return counts


def _day(moment: datetime) -> date:
    return moment.astimezone(BANGLADESH_TIME).date()
