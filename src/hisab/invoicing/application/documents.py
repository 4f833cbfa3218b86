"""The Mushak-6.3 document of an invoice: printed (and recorded) as a PDF, viewed on screen, or inspected.

Rendering takes a noticeable share of a second (seconds for a thousand lines), so it happens
outside any transaction, in a worker thread; the print is then recorded through the write path
with the stream version it was decided at. If another print got in first, the copy kind may have
changed (the original can be printed only once), so the whole print is decided and rendered again.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from typing import Protocol

from hisab.event_store.messages import Actor, StoredEvent
from hisab.event_store.streams import appending
from hisab.invoicing.application.commands import InspectInvoice, PrintInvoice, ViewInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.errors import SupplierProfileMissingError
from hisab.invoicing.application.queries import ensure_plausible_id
from hisab.invoicing.application.views import InvoiceView, project
from hisab.invoicing.domain.invoice import Invoice
from hisab.invoicing.domain.numbering import issuing_unit_of
from hisab.invoicing.domain.printing import CopyKind
from hisab.kernel.errors import ConcurrencyError, NotFoundError
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.language import Language
from hisab.taxpayer.application.profiles import profile_in_force
from hisab.taxpayer.domain.events import IssuingUnit
from hisab.taxpayer.domain.supplier import SupplierProfile

# A print that keeps losing the race to other prints gives up after this many renders.
RETRIES = 5


@dataclass(frozen=True, slots=True)
class InvoiceDocument:
    """Everything the document shows. No `copies` means a screen view, an inspection copy or an invoice not issued."""

    invoice: InvoiceView
    supplier: SupplierProfile | None
    unit: IssuingUnit | None
    copies: tuple[CopyKind, ...]
    language: Language
    # A copy for a reader who may not print (the VAT officer): marked so, and recorded nowhere.
    for_inspection: bool = False


class DocumentRenderer(Protocol):
    """Turns an invoice document into bytes of one format (PDF, HTML)."""

    media_type: str

    def render(self, document: InvoiceDocument) -> bytes:
        """Render synchronously; callers run it in a worker thread."""


async def print_invoice(command: PrintInvoice, actor: Actor, invoicing: Invoicing, renderer: DocumentRenderer) -> bytes:
    """The printed document; an issued invoice's print is recorded as InvoicePrinted."""
    ensure_plausible_id(command.invoice_id)
    for _ in range(RETRIES):
        history = await _read(command.invoice_id, actor, invoicing)
        invoice = Invoice.from_events(command.invoice_id, (s.event for s in history))
        if invoice.mushak_number is None:
            document = await _document(history, (), command.language, actor, invoicing)
            return await asyncio.to_thread(renderer.render, document)
        printed_at = invoicing.clock().astimezone(BANGLADESH_TIME)
        event = invoice.print_copies(command.language, actor.user_id, printed_at)
        document = await _document(history, event.copies, command.language, actor, invoicing)
        _ensure_printable(document)
        content = await asyncio.to_thread(renderer.render, document)
        try:
            await invoicing.streams.change(
                actor, command.invoice_id, appending([event]), noun="invoice", expected_version=len(history)
            )
        except ConcurrencyError:
            continue
        return content
    raise ConcurrencyError("the invoice kept changing while it was being printed; try again")


async def view_invoice(command: ViewInvoice, actor: Actor, invoicing: Invoicing, renderer: DocumentRenderer) -> bytes:
    """The document for the screen: the same content, recorded nowhere."""
    return await _unrecorded(command.invoice_id, command.language, actor, invoicing, renderer, for_inspection=False)


async def inspect_invoice(
    command: InspectInvoice, actor: Actor, invoicing: Invoicing, renderer: DocumentRenderer
) -> bytes:
    """The inspection copy: the same content, marked as no tax invoice, recorded nowhere.

    Neither the print count nor the next print's copy kind moves: the buyer's original stays the original.
    """
    return await _unrecorded(command.invoice_id, command.language, actor, invoicing, renderer, for_inspection=True)


async def _unrecorded(
    invoice_id: str,
    language: Language,
    actor: Actor,
    invoicing: Invoicing,
    renderer: DocumentRenderer,
    *,
    for_inspection: bool,
) -> bytes:
    ensure_plausible_id(invoice_id)
    history = await _read(invoice_id, actor, invoicing)
    document = replace(await _document(history, (), language, actor, invoicing), for_inspection=for_inspection)
    return await asyncio.to_thread(renderer.render, document)


async def _read(invoice_id: str, actor: Actor, invoicing: Invoicing) -> list[StoredEvent]:
    history = await invoicing.streams.read(actor.tenant_id, invoice_id)
    if not history:
        raise NotFoundError(f"invoice {invoice_id} not found")
    return history


async def _document(
    history: list[StoredEvent], copies: tuple[CopyKind, ...], language: Language, actor: Actor, invoicing: Invoicing
) -> InvoiceDocument:
    """An issued invoice names the unit of its serial; a draft the unit that would issue it now."""
    view = project(history)
    supplier = await profile_in_force(actor.tenant_id, view.issued_at, invoicing.taxpayer)
    unit_code = issuing_unit_of(view.mushak_number) if view.mushak_number else invoicing.issuing_unit
    unit = supplier.unit(unit_code) if supplier is not None else None
    return InvoiceDocument(view, supplier, unit, copies, language)


def _ensure_printable(document: InvoiceDocument) -> None:
    if document.supplier is None:
        raise SupplierProfileMissingError(
            "set the registered-person profile (setSupplierProfile) before printing a tax invoice"
        )
    if document.unit is None:
        code = issuing_unit_of(document.invoice.mushak_number or "")
        raise SupplierProfileMissingError(f"the registered-person profile has no issuing unit {code}")
