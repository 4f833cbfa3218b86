"""`Invoice.customer` on a page of invoices asks the party read model once, not once per invoice."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ariadne import graphql

from hisab.api.graphql.schema import build_schema
from hisab.edge.context import Principal, RequestContext
from hisab.edge.permissions import ALL_PERMISSIONS
from hisab.invoicing.application.commands import CreateInvoice
from hisab.invoicing.application.handlers import create_invoice
from hisab.invoicing.application.parties import PartyView, create_party
from hisab.invoicing.application.ports import PartyFilter, PartyPage, PartyQueries
from hisab.kernel.services import Services
from tests.builders import actor, invoicing, steel_rods_draft
from tests.contract.test_party_contract import acme
from tests.fakes import FakeDatabase

PAGE = "{ invoices(first: 100) { edges { node { customer { code } } } } }"


@dataclass
class CountingParties:
    inner: PartyQueries
    batches: list[list[str]] = field(default_factory=list)

    async def get(self, tenant_id: str, party_id: str) -> PartyView | None:
        raise AssertionError("Invoice.customer reads parties in batches")

    async def get_many(self, tenant_id: str, party_ids: Sequence[str]) -> dict[str, PartyView]:
        self.batches.append(list(party_ids))
        return await self.inner.get_many(tenant_id, party_ids)

    async def list(self, tenant_id: str, filter: PartyFilter, first: int, after_sequence: int | None) -> PartyPage:
        return await self.inner.list(tenant_id, filter, first, after_sequence)


async def test_a_page_of_100_invoices_reads_its_parties_in_one_query() -> None:
    app = invoicing(FakeDatabase())
    parties = [await create_party(acme(f"C-{n:02d}"), actor(), app) for n in range(10)]
    for n in range(100):
        draft = steel_rods_draft(customer_party_id=parties[n % 10].party_id)
        await create_invoice(CreateInvoice(draft), actor(), app)
    counting = CountingParties(app.parties)
    context = RequestContext(
        Principal("tenant-a", "user-1", ALL_PERMISSIONS), Services(replace(app, parties=counting)), "correlation-1"
    )

    ok, result = await graphql(build_schema(federation=False), {"query": PAGE}, context_value=context)

    assert ok, result
    codes = [edge["node"]["customer"]["code"] for edge in result["data"]["invoices"]["edges"]]
    assert len(codes) == 100
    assert codes[:3] == ["C-09", "C-08", "C-07"]
    assert len(counting.batches) == 1
    assert sorted(counting.batches[0]) == sorted(p.party_id for p in parties)


async def test_invoices_without_a_registered_customer_ask_nothing() -> None:
    app = invoicing(FakeDatabase())
    await create_invoice(CreateInvoice(steel_rods_draft()), actor(), app)
    counting = CountingParties(app.parties)
    context = RequestContext(
        Principal("tenant-a", "user-1", ALL_PERMISSIONS), Services(replace(app, parties=counting)), "correlation-1"
    )

    ok, result = await graphql(build_schema(federation=False), {"query": PAGE}, context_value=context)

    assert ok, result
    assert result["data"]["invoices"]["edges"] == [{"node": {"customer": None}}]
    assert counting.batches == []
