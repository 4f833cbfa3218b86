"""Every validation rule of a new invoice is reported over HTTP, each with its field path."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.e2e.operations import CREATE, LIST, line, steel_rods
from tests.e2e.server import Caller, only_error, violated

CASES: list[Any] = [
    pytest.param(steel_rods(lineItems=[]), "input.lineItems", "min_lines", id="no-lines"),
    pytest.param(steel_rods(lineItems=[line()] * 1001), "input.lineItems", "max_lines", id="over-1000-lines"),
    pytest.param(steel_rods(lineItems=[line(quantity=0)]), "input.lineItems[0].quantity", "positive", id="qty-zero"),
    pytest.param(
        steel_rods(lineItems=[line(), line(quantity=-2)]), "input.lineItems[1].quantity", "positive", id="qty-negative"
    ),
    pytest.param(
        steel_rods(lineItems=[line(quantity=1.23456)]), "input.lineItems[0].quantity", "decimal_places", id="qty-5dp"
    ),
    pytest.param(
        steel_rods(lineItems=[line(unitPrice=-1)]), "input.lineItems[0].unitPrice", "non_negative", id="price-negative"
    ),
    pytest.param(
        steel_rods(lineItems=[line(description="  ")]), "input.lineItems[0].description", "required", id="desc-empty"
    ),
    pytest.param(
        steel_rods(lineItems=[line(description="x" * 501)]),
        "input.lineItems[0].description",
        "max_length",
        id="desc-501",
    ),
    pytest.param(steel_rods(dueDate="2025-01-14"), "input.dueDate", "due_before_invoice_date", id="due-before"),
    pytest.param(
        steel_rods(lineItems=[line(quantity=1, unitPrice=1e13)]),
        "input.lineItems[0].unitPrice",
        "amount_ceiling",
        id="price-10^13",
    ),
    pytest.param(
        steel_rods(lineItems=[line(quantity=1000, unitPrice=1e10)]),
        "input.lineItems[0].quantity",
        "amount_ceiling",
        id="line-10^13",
    ),
    pytest.param(
        steel_rods(lineItems=[line(), line(currency="USD")]), "input.lineItems", "single_currency", id="mixed-currency"
    ),
    pytest.param(steel_rods(vendorTIN="1234567890"), "input.vendorTIN", "tin_outdated", id="tin-10-digits"),
    pytest.param(steel_rods(customerBIN="123456789"), "input.customerBIN", "bin_outdated", id="bin-9-digits"),
    pytest.param(steel_rods(vendorBIN="12345-67890"), "input.vendorBIN", "bin_format", id="bin-malformed"),
    pytest.param(
        steel_rods(lineItems=[line(vatCategory="REDUCED", vatRate=0.11)]),
        "input.lineItems[0].vatRate",
        "vat_rate_not_in_force",
        id="reduced-11-percent",
    ),
    pytest.param(
        steel_rods(invoiceDate="2019-06-30", dueDate="2019-07-30"),
        "input.lineItems[0].vatCategory",
        "vat_rate_not_in_force",
        id="before-the-2019-act",
    ),
    pytest.param(steel_rods(vendorId=""), "input.vendorId", "required", id="vendor-empty"),
]


@pytest.mark.parametrize(("invoice", "field", "rule"), CASES)
def test_an_invalid_invoice_is_refused_naming_the_field_and_rule(
    caller: Caller, invoice: dict[str, Any], field: str, rule: str
) -> None:
    body = caller.graphql(CREATE, {"input": invoice})

    assert violated(body) == {(field, rule)}
    assert body["data"] is None
    assert caller.data(LIST)["invoices"]["totalCount"] == 0


def test_every_broken_rule_is_reported_at_once(caller: Caller) -> None:
    invoice = steel_rods(dueDate="2025-01-01", lineItems=[line(quantity=0, unitPrice=-5)])

    assert violated(caller.graphql(CREATE, {"input": invoice})) == {
        ("input.dueDate", "due_before_invoice_date"),
        ("input.lineItems[0].quantity", "positive"),
        ("input.lineItems[0].unitPrice", "non_negative"),
    }


def test_an_outdated_tin_or_bin_is_refused_with_the_year_it_was_replaced(caller: Caller) -> None:
    body = caller.graphql(CREATE, {"input": steel_rods(vendorTIN="1234567890", customerBIN="123456789")})

    messages = {v["field"]: v["message"] for v in only_error(body, "BAD_USER_INPUT")["extensions"]["violations"]}
    assert "2014" in messages["input.vendorTIN"]
    assert "12-digit" in messages["input.vendorTIN"]
    assert "2019" in messages["input.customerBIN"]
    assert "13-digit" in messages["input.customerBIN"]


def test_a_reduced_rate_from_the_tables_in_force_is_accepted(caller: Caller) -> None:
    invoice = steel_rods(lineItems=[line(quantity=1, unitPrice=1000, vatCategory="REDUCED", vatRate=0.1)])

    created = caller.data(CREATE, {"input": invoice})["createInvoice"]

    assert created["vatAmount"]["decimal"] == "100.00"


def test_an_impossible_date_is_refused_naming_the_field(caller: Caller) -> None:
    body = caller.graphql(CREATE, {"input": steel_rods(invoiceDate="2025-02-30")})

    error = only_error(body, "BAD_USER_INPUT")
    assert "invoiceDate" in error["message"]
    assert "not a calendar date" in error["message"]


def test_a_missing_required_field_is_refused_naming_it(caller: Caller) -> None:
    invoice = steel_rods()
    del invoice["customerId"]

    error = only_error(caller.graphql(CREATE, {"input": invoice}), "BAD_USER_INPUT")

    assert "customerId" in error["message"]


def test_a_number_with_more_digits_than_a_float_carries_is_refused(caller: Caller) -> None:
    # json.dumps would write a float's shortest repr, which always round-trips: the text is spliced in.
    invoice = json.dumps(steel_rods(lineItems=[line(quantity="QTY")])).replace('"QTY"', "0.12345678901234567")
    content = json.dumps({"query": CREATE, "variables": "VARS"}).replace('"VARS"', f'{{"input": {invoice}}}')

    response = caller.http.post("/graphql", content=content, headers={"Authorization": f"Bearer {caller.token}"})

    assert response.status_code == 400
    assert violated(response.json()) == {("body", "exact_number")}
    assert "0.12345678901234567" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(caller: Caller, constant: str) -> None:
    content = '{"query": "{ invoices(first: 1) { totalCount } }", "variables": {"x": CONSTANT}}'.replace(
        "CONSTANT", constant
    )

    response = caller.http.post("/graphql", content=content, headers={"Authorization": f"Bearer {caller.token}"})

    assert response.status_code == 400
    only_error(response.json(), "BAD_USER_INPUT")


def test_an_inexact_number_written_in_the_query_text_is_refused(caller: Caller) -> None:
    query = """mutation { createInvoice(input: {
      vendorId: "v", customerId: "c", invoiceDate: "2025-01-15", dueDate: "2025-01-15",
      lineItems: [{description: "d", quantity: 0.12345678901234567, unitPrice: 1}]
    }) { id } }"""

    error = only_error(caller.graphql(query), "BAD_USER_INPUT")

    assert error["extensions"]["rule"] == "exact_number"


def test_exact_numbers_written_in_the_query_text_stay_exact(caller: Caller) -> None:
    query = """mutation { createInvoice(input: {
      vendorId: "v", customerId: "c", invoiceDate: "2025-01-15", dueDate: "2025-01-15",
      lineItems: [{description: "d", quantity: 0.1, unitPrice: 0.1}]
    }) { subtotal { decimal } } }"""

    assert caller.data(query)["createInvoice"]["subtotal"]["decimal"] == "0.01"
