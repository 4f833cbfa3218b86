"""Issue 11, scenario 8: a read-only VAT officer reads everything of its tenant, changes nothing, and
every read it makes is in the tenant admin's audit trail, over real HTTP on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx

from tests.e2e.audit.conftest import Served, broken_trail
from tests.e2e.invoicing.test_documents import PROFILE, SET_PROFILE
from tests.e2e.invoicing.test_items import CREATE as CREATE_ITEM
from tests.e2e.invoicing.test_items import rod
from tests.e2e.invoicing.test_parties import CREATE as CREATE_PARTY
from tests.e2e.invoicing.test_parties import karim_steel
from tests.e2e.operations import APPROVE, CREATE, steel_rods
from tests.e2e.server import Caller, only_error, violated
from tests.pdf_text import pages_text

TRAIL = """query Trail($first: Int, $after: String, $filter: AuditTrailFilter) {
  auditTrail(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id at user roles correlationId channel operation errorCodes
      fields { name alias arguments }
      records { type id }
    } }
  }
}"""
READ_INVOICES = """query Invoices($first: Int, $status: [InvoiceStatus!]) {
  invoices(first: $first, filter: {status: $status}) { totalCount edges { node { invoiceNumber status } } }
}"""
READ_INVOICE = "query One($id: ID!) { invoice(id: $id) { invoiceNumber grandTotal { decimal } lineItems { id } } }"
READ_MASTERS = """query Masters($search: String) {
  customers: parties(first: 5, filter: {search: $search}) { edges { node { id code legalNameBn } } }
  party(id: "no-such-party") { id }
  items { totalCount edges { node { code } } }
}"""


def officer_of(caller: Caller, user: str = "officer-1") -> Caller:
    return Caller(caller.http, caller.tenant_id, user, ("vat_officer",))


def issued_invoice(caller: Caller) -> str:
    invoice_id: str = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]["id"]
    caller.checker().data(APPROVE, {"id": invoice_id})
    return invoice_id


def trail(admin: Caller, **variables: Any) -> dict[str, Any]:
    found: dict[str, Any] = admin.data(TRAIL, variables)["auditTrail"]
    return found


def nodes(page: dict[str, Any]) -> list[dict[str, Any]]:
    return [edge["node"] for edge in page["edges"]]


def pdf(caller: Caller, invoice_id: str, lang: str = "en") -> httpx.Response:
    path = f"/invoices/{invoice_id}/mushak-6.3.pdf?lang={lang}"
    return caller.http.get(path, headers={"Authorization": f"Bearer {caller.token}", "X-Request-ID": "officer-pdf"})


def test_the_officer_reads_everything_and_the_admin_sees_each_read_newest_first(caller: Caller) -> None:
    caller.data(SET_PROFILE, {"input": PROFILE})
    party = caller.data(CREATE_PARTY, {"input": karim_steel()})["createParty"]
    item = caller.data(CREATE_ITEM, {"input": rod()})["createItem"]
    invoice_id = issued_invoice(caller)
    officer = officer_of(caller)

    listed = officer.data(READ_INVOICES, {"first": 5, "status": ["APPROVED"]}, {"X-Request-ID": "officer-list"})
    one = officer.data(READ_INVOICE, {"id": invoice_id}, {"X-Request-ID": "officer-one"})
    masters = officer.graphql(READ_MASTERS, {"search": "করিম"}, {"X-Request-ID": "officer-masters"})
    document = pdf(officer, invoice_id)
    officer.data("{ __typename }")

    assert listed["invoices"]["totalCount"] == 1
    assert one["invoice"]["grandTotal"] == {"decimal": "575000.00"}
    assert masters["data"]["customers"]["edges"][0]["node"]["id"] == party["id"]
    assert masters["data"]["items"]["totalCount"] == 1
    only_error(masters, "NOT_FOUND")
    assert document.status_code == 200
    kept = nodes(trail(caller))
    assert [(n["user"], n["roles"], n["correlationId"], n["channel"]) for n in kept] == [
        ("officer-1", ["vat_officer"], "officer-pdf", "HTTP"),
        ("officer-1", ["vat_officer"], "officer-masters", "GRAPHQL"),
        ("officer-1", ["vat_officer"], "officer-one", "GRAPHQL"),
        ("officer-1", ["vat_officer"], "officer-list", "GRAPHQL"),
    ]
    http_read, masters_read, one_read, list_read = kept
    assert list_read["operation"] == "Invoices"
    assert list_read["fields"] == [
        {"name": "invoices", "alias": None, "arguments": {"first": 5, "filter": {"status": ["APPROVED"]}}}
    ]
    assert list_read["records"] == [{"type": "Invoice", "id": invoice_id}]
    assert (one_read["records"], one_read["errorCodes"]) == ([{"type": "Invoice", "id": invoice_id}], [])
    assert masters_read["fields"] == [
        {"name": "parties", "alias": "customers", "arguments": {"first": 5, "filter": {"search": "করিম"}}},
        {"name": "party", "alias": None, "arguments": {"id": "no-such-party"}},
        {"name": "items", "alias": None, "arguments": {}},
    ]
    assert masters_read["records"] == [{"type": "Item", "id": item["id"]}, {"type": "Party", "id": party["id"]}]
    assert masters_read["errorCodes"] == ["NOT_FOUND"]
    assert http_read["operation"] == f"GET /invoices/{invoice_id}/mushak-6.3.pdf?lang=en"
    assert http_read["fields"] == [
        {"name": "/invoices/{invoice_id}/mushak-6.3.pdf", "alias": None,
         "arguments": {"invoice_id": invoice_id, "lang": "en"}}
    ]  # fmt: skip
    assert http_read["records"] == [{"type": "Invoice", "id": invoice_id}]


def test_the_trail_pages_and_filters_by_user_and_time(caller: Caller) -> None:
    first, second = officer_of(caller, "officer-1"), officer_of(caller, "officer-2")
    for officer in (first, second, first):
        officer.data(READ_INVOICES, {"first": 1})
    everything = nodes(trail(caller))

    by_user = trail(caller, filter={"user": "officer-1"})
    page = trail(caller, first=2)
    rest = trail(caller, first=2, after=page["pageInfo"]["endCursor"])
    newest = datetime.fromisoformat(everything[0]["at"])
    at_newest = trail(caller, filter={"from": everything[0]["at"], "to": everything[0]["at"]})
    before = trail(caller, filter={"to": (newest - timedelta(microseconds=1)).isoformat()})

    assert [n["user"] for n in everything] == ["officer-1", "officer-2", "officer-1"]
    assert (by_user["totalCount"], {n["user"] for n in nodes(by_user)}) == (2, {"officer-1"})
    assert nodes(page) + nodes(rest) == everything
    assert (page["pageInfo"]["hasNextPage"], rest["pageInfo"]["hasNextPage"], page["totalCount"]) == (True, False, 3)
    assert nodes(at_newest) == everything[:1]
    assert nodes(before) == everything[1:]


def test_a_bad_filter_names_its_field_and_rule(caller: Caller) -> None:
    backwards = {"from": "2026-12-02T10:00:00+06:00", "to": "2026-12-02T09:59:59+06:00"}

    assert violated(caller.graphql(TRAIL, {"filter": backwards})) == {("filter.to", "not_before_from")}
    assert violated(caller.graphql(TRAIL, {"filter": {"user": " "}})) == {("filter.user", "required")}
    assert violated(caller.graphql(TRAIL, {"after": "bm90LWEtY3Vyc29y"})) == {("after", "cursor")}
    assert violated(caller.graphql(TRAIL, {"first": -1})) == {("first", "non_negative")}
    naive = only_error(caller.graphql(TRAIL, {"filter": {"from": "2026-12-02T10:00:00"}}), "BAD_USER_INPUT")
    assert "with its UTC offset" in naive["message"]


def test_only_a_tenant_admin_reads_the_trail_and_the_officers_attempt_is_kept(caller: Caller) -> None:
    officer = officer_of(caller)

    refused = only_error(officer.graphql(TRAIL), "FORBIDDEN")

    assert refused["extensions"]["permission"] == "tenant:admin"
    [attempt] = nodes(trail(caller))
    assert (attempt["fields"][0]["name"], attempt["records"], attempt["errorCodes"]) == (
        "auditTrail",
        [],
        ["FORBIDDEN"],
    )


def test_a_clerks_reads_are_not_kept_and_another_tenants_admin_sees_none(caller: Caller) -> None:
    invoice_id = issued_invoice(caller)
    officer_of(caller).data(READ_INVOICE, {"id": invoice_id})
    clerk = Caller(caller.http, caller.tenant_id, "clerk-1", ("clerk",))
    stranger = Caller(caller.http, caller.tenant_id + "-other")

    clerk.data(READ_INVOICE, {"id": invoice_id})
    clerk.data(READ_INVOICES)

    assert [n["user"] for n in nodes(trail(caller))] == ["officer-1"]
    assert trail(stranger) == {"totalCount": 0, "pageInfo": {"hasNextPage": False, "endCursor": None}, "edges": []}


def test_the_officers_pdf_is_an_inspection_copy_that_leaves_the_original_to_the_first_print(caller: Caller) -> None:
    caller.data(SET_PROFILE, {"input": PROFILE})
    invoice_id = issued_invoice(caller)
    print_count = "query($id: ID!) { invoice(id: $id) { printCount } }"

    inspected = pdf(officer_of(caller), invoice_id)
    printed = pdf(caller, invoice_id)

    (inspection,) = pages_text(inspected.content)
    assert "inspection copy – not a tax invoice" in inspection.lower()
    assert "Challan No. HO/" in inspection
    assert "ORIGINAL / " not in inspection
    assert "DUPLICATE / " not in inspection
    original, _supplier = pages_text(printed.content)
    assert "ORIGINAL / " in original
    assert caller.data(print_count, {"id": invoice_id})["invoice"]["printCount"] == 1


def test_a_read_the_trail_cannot_keep_is_refused_and_returns_nothing(caller: Caller, served: Served) -> None:
    invoice_id = issued_invoice(caller)
    officer = officer_of(caller)
    with broken_trail(served):
        refused = officer.graphql(READ_INVOICE, {"id": invoice_id})
        document = pdf(officer, invoice_id)

    assert refused["data"] is None
    error = only_error(refused, "UNAVAILABLE")
    assert error["message"] == "the read could not be recorded in the audit trail, so it is refused; try again shortly"
    assert document.status_code == 503
    assert document.headers["content-type"] == "application/json"
    only_error(document.json(), "UNAVAILABLE")
    assert nodes(trail(caller)) == []
    assert officer.data(READ_INVOICE, {"id": invoice_id})["invoice"]["grandTotal"] == {"decimal": "575000.00"}


def test_an_invoice_a_gateway_resolves_for_the_officer_is_kept_too(caller: Caller) -> None:
    invoice_id = issued_invoice(caller)
    entities = """query Entities($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Invoice { invoiceNumber } }
    }"""
    representations = [{"__typename": "Invoice", "id": invoice_id}, {"__typename": "Invoice", "id": "nobody"}]

    found = officer_of(caller).data(entities, {"representations": representations})["_entities"]

    assert found[1] is None
    [kept] = nodes(trail(caller))
    assert kept["fields"] == [{"name": "_entities", "alias": None, "arguments": {"representations": representations}}]
    assert kept["records"] == [{"type": "Invoice", "id": invoice_id}]


def test_a_head_request_for_a_document_is_kept_like_its_get(caller: Caller) -> None:
    invoice_id = issued_invoice(caller)
    officer = officer_of(caller)

    response = officer.http.head(
        f"/invoices/{invoice_id}/mushak-6.3.html", headers={"Authorization": f"Bearer {officer.token}"}
    )

    assert response.status_code == 200
    [kept] = nodes(trail(caller))
    assert kept["operation"] == f"HEAD /invoices/{invoice_id}/mushak-6.3.html"
    assert kept["records"] == [{"type": "Invoice", "id": invoice_id}]
