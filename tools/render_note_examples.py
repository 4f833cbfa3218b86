"""Render a sample credit note (Mushak-6.7) and debit note (Mushak-6.8) as PNGs for docs/images.

The same real path as render_mushak63_examples.py, whose registered person and buyer it uses:
an SQLite database, the command handlers and the PDF renderer, with a clock set for each step,
so the pictures only change when the documents do. Needs pdftoppm (poppler-utils).

    .venv/bin/python tools/render_note_examples.py docs/images
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from render_mushak63_examples import PROFILE, SHARED, STEEL_RODS

from hisab.bootstrap import Rules, services_for
from hisab.event_store.adapters.sqlite.database import SQLiteDatabase
from hisab.event_store.messages import Actor
from hisab.infrastructure.migrations import upgrade_to_head
from hisab.infrastructure.rate_table_file import load_rate_table
from hisab.invoicing.adapters.documents.renderer import PdfRenderer
from hisab.invoicing.application.commands import ApproveInvoice, CreateInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.handlers import approve_invoice, create_invoice
from hisab.invoicing.application.note_documents import NoteDocumentRequest, print_note
from hisab.invoicing.application.notes import IssueNote, issue_note
from hisab.invoicing.domain.draft import LineInput
from hisab.invoicing.domain.notes import NoteKind, NoteLineInput, NoteRequest
from hisab.kernel.language import Language
from hisab.taxpayer.application.commands import SetSupplierProfile
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.application.profiles import set_supplier_profile

# Renders PDFs against an open database into a folder, and says which it wrote.
Render = Callable[[SQLiteDatabase, Path], Awaitable[list[Path]]]
# The steel rods of the 6.3 pictures, and cement that carries 10% SD, so that every SD column has an amount.
CEMENT = LineInput(
    "Cement, 50 kg bag", Decimal(200), Decimal(500), supplementary_duty_rate=Decimal("0.10"), unit_of_supply="Bag"
)
ISSUED = datetime(2025, 1, 20, 8, 30, tzinfo=UTC)  # 14:30 in Dhaka, as the 6.3 pictures
NOTED = datetime(2025, 2, 3, 5, 15, tzinfo=UTC)  # 11:15 in Dhaka, two weeks later
# Ten rods came back bent and the cement's price came down; then twenty more bags were delivered.
CREDIT = NoteRequest(
    NoteKind.CREDIT, None, "RETURN", "Ten rods returned bent; cement price agreed down by Tk 2,000",
    (NoteLineInput("1", quantity=Decimal(10)), NoteLineInput("2", amount=Decimal(2000))),
)  # fmt: skip
DEBIT = NoteRequest(
    NoteKind.DEBIT, None, "ADDITIONAL_QUANTITY", "Twenty more bags delivered to the site",
    (NoteLineInput("2", quantity=Decimal(20)),),
)  # fmt: skip


@dataclass
class SetClock:
    """The time each step of the story happens at."""

    now: datetime = ISSUED

    def __call__(self) -> datetime:
        return self.now


async def _render(database: SQLiteDatabase, out: Path) -> list[Path]:
    """One invoice with both notes; each note printed in English (the original), then in Bengali (a duplicate)."""
    clock = SetClock()
    services = services_for(database, Rules(load_rate_table(), "HO", clock=clock))
    invoicing = services.get(Invoicing)
    actor = Actor("demo-tenant", "accounts-officer", "examples")
    await set_supplier_profile(SetSupplierProfile(PROFILE), actor, services.get(Taxpayer))
    view = await create_invoice(CreateInvoice(replace(SHARED, lines=(*STEEL_RODS, CEMENT))), actor, invoicing)
    # Segregation of duties: another user issues (approves) what the accounts officer prepared.
    await approve_invoice(ApproveInvoice(view.invoice_id), Actor("demo-tenant", "finance-manager", "x"), invoicing)
    clock.now = NOTED
    renderer, written = PdfRenderer(), []
    for request in (CREDIT, DEBIT):
        # The notes name the invoice's lines by their ids, which the invoice gave them: "1" is its first line.
        lines = tuple(
            replace(line, invoice_line_id=f"{view.invoice_id}:{line.invoice_line_id}") for line in request.lines
        )
        note = await issue_note(IssueNote(view.invoice_id, replace(request, lines=lines)), actor, invoicing)
        for language in Language:
            started = time.perf_counter()
            printed = NoteDocumentRequest(request.kind, note.note_id, language)
            pdf = await print_note(printed, actor, invoicing, renderer)
            print(f"{note.note_number} {language.value}: {len(pdf)} bytes in {time.perf_counter() - started:.3f} s")
            target = out / f"{request.kind.form.lower()}-{request.kind.noun.replace(' ', '-')}-{language.value}.pdf"
            target.write_bytes(pdf)
            written.append(target)
    return written


async def _examples(out: Path, render: Render) -> list[Path]:
    """The PDFs `render` writes, against a scratch database migrated as a fresh install is."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "hisab.db"
        await asyncio.to_thread(upgrade_to_head, f"sqlite:///{path}")
        database = await SQLiteDatabase.open(path)
        try:
            return await render(database, out)
        finally:
            await database.close()


def render_pictures(render: Render) -> None:
    """Each PDF `render` writes into the folder given (docs/images by default), as a PNG of its first page."""
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images")
    out.mkdir(parents=True, exist_ok=True)
    for pdf in asyncio.run(_examples(out, render)):
        # The first page: the original of the English print, the duplicate of the Bengali one.
        page = ["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile"]
        subprocess.run([*page, pdf, pdf.with_suffix("")], check=True)
        pdf.unlink()


def main() -> None:
    render_pictures(_render)


if __name__ == "__main__":
    main()
