"""The Idempotency-Key header makes a retried createInvoice safe."""

from __future__ import annotations

from tests.e2e.operations import CREATE, LIST, line, steel_rods
from tests.e2e.server import Caller, only_error, violated


def _count(caller: Caller) -> int:
    count: int = caller.data(LIST)["invoices"]["totalCount"]
    return count


def test_a_retry_with_the_same_key_and_body_returns_the_first_invoice_and_creates_nothing(caller: Caller) -> None:
    headers = {"Idempotency-Key": "order-7781-attempt"}

    first = caller.data(CREATE, {"input": steel_rods()}, headers)["createInvoice"]
    retry = caller.data(CREATE, {"input": steel_rods()}, headers)["createInvoice"]

    assert retry == first
    assert _count(caller) == 1


def test_the_same_key_with_a_different_body_is_a_conflict(caller: Caller) -> None:
    headers = {"Idempotency-Key": "order-7782"}
    caller.data(CREATE, {"input": steel_rods()}, headers)

    body = caller.graphql(CREATE, {"input": steel_rods(lineItems=[line(quantity=101)])}, headers)

    only_error(body, "CONFLICT")
    assert _count(caller) == 1


def test_without_a_key_each_request_creates_an_invoice(caller: Caller) -> None:
    caller.data(CREATE, {"input": steel_rods()})
    caller.data(CREATE, {"input": steel_rods()})

    assert _count(caller) == 2


def test_keys_of_one_tenant_do_not_collide_with_another_tenants(caller: Caller) -> None:
    other = Caller(caller.http, caller.tenant_id + "-other")
    headers = {"Idempotency-Key": "shared-key"}

    mine = caller.data(CREATE, {"input": steel_rods()}, headers)["createInvoice"]
    theirs = other.data(CREATE, {"input": steel_rods(lineItems=[line(quantity=3)])}, headers)["createInvoice"]

    assert mine["id"] != theirs["id"]


def test_an_overlong_key_is_refused_before_anything_is_created(caller: Caller) -> None:
    response = caller.post(CREATE, {"input": steel_rods()}, {"Idempotency-Key": "k" * 201})

    assert response.status_code == 400
    assert violated(response.json()) == {("Idempotency-Key", "idempotency_key_format")}
    assert _count(caller) == 0
