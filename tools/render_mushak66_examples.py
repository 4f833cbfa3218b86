"""Render a sample Mushak-6.6 (VDS certificate) as PNGs for docs/images, in English and Bengali.

The real path: an SQLite database migrated as a fresh install is (render_note_examples.py's), the
registered person of render_mushak63_examples.py as the withholding entity, two bills of one
construction firm (recorded as their BillRecorded events, as the payments' tests do), one payment
that withholds VDS from both and TDS from one, and the certificate's PDF renderer. Needs pdftoppm.

    .venv/bin/python tools/render_mushak66_examples.py docs/images
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from functools import partial
from pathlib import Path

from render_mushak63_examples import PROFILE
from render_note_examples import render_pictures

from hisab.bootstrap import Rules, services_for
from hisab.event_store.adapters.sqlite.database import SQLiteDatabase
from hisab.event_store.messages import Actor
from hisab.event_store.streams import appending
from hisab.infrastructure.rate_table_file import load_rate_table
from hisab.invoicing.adapters.documents.renderer import FONTS_DIRECTORY
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.parties import create_party
from hisab.invoicing.domain.party import PartyInput, PartyKind
from hisab.kernel.language import Language
from hisab.kernel.vat import VATCategory
from hisab.purchases.adapters.documents.mushak66 import CertificatePdf
from hisab.purchases.application.certificates import render_certificate
from hisab.purchases.application.payment_dependencies import Payments
from hisab.purchases.application.payments import RecordPayment, record_payment
from hisab.purchases.domain.events import BillLine, BillRecorded, InputCredit, SupplierSnapshot
from hisab.purchases.domain.payments import AllocationInput, PaymentRequest, WithholdInput
from hisab.taxpayer.application.commands import SetSupplierProfile
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.application.profiles import set_supplier_profile
from hisab.taxpayer.application.tenant_settings import UpdateTenantSettings, update_tenant_settings
from hisab.taxpayer.domain.policy import TenantPolicy

D = Decimal
NOW = datetime(2026, 9, 10, 5, 0, tzinfo=UTC)
SUPPLIER = PartyInput(
    "RAHMAN", (PartyKind.SUPPLIER,), "Rahman Construction Ltd", bin="000123456-0101",
    address="House 4, Road 2, Gulshan, Dhaka 1212",
)  # fmt: skip


def _bill(supplier: SupplierSnapshot, serial: int, number: str, received: date, value: str, vat: str) -> BillRecorded:
    line = BillLine(
        "1", 1, "Civil works, block B", None, None, "S004.00", D(1), None, D(value), D("0.00"), D(vat),
        VATCategory.REDUCED, D("0.10"), InputCredit.NOT_ELIGIBLE, InputCredit.NOT_ELIGIBLE, None, None, None,
    )  # fmt: skip
    return BillRecorded(
        f"bill-{serial}", f"BILL/2026-27/{serial:06d}", serial, 2026, supplier, number, received, received,
        received, None, (line,), None,
    )  # fmt: skip


async def _render(database: SQLiteDatabase, out: Path) -> list[Path]:
    services = services_for(database, Rules(load_rate_table(), "HO", clock=lambda: NOW))
    actor = Actor("demo-tenant", "accounts-officer", "examples")
    taxpayer = services.get(Taxpayer)
    await set_supplier_profile(SetSupplierProfile(PROFILE), actor, taxpayer)
    await update_tenant_settings(UpdateTenantSettings(TenantPolicy(withholding_entity=True)), actor, taxpayer)
    party = await create_party(SUPPLIER, actor, services.get(Invoicing))
    details = party.details
    supplier = SupplierSnapshot(party.party_id, details.legal_name, details.address, details.bin, None, None)
    payments = services.get(Payments)
    bills = (
        _bill(supplier, 1, "RC/6.3/0457", date(2026, 8, 5), "850000.00", "85000.00"),
        _bill(supplier, 2, "RC/6.3/0481", date(2026, 8, 28), "312500.00", "31250.00"),
    )
    for bill in bills:
        await payments.streams.start(actor, partial(str, bill.bill_id), appending([bill]))
    # Both bills in full: VDS at 10% of the value withheld from each, TDS at 5% from the first; the rest is paid.
    allocations = (AllocationInput("bill-1", D("807500.00")), AllocationInput("bill-2", D("312500.00")))
    request = PaymentRequest(
        party.party_id, NOW.date(), "BANK_TRANSFER", D("1120000.00"), "EFT 20260910-0042", None, allocations,
        (WithholdInput("bill-1", "TDS", amount=D("42500.00")),),
    )  # fmt: skip
    payment = await record_payment(RecordPayment(request), actor, payments)
    assert payment.certificate_id is not None
    renderer, written = CertificatePdf(FONTS_DIRECTORY), []
    for language in Language:
        pdf = await render_certificate(payment.certificate_id, language, actor, payments, renderer)
        target = out / f"mushak-6.6-vds-certificate-{language.value}.pdf"
        target.write_bytes(pdf)
        written.append(target)
    return written


def main() -> None:
    render_pictures(_render)


if __name__ == "__main__":
    main()
