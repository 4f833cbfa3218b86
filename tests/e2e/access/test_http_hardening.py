"""Bounds on requests, browsers' rules (CORS) and headers, and what production hides."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from hisab.api.middleware import SECURITY_HEADERS
from hisab.config import Settings
from tests.e2e.operations import INVOICE_FIELDS, LIST
from tests.e2e.server import Caller, new_tenant, only_error, running_server, settings_for

ORIGIN = "https://erp.example.com"
INTROSPECTION = "{ __schema { queryType { name } } }"


def _rule(body: dict[str, Any]) -> str:
    error = only_error(body, "BAD_USER_INPUT")
    rule: str = error["extensions"]["rule"]
    return rule


def test_the_deepest_and_widest_page_a_client_needs_is_within_the_default_limits(caller: Caller) -> None:
    full_page = f"{{ invoices(first: 100) {{ edges {{ node {{ {INVOICE_FIELDS} }} }} }} }}"

    assert "errors" not in caller.graphql(full_page)


def test_too_many_aliases_are_refused(caller: Caller) -> None:
    aliased = "{ " + " ".join(f"a{n}: invoices(first: 1) {{ totalCount }}" for n in range(21)) + " }"

    body = caller.graphql(aliased)

    assert _rule(body) == "query_limits"
    assert "21 aliases" in body["errors"][0]["message"]


def test_a_query_that_may_cost_too_much_is_refused_before_it_runs(caller: Caller) -> None:
    page = f"invoices(first: 100) {{ edges {{ node {{ {INVOICE_FIELDS} }} }} }}"
    heavy = "{ " + " ".join(f"page{n}: {page}" for n in range(3)) + " }"

    body = caller.graphql(heavy)

    assert _rule(body) == "query_limits"
    assert "may cost" in body["errors"][0]["message"]


@pytest.fixture(scope="module")
def tight(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A server with small limits, to test each of them at its edge."""
    data_dir: Path = tmp_path_factory.mktemp("hisab-tight")
    settings = settings_for(
        f"sqlite:///{data_dir / 'hisab.db'}", data_dir,
        graphql_max_depth=3, graphql_max_cost=50, graphql_max_batch=2, max_body_bytes=2048,
        cors_allowed_origins=[ORIGIN],
    )  # fmt: skip
    with running_server(settings) as url, httpx.Client(base_url=url) as http:
        yield http


def _post(http: httpx.Client, payload: Any) -> httpx.Response:
    caller = Caller(http, new_tenant())
    return http.post("/graphql", json=payload, headers={"Authorization": f"Bearer {caller.token}"})


def test_depth_counts_through_fragments(tight: httpx.Client) -> None:
    three = _post(tight, {"query": "{ invoices { edges { cursor } } }"})
    four = _post(tight, {"query": "{ invoices { ...E } } fragment E on InvoiceConnection { edges { node { id } } }"})

    assert "errors" not in three.json()
    assert "4 levels deep" in only_error(four.json(), "BAD_USER_INPUT")["message"]


def test_first_multiplies_the_cost_of_a_list_whether_literal_or_variable(tight: httpx.Client) -> None:
    query = "query($n: Int) { invoices(first: $n) { edges { cursor } } }"
    literal_small = _post(tight, {"query": "{ invoices(first: 10) { edges { cursor } } }"})
    variable = _post(tight, {"query": query, "variables": {"n": 10}})

    assert "errors" not in literal_small.json()
    assert "may cost" in only_error(variable.json(), "BAD_USER_INPUT")["message"]


def test_a_batch_runs_each_operation_up_to_the_limit(tight: httpx.Client) -> None:
    one = {"query": "{ invoices { totalCount } }"}
    two = _post(tight, [one, {"query": "{ nope }"}])
    three = _post(tight, [one, one, one])
    empty = _post(tight, [])

    assert two.status_code == 200
    assert two.json()[0] == {"data": {"invoices": {"totalCount": 0}}}
    only_error(two.json()[1], "BAD_USER_INPUT")
    for refused in (three, empty):
        assert refused.status_code == 400
        assert only_error(refused.json(), "BAD_USER_INPUT")["extensions"]["violations"][0]["rule"] == "batch_size"


def test_a_body_over_the_configured_size_is_refused_unread(tight: httpx.Client) -> None:
    caller = Caller(tight, new_tenant())
    headers = {"Authorization": f"Bearer {caller.token}"}

    announced = tight.post("/graphql", content=b"{" + b" " * 4096 + b"}", headers=headers)

    def chunks() -> Iterator[bytes]:
        yield b'{"query": "'
        yield b" " * 4096
        yield b'{ invoices { totalCount } }"}'

    streamed = tight.post("/graphql", content=chunks(), headers=headers)

    for response in (announced, streamed):
        assert response.status_code == 413
        only_error(response.json(), "BAD_USER_INPUT")


def test_an_allowed_origin_gets_a_preflight_with_credentials(tight: httpx.Client) -> None:
    preflight = tight.options(
        "/graphql",
        headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization, content-type, idempotency-key"},
    )  # fmt: skip
    actual = _post_from(tight, ORIGIN)

    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert preflight.headers["Access-Control-Allow-Credentials"] == "true"
    assert "idempotency-key" in preflight.headers["Access-Control-Allow-Headers"].lower()
    assert actual.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "X-Request-ID" in actual.headers["Access-Control-Expose-Headers"]


def test_another_origin_gets_no_cors_grant(tight: httpx.Client) -> None:
    preflight = tight.options(
        "/graphql", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    actual = _post_from(tight, "https://evil.example")

    assert preflight.status_code == 400
    assert "Access-Control-Allow-Origin" not in preflight.headers
    assert "Access-Control-Allow-Origin" not in actual.headers


def _post_from(http: httpx.Client, origin: str) -> httpx.Response:
    caller = Caller(http, new_tenant())
    headers = {"Origin": origin, "Authorization": f"Bearer {caller.token}"}
    return http.post("/graphql", json={"query": LIST}, headers=headers)


def test_a_wildcard_origin_is_refused_by_the_settings() -> None:
    with pytest.raises(ValidationError, match="wildcard"):
        Settings(cors_allowed_origins=["https://ok.example", "*"])


def test_every_response_carries_the_security_headers_and_a_request_id(caller: Caller) -> None:
    responses = [
        caller.post(LIST),
        caller.http.post("/graphql", json={"query": LIST}),
        caller.http.get("/health/live"),
        caller.http.get("/no-such-page"),
        caller.http.post("/auth/refresh", json={}),
    ]
    for response in responses:
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value, (response.request.url, name)
        assert response.headers["X-Request-ID"]


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    data_dir: Path = tmp_path_factory.mktemp("hisab-production")
    settings = settings_for(f"sqlite:///{data_dir / 'hisab.db'}", data_dir, environment="production")
    with running_server(settings) as url, httpx.Client(base_url=url) as http:
        yield http


def test_production_turns_introspection_and_graphiql_off(production: httpx.Client) -> None:
    introspection = _post(production, {"query": INTROSPECTION})
    typename = _post(production, {"query": "{ __typename }"})

    assert production.get("/graphql").status_code == 404
    assert "introspection" in only_error(introspection.json(), "BAD_USER_INPUT")["message"].lower()
    assert typename.json()["data"] == {"__typename": "Query"}


def test_introspection_works_outside_production(caller: Caller) -> None:
    assert caller.data(INTROSPECTION)["__schema"]["queryType"]["name"] == "Query"
