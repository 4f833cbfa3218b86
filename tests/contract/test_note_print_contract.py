"""Printing a credit or debit note on every backend: the first print is the one original; only prints are recorded."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest

from hisab.event_store.ports import Database
from hisab.invoicing.application.commands import ApproveInvoice, CreateInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.errors import SupplierProfileMissingError
from hisab.invoicing.application.handlers import approve_invoice, create_invoice
from hisab.invoicing.application.note_documents import (
    NoteDocument,
    NoteDocumentRequest,
    inspect_note,
    print_note,
    view_note,
)
from hisab.invoicing.application.note_views import NoteView
from hisab.invoicing.application.notes import IssueNote, get_note, issue_note
from hisab.invoicing.domain.notes import NoteKind, NoteLineInput, NoteRequest
from hisab.kernel.errors import NotFoundError
from hisab.kernel.language import Language
from hisab.taxpayer.application.commands import SetSupplierProfile
from hisab.taxpayer.application.profiles import set_supplier_profile
from tests.builders import actor, checker, invoicing, karim_steel, steel_rods_draft


@dataclass
class CopiesRenderer:
    """Remembers the note documents it renders; each one's bytes name its copies."""

    rendered: list[NoteDocument] = field(default_factory=list)
    media_type: str = "application/x-fake"

    def render(self, document: NoteDocument) -> bytes:
        self.rendered.append(document)
        return b",".join(copy.value.encode() for copy in document.copies)


async def _noted(app: Invoicing, kind: NoteKind = NoteKind.CREDIT, *, profile: bool = True) -> NoteView:
    """An issued steel-rods invoice with one note of `kind`: ten rods returned, or ten more supplied."""
    view = await create_invoice(CreateInvoice(steel_rods_draft()), actor(), app)
    await approve_invoice(ApproveInvoice(view.invoice_id), checker(), app)
    if profile:
        await set_supplier_profile(SetSupplierProfile(karim_steel()), actor(), app.taxpayer)
    reason = "RETURN" if kind is NoteKind.CREDIT else "ADDITIONAL_QUANTITY"
    change = (NoteLineInput(f"{view.invoice_id}:1", quantity=Decimal(10)),)
    return await issue_note(IssueNote(view.invoice_id, NoteRequest(kind, None, reason, None, change)), actor(), app)


async def test_of_concurrent_first_prints_of_a_note_exactly_one_is_the_original(database: Database[Any]) -> None:
    app = invoicing(database)
    note = await _noted(app)
    request = NoteDocumentRequest(NoteKind.CREDIT, note.note_id, Language.EN)

    printed = await asyncio.gather(*(print_note(request, actor(), app, CopiesRenderer()) for _ in range(4)))

    assert sorted(printed) == [b"DUPLICATE"] * 3 + [b"ORIGINAL,SUPPLIER"]
    assert (await get_note(NoteKind.CREDIT, note.note_id, actor(), app)).print_count == 4


async def test_a_note_print_is_counted_on_the_note_and_not_on_its_invoice(database: Database[Any]) -> None:
    app = invoicing(database)
    note = await _noted(app, NoteKind.DEBIT)
    renderer = CopiesRenderer()

    for language in Language:
        await print_note(NoteDocumentRequest(NoteKind.DEBIT, note.note_id, language), actor(), app, renderer)

    invoice = await app.invoices.get("tenant-a", note.invoice_id)
    assert invoice is not None
    assert invoice.print_count == 0
    assert (await get_note(NoteKind.DEBIT, note.note_id, actor(), app)).print_count == 2
    first, second = renderer.rendered
    assert (first.subject.note_number, first.subject.invoice_mushak_number) == (note.note_number, invoice.mushak_number)
    assert first.supplier is not None
    assert (first.supplier.name, first.unit and first.unit.code) == ("Karim Steel Ltd", "HO")
    assert second.language is Language.BN


async def test_a_screen_view_and_an_inspection_copy_record_nothing(database: Database[Any]) -> None:
    app = invoicing(database)
    note = await _noted(app)
    request = NoteDocumentRequest(NoteKind.CREDIT, note.note_id, Language.BN)
    version = len(await app.streams.read("tenant-a", note.invoice_id))
    renderer = CopiesRenderer()

    await view_note(request, actor(), app, renderer)
    await inspect_note(request, actor(), app, renderer)
    after = await print_note(request, actor(), app, renderer)

    assert [(d.copies, d.for_inspection) for d in renderer.rendered[:2]] == [((), False), ((), True)]
    assert after == b"ORIGINAL,SUPPLIER"
    assert len(await app.streams.read("tenant-a", note.invoice_id)) == version + 1


async def test_a_note_asked_for_as_the_other_kind_or_by_another_tenant_is_not_found(database: Database[Any]) -> None:
    app = invoicing(database)
    note = await _noted(app)
    renderer = CopiesRenderer()

    with pytest.raises(NotFoundError, match="debit note"):
        await print_note(NoteDocumentRequest(NoteKind.DEBIT, note.note_id, Language.EN), actor(), app, renderer)
    with pytest.raises(NotFoundError, match="credit note"):
        await view_note(
            NoteDocumentRequest(NoteKind.CREDIT, note.note_id, Language.EN), actor("tenant-b"), app, renderer
        )
    assert renderer.rendered == []


async def test_a_note_is_not_printed_before_the_supplier_profile_is_set(database: Database[Any]) -> None:
    app = invoicing(database)
    note = await _noted(app, profile=False)
    request = NoteDocumentRequest(NoteKind.CREDIT, note.note_id, Language.EN)

    with pytest.raises(SupplierProfileMissingError, match="before printing a credit note"):
        await print_note(request, actor(), app, CopiesRenderer())

    assert (await get_note(NoteKind.CREDIT, note.note_id, actor(), app)).print_count == 0
