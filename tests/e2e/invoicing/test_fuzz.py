"""A property-based fuzz of the live GraphQL API: queries and mutations generated from its own schema.

Valid documents (POSITIVE) exercise the resolvers with arbitrary arguments; invalid ones
(NEGATIVE) exercise parsing, validation and input coercion. Whatever is sent, no response is
a 500 or INTERNAL, and none carries a stack trace, SQL or a secret. Bounded by example count
(about two seconds a run), never by time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from graphql import StringValueNode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema

from hisab.api.graphql.schema import build_schema
from tests.e2e.server import JWT_REFRESH_SECRET, JWT_SECRET, Caller, new_tenant, running_server, settings_for

LEAKS = ("Traceback", 'File "', "asyncpg", "sqlite3", "INSERT INTO", "SELECT ", "/src/hisab", JWT_SECRET,
         JWT_REFRESH_SECRET)  # fmt: skip
DATES = st.dates().map(lambda day: StringValueNode(value=day.isoformat())) | st.text(max_size=12).map(
    lambda text: StringValueNode(value=text)
)
DATETIMES = st.datetimes(timezones=st.timezones()).map(
    lambda moment: StringValueNode(value=moment.isoformat())
) | st.text(max_size=25).map(lambda text: StringValueNode(value=text))
SCHEMA = build_schema(federation=False)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def fuzzed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Caller]:
    """A server whose rate limits do not get in the fuzzer's way, and an admin of a fresh tenant."""
    data_dir: Path = tmp_path_factory.mktemp("hisab-fuzz")
    database = (
        f"sqlite:///{data_dir / 'hisab.db'}" if request.param == "sqlite" else request.getfixturevalue("postgres_roles")
    )
    server = settings_for(database, data_dir, rate_limit_burst=100_000)
    with running_server(server) as url, httpx.Client(base_url=url, timeout=30) as http:
        yield Caller(http, new_tenant())


def _check(caller: Caller, query: str) -> None:
    response = caller.http.post("/graphql", json={"query": query}, headers={"Authorization": f"Bearer {caller.token}"})
    assert response.status_code in (200, 400, 413), (query, response.status_code, response.text)
    errors = response.json().get("errors") or []
    assert all(error["extensions"]["code"] != "INTERNAL" for error in errors), (query, errors)
    for leak in LEAKS:
        assert leak not in response.text, (query, leak)


@pytest.mark.parametrize("mode", [Mode.POSITIVE, Mode.NEGATIVE], ids=["valid", "invalid"])
def test_no_generated_request_gets_a_500_or_leaks_internals(fuzzed: Caller, mode: Mode) -> None:
    documents = from_schema(SCHEMA, custom_scalars={"Date": DATES, "DateTime": DATETIMES}, mode=mode)

    @settings(max_examples=120, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(document=documents)
    def run(document: object) -> None:
        _check(fuzzed, str(document))

    run()
