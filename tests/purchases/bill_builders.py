"""Builders of bills received for the purchases tests, so each test states only what it cares about."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from hisab.purchases.domain.bill import Bill
from hisab.purchases.domain.bills import BillInput, BillLineInput, open_bill, validate_bill
from hisab.purchases.domain.events import BillRecorded, SupplierSnapshot
from hisab.taxpayer.domain.policy import TenantPolicy
from tests.builders import RATES

TODAY = date(2026, 11, 26)
D = Decimal
SUPPLIER = SupplierSnapshot("party-1", "Meghna Cement Mills Ltd", "Narayanganj", "000456789-0101", None, None)


def cement(**changes: Any) -> BillLineInput:
    """100 bags at 500.00: value 50,000.00, VAT at 15% 7,500.00."""
    fields: dict[str, Any] = {"description": "Portland cement, 50 kg bags", "quantity": D(100), "value": D("50000.00")}
    fields.update(changes)
    return BillLineInput(**fields)


def bill_input(*lines: BillLineInput, **changes: Any) -> BillInput:
    fields: dict[str, Any] = {
        "supplier_party_id": "party-1",
        "supplier_invoice_number": "MCM/2026-27/004512",
        "supplier_invoice_date": date(2026, 11, 10),
        "received_date": date(2026, 11, 12),
        "lines": lines or (cement(),),
    }
    fields.update(changes)
    return BillInput(**fields)


def recorded(
    request: BillInput | None = None,
    supplier: SupplierSnapshot = SUPPLIER,
    policy: TenantPolicy | None = None,
    bill_id: str = "bill-1",
) -> BillRecorded:
    valid = validate_bill(request or bill_input(), RATES, TODAY, bill_id)
    due = valid.due_date or valid.received_date
    return open_bill(valid, supplier, due, policy or TenantPolicy(), ("BILL/2026-27/000001", 1, 2026))


def bill(request: BillInput | None = None, **changes: Any) -> Bill:
    return Bill.from_events([recorded(request, **changes)])


def unregistered() -> SupplierSnapshot:
    return replace(SUPPLIER, bin=None)
