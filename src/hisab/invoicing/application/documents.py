"""The printed documents of an invoice and its notes: printed (and recorded) as a PDF, viewed on screen, or inspected.

The Mushak-6.3 of an invoice is here; its credit and debit notes' forms (note_documents.py) are
decided the same way, with the pieces shared below.

Rendering takes a noticeable share of a second (seconds for a thousand lines), so it happens
outside any transaction, in a worker thread; the print is then recorded through the write path
with the stream version it was decided at. If another print got in first, the copy kind may have
changed (the original can be printed only once), so the whole print is decided and rendered again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
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

Subject = TypeVar("Subject")
D = TypeVar("D")
D_contra = TypeVar("D_contra", contravariant=True)


# No slots: calling a subscripted alias (InvoiceDocument(...)) sets `__orig_class__`, which a frozen
# dataclass refuses with an AttributeError that typing ignores, but a slotted one with a TypeError.
@dataclass(frozen=True)
class Document(Generic[Subject]):
    """Everything a printed form shows of its subject (an invoice, a note) and its issuer.

    No `copies` means a screen view, an inspection copy or an invoice not issued.
    """

    subject: Subject
    supplier: SupplierProfile | None
    unit: IssuingUnit | None
    copies: tuple[CopyKind, ...]
    language: Language
    # A copy for a reader who may not print (the VAT officer): marked so, and recorded nowhere.
    for_inspection: bool = False


InvoiceDocument = Document[InvoiceView]


class DocumentRenderer(Protocol[D_contra]):
    """Turns a document into bytes of one format (PDF, HTML)."""

    @property
    def media_type(self) -> str: ...

    def render(self, document: D_contra) -> bytes:
        """Render synchronously; callers run it in a worker thread."""


# What one print decides from the invoice's stream as read: the document, and the event recording it (if any).
Decision = Callable[[list[StoredEvent]], Awaitable[tuple[D, DomainEvent | None]]]


async def print_invoice(
    command: PrintInvoice, actor: Actor, invoicing: Invoicing, renderer: DocumentRenderer[InvoiceDocument]
) -> bytes:
    """The printed document; an issued invoice's print is recorded as InvoicePrinted."""
    ensure_plausible_id(command.invoice_id)

    async def decide(history: list[StoredEvent]) -> tuple[InvoiceDocument, DomainEvent | None]:
        invoice = Invoice.from_events(command.invoice_id, (s.event for s in history))
        if invoice.mushak_number is None:
            return await _document(history, (), command.language, actor, invoicing), None
        event = invoice.print_copies(command.language, actor.user_id, printed_now(invoicing))
        document = await _document(history, event.copies, command.language, actor, invoicing)
        ensure_printable(document, invoice.mushak_number, "a tax invoice")
        return document, event

    return await recorded_print(command.invoice_id, actor, invoicing, renderer, decide, "it")


async def view_invoice(
    command: ViewInvoice, actor: Actor, invoicing: Invoicing, renderer: DocumentRenderer[InvoiceDocument]
) -> bytes:
    """The document for the screen: the same content, recorded nowhere."""
    return await _unrecorded(command.invoice_id, command.language, actor, invoicing, renderer, for_inspection=False)


async def inspect_invoice(
    command: InspectInvoice, actor: Actor, invoicing: Invoicing, renderer: DocumentRenderer[InvoiceDocument]
) -> bytes:
    """The inspection copy: the same content, marked as no tax invoice, recorded nowhere.

    Neither the print count nor the next print's copy kind moves: the buyer's original stays the original.
    """
    return await _unrecorded(command.invoice_id, command.language, actor, invoicing, renderer, for_inspection=True)


async def recorded_print(
    invoice_id: str,
    actor: Actor,
    invoicing: Invoicing,
    renderer: DocumentRenderer[D],
    decide: Decision[D],
    printed: str,
) -> bytes:
    """Decide a print from the invoice's stream, render it, and record it at the version it was decided at.

    A print another print got in before is decided and rendered again; `printed` names what is
    printed in the error of one that keeps losing ("it", "its credit note").
    """
    for _ in range(RETRIES):
        history = await read_invoice(invoice_id, actor, invoicing)
        document, event = await decide(history)
        content = await asyncio.to_thread(renderer.render, document)
        if event is None:
            return content
        try:
            await invoicing.streams.change(
                actor, invoice_id, appending([event]), noun="invoice", expected_version=len(history)
            )
        except ConcurrencyError:
            continue
        return content
    raise ConcurrencyError(f"the invoice kept changing while {printed} was being printed; try again")


def printed_now(invoicing: Invoicing) -> datetime:
    return invoicing.clock().astimezone(BANGLADESH_TIME)


async def read_invoice(invoice_id: str, actor: Actor, invoicing: Invoicing) -> list[StoredEvent]:
    history = await invoicing.streams.read(actor.tenant_id, invoice_id)
    if not history:
        raise NotFoundError(f"invoice {invoice_id} not found")
    return history


async def issuer(
    actor: Actor, issued_at: datetime | None, unit_code: str, invoicing: Invoicing
) -> tuple[SupplierProfile | None, IssuingUnit | None]:
    """The registered person as its profile stood at the issue, and its issuing unit of that code."""
    supplier = await profile_in_force(actor.tenant_id, issued_at, invoicing.taxpayer)
    return supplier, supplier.unit(unit_code) if supplier is not None else None


def ensure_printable(document: Document[Subject], serial: str, printed: str) -> None:
    """A printed form without the supplier's name, BIN and address is no such form: `printed` says which."""
    if document.supplier is None:
        raise SupplierProfileMissingError(
            f"set the registered-person profile (setSupplierProfile) before printing {printed}"
        )
    if document.unit is None:
        code = issuing_unit_of(serial)
        raise SupplierProfileMissingError(f"the registered-person profile has no issuing unit {code}")


async def _unrecorded(
    invoice_id: str,
    language: Language,
    actor: Actor,
    invoicing: Invoicing,
    renderer: DocumentRenderer[InvoiceDocument],
    *,
    for_inspection: bool,
) -> bytes:
    ensure_plausible_id(invoice_id)
    history = await read_invoice(invoice_id, actor, invoicing)
    document = replace(await _document(history, (), language, actor, invoicing), for_inspection=for_inspection)
    return await asyncio.to_thread(renderer.render, document)


async def _document(
    history: list[StoredEvent], copies: tuple[CopyKind, ...], language: Language, actor: Actor, invoicing: Invoicing
) -> InvoiceDocument:
    """An issued invoice names the unit of its serial; a draft the unit that would issue it now."""
    view = project(history)
    unit_code = issuing_unit_of(view.mushak_number) if view.mushak_number else invoicing.issuing_unit
    supplier, unit = await issuer(actor, view.issued_at, unit_code, invoicing)
    return InvoiceDocument(view, supplier, unit, copies, language)
