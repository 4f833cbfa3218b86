"""The return's cross-checks, run by vatReturnChecks and before every submission.

(a) output VAT and (b) input VAT against the books' VAT accounts (the VatLedger port); (c) every VDS
adjustment of note 29 has its certificate, with customers' VDS still uncertified in the period as a
warning; (d) every invoice, cancellation and note issued in the period is in the registers: counted by
invoicing's own queries, and by the entries. Bills and payments are not counted by (d): the purchases
context's queries are the bills helper's, and the registers' entries of bills are checked there.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from hisab.invoicing.application.ports import InvoiceFilter, NoteFilter
from hisab.invoicing.domain.invoice import InvoiceStatus
from hisab.invoicing.domain.notes import NoteKind
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
# Before any tax invoice: the VAT Act of 1991 came into force on 1 July 1991.
VAT_ACT_1991 = date(1991, 7, 1)
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
    days = (period.starts_on, period.ends_on)
    issued = InvoiceFilter(statuses=(InvoiceStatus.APPROVED, InvoiceStatus.CANCELLED), issued_between=days)
    # A cancelled draft was never issued: only a cancellation of a tax invoice is a document of the register.
    ever = (VAT_ACT_1991, period.ends_on)
    cancelled = InvoiceFilter(statuses=(InvoiceStatus.CANCELLED,), issued_between=ever, cancelled_between=days)
    counts[DocumentType.INVOICE.value] = (await returns.invoices.list(tenant_id, issued, 1, None)).total_count
    counts[DocumentType.INVOICE_CANCELLATION.value] = (
        await returns.invoices.list(tenant_id, cancelled, 1, None)
    ).total_count
    for kind, document in ((NoteKind.CREDIT, DocumentType.CREDIT_NOTE), (NoteKind.DEBIT, DocumentType.DEBIT_NOTE)):
        notes = await returns.notes.list(
            tenant_id, NoteFilter(kind, date_from=period.starts_on, date_to=period.ends_on), 1, None
        )
        counts[document.value] = notes.total_count
    return counts
