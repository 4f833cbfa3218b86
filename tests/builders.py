"""Builders of valid domain objects for tests, so each test states only what it cares about."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from hisab.bootstrap import Rules, database_check, sql_adapters, wire
from hisab.event_store.messages import Actor, EventMetadata, StoredEvent
from hisab.event_store.ports import Database
from hisab.infrastructure.rate_table_file import load_rate_table
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.documents import InvoiceDocument
from hisab.invoicing.application.views import project
from hisab.invoicing.domain.draft import InvoiceDraft, LineInput, validate_draft
from hisab.invoicing.domain.events import InvoiceEvent
from hisab.invoicing.domain.invoice import Invoice, open_invoice
from hisab.invoicing.domain.printing import CopyKind
from hisab.kernel.language import Language
from hisab.kernel.readiness import Readiness
from hisab.kernel.services import Services
from hisab.kernel.vat import VATCategory
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.domain.supplier import ProfileInput, SupplierProfile, UnitInput, validate_profile
from tests.fakes import FakeDatabase, memory_adapters
from tests.fakes_users import access_for

RATES = load_rate_table()


def steel_rods_draft(**changes: object) -> InvoiceDraft:
    fields: dict[str, object] = {
        "vendor_id": "vendor-001",
        "customer_id": "customer-001",
        "invoice_date": date(2025, 1, 15),
        "due_date": date(2025, 2, 15),
        "lines": (LineInput("Construction Materials - Steel Rods", Decimal(100), Decimal(5000)),),
    }
    fields.update(changes)
    return InvoiceDraft(**fields)  # type: ignore[arg-type]


def three_rate_draft() -> InvoiceDraft:
    return steel_rods_draft(
        lines=tuple(
            LineInput(f"Line at {category}", Decimal(1), Decimal(10000), vat_category=category)
            for category in (VATCategory.STANDARD, VATCategory.REDUCED, VATCategory.ZERO_RATED)
        )
    )


def opening_events(invoice_id: str, draft: InvoiceDraft | None = None, number: int = 1) -> list[InvoiceEvent]:
    valid = validate_draft(draft or steel_rods_draft(), RATES)
    return open_invoice(valid, invoice_id, f"INV-2025-01-15-{number:06d}")


def metadata(tenant_id: str = "tenant-a", user_id: str = "user-1") -> EventMetadata:
    return EventMetadata(tenant_id, user_id, "correlation-1", datetime(2026, 11, 26, 6, 0, tzinfo=UTC))


def actor(tenant_id: str = "tenant-a", user_id: str = "user-1") -> Actor:
    return Actor(tenant_id, user_id, str(uuid.uuid4()))


def checker(tenant_id: str = "tenant-a") -> Actor:
    """Another user of the tenant: by segregation of duties, the one who approves what `actor` created."""
    return actor(tenant_id, "checker-1")


class SteppingClock:
    """A clock that moves one second per reading, so every event has its own time."""

    def __init__(self, start: datetime = datetime(2026, 11, 26, 4, 0, tzinfo=UTC)) -> None:
        self._ticks = itertools.count()
        self._start = start

    def __call__(self) -> datetime:
        return self._start + timedelta(seconds=next(self._ticks))


def services(database: Database[Any], clock: Callable[[], datetime] | None = None) -> Services:
    """Every context wired over `database` (the fake, SQLite or PostgreSQL), as the composition root does."""
    rules = Rules(RATES, "HO", clock or SteppingClock())
    readiness = Readiness()
    readiness.register("database", database_check(database))
    adapters: Any = memory_adapters() if isinstance(database, FakeDatabase) else sql_adapters()
    return wire(database, adapters, rules, access_for(database), readiness)


async def rebuild(database: Database[Any], *, verify_only: bool) -> list[str]:
    """`hisab projections rebuild` on this database, with the projections its backend keeps."""
    adapters = memory_adapters() if isinstance(database, FakeDatabase) else sql_adapters()
    return await database.rebuild(adapters.projections, verify_only=verify_only)


def invoicing(database: Database[Any], clock: Callable[[], datetime] | None = None) -> Invoicing:
    return services(database, clock).get(Invoicing)


def taxpayer(database: Database[Any], clock: Callable[[], datetime] | None = None) -> Taxpayer:
    return services(database, clock).get(Taxpayer)


def karim_steel(**changes: object) -> ProfileInput:
    """A registered person issuing from its head office, the default issuing unit `HO`."""
    fields: dict[str, object] = {
        "name": "Karim Steel Ltd",
        "bin": "002871821-0101",
        "units": (UnitInput("HO", "Head office", "12 Motijheel C/A, Dhaka 1000"),),
        "officer_name": "Abdul Karim",
        "officer_designation": "Managing Director",
    }
    fields.update(changes)
    return ProfileInput(**fields)  # type: ignore[arg-type]


ISSUED_AT = datetime(2025, 1, 20, 8, 30, tzinfo=UTC)  # 14:30 in Dhaka


def buyer_draft(lines: tuple[LineInput, ...] | None = None) -> InvoiceDraft:
    """The steel-rods invoice (or other lines) with every party field of the form filled in."""
    return steel_rods_draft(
        lines=lines or steel_rods_draft().lines,
        customer_bin="001745707-0402",
        buyer_name="Rahim Builders Ltd",
        buyer_address="House 12, Road 5, Dhanmondi R/A\nDhaka 1205",
        delivery_destination="Plot 7, Block C, Bashundhara R/A, Dhaka 1229",
    )


def invoice_document(
    draft: InvoiceDraft | None = None,
    *,
    issued: bool = True,
    cancelled: bool = False,
    copies: tuple[CopyKind, ...] = (CopyKind.ORIGINAL, CopyKind.SUPPLIER),
    language: Language = Language.EN,
) -> InvoiceDocument:
    """A document as the print use case hands it to a renderer, built without a database."""
    events: list[InvoiceEvent] = list(opening_events("inv-1", draft or buyer_draft()))
    if issued:
        events.append(Invoice.from_events("inv-1", events).approve("HO/2024-25/000001", 1, ISSUED_AT))
    if cancelled:
        events.append(Invoice.from_events("inv-1", events).cancel("goods returned", ISSUED_AT))
    stored = [StoredEvent(f"e{n}", "inv-1", n, n, event, metadata()) for n, event in enumerate(events, start=1)]
    supplier = SupplierProfile.from_events([validate_profile(karim_steel())])
    assert supplier is not None
    return InvoiceDocument(project(stored), supplier, supplier.unit("HO"), copies if issued else (), language)
