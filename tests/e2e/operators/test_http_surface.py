"""The HTTP surface around GraphQL: probes, GraphiQL, malformed requests and internal errors."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from hisab.bootstrap import build_app
from hisab.kernel.services import Services
from tests.builders import services
from tests.e2e.server import Caller, only_error, running_app, running_server, settings_for
from tests.fakes import FakeDatabase

SECRET_DETAIL = "password=hunter2 SELECT * FROM invoices"


def test_the_liveness_probe_answers_ok(http: httpx.Client) -> None:
    response = http.get("/health/live")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_the_readiness_probe_checks_the_database(http: httpx.Client) -> None:
    response = http.get("/health/ready")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["database"]["latency_ms"] >= 0


def test_graphiql_is_served_outside_production(http: httpx.Client) -> None:
    response = http.get("/graphql")

    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe", b""], ids=["malformed", "not-utf8", "empty"])
def test_a_body_that_is_not_json_is_a_bad_request(caller: Caller, content: bytes) -> None:
    response = caller.http.post("/graphql", content=content, headers={"Authorization": f"Bearer {caller.token}"})

    assert response.status_code == 400
    assert response.json()["data"] is None
    only_error(response.json(), "BAD_USER_INPUT")


@pytest.mark.parametrize(
    "content",
    [b"[]", b'{"query": 42}', b'{"query": "{ invoices { totalCount } }", "variables": [1]}'],
    ids=["array", "query-not-string", "variables-not-object"],
)
def test_json_that_is_not_a_graphql_request_is_refused_as_bad_user_input(caller: Caller, content: bytes) -> None:
    response = caller.http.post("/graphql", content=content, headers={"Authorization": f"Bearer {caller.token}"})

    only_error(response.json(), "BAD_USER_INPUT")


def test_a_query_that_does_not_parse_is_refused_with_the_parsers_message(caller: Caller) -> None:
    error = only_error(caller.graphql("{ invoices { totalCount "), "BAD_USER_INPUT")

    assert "Syntax Error" in error["message"]


def test_a_query_for_an_unknown_field_is_refused_naming_it(caller: Caller) -> None:
    error = only_error(caller.graphql("{ invoices { totalCont } }"), "BAD_USER_INPUT")

    assert "totalCont" in error["message"]


def test_an_oversized_body_is_refused(caller: Caller) -> None:
    content = b'{"query": "' + b" " * (3 * 1024 * 1024) + b'{ invoices { totalCount } }"}'

    response = caller.http.post("/graphql", content=content, headers={"Authorization": f"Bearer {caller.token}"})

    assert response.status_code == 413
    only_error(response.json(), "BAD_USER_INPUT")


def test_an_internal_failure_is_reported_without_detail(ask_a_broken_database: Callable[[], httpx.Response]) -> None:
    response = ask_a_broken_database()

    error = only_error(response.json(), "INTERNAL")
    assert error["message"] == "Internal server error"
    assert error["extensions"] == {"code": "INTERNAL"}
    assert "invoice_lines" not in response.text
    assert "Traceback" not in response.text


class _UnreachableDatabase(FakeDatabase):
    async def ping(self) -> None:
        raise OSError(f"could not connect: {SECRET_DETAIL}")


def test_the_readiness_probe_reports_an_unreachable_database_without_detail(tmp_path: Path) -> None:
    @asynccontextmanager
    async def open_services() -> AsyncIterator[Services]:
        yield services(_UnreachableDatabase())

    app = build_app(settings_for("sqlite:///unused.db", tmp_path), open_services)
    with running_app(app) as url:
        response = httpx.get(f"{url}/health/ready")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert "hunter2" not in response.text


def test_graphiql_is_not_served_in_production(tmp_path: Path) -> None:
    settings = settings_for(f"sqlite:///{tmp_path / 'hisab.db'}", tmp_path).model_copy(
        update={"environment": "production"}
    )
    with running_server(settings) as url:
        response = httpx.get(f"{url}/graphql")

    assert response.status_code == 404
