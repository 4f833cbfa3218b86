"""One contract for every storage backend: the fake, SQLite and PostgreSQL (`database` runs each).

The event store's ports first, then the read models as the registered projections keep them.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import fields, replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from hisab.bootstrap import sql_adapters
from hisab.event_store.messages import StoredEvent
from hisab.event_store.ports import Database, IdempotencyRecord
from hisab.invoicing.application.commands import ApproveInvoice, CancelInvoice, CreateInvoice, PrintInvoice
from hisab.invoicing.application.documents import print_invoice
from hisab.invoicing.application.handlers import approve_invoice, cancel_invoice, create_invoice
from hisab.invoicing.application.ports import InvoiceFilter
from hisab.invoicing.domain.draft import LineInput
from hisab.invoicing.domain.events import InvoiceCreated, LineItemAdded
from hisab.invoicing.domain.invoice import InvoiceStatus
from hisab.kernel.errors import ConcurrencyError, IdempotencyKeyTakenError
from hisab.kernel.language import Language
from hisab.taxpayer.application.commands import SetSupplierProfile
from hisab.taxpayer.application.profiles import get_supplier_profile, set_supplier_profile
from hisab.taxpayer.domain.events import SupplierProfileSet
from hisab.taxpayer.domain.supplier import profile_stream_id
from tests.builders import (
    actor,
    checker,
    invoicing,
    karim_steel,
    metadata,
    opening_events,
    rebuild,
    steel_rods_draft,
    taxpayer,
    three_rate_draft,
)
from tests.fakes import FakeDatabase, FakeDocumentRenderer, memory_adapters


class TestEventStoreContract:
    async def test_appended_events_read_back_equal_and_in_version_order(self, database: Database[Any]) -> None:
        events = opening_events("inv-1")
        async with database.transaction("tenant-a") as uow:
            appended = await uow.events.append("inv-1", 0, events, metadata())
            await uow.commit()
        async with database.transaction("tenant-a") as uow:
            read = await uow.events.read_stream("tenant-a", "inv-1")
        assert [s.event for s in read] == events
        assert [s.version for s in read] == list(range(1, len(events) + 1))
        assert read == appended
        assert [s.position for s in read] == sorted(s.position for s in read)

    async def test_decimals_survive_the_store_exactly(self, database: Database[Any]) -> None:
        draft = steel_rods_draft(lines=(LineInput("Cement", Decimal("0.1"), Decimal("0.10")),))
        async with database.transaction("tenant-a") as uow:
            await uow.events.append("inv-1", 0, opening_events("inv-1", draft), metadata())
            await uow.commit()
            read = await uow.events.read_stream("tenant-a", "inv-1")
        line = read[1].event
        assert isinstance(line, LineItemAdded)
        assert str(line.quantity) == "0.1"

    async def test_appending_at_a_stale_version_conflicts_and_writes_nothing(self, database: Database[Any]) -> None:
        async with database.transaction("tenant-a") as uow:
            await uow.events.append("inv-1", 0, opening_events("inv-1"), metadata())
            await uow.commit()
        for expected in (0, 1, 99):
            with pytest.raises(ConcurrencyError):
                async with database.transaction("tenant-a") as uow:
                    await uow.events.append("inv-1", expected, opening_events("inv-1")[:1], metadata())
                    await uow.commit()
        async with database.transaction("tenant-a") as uow:
            assert len(await uow.events.read_stream("tenant-a", "inv-1")) == 3

    async def test_an_uncommitted_transaction_leaves_nothing_behind(self, database: Database[Any]) -> None:
        async with database.transaction("tenant-a") as uow:
            await uow.events.append("inv-1", 0, opening_events("inv-1"), metadata())
            assert await uow.counters.next_value("tenant-a", "series") == 1
        async with database.transaction("tenant-a") as uow:
            assert await uow.events.read_stream("tenant-a", "inv-1") == []
            assert await uow.counters.next_value("tenant-a", "series") == 1

    async def test_a_stream_is_invisible_to_another_tenant(self, database: Database[Any]) -> None:
        async with database.transaction("tenant-a") as uow:
            await uow.events.append("inv-1", 0, opening_events("inv-1"), metadata("tenant-a"))
            await uow.commit()
        async with database.transaction("tenant-b") as uow:
            assert await uow.events.read_stream("tenant-b", "inv-1") == []

    async def test_all_events_read_in_global_order_and_by_stream(self, database: Database[Any]) -> None:
        async with database.transaction("tenant-a") as uow:
            await uow.events.append("b-stream", 0, opening_events("b-stream"), metadata())
            await uow.events.append("a-stream", 0, opening_events("a-stream"), metadata("tenant-b"))
            await uow.commit()
        async with database.transaction("tenant-a") as uow:
            everything = await uow.events.read_all(0, 100)
            assert [s.stream_id for s in everything] == ["b-stream"] * 3 + ["a-stream"] * 3
            tail = await uow.events.read_all(everything[1].position, 2)
            assert tail == everything[2:4]
            by_stream = await uow.events.read_by_stream(None, 100)
            assert [(s.stream_id, s.version) for s in by_stream] == sorted((s.stream_id, s.version) for s in everything)
            assert await uow.events.read_by_stream(("a-stream", 2), 2) == by_stream[2:4]

    async def test_counters_are_gapless_per_tenant_and_series(self, database: Database[Any]) -> None:
        async with database.transaction("tenant-a") as uow:
            values = [await uow.counters.next_value("tenant-a", "x") for _ in range(3)]
            other = await uow.counters.next_value("tenant-a", "y")
            foreign = await uow.counters.next_value("tenant-b", "x")
            await uow.commit()
        assert (values, other, foreign) == ([1, 2, 3], 1, 1)

    async def test_a_held_stream_keeps_the_next_holder_waiting_until_the_first_commits(
        self, database: Database[Any]
    ) -> None:
        async with database.transaction("tenant-a") as uow:
            await uow.events.append("inv-held", 0, opening_events("inv-held"), metadata())
            await uow.commit()
        order: list[str] = []

        async def append_after(holding: asyncio.Event | None, name: str) -> None:
            async with database.transaction("tenant-a") as uow:
                await uow.events.hold("tenant-a", "inv-held")
                order.append(f"{name} holds")
                version = len(await uow.events.read_stream("tenant-a", "inv-held"))
                if holding is not None:
                    holding.set()
                    await asyncio.sleep(0.2)
                await uow.events.append("inv-held", version, [LineItemAdded(**_line_fields(name))], metadata())
                order.append(f"{name} appends")
                await uow.commit()

        first_holds = asyncio.Event()
        first = asyncio.create_task(append_after(first_holds, "first"))
        await first_holds.wait()
        # Holding first, reading the version second: the second read sees the first's append, so it never conflicts.
        await asyncio.gather(first, append_after(None, "second"))

        assert order == ["first holds", "first appends", "second holds", "second appends"]

    async def test_an_idempotency_key_is_recorded_once_per_tenant(self, database: Database[Any]) -> None:
        record = IdempotencyRecord("hash-1", "inv-1")
        async with database.transaction("tenant-a") as uow:
            assert await uow.idempotency.find("tenant-a", "key-1") is None
            await uow.idempotency.save("tenant-a", "key-1", record)
            await uow.idempotency.save("tenant-b", "key-1", IdempotencyRecord("hash-2", "inv-2"))
            await uow.commit()
        async with database.transaction("tenant-a") as uow:
            assert await uow.idempotency.find("tenant-a", "key-1") == record
        with pytest.raises(IdempotencyKeyTakenError):
            async with database.transaction("tenant-a") as uow:
                await uow.idempotency.save("tenant-a", "key-1", record)


class TestReadModelContract:
    """The read models as the registered projections keep them, and the queries that read them."""

    async def test_a_projected_invoice_reads_back_equal_with_its_lines(self, database: Database[Any]) -> None:
        app = invoicing(database)
        view = await create_invoice(CreateInvoice(steel_rods_draft()), actor(), app)

        assert await app.invoices.get("tenant-a", view.invoice_id) == view
        assert await app.invoices.get("tenant-b", view.invoice_id) is None
        assert len(view.lines) == 1

    async def test_many_invoices_read_back_by_id_with_their_lines_and_only_the_tenants(
        self, database: Database[Any]
    ) -> None:
        app = invoicing(database)
        one = await create_invoice(CreateInvoice(steel_rods_draft()), actor(), app)
        two = await create_invoice(CreateInvoice(three_rate_draft()), actor(), app)
        other = await create_invoice(CreateInvoice(steel_rods_draft()), actor("tenant-b"), app)

        found = await app.invoices.get_many("tenant-a", [one.invoice_id, two.invoice_id, other.invoice_id, "none"])

        assert found == {one.invoice_id: one, two.invoice_id: two}
        assert await app.invoices.get_many("tenant-a", []) == {}

    async def test_reprojecting_an_invoice_replaces_its_old_lines(self, database: Database[Any]) -> None:
        app = invoicing(database)
        view = await create_invoice(CreateInvoice(three_rate_draft()), actor(), app)
        history = await app.streams.read("tenant-a", view.invoice_id)

        await _project(database, history[:2])  # the invoice and its first line only
        fewer = await app.invoices.get("tenant-a", view.invoice_id)
        assert fewer is not None
        assert len(fewer.lines) == 1
        await _project(database, history)

        assert await app.invoices.get("tenant-a", view.invoice_id) == view

    async def test_lists_are_newest_first_filtered_and_paged_by_cursor(self, database: Database[Any]) -> None:
        app = invoicing(database)
        ids = []
        for n in range(5):
            draft = steel_rods_draft(
                customer_id=f"customer-{n % 2}", invoice_date=date(2025, 6 + n % 2, 30), due_date=date(2025, 8, 31)
            )
            ids.append((await create_invoice(CreateInvoice(draft), actor(), app)).invoice_id)
        await approve_invoice(ApproveInvoice(ids[0]), checker(), app)
        await create_invoice(CreateInvoice(steel_rods_draft()), actor("tenant-b"), app)

        first = await app.invoices.list("tenant-a", InvoiceFilter(), 2, None)
        assert [v.invoice_id for v in first.invoices] == ids[::-1][:2]
        assert (first.has_next_page, first.total_count) == (True, 5)
        assert all(v.lines for v in first.invoices)
        rest = await app.invoices.list("tenant-a", InvoiceFilter(), 10, first.invoices[-1].sequence)
        assert [v.invoice_id for v in rest.invoices] == ids[::-1][2:]
        assert not rest.has_next_page

        async def matching(where: InvoiceFilter) -> set[str]:
            return {v.invoice_id for v in (await app.invoices.list("tenant-a", where, 100, None)).invoices}

        assert await matching(InvoiceFilter(statuses=(InvoiceStatus.APPROVED,))) == {ids[0]}
        assert await matching(InvoiceFilter(customer_id="customer-1")) == {ids[1], ids[3]}
        by_customer = await app.invoices.list("tenant-a", InvoiceFilter(customer_id="customer-1"), 1, None)
        assert by_customer.total_count == 2
        assert await matching(InvoiceFilter(vendor_id="nobody")) == set()
        assert await matching(InvoiceFilter(fiscal_year=2025)) == {ids[1], ids[3]}
        assert await matching(InvoiceFilter(invoice_date_from=date(2025, 7, 1))) == {ids[1], ids[3]}
        assert await matching(InvoiceFilter(invoice_date_to=date(2025, 6, 30))) == {ids[0], ids[2], ids[4]}

    async def test_commands_keep_the_read_model_equal_to_a_rebuild(self, database: Database[Any]) -> None:
        app = invoicing(database)
        created = [await create_invoice(CreateInvoice(steel_rods_draft()), actor(), app) for _ in range(3)]
        await approve_invoice(ApproveInvoice(created[0].invoice_id), checker(), app)
        await cancel_invoice(CancelInvoice(created[0].invoice_id, "wrong customer"), actor(), app)
        await cancel_invoice(CancelInvoice(created[1].invoice_id, "duplicate"), actor(), app)
        assert await rebuild(database, verify_only=True) == []
        assert await rebuild(database, verify_only=False) == []
        assert await rebuild(database, verify_only=True) == []

    async def test_verify_finds_a_tampered_read_model_and_rebuild_repairs_it(self, database: Database[Any]) -> None:
        app = invoicing(database)
        view = await create_invoice(CreateInvoice(steel_rods_draft()), actor(), app)
        history = await app.streams.read("tenant-a", view.invoice_id)
        await _project(database, _with_customer(history, "someone-else"))
        assert await rebuild(database, verify_only=True) != []
        tampered = await app.invoices.get("tenant-a", view.invoice_id)
        assert tampered is not None
        assert tampered.customer_id == "someone-else"
        await rebuild(database, verify_only=False)
        assert await rebuild(database, verify_only=True) == []
        assert await app.invoices.get("tenant-a", view.invoice_id) == view

    async def test_a_supplier_profile_is_per_tenant_and_the_latest_one_is_kept(self, database: Database[Any]) -> None:
        app = taxpayer(database)
        await set_supplier_profile(SetSupplierProfile(karim_steel()), actor(), app)
        second = await set_supplier_profile(SetSupplierProfile(karim_steel(name="Karim Steel PLC")), actor(), app)

        assert await get_supplier_profile(actor(), app) == second
        assert second.profile.name == "Karim Steel PLC"
        assert (second.version, second.updated_by) == (2, "user-1")
        assert await get_supplier_profile(actor("tenant-b"), app) is None

    async def test_buyer_fields_and_prints_reach_the_read_model(self, database: Database[Any]) -> None:
        app = invoicing(database)
        draft = steel_rods_draft(buyer_name="Rahim Traders", buyer_address="Dhanmondi", delivery_destination="Site 4")
        view = await create_invoice(CreateInvoice(draft), actor(), app)
        await approve_invoice(ApproveInvoice(view.invoice_id), checker(), app)
        await set_supplier_profile(SetSupplierProfile(karim_steel()), actor(), app.taxpayer)
        for _ in range(2):
            await print_invoice(PrintInvoice(view.invoice_id, Language.BN), actor(), app, FakeDocumentRenderer())

        stored = await app.invoices.get("tenant-a", view.invoice_id)

        assert stored is not None
        assert (stored.buyer_name, stored.buyer_address, stored.delivery_destination) == (
            "Rahim Traders",
            "Dhanmondi",
            "Site 4",
        )
        assert (stored.print_count, stored.version) == (2, 6)

    async def test_a_rebuild_replays_profiles_buyers_and_prints_and_repairs_a_profile(
        self, database: Database[Any]
    ) -> None:
        app = invoicing(database)
        view = await create_invoice(CreateInvoice(steel_rods_draft(buyer_name="Rahim Traders")), actor(), app)
        await approve_invoice(ApproveInvoice(view.invoice_id), checker(), app)
        profile = await set_supplier_profile(SetSupplierProfile(karim_steel()), actor(), app.taxpayer)
        await print_invoice(PrintInvoice(view.invoice_id, Language.EN), actor(), app, FakeDocumentRenderer())
        assert await rebuild(database, verify_only=True) == []

        profile_stream = await app.streams.read("tenant-a", profile_stream_id("tenant-a"))
        await _project(database, [_renamed(stored, "Someone Else") for stored in profile_stream])
        assert await rebuild(database, verify_only=True) != []
        await rebuild(database, verify_only=False)

        assert await rebuild(database, verify_only=True) == []
        assert await app.taxpayer.profiles.get("tenant-a") == profile

    async def test_of_concurrent_first_prints_exactly_one_is_the_original(self, database: Database[Any]) -> None:
        app = invoicing(database)
        view = await create_invoice(CreateInvoice(steel_rods_draft()), actor(), app)
        await approve_invoice(ApproveInvoice(view.invoice_id), checker(), app)
        await set_supplier_profile(SetSupplierProfile(karim_steel()), actor(), app.taxpayer)
        command = PrintInvoice(view.invoice_id, Language.EN)

        printed = await asyncio.gather(
            *(print_invoice(command, actor(), app, FakeDocumentRenderer()) for _ in range(4))
        )

        assert sorted(printed) == [b"DUPLICATE"] * 3 + [b"ORIGINAL,SUPPLIER"]

    async def test_concurrent_creates_get_distinct_invoice_numbers(self, database: Database[Any]) -> None:
        app = invoicing(database)
        creates = (create_invoice(CreateInvoice(steel_rods_draft()), actor(), app) for _ in range(10))
        views = await asyncio.gather(*creates)
        numbers = sorted(v.invoice_number for v in views)
        assert numbers == [f"INV-2025-01-15-{n:06d}" for n in range(1, 11)]


async def _project(database: Database[Any], stream: list[StoredEvent]) -> None:
    """Write a read model from events the store does not hold: a tampered or broken row."""
    adapters = memory_adapters() if isinstance(database, FakeDatabase) else sql_adapters()
    async with database.transaction("tenant-a") as transaction:
        await adapters.projections.apply(transaction.tables, stream, stream)
        await transaction.commit()


def _with_customer(stream: list[StoredEvent], customer_id: str) -> list[StoredEvent]:
    return [
        replace(s, event=replace(s.event, customer_id=customer_id)) if isinstance(s.event, InvoiceCreated) else s
        for s in stream
    ]


def _renamed(stored: StoredEvent, name: str) -> StoredEvent:
    assert isinstance(stored.event, SupplierProfileSet)
    return replace(stored, event=replace(stored.event, name=name))


def test_invoice_ids_in_the_contract_are_unique() -> None:
    assert len({uuid.uuid4() for _ in range(3)}) == 3


def _line_fields(name: str) -> dict[str, Any]:
    line = next(e for e in opening_events("inv-held") if isinstance(e, LineItemAdded))
    return {**{f.name: getattr(line, f.name) for f in fields(line)}, "line_id": f"inv-held:{name}"}
