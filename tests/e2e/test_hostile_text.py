"""Awkward text is stored verbatim or refused cleanly, never a driver error, on both backends."""

from __future__ import annotations

import json

import pytest

from tests.e2e.operations import CANCEL, CREATE, GET, LIST, line, steel_rods
from tests.e2e.server import Caller, only_error, violated

VERBATIM = [
    pytest.param("Rod ৳ রড \u200f\u202eRTL\u202c 🏗️ \"quoted\" <b>bold</b>", id="unicode-rtl-emoji-html"),
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
