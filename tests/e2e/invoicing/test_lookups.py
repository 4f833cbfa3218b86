"""Finding invoices by number, serial, amount, customer and text over real HTTP: issue 11, scenario 5."""

from __future__ import annotations

from typing import Any

from tests.e2e.invoicing.test_parties import CREATE as CREATE_PARTY
from tests.e2e.invoicing.test_parties import karim_steel
from tests.e2e.operations import APPROVE, CREATE, line, steel_rods
from tests.e2e.server import Caller, only_error, violated

BY_NUMBER = "query($number: String!) { invoiceByNumber(number: $number) { id invoiceNumber mushakNumber } }"
LIST = """query($first: Int, $after: String, $filter: InvoiceFilter) {
  invoices(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { invoiceNumber } } } }"""


def _create(caller: Caller, price: int, **changes: Any) -> dict[str, Any]:
    invoice = steel_rods(lineItems=[line(quantity=1, unitPrice=price, vatCategory="EXEMPT")], **changes)
    created: dict[str, Any] = caller.data(CREATE, {"input": invoice})["createInvoice"]
    return created


def _numbers(caller: Caller, first: int = 100, after: str | None = None, **filter: Any) -> list[str]:
    found = caller.data(LIST, {"first": first, "after": after, "filter": filter})["invoices"]
    return [edge["node"]["invoiceNumber"] for edge in found["edges"]]


def test_an_invoice_is_found_by_its_number_or_its_mushak_serial(caller: Caller) -> None:
    invoice = _create(caller, 100)
    issued = caller.checker().data(APPROVE, {"id": invoice["id"]})["approveInvoice"]

    by_number = caller.data(BY_NUMBER, {"number": invoice["invoiceNumber"]})["invoiceByNumber"]
    by_serial = caller.data(BY_NUMBER, {"number": f"  {issued['mushakNumber']} "})["invoiceByNumber"]

    assert by_number["id"] == by_serial["id"] == invoice["id"]
    assert by_serial["mushakNumber"] == issued["mushakNumber"]


def test_an_unknown_number_is_not_found_and_another_tenants_neither(caller: Caller, http: Any) -> None:
    invoice = _create(caller, 100)
    stranger = Caller(http, "tenant-stranger-lookups")

    for who, number in ((caller, "INV-1999-01-01-000001"), (caller, "x" * 500), (stranger, invoice["invoiceNumber"])):
        only_error(who.graphql(BY_NUMBER, {"number": number}), "NOT_FOUND")


def test_totals_bound_the_list_inclusively_to_the_paisa(caller: Caller) -> None:
    small, exact, above = _create(caller, 99999), _create(caller, 100000), _create(caller, 100001)

    assert _numbers(caller, minTotal=100000) == [above["invoiceNumber"], exact["invoiceNumber"]]
    assert _numbers(caller, maxTotal=100000) == [exact["invoiceNumber"], small["invoiceNumber"]]
    assert _numbers(caller, minTotal=100000, maxTotal=100000) == [exact["invoiceNumber"]]
    assert _numbers(caller, minTotal=100000.01, maxTotal=100000.99) == []


def test_a_bad_total_bound_names_its_field(caller: Caller) -> None:
    body = caller.graphql(LIST, {"filter": {"minTotal": 10, "maxTotal": 5}})
    negative = caller.graphql(LIST, {"filter": {"minTotal": -1, "maxTotal": 0.001}})

    assert violated(body) == {("filter.maxTotal", "min_above_max")}
    assert violated(negative) == {("filter.minTotal", "money"), ("filter.maxTotal", "money")}


def test_the_mushak_number_and_the_registered_customer_filter_the_list(caller: Caller) -> None:
    party = caller.data(CREATE_PARTY, {"input": karim_steel()})["createParty"]
    theirs = _create(caller, 100, customerId=None, customerPartyId=party["id"])
    _create(caller, 200)
    issued = caller.checker().data(APPROVE, {"id": theirs["id"]})["approveInvoice"]

    assert _numbers(caller, mushakNumber=issued["mushakNumber"]) == [theirs["invoiceNumber"]]
    assert _numbers(caller, customerPartyId=party["id"]) == [theirs["invoiceNumber"]]
    assert _numbers(caller, customerPartyId=party["id"], status=["DRAFT"]) == []


def test_search_matches_the_number_the_serial_or_the_customer_name_in_any_case(caller: Caller) -> None:
    karim = _create(caller, 100, buyerName="Karim Steel Ltd")
    rahman = _create(caller, 200, customerId="RAHMAN-01", buyerName="রহমান বিল্ডার্স")
    issued = caller.checker().data(APPROVE, {"id": rahman["id"]})["approveInvoice"]

    assert _numbers(caller, search="karim STEEL") == [karim["invoiceNumber"]]
    assert _numbers(caller, search="রহমান") == [rahman["invoiceNumber"]]
    assert _numbers(caller, search="rahman-01") == [rahman["invoiceNumber"]]
    assert _numbers(caller, search=issued["mushakNumber"].lower()) == [rahman["invoiceNumber"]]
    assert _numbers(caller, search=karim["invoiceNumber"].lower()) == [karim["invoiceNumber"]]
    # LIKE's wildcards are taken literally.
    assert _numbers(caller, search="%") == []


def test_every_filter_combination_pages_with_the_same_cursors(caller: Caller) -> None:
    created = [_create(caller, 1000 + n, buyerName=f"Site {n}") for n in range(7)]
    # EXEMPT lines: each total is its price, so the first two are below the bound.
    expected = [invoice["invoiceNumber"] for invoice in reversed(created[2:])]
    filter = {"minTotal": 1002, "search": "site", "status": ["DRAFT"]}

    pages, after = [], None
    while True:
        found = caller.data(LIST, {"first": 2, "after": after, "filter": filter})["invoices"]
        pages.append([edge["node"]["invoiceNumber"] for edge in found["edges"]])
        assert found["totalCount"] == 5
        if not found["pageInfo"]["hasNextPage"]:
            break
        after = found["pageInfo"]["endCursor"]

    assert [number for page in pages for number in page] == expected
    assert [len(page) for page in pages] == [2, 2, 1]
