"""The batch write path on every backend: many new streams, counters by the block, projections by the batch."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from hisab.bootstrap import sql_adapters
from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.event_store.ports import Database, NewStream, Transaction
from hisab.event_store.projections import apply_batch
from hisab.event_store.streams import appending
from hisab.invoicing.application.commands import CreateInvoice
from hisab.invoicing.application.handlers import create_invoice
from hisab.invoicing.application.ports import InvoiceFilter
from hisab.invoicing.application.views import project
from hisab.invoicing.domain.party import (
    PartyChanged,
    PartyInput,
    PartyKind,
    PartyRegistered,
    register_party,
    validate_party,
)
from hisab.kernel.errors import ConcurrencyError, InvalidInputError
from tests.builders import actor, invoicing, metadata, opening_events, rebuild, steel_rods_draft, three_rate_draft
from tests.fakes import FakeDatabase, memory_adapters


def _streams(*ids: str) -> list[NewStream]:
    return [NewStream(stream_id, opening_events(stream_id, number=n)) for n, stream_id in enumerate(ids, 1)]


class TestBeginStreams:
    async def test_many_new_streams_read_back_equal_in_the_order_given(self, database: Database[Any]) -> None:
        async with database.transaction("tenant-a") as uow:
            begun = await uow.events.begin_streams(_streams("inv-b", "inv-a", "inv-c"), metadata())
            await uow.commit()
        async with database.transaction("tenant-a") as uow:
            read = [await uow.events.read_stream("tenant-a", s) for s in ("inv-b", "inv-a", "inv-c")]
            everything = await uow.events.read_all(0, 100)
        assert read == begun
        assert [[s.version for s in stream] for stream in read] == [[1, 2, 3]] * 3
        assert [s.stream_id for s in everything] == ["inv-b"] * 3 + ["inv-a"] * 3 + ["inv-c"] * 3
        assert [s.position for s in everything] == sorted(s.position for s in everything)

    async def test_a_stream_that_exists_fails_the_whole_batch(self, database: Database[Any]) -> None:
        async with database.transaction("tenant-a") as uow:
            await uow.events.append("inv-1", 0, opening_events("inv-1"), metadata())
            await uow.commit()
        with pytest.raises(ConcurrencyError):
            async with database.transaction("tenant-a") as uow:
                await uow.events.begin_streams(_streams("inv-2", "inv-1"), metadata())
                await uow.commit()
        async with database.transaction("tenant-a") as uow:
            assert await uow.events.read_stream("tenant-a", "inv-2") == []
            assert len(await uow.events.read_stream("tenant-a", "inv-1")) == 3

    async def test_no_streams_write_nothing(self, database: Database[Any]) -> None:
        async with database.transaction("tenant-a") as uow:
            assert await uow.events.begin_streams([], metadata()) == []


class TestReserve:
    async def test_a_block_per_series_follows_the_values_already_taken(self, database: Database[Any]) -> None:
        async with database.transaction("tenant-a") as uow:
            assert await uow.counters.next_value("tenant-a", "x") == 1
            assert await uow.counters.reserve("tenant-a", {"x": 3, "y": 2}) == {"x": 2, "y": 1}
            assert await uow.counters.next_value("tenant-a", "x") == 5
            assert await uow.counters.reserve("tenant-b", {"x": 1}) == {"x": 1}
            assert await uow.counters.reserve("tenant-a", {}) == {}
            await uow.commit()

    async def test_a_rolled_back_block_is_given_back(self, database: Database[Any]) -> None:
        async with database.transaction("tenant-a") as uow:
            await uow.counters.reserve("tenant-a", {"x": 500})
        async with database.transaction("tenant-a") as uow:
            assert await uow.counters.next_value("tenant-a", "x") == 1


class TestStartMany:
    async def test_a_batch_projects_as_one_start_per_stream_would(self, database: Database[Any]) -> None:
        app = invoicing(database)
        single = await create_invoice(CreateInvoice(steel_rods_draft()), actor(), app)
        drafts = [steel_rods_draft(), three_rate_draft(), steel_rods_draft(customer_id="customer-9")]

        async def decide(transaction: Transaction[Any]) -> Sequence[NewStream]:
            first = (await transaction.counters.reserve("tenant-a", {"invoice-number:2025-01-15": 3}))[
                "invoice-number:2025-01-15"
            ]
            return [
                NewStream(f"batch-{n}", opening_events(f"batch-{n}", draft, first + n))
                for n, draft in enumerate(drafts)
            ]

        batch = await app.streams.start_many(actor(), decide)

        assert [r.stream[0].stream_id for r in batch.started] == ["batch-0", "batch-1", "batch-2"]
        for recorded in batch.started:
            assert await app.invoices.get("tenant-a", recorded.stream[0].stream_id) == project(recorded.stream)
        page = await app.invoices.list("tenant-a", InvoiceFilter(), 10, None)
        assert page.total_count == 4
        assert sorted(v.invoice_number for v in page.invoices) == [f"INV-2025-01-15-{n:06d}" for n in range(1, 5)]
        assert single.invoice_number == "INV-2025-01-15-000001"
        assert await rebuild(database, verify_only=True) == []

    async def test_a_batch_of_existing_invoices_replaces_their_lines(self, database: Database[Any]) -> None:
        app = invoicing(database)
        views = [await create_invoice(CreateInvoice(three_rate_draft()), actor(), app) for _ in range(2)]
        streams = [await app.streams.read("tenant-a", view.invoice_id) for view in views]
        adapters = memory_adapters() if isinstance(database, FakeDatabase) else sql_adapters()

        async with database.transaction("tenant-a") as transaction:
            # Not begun here: the lines they add replace the lines the read model holds.
            for projection, updates in adapters.projections.following_each([(s, s[1:]) for s in streams]):
                await apply_batch(projection, transaction.tables, updates)
            await transaction.commit()

        assert [await app.invoices.get("tenant-a", view.invoice_id) for view in views] == views
        assert await rebuild(database, verify_only=True) == []

    async def test_the_stream_changed_alongside_commits_with_the_batch(self, database: Database[Any]) -> None:
        app = invoicing(database)
        await app.streams.start(actor(), lambda: "party-1", appending([_party("party-1", "C-1")]))

        async def rename(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
            return [PartyChanged("party-1", validate_party(PartyInput("C-1", (PartyKind.CUSTOMER,), "Renamed Ltd")))]

        async def decide(transaction: Transaction[Any]) -> Sequence[NewStream]:
            return [NewStream("party-2", [_party("party-2", "C-2")])]

        batch = await app.streams.start_many(actor(), decide, alongside=("party-1", rename))

        assert batch.alongside is not None
        assert [s.version for s in batch.alongside.stream] == [1, 2]
        renamed = await app.parties.get("tenant-a", "party-1")
        assert renamed is not None
        assert renamed.details.legal_name == "Renamed Ltd"
        assert await app.parties.get("tenant-a", "party-2") is not None

    async def test_a_refusal_anywhere_in_the_batch_writes_nothing(self, database: Database[Any]) -> None:
        app = invoicing(database)
        await app.streams.start(actor(), lambda: "party-1", appending([_party("party-1", "C-1")]))

        async def decide(transaction: Transaction[Any]) -> Sequence[NewStream]:
            await transaction.counters.reserve("tenant-a", {"x": 2})
            # The second party's code is taken: the parties' unique index refuses it.
            return [NewStream("party-2", [_party("party-2", "C-2")]), NewStream("party-3", [_party("party-3", "C-1")])]

        with pytest.raises(InvalidInputError):
            await app.streams.start_many(actor(), decide)

        assert await app.parties.get("tenant-a", "party-2") is None
        assert await app.streams.read("tenant-a", "party-2") == []
        async with database.transaction("tenant-a") as uow:
            assert await uow.counters.next_value("tenant-a", "x") == 1


def _party(party_id: str, code: str, name: str = "Karim Steel Ltd") -> DomainEvent:
    details = validate_party(PartyInput(code, (PartyKind.CUSTOMER,), name))
    event: PartyRegistered = register_party(party_id, details)
    return event
