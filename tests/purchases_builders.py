"""Bills for the payments' tests, recorded as their events straight onto their streams.

Recording bills is another part of issue 15 (recordBill); payments read a bill only from its
stream (Bill.from_events), so a test appends the BillRecorded (and any SupplierNoteRecorded) itself.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from hisab.event_store.messages import Actor
from hisab.event_store.streams import Streams, appending
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.parties import PartyView, create_party
from hisab.invoicing.domain.party import PartyInput, PartyKind
from hisab.kernel.fiscal_year import FiscalYear
from hisab.kernel.vat import VATCategory
from hisab.purchases.domain.events import (
    BillLine,
    BillRecorded,
    InputCredit,
    SupplierNoteKind,
    SupplierNoteLine,
    SupplierNoteRecorded,
    SupplierSnapshot,
)

D = Decimal
_serials = itertools.count(1)


def line(
    value: str,
    vat: str,
    *,
    service_code: str | None = "S004.00",
    category: VATCategory = VATCategory.REDUCED,
    rate: str = "0.10",
    credit: InputCredit = InputCredit.NOT_ELIGIBLE,
    supplementary_duty: str = "0.00",
    position: int = 1,
) -> BillLine:
    return BillLine(
        f"line-{position}", position, "Civil works", None, None, service_code, D(1), None, D(value),
        D(supplementary_duty), D(vat), category, D(rate), credit, credit, None, None, None,
    )  # fmt: skip


def snapshot(party: PartyView) -> SupplierSnapshot:
    details = party.details
    return SupplierSnapshot(party.party_id, details.legal_name, details.address, details.bin, details.tin, details.nid)


def bill_event(
    supplier: SupplierSnapshot,
    *lines: BillLine,
    received: date = date(2026, 8, 5),
    invoice_number: str | None = None,
    bill_id: str | None = None,
) -> BillRecorded:
    serial = next(_serials)
    fiscal_year = FiscalYear.of(received)
    return BillRecorded(
        bill_id or str(uuid.uuid4()), f"BILL/{fiscal_year.short_label}/{serial:06d}", serial,
        fiscal_year.start_year, supplier, invoice_number or f"SUP/6.3/{serial:04d}", received, received, received,
        None, lines, None,
    )  # fmt: skip


async def record_bill(streams: Streams[Any], actor: Actor, event: BillRecorded) -> BillRecorded:
    await streams.start(actor, lambda: event.bill_id, appending([event]))
    return event


async def record_credit_note(
    streams: Streams[Any], actor: Actor, bill: BillRecorded, value: str, vat: str, creditable: str = "0.00"
) -> None:
    """A supplier's Mushak-6.7 against the bill's first line."""
    changed = SupplierNoteLine(bill.lines[0].line_id, None, D(value), D("0.00"), D(vat), D(creditable))
    note = SupplierNoteRecorded(
        bill.bill_id, str(uuid.uuid4()), SupplierNoteKind.CREDIT, "SUP/6.7/0001", bill.received_date, "Rebate",
        (changed,),
    )  # fmt: skip
    await streams.change(actor, bill.bill_id, appending([note]), noun="bill")


async def supplier_party(invoicing: Invoicing, actor: Actor, code: str = "RAHMAN") -> PartyView:
    given = PartyInput(
        code, (PartyKind.SUPPLIER,), f"{code.title()} Construction Ltd", bin="000123456-0101",
        address="House 4, Road 2, Gulshan, Dhaka",
    )  # fmt: skip
    return await create_party(given, actor, invoicing)
