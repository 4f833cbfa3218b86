"""Render a sample purchase register (Mushak-6.1) and sales register (Mushak-6.2) as PNGs for docs/images.

The real path, against a scratch SQLite database migrated as a fresh install is: invoices issued and a
credit note written by the command handlers with a set clock; two bills and a supplier's credit note
appended through the one write path (the bills' commands are their own scenario's); then each register
read, laid out by the registers' PDF writer in English and Bengali, and its first page rasterised.
Needs pdftoppm (poppler-utils).

    .venv/bin/python tools/render_register_examples.py docs/images
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import partial
from pathlib import Path

from render_mushak63_examples import SHARED, STEEL_RODS

from hisab.bootstrap import Rules, services_for
from hisab.event_store.adapters.sqlite.database import SQLiteDatabase
from hisab.event_store.messages import Actor, DomainEvent
from hisab.event_store.streams import appending
from hisab.infrastructure.migrations import upgrade_to_head
from hisab.infrastructure.rate_table_file import load_rate_table
from hisab.invoicing.adapters.documents.renderer import FONTS_DIRECTORY
from hisab.invoicing.application.commands import ApproveInvoice, CreateInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.handlers import approve_invoice, create_invoice
from hisab.invoicing.application.notes import IssueNote, issue_note
from hisab.invoicing.domain.draft import LineInput
from hisab.invoicing.domain.notes import NoteKind, NoteLineInput, NoteRequest
from hisab.kernel.language import Language
from hisab.kernel.vat import VATCategory
from hisab.purchases.domain.events import (
    BillLine,
    BillOfEntry,
    BillRecorded,
    InputCredit,
    SupplierNoteKind,
    SupplierNoteLine,
    SupplierNoteRecorded,
    SupplierSnapshot,
)
from hisab.vat_return.adapters.reports.files import RegisterPdfWriter
from hisab.vat_return.adapters.reports.tables import register_table
from hisab.vat_return.application.registers import Registers, whole_register
from hisab.vat_return.domain.entries import Register

D = Decimal
TENANT = "demo-tenant"
ISSUED = datetime(2026, 8, 10, 5, 0, tzinfo=UTC)  # 11:00 in Dhaka
PERIOD = (date(2026, 7, 1), date(2026, 9, 30))
SUPERVISION = LineInput("Site supervision, August", D(1), D(250000), vat_category=VATCategory.REDUCED,
                        service_code="S004.00")  # fmt: skip
MEGHNA = SupplierSnapshot("meghna", "Meghna Cement Mills Ltd", "Mongla, Bagerhat", "0012345670101", None, None)
JAMAL = SupplierSnapshot("jamal", "Jamal Sand Traders", "Savar, Dhaka", None, None, "19858812345678901")


def _line(line_id: str, description: str, value: str, vat: str, **changes: object) -> BillLine:
    line = BillLine(
        line_id, 1, description, None, "2523.29.00", None, D(100), "Bag", D(value), D("0.00"), D(vat),
        VATCategory.STANDARD, D("0.15"), InputCredit.CLAIM, InputCredit.CLAIM, None, None, None,
    )  # fmt: skip
    return replace(line, **changes)  # type: ignore[arg-type]


def _bills() -> dict[str, list[DomainEvent]]:
    cement = BillRecorded(
        "bill-1", "BILL/2026-27/000001", 1, 2026, MEGHNA, "MCM/2026/0457", date(2026, 7, 9), date(2026, 7, 10),
        date(2026, 8, 9), None, (_line("bill-1:1", "Portland cement, 50 kg", "100000.00", "15000.00"),), None,
    )  # fmt: skip
    rods = BillRecorded(
        "bill-2", "BILL/2026-27/000002", 2, 2026, MEGHNA, "BE-C-40512", date(2026, 7, 8), date(2026, 7, 12),
        date(2026, 8, 12), BillOfEntry("C-40512", date(2026, 7, 8), "Chattogram Custom House"),
        (_line("bill-2:1", "Deformed steel bars", "500000.00", "75000.00", hs_code="7214.20.00", unit="Ton",
               quantity=D(5)),), None,
    )  # fmt: skip
    sand = BillRecorded(
        "bill-3", "BILL/2026-27/000003", 3, 2026, JAMAL, "JST-118", date(2026, 7, 15), date(2026, 7, 15),
        date(2026, 7, 15), None, (_line("bill-3:1", "River sand", "8000.00", "0.00", vat_category=VATCategory.EXEMPT,
                                        vat_rate=D(0), hs_code="2505.10.00", unit="CFT"),), None,
    )  # fmt: skip
    credit = SupplierNoteRecorded(
        "bill-1", "sn-1", SupplierNoteKind.CREDIT, "MCM/CN/12", date(2026, 8, 2), "ten bags damaged",
        (SupplierNoteLine("bill-1:1", D(10), D("10000.00"), D("0.00"), D("1500.00"), D("1500.00")),),
    )  # fmt: skip
    return {"bill-1": [cement, credit], "bill-2": [rods], "bill-3": [sand]}


async def _render(database: SQLiteDatabase, out: Path) -> list[Path]:
    services = services_for(database, Rules(load_rate_table(), "HO", clock=lambda: ISSUED))
    invoicing = services.get(Invoicing)
    maker, checker = Actor(TENANT, "accounts-officer", "examples"), Actor(TENANT, "finance-manager", "examples")
    registered = replace(SHARED, invoice_date=date(2026, 8, 10), due_date=date(2026, 9, 9))
    walk_in = replace(registered, customer_bin=None, buyer_name="Karim Uddin", buyer_address="Mirpur 10, Dhaka")
    issued = []
    for draft in (replace(registered, lines=(*STEEL_RODS, SUPERVISION)), replace(walk_in, lines=STEEL_RODS)):
        view = await create_invoice(CreateInvoice(draft), maker, invoicing)
        issued.append(await approve_invoice(ApproveInvoice(view.invoice_id), checker, invoicing))
    first_line = issued[0].lines[0].line_id
    credit = NoteRequest(NoteKind.CREDIT, None, "RETURN", None, (NoteLineInput(first_line, quantity=D(10)),))
    await issue_note(IssueNote(issued[0].invoice_id, credit), maker, invoicing)
    for stream_id, events in _bills().items():
        await invoicing.streams.start(maker, partial(str, stream_id), appending(events[:1]))
        if events[1:]:
            await invoicing.streams.change(maker, stream_id, appending(events[1:]), noun="bill")
    writer, written = RegisterPdfWriter(FONTS_DIRECTORY), []
    for register, form in (
        (Register.PURCHASES, "mushak-6.1-purchase-register"),
        (Register.SALES, "mushak-6.2-sales-register"),
    ):
        page = await whole_register(register, *PERIOD, maker, services.get(Registers))
        for language in Language:
            target = out / f"{form}-{language.value}.pdf"
            target.write_bytes(writer.render(register_table(page, language)))
            written.append(target)
    return written


async def _examples(out: Path) -> list[Path]:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "hisab.db"
        await asyncio.to_thread(upgrade_to_head, f"sqlite:///{path}")
        database = await SQLiteDatabase.open(path)
        try:
            return await _render(database, out)
        finally:
            await database.close()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images")
    out.mkdir(parents=True, exist_ok=True)
    for pdf in asyncio.run(_examples(out)):
        page = ["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile"]
        subprocess.run([*page, pdf, pdf.with_suffix("")], check=True)
        pdf.unlink()


if __name__ == "__main__":
    main()
