"""What the registers' end-to-end tests share: the queries, a quarter of documents, and the downloads."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from hisab.bootstrap import projections
from hisab.event_store.messages import Actor, DomainEvent
from hisab.event_store.streams import Streams
from tests.databases import open_database
from tests.e2e.operations import APPROVE, CREATE, line, steel_rods
from tests.e2e.server import Caller
from tests.vat_builders import record

ROW = """serial date documentType counterpartyName counterpartyAddress counterpartyBIN counterpartyNID documentNumber
  documentDate issuedAt description code quantity unit value { decimal } supplementaryDuty { decimal }
  vat { decimal } creditableVat { decimal } missingBuyerId remarks bn: remarks(lang: BN)
  remarkList { kind reference text }"""
REGISTER = """query Register($from: Date!, $to: Date!, $first: Int, $after: String) {
  %s(from: $from, to: $to, first: $first, after: $after) {
    from to totalCount pageInfo { hasNextPage endCursor }
    totals { value { decimal } supplementaryDuty { decimal } vat { decimal } creditableVat { decimal } }
    edges { cursor node { %s } }
  }
}"""
PURCHASES = REGISTER % ("purchaseRegister", ROW)
SALES = REGISTER % ("salesRegister", ROW)
CREATE_PARTY = "mutation($input: CreatePartyInput!) { createParty(input: $input) { id } }"
ISSUE_CREDIT = "mutation($input: IssueCreditNoteInput!) { issueCreditNote(input: $input) { id number } }"
NID = "19901234567890123"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def issue(caller: Caller, **changes: Any) -> dict[str, Any]:
    created = caller.data(CREATE, {"input": steel_rods(**changes)})["createInvoice"]
    approved: dict[str, Any] = caller.checker().data(APPROVE, {"id": created["id"]})["approveInvoice"]
    return approved


def sales_quarter(caller: Caller) -> dict[str, dict[str, Any]]:
    """An invoice to a registered buyer, one to an unregistered buyer whose NID the party master has, one to a
    buyer with neither, and a credit note of 50,000.00 (and its VAT) on the first."""
    karim = {"code": "KARIM", "kind": ["CUSTOMER"], "legalName": "Karim Uddin", "nid": NID, "address": "Mirpur 10"}
    party = caller.data(CREATE_PARTY, {"input": karim})["createParty"]
    registered = issue(caller, customerBIN="001745707-0402", buyerName="Rahim Builders Ltd",
                       buyerAddress="Dhanmondi, Dhaka",
                       lineItems=[line(hsCode="7214.20.00"), line(description="Site supervision", quantity=1,
                                                                 unitPrice=200000, vatCategory="REDUCED")])  # fmt: skip
    walk_in = issue(caller, customerId="KARIM", customerPartyId=party["id"], buyerName="Karim Uddin")
    nameless = issue(caller)
    given = {"invoiceId": registered["id"], "reason": "PRICE_REDUCTION",
             "lines": [{"invoiceLineId": registered["lineItems"][0]["id"], "amount": 50000}]}  # fmt: skip
    credit = caller.data(ISSUE_CREDIT, {"input": given})["issueCreditNote"]
    return {"registered": registered, "walk_in": walk_in, "nameless": nameless, "credit": credit}


def record_events(database_url: str, tenant_id: str, streams: dict[str, list[DomainEvent]]) -> None:
    """Append each stream's events beside the server, through the write path, so the projections run."""

    async def write() -> None:
        async with open_database(database_url) as database:
            writer = Streams(database, projections(), lambda: datetime.now(UTC))
            who = Actor(tenant_id, "user-1", "e2e-purchases")
            for stream_id, events in streams.items():
                await record(writer, who, stream_id, *events)

    asyncio.run(write())


def rows(register: dict[str, Any]) -> list[dict[str, Any]]:
    return [edge["node"] for edge in register["edges"]]
