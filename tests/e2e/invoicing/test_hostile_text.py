"""Awkward text is stored verbatim or refused cleanly, never a driver error, on both backends."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.e2e.operations import APPROVE, CANCEL, CREATE, GET, LIST, line, steel_rods
from tests.e2e.server import JWT_SECRET, Caller, only_error, violated

VERBATIM = [
    pytest.param('Rod ৳ রড \u200f\u202eRTL\u202c 🏗️ "quoted" <b>bold</b>', id="unicode-rtl-emoji-html"),
    pytest.param("'; DROP TABLE events; --", id="sql-injection"),
    pytest.param("line one\nline two\ttabbed", id="line-breaks"),
]


@pytest.mark.parametrize("description", VERBATIM)
def test_unusual_but_valid_text_is_stored_and_returned_verbatim(caller: Caller, description: str) -> None:
    created = caller.data(CREATE, {"input": steel_rods(lineItems=[line(description=description)])})["createInvoice"]
    read = caller.data(GET, {"id": created["id"]})["invoice"]
    assert read["lineItems"][0]["description"] == description


@pytest.mark.parametrize(
    ("description", "rule"),
    [
        pytest.param("before\x00after", "control_characters", id="nul-byte"),
        pytest.param("bell\x07", "control_characters", id="bell"),
    ],
)
def test_control_characters_in_text_are_refused_by_rule(caller: Caller, description: str, rule: str) -> None:
    body = caller.graphql(CREATE, {"input": steel_rods(lineItems=[line(description=description)])})
    assert violated(body) == {("input.lineItems[0].description", rule)}


def test_a_lone_surrogate_is_refused_not_stored(caller: Caller) -> None:
    # json.dumps keeps the surrogate as the escape \ud800, which is valid JSON but not valid UTF-8 text.
    payload = json.dumps({"query": CREATE, "variables": {"input": steel_rods(customerId="bad\ud800id")}})
    response = caller.http.post(
        "/graphql",
        content=payload,
        headers={"Authorization": f"Bearer {caller.token}", "Content-Type": "application/json"},
    )
    assert violated(response.json()) == {("input.customerId", "unicode")}


def test_a_nul_byte_in_an_id_or_filter_is_not_found_or_bad_input(caller: Caller) -> None:
    only_error(caller.graphql(GET, {"id": "abc\x00def"}), "NOT_FOUND")
    only_error(caller.graphql(CANCEL, {"id": "x" * 100_000, "reason": "r"}), "NOT_FOUND")
    listed = caller.graphql(LIST, {"filter": {"customerId": "a\x00b"}})
    assert violated(listed) == {("filter.customerId", "control_characters")}


def test_a_cancellation_reason_with_a_nul_byte_is_refused(caller: Caller) -> None:
    created = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]
    body = caller.graphql(CANCEL, {"id": created["id"], "reason": "typo\x00"})
    assert violated(body) == {("reason", "control_characters")}


# Each is sent in every string input; none may reach SQL as anything but a bound parameter.
INJECTIONS = [
    "'; DROP TABLE events; --",
    "' OR '1'='1",
    "x') UNION SELECT tenant_id, invoice_id FROM invoices --",
    "1; SELECT set_config('hisab.tenant_id', 'someone-else', false); --",
    '"; DELETE FROM invoices WHERE ""="',
    "$1 ? %s :name {0}",
    "\\'; TRUNCATE counters; --",
]
UNICODE_EDGES = [
    "\u202eevil\u202c",  # right-to-left override
    "\u200f\u0645\u0631\u062d\u0628\u0627\u200e",  # Arabic between right-to-left and left-to-right marks
    "\U0001f3d7\ufe0f\U0001f469\u200d\U0001f469\u200d\U0001f467 \u09f3",  # emoji, a joined family, the Taka sign
    "\ufeffbom",
    "e\u0301\u0301\u0301",
    "before\u2028after",
]
VERBATIM_FIELDS = ("vendorId", "customerId")
LINE_FIELDS = ("description", "unitOfSupply", "hsCode", "currency")
CODED_FIELDS = ("vendorTIN", "vendorBIN", "customerTIN", "customerBIN")


def _no_internal_error(response: httpx.Response, sent: str) -> dict[str, Any]:
    """The body of a response that is neither a 500 nor INTERNAL, and leaks nothing but what was sent."""
    assert response.status_code in (200, 400, 413), response.text
    body: dict[str, Any] = response.json()
    codes = {error["extensions"]["code"] for error in body.get("errors") or []}
    assert "INTERNAL" not in codes, body
    echoed = response.text.replace(json.dumps(sent, ensure_ascii=False)[1:-1], "")
    for leak in ("Traceback", "asyncpg", "sqlite3", "SELECT ", "psycopg", JWT_SECRET):
        assert leak not in echoed
    return body


@pytest.mark.parametrize("text", INJECTIONS + UNICODE_EDGES)
def test_hostile_text_in_every_string_input_is_stored_verbatim_or_refused_by_rule(caller: Caller, text: str) -> None:
    for field in VERBATIM_FIELDS + CODED_FIELDS:
        body = _no_internal_error(caller.post(CREATE, {"input": steel_rods(**{field: text})}), text)
        if field in VERBATIM_FIELDS:
            created = body["data"]["createInvoice"]
            assert caller.data(GET, {"id": created["id"]})["invoice"][field] == text
        else:
            assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    for field in LINE_FIELDS:
        _no_internal_error(caller.post(CREATE, {"input": steel_rods(lineItems=[line(**{field: text})])}), text)
    created_id = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]["id"]
    cancelled = _no_internal_error(caller.post(CANCEL, {"id": created_id, "reason": text}), text)
    if cancelled.get("data"):
        assert cancelled["data"]["cancelInvoice"]["cancellationReason"] == text
    for probe in (GET, APPROVE):
        _no_internal_error(caller.post(probe, {"id": text}), text)
    for filter_field in ("customerId", "vendorId", "fiscalYear"):
        _no_internal_error(caller.post(LIST, {"filter": {filter_field: text}}), text)
    _no_internal_error(caller.post(LIST, {"after": text}), text)
    if text.isascii():
        _no_internal_error(caller.post(LIST, headers={"Idempotency-Key": text, "X-Request-ID": text}), text)


def test_after_every_injection_the_tables_are_intact(caller: Caller) -> None:
    for text in INJECTIONS:
        caller.post(CREATE, {"input": steel_rods(customerId=text, lineItems=[line(description=text)])})

    listed = caller.data(LIST, {"first": 100})["invoices"]

    assert listed["totalCount"] == len(INJECTIONS)
    assert {edge["node"]["customerId"] for edge in listed["edges"]} == set(INJECTIONS)


@pytest.mark.parametrize("field", ["description", "customerId", "reason"])
def test_a_ten_megabyte_string_is_refused_cleanly_as_too_large(caller: Caller, field: str) -> None:
    huge = "x" * (10 * 1024 * 1024)
    variables: dict[str, Any] = {"input": steel_rods(lineItems=[line(description=huge)])}
    query = CREATE
    if field == "customerId":
        variables = {"input": steel_rods(customerId=huge)}
    elif field == "reason":
        query, variables = CANCEL, {"id": "x", "reason": huge}

    response = caller.post(query, variables)

    assert response.status_code == 413
    assert violated(response.json()) == {("body", "body_size")}


def test_a_string_under_the_body_limit_but_over_its_field_limit_is_bad_user_input(caller: Caller) -> None:
    body = caller.graphql(CREATE, {"input": steel_rods(lineItems=[line(description="x" * 900_000)])})

    assert violated(body) == {("input.lineItems[0].description", "max_length")}
