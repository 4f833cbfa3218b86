"""The Mushak-6.7 of a credit note and the Mushak-6.8 of a debit note: printed (and recorded), viewed, or inspected.

Decided as the tax invoice's document is (documents.py): the note is found in the read model,
then everything the form shows is taken from its invoice's stream, the version the print is
recorded at. The first PDF a caller holding `invoice:print` fetches is the note's original with
the supplier's copy (rule 44), recorded as NotePrinted on the invoice's stream; every later one
is a duplicate. A screen view and an inspection copy are recorded nowhere.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.documents import (
    Document,
    DocumentRenderer,
    ensure_printable,
    issuer,
    printed_now,
    read_invoice,
    recorded_print,
)
from hisab.invoicing.application.note_views import NoteView, project_notes
from hisab.invoicing.application.notes import get_note
from hisab.invoicing.domain.invoice import Invoice
from hisab.invoicing.domain.notes import NoteKind
from hisab.invoicing.domain.numbering import issuing_unit_of
from hisab.invoicing.domain.printing import CopyKind
from hisab.kernel.language import Language

NoteDocument = Document[NoteView]


@dataclass(frozen=True, slots=True)
class NoteDocumentRequest:
    """Which note's form, in which language: the same for a print, a screen view and an inspection copy."""

    kind: NoteKind
    note_id: str
    language: Language


async def print_note(
    command: NoteDocumentRequest, actor: Actor, invoicing: Invoicing, renderer: DocumentRenderer[NoteDocument]
) -> bytes:
    """The printed note, recorded as NotePrinted: the first print the original, later ones duplicates."""
    found = await get_note(command.kind, command.note_id, actor, invoicing)

    async def decide(history: list[StoredEvent]) -> tuple[NoteDocument, DomainEvent | None]:
        invoice = Invoice.from_events(found.invoice_id, (s.event for s in history))
        event = invoice.print_note(found.note_id, command.language, actor.user_id, printed_now(invoicing))
        document = await _document(history, found.note_id, event.copies, command.language, actor, invoicing)
        ensure_printable(document, found.note_number, f"a {command.kind.noun}")
        return document, event

    return await recorded_print(found.invoice_id, actor, invoicing, renderer, decide, f"its {command.kind.noun}")


async def view_note(
    command: NoteDocumentRequest, actor: Actor, invoicing: Invoicing, renderer: DocumentRenderer[NoteDocument]
) -> bytes:
    """The note for the screen: the same content, recorded nowhere."""
    return await _unrecorded(command, actor, invoicing, renderer, for_inspection=False)


async def inspect_note(
    command: NoteDocumentRequest, actor: Actor, invoicing: Invoicing, renderer: DocumentRenderer[NoteDocument]
) -> bytes:
    """The inspection copy: marked as no credit (or debit) note; the note's next print is still its original."""
    return await _unrecorded(command, actor, invoicing, renderer, for_inspection=True)


async def _unrecorded(
    command: NoteDocumentRequest,
    actor: Actor,
    invoicing: Invoicing,
    renderer: DocumentRenderer[NoteDocument],
    *,
    for_inspection: bool,
) -> bytes:
    found = await get_note(command.kind, command.note_id, actor, invoicing)
    history = await read_invoice(found.invoice_id, actor, invoicing)
    document = await _document(history, found.note_id, (), command.language, actor, invoicing)
    return await asyncio.to_thread(renderer.render, replace(document, for_inspection=for_inspection))


async def _document(
    history: list[StoredEvent],
    note_id: str,
    copies: tuple[CopyKind, ...],
    language: Language,
    actor: Actor,
    invoicing: Invoicing,
) -> NoteDocument:
    """The note as its invoice's stream says, issued by the unit of its serial as the profile stood at its issue."""
    note = next(view for view in project_notes(history) if view.note_id == note_id)
    supplier, unit = await issuer(actor, note.issued_at, issuing_unit_of(note.note_number), invoicing)
    return NoteDocument(note, supplier, unit, copies, language)
