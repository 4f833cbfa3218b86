"""Render the core issue's two scenario invoices as Mushak-6.3 PDFs and PNGs for docs/images.

Runs the real path: an SQLite database, the command handlers, and the PDF renderer, with a
fixed clock so that the pictures only change when the document does. Needs pdftoppm
(Debian's poppler-utils) for the PNGs.

    .venv/bin/python tools/render_mushak63_examples.py docs/images
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from hisab.bootstrap import Rules, services_for
from hisab.event_store.adapters.sqlite.database import SQLiteDatabase
from hisab.event_store.messages import Actor
from hisab.infrastructure.migrations import upgrade_to_head
from hisab.infrastructure.rate_table_file import load_rate_table
from hisab.invoicing.adapters.documents.renderer import PdfRenderer
from hisab.invoicing.application.commands import ApproveInvoice, CreateInvoice, PrintInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.documents import print_invoice
from hisab.invoicing.application.handlers import approve_invoice, create_invoice
from hisab.invoicing.domain.draft import InvoiceDraft, LineInput
from hisab.kernel.language import Language
from hisab.kernel.vat import VATCategory
from hisab.taxpayer.application.commands import SetSupplierProfile
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.application.profiles import set_supplier_profile
from hisab.taxpayer.domain.supplier import ProfileInput, UnitInput

PROFILE = ProfileInput(
    name="Karim Steel & Construction Ltd",
    bin="002871821-0101",
    units=(UnitInput("HO", "Head office", "Karim Tower (5th floor), 12 Motijheel C/A\nDhaka 1000"),),
    officer_name="Abdul Karim",
    officer_designation="Managing Director",
)
SHARED = InvoiceDraft(  # what both scenarios share: parties and dates
    vendor_id="vendor-001",
    customer_id="customer-001",
    invoice_date=date(2025, 1, 15),
    due_date=date(2025, 2, 15),
    lines=(),
    customer_bin="001745707-0402",
    buyer_name="Rahim Builders Ltd",
    buyer_address="House 12, Road 5, Dhanmondi R/A\nDhaka 1205",
    delivery_destination="Project site: Plot 7, Block C, Bashundhara R/A, Dhaka 1229",
)
STEEL_RODS = (LineInput("Construction Materials - Steel Rods", Decimal(100), Decimal(5000), unit_of_supply="Piece"),)
THREE_RATES = tuple(
    LineInput(description, Decimal(1), Decimal(10000), vat_category=category, unit_of_supply="Job")
    for description, category in (
        ("Structural design review (standard rate)", VATCategory.STANDARD),
        ("Building construction works (reduced rate)", VATCategory.REDUCED),
        ("Engineering services for export (zero-rated)", VATCategory.ZERO_RATED),
    )
)


async def _render(database: SQLiteDatabase, out: Path) -> list[Path]:
    """Both scenarios, issued and printed in English (the original) and then in Bengali (a duplicate)."""
    rules = Rules(load_rate_table(), "HO", clock=lambda: datetime(2025, 1, 20, 8, 30, tzinfo=UTC))
    services = services_for(database, rules)
    invoicing = services.get(Invoicing)
    actor = Actor("demo-tenant", "accounts-officer", "examples")
    # Segregation of duties: another user issues (approves) what the accounts officer prepared.
    approver = Actor("demo-tenant", "finance-manager", "examples")
    await set_supplier_profile(SetSupplierProfile(PROFILE), actor, services.get(Taxpayer))
    renderer = PdfRenderer()
    written = []
    for name, lines in (("steel-rods", STEEL_RODS), ("three-rates", THREE_RATES)):
        view = await create_invoice(CreateInvoice(replace(SHARED, lines=lines)), actor, invoicing)
        await approve_invoice(ApproveInvoice(view.invoice_id), approver, invoicing)
        for language in Language:
            started = time.perf_counter()
            pdf = await print_invoice(PrintInvoice(view.invoice_id, language), actor, invoicing, renderer)
            print(f"{name} {language.value}: {len(pdf)} bytes in {time.perf_counter() - started:.3f} s")
            target = out / f"mushak-6.3-{name}-{language.value}.pdf"
            target.write_bytes(pdf)
            written.append(target)
    return written


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "hisab.db"
        upgrade_to_head(f"sqlite:///{path}")

        async def run() -> list[Path]:
            database = await SQLiteDatabase.open(path)
            try:
                return await _render(database, out)
            finally:
                await database.close()

        for pdf in asyncio.run(run()):
            png = pdf.with_suffix("")
            subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", pdf, png], check=True)
            pdf.unlink()


if __name__ == "__main__":
    main()
