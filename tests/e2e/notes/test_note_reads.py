"""Reading notes back: one by id, pages of them by invoice, date and customer, and what invoices show of
their notes (issue 13, scenario 5)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest

from tests.e2e.invoicing.test_parties import CREATE as CREATE_PARTY
from tests.e2e.invoicing.test_parties import karim_steel
from tests.e2e.ledger.books import as_user, dhaka_today
from tests.e2e.notes.notes import (
    BACKENDS,
    CREDIT_NOTE,
    CREDIT_NOTES,
    DEBIT_NOTE,
    DEBIT_NOTES,
    ServerClock,
    by_amount,
    by_quantity,
    credit,
    debit,
    figures_of,
    issued,
    line_ids,
    server_with_clock,
)
from tests.e2e.operations import GET, MONEY, line, steel_rods
from tests.e2e.server import Caller, new_tenant, only_error, violated

CLOCK = ServerClock()
HISTORY = "query($id: ID!) { invoice(id: $id) { history { eventType by summary version } } }"
INVOICES_WITH_NOTES = f"""query {{ invoices(first: 10) {{ edges {{ node {{
  id creditedTotal {MONEY} debitedTotal {MONEY} adjustedTotal {MONEY} creditedInFull
  creditNotes {{ id number invoiceId }} debitNotes {{ id number invoiceId }} }} }} }} }}"""


@pytest.fixture(scope="module", params=BACKENDS)
def base_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with server_with_clock(request, tmp_path_factory, CLOCK) as url:
        yield url


def test_a_note_reads_back_by_id_as_it_was_issued(caller: Caller) -> None:
    coded = line(description="Steel Rod 12 mm", hsCode="7214.20", unitOfSupply="kg", supplementaryDutyRate=0.1)
    invoice = issued(caller, steel_rods(lineItems=[coded]))
    [rods] = line_ids(invoice)
    credited = credit(caller, invoice["id"], by_quantity(rods, 4), reasonText="Four returned")
    debited = debit(caller, invoice["id"], by_amount(rods, 250))

    read_credit = caller.data(CREDIT_NOTE, {"id": credited["id"]})["creditNote"]
    read_debit = caller.data(DEBIT_NOTE, {"id": debited["id"]})["debitNote"]

    assert (read_credit, read_debit) == (credited, debited)
    [changed] = read_credit["lines"]
    assert (changed["description"], changed["hsCode"], changed["unitOfSupply"], changed["serviceCode"]) == (
        "Steel Rod 12 mm",
        "7214.20",
        "kg",
        None,
    )
    assert (changed["vatCategory"], changed["vatRate"], changed["supplementaryDutyRate"]) == ("STANDARD", 0.15, 0.1)
    assert datetime.fromisoformat(read_credit["invoiceIssuedAt"]) == datetime.fromisoformat(invoice["issuedAt"])
    assert datetime.fromisoformat(read_credit["issuedAt"]).utcoffset() is not None
    assert read_credit["issuedAt"].endswith("+06:00")
    assert read_credit["mushak67Url"].startswith(f"/credit-notes/{credited['id']}/mushak-6.7")


def test_a_note_keeps_its_before_change_and_after_when_later_notes_change_the_line(caller: Caller) -> None:
    invoice = issued(caller)
    [rods] = line_ids(invoice)
    first = credit(caller, invoice["id"], by_quantity(rods, 10))
    debit(caller, invoice["id"], by_quantity(rods, 3), reason="ADDITIONAL_QUANTITY")
    last = credit(caller, invoice["id"], by_amount(rods, 100))

    again = caller.data(CREDIT_NOTE, {"id": first["id"]})["creditNote"]["lines"][0]

    assert [figures_of(again[part]) for part in ("before", "change", "after")] == [
        (100.0, "500000.00", "0.00", "75000.00", "575000.00"),
        (10.0, "50000.00", "0.00", "7500.00", "57500.00"),
        (90.0, "450000.00", "0.00", "67500.00", "517500.00"),
    ]
    # The debit note's 3 more rods (15000 + 2250) lie between the two credit notes.
    assert figures_of(last["lines"][0]["before"]) == (93.0, "465000.00", "0.00", "69750.00", "534750.00")
    assert figures_of(last["lines"][0]["after"]) == (93.0, "464900.00", "0.00", "69735.00", "534635.00")


def test_an_invoices_history_tells_its_notes_in_order(caller: Caller) -> None:
    invoice = issued(caller)
    [rods] = line_ids(invoice)
    credited = credit(caller, invoice["id"], by_quantity(rods, 2), reasonText="Two bent")
    debited = debit(caller, invoice["id"], by_amount(rods, 100))

    history = caller.data(HISTORY, {"id": invoice["id"]})["invoice"]["history"]

    notes = [change for change in history if change["eventType"] in ("CreditNoteIssued", "DebitNoteIssued")]
    today = dhaka_today().isoformat()
    assert [(change["eventType"], change["by"], change["version"]) for change in notes] == [
        ("CreditNoteIssued", caller.user_id, invoice["version"] + 1),
        ("DebitNoteIssued", caller.user_id, invoice["version"] + 2),
    ]
    assert [change["summary"] for change in notes] == [
        f"Credit note {credited['number']} dated {today} (RETURN: Two bent) took off BDT 11500.00 on 1 line: "
        "value BDT 10000.00, SD BDT 0.00, VAT BDT 1500.00",
        f"Debit note {debited['number']} dated {today} (PRICE_INCREASE) added BDT 115.00 on 1 line: "
        "value BDT 100.00, SD BDT 0.00, VAT BDT 15.00",
    ]


def test_a_note_asked_for_as_the_other_kind_is_not_found_as_an_unknown_invoice_is(caller: Caller) -> None:
    invoice = issued(caller)
    [rods] = line_ids(invoice)
    credited = credit(caller, invoice["id"], by_quantity(rods, 1))
    debited = debit(caller, invoice["id"], by_amount(rods, 1))
    unknown = "00000000-0000-0000-0000-000000000000"

    as_debit = caller.graphql(DEBIT_NOTE, {"id": credited["id"]})
    as_credit = caller.graphql(CREDIT_NOTE, {"id": debited["id"]})

    assert "debit note" in only_error(as_debit, "NOT_FOUND")["message"]
    assert "credit note" in only_error(as_credit, "NOT_FOUND")["message"]
    assert (as_debit["data"], as_credit["data"]) == ({"debitNote": None}, {"creditNote": None})
    for document, field in ((CREDIT_NOTE, "creditNote"), (DEBIT_NOTE, "debitNote"), (GET, "invoice")):
        body = caller.graphql(document, {"id": unknown})
        only_error(body, "NOT_FOUND")
        assert body["data"] == {field: None}


def test_another_tenants_notes_are_neither_found_nor_listed(caller: Caller) -> None:
    invoice = issued(caller)
    credited = credit(caller, invoice["id"], by_quantity(line_ids(invoice)[0], 1))
    other = Caller(caller.http, new_tenant())

    only_error(other.graphql(CREDIT_NOTE, {"id": credited["id"]}), "NOT_FOUND")
    listed = other.data(CREDIT_NOTES, {"filter": {"invoiceId": invoice["id"]}})["creditNotes"]
    assert (listed["totalCount"], listed["edges"]) == (0, [])
    assert other.data(CREDIT_NOTES)["creditNotes"]["totalCount"] == 0


def test_a_viewer_reads_notes_but_a_caller_without_invoice_read_does_not(caller: Caller) -> None:
    invoice = issued(caller)
    credited = credit(caller, invoice["id"], by_quantity(line_ids(invoice)[0], 1))

    viewer = as_user(caller, "viewer-1", "viewer")
    nobody = Caller(caller.http, caller.tenant_id, "nobody-1", ())

    assert viewer.data(CREDIT_NOTE, {"id": credited["id"]})["creditNote"]["number"] == credited["number"]
    assert viewer.data(CREDIT_NOTES)["creditNotes"]["totalCount"] == 1
    for document in (CREDIT_NOTE, DEBIT_NOTE):
        assert (
            only_error(nobody.graphql(document, {"id": credited["id"]}), "FORBIDDEN")["extensions"]["permission"]
            == "invoice:read"
        )
    only_error(nobody.graphql(CREDIT_NOTES), "FORBIDDEN")


def _numbers(caller: Caller, document: str, **filter_: Any) -> list[str]:
    field = "creditNotes" if document == CREDIT_NOTES else "debitNotes"
    found = caller.data(document, {"first": 100, "filter": filter_})[field]
    numbers = [edge["node"]["number"] for edge in found["edges"]]
    assert found["totalCount"] == len(numbers)
    return numbers


def test_notes_are_listed_newest_first_by_invoice_date_and_customer(caller: Caller) -> None:
    party = caller.data(CREATE_PARTY, {"input": karim_steel()})["createParty"]
    with CLOCK.days_ago(20) as twenty_days_ago:
        karims = issued(caller, steel_rods(customerPartyId=party["id"]))
    walk_in = issued(caller, steel_rods(customerId="customer-002"))
    ten_days_ago = date.fromordinal(twenty_days_ago.toordinal() + 10)
    karims_rods, walk_in_rods = line_ids(karims)[0], line_ids(walk_in)[0]
    oldest = credit(caller, karims["id"], by_quantity(karims_rods, 1), date=str(twenty_days_ago))
    middle = credit(caller, karims["id"], by_quantity(karims_rods, 1), date=str(ten_days_ago))
    newest = credit(caller, walk_in["id"], by_quantity(walk_in_rods, 1))
    karims_debit = debit(caller, karims["id"], by_amount(karims_rods, 1), date=str(ten_days_ago))
    walk_in_debit = debit(caller, walk_in["id"], by_amount(walk_in_rods, 1))
    o, m, n = oldest["number"], middle["number"], newest["number"]

    assert (oldest["customerPartyId"], oldest["customerId"], newest["customerPartyId"]) == (
        party["id"],
        "customer-001",
        None,
    )
    assert _numbers(caller, CREDIT_NOTES) == [n, m, o]
    assert _numbers(caller, CREDIT_NOTES, invoiceId=karims["id"]) == [m, o]
    assert _numbers(caller, CREDIT_NOTES, invoiceId=walk_in["id"]) == [n]
    assert _numbers(caller, CREDIT_NOTES, **{"from": str(ten_days_ago)}) == [n, m]
    assert _numbers(caller, CREDIT_NOTES, to=str(ten_days_ago)) == [m, o]
    assert _numbers(caller, CREDIT_NOTES, **{"from": str(twenty_days_ago), "to": str(twenty_days_ago)}) == [o]
    assert _numbers(caller, CREDIT_NOTES, **{"from": str(dhaka_today())}) == [n]
    assert _numbers(caller, CREDIT_NOTES, customerId="customer-001") == [m, o]
    assert _numbers(caller, CREDIT_NOTES, customerId="customer-002") == [n]
    assert _numbers(caller, CREDIT_NOTES, customerPartyId=party["id"]) == [m, o]
    assert _numbers(caller, CREDIT_NOTES, customerPartyId=party["id"], to=str(twenty_days_ago)) == [o]
    assert _numbers(caller, CREDIT_NOTES, customerId="customer-003") == []
    assert _numbers(caller, DEBIT_NOTES) == [walk_in_debit["number"], karims_debit["number"]]
    assert _numbers(caller, DEBIT_NOTES, invoiceId=karims["id"]) == [karims_debit["number"]]
    assert _numbers(caller, DEBIT_NOTES, customerPartyId=party["id"]) == [karims_debit["number"]]
    assert _numbers(caller, DEBIT_NOTES, **{"from": str(dhaka_today())}) == [walk_in_debit["number"]]


def test_a_filter_from_after_to_or_with_a_nul_and_a_foreign_cursor_are_refused(caller: Caller) -> None:
    backwards = caller.graphql(CREDIT_NOTES, {"filter": {"from": "2026-12-02", "to": "2026-12-01"}})
    nul = caller.graphql(DEBIT_NOTES, {"filter": {"customerId": "a\x00b"}})
    cursor = caller.graphql(CREDIT_NOTES, {"after": "not-a-cursor"})

    assert violated(backwards) == {("filter.to", "from_after_to")}
    assert violated(nul) == {("filter.customerId", "control_characters")}
    assert violated(cursor) == {("after", "cursor")}


def test_notes_are_paged_with_cursors_a_total_count_and_whether_more_follow(caller: Caller) -> None:
    invoice = issued(caller)
    [rods] = line_ids(invoice)
    numbers = [credit(caller, invoice["id"], by_quantity(rods, 1))["number"] for _ in range(5)]

    pages: list[dict[str, Any]] = []
    after: str | None = None
    while not pages or pages[-1]["pageInfo"]["hasNextPage"]:
        page = caller.data(CREDIT_NOTES, {"first": 2, "after": after})["creditNotes"]
        pages.append(page)
        after = page["pageInfo"]["endCursor"]

    assert [len(page["edges"]) for page in pages] == [2, 2, 1]
    assert [page["pageInfo"]["hasNextPage"] for page in pages] == [True, True, False]
    assert {page["totalCount"] for page in pages} == {5}
    assert [edge["node"]["number"] for page in pages for edge in page["edges"]] == numbers[::-1]
    of_the_invoice = caller.data(
        CREDIT_NOTES, {"first": 3, "after": pages[0]["pageInfo"]["endCursor"], "filter": {"invoiceId": invoice["id"]}}
    )["creditNotes"]
    assert [edge["node"]["number"] for edge in of_the_invoice["edges"]] == numbers[2::-1]
    assert (of_the_invoice["totalCount"], of_the_invoice["pageInfo"]["hasNextPage"]) == (5, False)
    assert [page["pageInfo"]["endCursor"] for page in pages] == [page["edges"][-1]["cursor"] for page in pages]
    assert caller.data(CREDIT_NOTES, {"first": 0})["creditNotes"]["edges"] == []


def test_a_page_of_invoices_shows_each_ones_own_notes_and_totals(caller: Caller) -> None:
    with_credits, with_debit, untouched = issued(caller), issued(caller), issued(caller)
    first = credit(caller, with_credits["id"], by_quantity(line_ids(with_credits)[0], 1))
    second = credit(caller, with_credits["id"], by_amount(line_ids(with_credits)[0], 100))
    added = debit(caller, with_debit["id"], by_amount(line_ids(with_debit)[0], 100))

    nodes = {edge["node"]["id"]: edge["node"] for edge in caller.data(INVOICES_WITH_NOTES)["invoices"]["edges"]}

    assert [n["number"] for n in nodes[with_credits["id"]]["creditNotes"]] == [first["number"], second["number"]]
    assert {n["invoiceId"] for n in nodes[with_credits["id"]]["creditNotes"]} == {with_credits["id"]}
    assert nodes[with_credits["id"]]["debitNotes"] == []
    assert [n["number"] for n in nodes[with_debit["id"]]["debitNotes"]] == [added["number"]]
    assert (nodes[untouched["id"]]["creditNotes"], nodes[untouched["id"]]["debitNotes"]) == ([], [])
    assert [
        (
            nodes[i]["creditedTotal"]["decimal"],
            nodes[i]["debitedTotal"]["decimal"],
            nodes[i]["adjustedTotal"]["decimal"],
        )
        for i in (with_credits["id"], with_debit["id"], untouched["id"])
    ] == [
        ("5865.00", "0.00", "569135.00"),
        ("0.00", "115.00", "575115.00"),
        ("0.00", "0.00", "575000.00"),
    ]
