"""Who may call: bearer tokens, the X-Tenant-ID header, and tenants that never see each other."""

from __future__ import annotations

import time
from typing import Any

import httpx
import jwt
import pytest

from tests.e2e.operations import APPROVE, CANCEL, CREATE, GET, LIST, steel_rods
from tests.e2e.server import JWT_SECRET, Caller, only_error

QUERY = {"query": "{ invoices { totalCount } }"}


def _token(secret: str = JWT_SECRET, **claims: Any) -> str:
    payload: dict[str, Any] = {"sub": "user-1", "tenant_id": "tenant-a", "exp": int(time.time()) + 600}
    payload.update(claims)
    return jwt.encode({k: v for k, v in payload.items() if v is not None}, secret, algorithm="HS256")


def _refused(http: httpx.Client, authorization: str | None) -> tuple[httpx.Response, str]:
    headers = {} if authorization is None else {"Authorization": authorization}
    response = http.post("/graphql", json=QUERY, headers=headers)
    body = response.json()
    assert body["data"] is None
    return response, only_error(body, "UNAUTHENTICATED")["message"]


@pytest.mark.parametrize(
    ("authorization", "reason"),
    [
        (None, "missing bearer token"),
        ("Basic dXNlcjpwYXNz", "missing bearer token"),
        ("Bearer not.a.jwt", "malformed token"),
        ("Bearer " + _token(exp=int(time.time()) - 3600), "token expired"),
        ("Bearer " + _token(secret="another-secret-of-sufficient-length-0123456789"), "bad signature"),
        ("Bearer " + _token(tenant_id=None), "missing claim tenant_id"),
        ("Bearer " + _token(sub=None), "missing claim sub"),
        ("Bearer " + _token(exp=None), "missing claim exp"),
        ("Bearer " + _token(tenant_id=""), "invalid claim tenant_id"),
    ],
)
def test_a_request_without_a_valid_token_is_unauthorized(
    http: httpx.Client, authorization: str | None, reason: str
) -> None:
    response, message = _refused(http, authorization)

    assert response.status_code == 401
    assert message == f"Unauthorized: {reason}"
    if authorization:
        assert authorization.split()[-1] not in response.text


def test_a_token_signed_without_a_key_is_unauthorized(http: httpx.Client) -> None:
    unsigned = jwt.encode({"sub": "u", "tenant_id": "t", "exp": int(time.time()) + 60}, None, algorithm="none")

    response, message = _refused(http, f"Bearer {unsigned}")

    assert response.status_code == 401
    assert message == "Unauthorized: algorithm not allowed"


def test_a_tenant_header_that_differs_from_the_token_is_forbidden(caller: Caller) -> None:
    response = caller.post(LIST, headers={"X-Tenant-ID": "someone-else"})

    assert response.status_code == 403
    only_error(response.json(), "FORBIDDEN")


def test_a_tenant_header_that_matches_the_token_is_accepted(caller: Caller) -> None:
    data = caller.data(LIST, headers={"X-Tenant-ID": caller.tenant_id})

    assert data["invoices"]["totalCount"] == 0


def test_another_tenants_invoice_is_not_found_and_not_listed(caller: Caller) -> None:
    other = Caller(caller.http, caller.tenant_id + "-b")
    theirs = other.data(CREATE, {"input": steel_rods()})["createInvoice"]["id"]

    read = caller.graphql(GET, {"id": theirs})
    approve = caller.graphql(APPROVE, {"id": theirs})
    cancel = caller.graphql(CANCEL, {"id": theirs, "reason": "Not mine"})

    for body in (read, approve, cancel):
        only_error(body, "NOT_FOUND")
    assert caller.data(LIST)["invoices"]["totalCount"] == 0
    assert other.data(GET, {"id": theirs})["invoice"]["status"] == "DRAFT"


def test_the_request_id_is_echoed_back_or_made_up(caller: Caller) -> None:
    given = caller.post(LIST, headers={"X-Request-ID": "req-42.a_b"})
    correlated = caller.post(LIST, headers={"X-Correlation-ID": "corr-7"})
    insane = caller.post(LIST, headers={"X-Request-ID": "has spaces;and=more"})
    unauthenticated = caller.http.post("/graphql", json=QUERY, headers={"X-Request-ID": "req-43"})

    assert given.headers["X-Request-ID"] == "req-42.a_b"
    assert correlated.headers["X-Request-ID"] == "corr-7"
    assert len(insane.headers["X-Request-ID"]) == 36
    assert unauthenticated.headers["X-Request-ID"] == "req-43"
