"""Listing invoices: every filter, and keyset pagination over several pages."""

from __future__ import annotations

from typing import Any

from tests.e2e.operations import APPROVE, CANCEL, CREATE, LIST, steel_rods
from tests.e2e.server import Caller, only_error, violated


def _create(caller: Caller, **changes: Any) -> str:
    invoice_id: str = caller.data(CREATE, {"input": steel_rods(**changes)})["createInvoice"]["id"]
    return invoice_id


def _list(caller: Caller, **arguments: Any) -> dict[str, Any]:
    page: dict[str, Any] = caller.data(LIST, arguments)["invoices"]
    return page


def _ids(page: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in page["edges"]]


def test_pages_follow_one_another_newest_first_without_gaps_or_repeats(caller: Caller) -> None:
    created = [_create(caller) for _ in range(7)]

    pages, after = [], None
    while True:
        page = _list(caller, first=3, after=after)
        pages.append(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    assert [len(page["edges"]) for page in pages] == [3, 3, 1]
    assert [id_ for page in pages for id_ in _ids(page)] == list(reversed(created))
    assert {page["totalCount"] for page in pages} == {7}
    assert pages[0]["pageInfo"]["endCursor"] == pages[0]["edges"][-1]["cursor"]


def test_an_empty_list_has_no_next_page_and_no_end_cursor(caller: Caller) -> None:
    page = _list(caller)

    assert page == {"totalCount": 0, "pageInfo": {"hasNextPage": False, "endCursor": None}, "edges": []}


def test_a_page_holds_at_most_one_hundred_invoices(caller: Caller) -> None:
    for _ in range(101):
        _create(caller)

    page = _list(caller, first=500)

    assert len(page["edges"]) == 100
    assert page["pageInfo"]["hasNextPage"] is True
    assert page["totalCount"] == 101


def test_filters_by_status_customer_vendor_fiscal_year_and_dates(caller: Caller) -> None:
    old = _create(caller, invoiceDate="2024-03-10", dueDate="2024-04-10")
    other_customer = _create(caller, customerId="customer-002")
    other_vendor = _create(caller, vendorId="vendor-002", invoiceDate="2025-08-01", dueDate="2025-08-31")
    approved = _create(caller)
    cancelled = _create(caller)
    caller.checker().data(APPROVE, {"id": approved})
    caller.data(CANCEL, {"id": cancelled, "reason": "Duplicate"})

    def matching(filter_: dict[str, Any]) -> set[str]:
        page = _list(caller, filter=filter_)
        assert page["totalCount"] == len(page["edges"])
        return set(_ids(page))

    assert matching({"status": ["APPROVED"]}) == {approved}
    assert matching({"status": ["APPROVED", "CANCELLED"]}) == {approved, cancelled}
    assert matching({"customerId": "customer-002"}) == {other_customer}
    assert matching({"vendorId": "vendor-002"}) == {other_vendor}
    assert matching({"fiscalYear": "2023-2024"}) == {old}
    assert matching({"fiscalYear": "2025-26"}) == {other_vendor}
    assert matching({"invoiceDateFrom": "2025-01-15", "invoiceDateTo": "2025-01-15"}) == {
        other_customer,
        approved,
        cancelled,
    }
    assert matching({"status": ["DRAFT"], "invoiceDateTo": "2025-01-31"}) == {old, other_customer}


def test_a_malformed_fiscal_year_filter_is_refused_naming_the_field(caller: Caller) -> None:
    body = caller.graphql(LIST, {"filter": {"fiscalYear": "2024-2026"}})

    assert violated(body) == {("filter.fiscalYear", "fiscal_year_format")}


def test_a_cursor_this_service_did_not_issue_is_refused(caller: Caller) -> None:
    body = caller.graphql(LIST, {"after": "not-a-cursor"})

    assert violated(body) == {("after", "cursor")}


def test_a_negative_page_size_is_refused(caller: Caller) -> None:
    body = caller.graphql(LIST, {"first": -1})

    assert violated(body) == {("first", "non_negative")}


def test_a_malformed_date_filter_is_refused_naming_the_field(caller: Caller) -> None:
    body = caller.graphql(LIST, {"filter": {"invoiceDateFrom": "15/01/2025"}})

    error = only_error(body, "BAD_USER_INPUT")
    assert "invoiceDateFrom" in error["message"]
    assert "YYYY-MM-DD" in error["message"]
