"""Correcting a draft over real HTTP, and its history: issue 11, scenario 4."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tests.e2e.invoicing.test_parties import CREATE as CREATE_PARTY
from tests.e2e.invoicing.test_parties import karim_steel
from tests.e2e.operations import APPROVE, CANCEL, CREATE, GET, MONEY, steel_rods
from tests.e2e.server import Caller, only_error, violated

FIELDS = f"""
  id status version dueDate customerId customerPartyId buyerName customerBIN invoiceNumber
  subtotal {MONEY} vatAmount {MONEY} grandTotal {MONEY}
  lineItems {{ id description quantity unitPrice {MONEY} amount {MONEY} }}
"""
UPDATE = f"""mutation($id: ID!, $expectedVersion: Int, $input: UpdateInvoiceInput!) {{
  updateInvoice(id: $id, expectedVersion: $expectedVersion, input: $input) {{ {FIELDS} }} }}"""
HISTORY = "query($id: ID!) { invoice(id: $id) { version history { eventType at by summary version } } }"


def _draft(caller: Caller, **changes: Any) -> dict[str, Any]:
    created: dict[str, Any] = caller.data(CREATE, {"input": steel_rods(**changes)})["createInvoice"]
    return created


def _update(caller: Caller, invoice_id: str, changes: dict[str, Any], version: int | None = None) -> dict[str, Any]:
    return caller.graphql(UPDATE, {"id": invoice_id, "expectedVersion": version, "input": changes})


def test_replacing_the_lines_recalculates_the_totals(caller: Caller) -> None:
    draft = _draft(caller)
    lines = [
        {"description": "Steel rods", "quantity": 50, "unitPrice": 5000},
        {"description": "Cement", "quantity": 200, "unitPrice": 550, "vatCategory": "REDUCED", "vatRate": 0.075},
    ]

    updated = _update(caller, draft["id"], {"lineItems": lines}, version=draft["version"])["data"]["updateInvoice"]

    assert [line["description"] for line in updated["lineItems"]] == ["Steel rods", "Cement"]
    # 250000 + 110000 = 360000; VAT 37500 + 8250 = 45750.
    assert (updated["subtotal"]["decimal"], updated["vatAmount"]["decimal"]) == ("360000.00", "45750.00")
    assert updated["grandTotal"]["decimal"] == "405750.00"
    assert updated["invoiceNumber"] == draft["invoiceNumber"]
    assert updated["version"] > draft["version"]
    # Line ids are never reused.
    assert not {line["id"] for line in updated["lineItems"]} & {line["id"] for line in draft["lineItems"]}
    assert caller.data(GET, {"id": draft["id"]})["invoice"]["grandTotal"]["decimal"] == "405750.00"


def test_only_the_given_fields_are_replaced(caller: Caller) -> None:
    draft = _draft(caller, buyerName="Karim Steel", deliveryDestination="Site 4, Purbachal")

    updated = _update(caller, draft["id"], {"dueDate": "2025-03-01", "deliveryDestination": None})["data"][
        "updateInvoice"
    ]
    again = caller.data(GET, {"id": draft["id"]})["invoice"]

    assert (updated["dueDate"], updated["buyerName"]) == ("2025-03-01", "Karim Steel")
    assert again["lineItems"] == draft["lineItems"]
    assert again["grandTotal"] == draft["grandTotal"]


def test_another_registered_customer_replaces_what_the_old_one_gave(caller: Caller) -> None:
    first = caller.data(CREATE_PARTY, {"input": karim_steel()})["createParty"]
    second = caller.data(
        CREATE_PARTY, {"input": karim_steel(code="C-002", legalName="Rahman Builders", bin="0011223344556")}
    )["createParty"]
    draft = _draft(caller, customerId=None, customerPartyId=first["id"])

    updated = _update(caller, draft["id"], {"customerPartyId": second["id"]})["data"]["updateInvoice"]

    assert (updated["customerPartyId"], updated["customerId"]) == (second["id"], "C-002")
    assert (updated["buyerName"], updated["customerBIN"]) == ("Rahman Builders", "001122334-4556")


def test_an_edit_that_changes_nothing_records_nothing(caller: Caller) -> None:
    draft = _draft(caller)

    same = _update(caller, draft["id"], {"dueDate": draft["dueDate"]})["data"]["updateInvoice"]

    assert same["version"] == draft["version"]


def test_an_approved_or_cancelled_invoice_cannot_be_edited(caller: Caller) -> None:
    approved, cancelled = _draft(caller), _draft(caller)
    caller.checker().data(APPROVE, {"id": approved["id"]})
    caller.data(CANCEL, {"id": cancelled["id"], "reason": "duplicate"})

    for invoice in (approved, cancelled):
        error = only_error(_update(caller, invoice["id"], {"dueDate": "2025-03-01"}), "CONFLICT")
        assert "only a DRAFT invoice can be edited" in error["message"]


def test_a_bad_edit_names_every_field_and_changes_nothing(caller: Caller) -> None:
    draft = _draft(caller)

    body = _update(
        caller,
        draft["id"],
        {
            "dueDate": "2024-01-01",
            "customerBIN": "12",
            "lineItems": [{"description": "", "quantity": 0, "unitPrice": -1}],
        },
    )

    assert violated(body) == {
        ("input.dueDate", "due_before_invoice_date"),
        ("input.customerBIN", "bin_format"),
        ("input.lineItems[0].description", "required"),
        ("input.lineItems[0].quantity", "positive"),
        ("input.lineItems[0].unitPrice", "non_negative"),
    }
    assert caller.data(GET, {"id": draft["id"]})["invoice"]["version"] == draft["version"]


def test_null_for_what_a_draft_cannot_be_without_is_refused(caller: Caller) -> None:
    draft = _draft(caller)

    body = _update(caller, draft["id"], {"dueDate": None, "lineItems": None})

    assert violated(body) == {("input.dueDate", "required"), ("input.lineItems", "required")}


def test_concurrent_edits_of_one_draft_one_wins_the_other_conflicts(caller: Caller) -> None:
    draft = _draft(caller)
    edits = [{"buyerName": f"Buyer {n}"} for n in range(2)]

    with ThreadPoolExecutor(2) as pool:
        bodies = list(pool.map(lambda changes: _update(caller, draft["id"], changes, draft["version"]), edits))

    winners = [body for body in bodies if "errors" not in body]
    losers = [body for body in bodies if "errors" in body]
    assert (len(winners), len(losers)) == (1, 1)
    error = only_error(losers[0], "CONFLICT")
    assert f"expected version {draft['version']}" in error["message"]
    assert "version" in error["message"]


def test_a_stale_expected_version_is_a_conflict(caller: Caller) -> None:
    draft = _draft(caller)
    _update(caller, draft["id"], {"buyerName": "First"}, draft["version"])

    error = only_error(_update(caller, draft["id"], {"buyerName": "Second"}, draft["version"]), "CONFLICT")

    assert f"is at version {draft['version'] + 1}" in error["message"]


def test_the_history_lists_every_event_with_who_and_what(caller: Caller) -> None:
    draft = _draft(caller)
    _update(caller, draft["id"], {"dueDate": "2025-03-01", "buyerName": "Karim Steel"})
    _update(caller, draft["id"], {"lineItems": [{"description": "Cement", "quantity": 10, "unitPrice": 550}]})
    caller.checker().data(APPROVE, {"id": draft["id"]})

    found = caller.data(HISTORY, {"id": draft["id"]})["invoice"]
    history = found["history"]

    assert [change["eventType"] for change in history] == [
        "InvoiceCreated", "LineItemAdded", "InvoiceCalculated",
        "InvoiceDetailsChanged",
        "InvoiceLinesCleared", "LineItemAdded", "InvoiceCalculated",
        "InvoiceApproved",
    ]  # fmt: skip
    assert [change["version"] for change in history] == list(range(1, found["version"] + 1))
    assert history[0]["summary"].startswith(f"Created draft {draft['invoiceNumber']} for customer-001")
    assert history[3]["summary"] == ("Changed due date 2025-02-15 → 2025-03-01; buyer name (none) → Karim Steel")
    assert history[5]["summary"] == "Line 1: Cement, 10 at BDT 550.00"
    assert history[6]["summary"].endswith("grand total BDT 6325.00")
    assert history[7]["summary"].startswith("Approved and issued as tax invoice ")
    assert [change["by"] for change in history][-1] == "checker-1"
    assert all(change["at"].endswith("+00:00") for change in history)


def test_more_concurrent_edits_than_pooled_connections_all_finish(caller: Caller) -> None:
    # An edit that read the masters inside its transaction would hold one connection while
    # waiting for another: with the pool (10) full of such edits, none could finish.
    drafts = [_draft(caller) for _ in range(16)]
    cement = [{"description": "Cement", "quantity": 10, "unitPrice": 550}]

    with ThreadPoolExecutor(16) as pool:
        bodies = list(pool.map(lambda draft: _update(caller, draft["id"], {"lineItems": cement}), drafts))

    assert all("errors" not in body for body in bodies), bodies
    assert {body["data"]["updateInvoice"]["grandTotal"]["decimal"] for body in bodies} == {"6325.00"}
