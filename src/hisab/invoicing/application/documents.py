"""The Mushak-6.3 document of an invoice: printed (and recorded) as a PDF, or viewed on screen.

Rendering takes a noticeable share of a second (seconds for a thousand lines), so it happens
outside any transaction, in a worker thread; the print is then recorded with the stream
version it was decided at. If another print got in first, the copy kind may have changed
(the original can be printed only once), so the whole print is decided and rendered again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from hisab.event_store.messages import Actor, EventMetadata, StoredEvent
from hisab.invoicing.application.commands import PrintInvoice, ViewInvoice
from hisab.invoicing.application.errors import SupplierProfileMissingError
from hisab.invoicing.application.queries import ensure_plausible_id
from hisab.invoicing.application.views import InvoiceView, project
from hisab.invoicing.domain.invoice import Invoice
from hisab.invoicing.domain.numbering import issuing_unit_of
from hisab.invoicing.domain.printing import CopyKind, Language
from hisab.kernel.errors import ConcurrencyError, NotFoundError
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.services import Services
from hisab.taxpayer.domain.events import IssuingUnit
from hisab.taxpayer.domain.supplier import SupplierProfile, profile_stream_id


@dataclass(frozen=True, slots=True)
class InvoiceDocument:
    """Everything the document shows. No `copies` means a screen view or an invoice not issued."""

    invoice: InvoiceView
    supplier: SupplierProfile | None
    unit: IssuingUnit | None
    copies: tuple[CopyKind, ...]
    language: Language


class DocumentRenderer(Protocol):
    """Turns an invoice document into bytes of one format (PDF, HTML)."""

    media_type: str

    def render(self, document: InvoiceDocument) -> bytes:
        """Render synchronously; callers run it in a worker thread."""


async def print_invoice(command: PrintInvoice, actor: Actor, services: Services, renderer: DocumentRenderer) -> bytes:
    """The printed document; an issued invoice's print is recorded as InvoicePrinted."""
    ensure_plausible_id(command.invoice_id)
    for _ in range(services.concurrency_retries):
        history, profile_events = await _read(command.invoice_id, actor, services)
        invoice = Invoice.from_events(command.invoice_id, (s.event for s in history))
        if invoice.mushak_number is None:
            document = _document(history, profile_events, (), command.language, services.issuing_unit)
            return await asyncio.to_thread(renderer.render, document)
        printed_at = services.clock().astimezone(BANGLADESH_TIME)
        event = invoice.print_copies(command.language, actor.user_id, printed_at)
        document = _document(history, profile_events, event.copies, command.language, services.issuing_unit)
        _ensure_printable(document)
        content = await asyncio.to_thread(renderer.render, document)
        try:
            async with services.database.transaction(actor.tenant_id) as uow:
                metadata = EventMetadata(
                    actor.tenant_id, actor.user_id, actor.correlation_id, printed_at.astimezone(UTC)
                )
                stored = await uow.events.append(command.invoice_id, len(history), [event], metadata)
                await uow.invoices.save(project([*history, *stored]), lines_changed=False)
                await uow.commit()
            return content
        except ConcurrencyError:
            continue
    raise ConcurrencyError("the invoice kept changing while it was being printed; try again")


async def view_invoice(command: ViewInvoice, actor: Actor, services: Services, renderer: DocumentRenderer) -> bytes:
    """The document for the screen: the same content, recorded nowhere."""
    ensure_plausible_id(command.invoice_id)
    history, profile_events = await _read(command.invoice_id, actor, services)
    document = _document(history, profile_events, (), command.language, services.issuing_unit)
    return await asyncio.to_thread(renderer.render, document)


async def _read(invoice_id: str, actor: Actor, services: Services) -> tuple[list[StoredEvent], list[StoredEvent]]:
    async with services.database.transaction(actor.tenant_id) as uow:
        history = await uow.events.read_stream(actor.tenant_id, invoice_id)
        if not history:
            raise NotFoundError(f"invoice {invoice_id} not found")
        profile_events = await uow.events.read_stream(actor.tenant_id, profile_stream_id(actor.tenant_id))
    return history, profile_events


def _document(
    history: list[StoredEvent],
    profile_events: list[StoredEvent],
    copies: tuple[CopyKind, ...],
    language: Language,
    configured_unit: str,
) -> InvoiceDocument:
    """An issued invoice names the unit of its serial; a draft the unit that would issue it now."""
    view = project(history)
    supplier = profile_as_of(profile_events, view.issued_at)
    unit_code = issuing_unit_of(view.mushak_number) if view.mushak_number else configured_unit
    unit = supplier.unit(unit_code) if supplier is not None else None
    return InvoiceDocument(view, supplier, unit, copies, language)


def profile_as_of(stored: Sequence[StoredEvent], moment: datetime | None) -> SupplierProfile | None:
    """The profile in force at `moment` (now when None), so a reprint shows what the original showed.

    An invoice issued before any profile was set takes the first profile set after it.
    """
    in_force = [s for s in stored if moment is None or s.metadata.occurred_at <= moment]
    return SupplierProfile.from_events(s.event for s in (in_force or stored[:1]))


def _ensure_printable(document: InvoiceDocument) -> None:
    if document.supplier is None:
        raise SupplierProfileMissingError(
            "set the registered-person profile (setSupplierProfile) before printing a tax invoice"
        )
    if document.unit is None:
        code = issuing_unit_of(document.invoice.mushak_number or "")
        raise SupplierProfileMissingError(f"the registered-person profile has no issuing unit {code}")
