"""Rate limits over HTTP: per (tenant, user), per address for failed authentications, shared through Redis."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from hisab.access.adapters.tokens import Identity
from tests.e2e.operations import LIST
from tests.e2e.processes import hisab_serve
from tests.e2e.server import (
    ISSUER,
    JWT_REFRESH_SECRET,
    JWT_SECRET,
    Caller,
    free_port,
    new_tenant,
    only_error,
    running_server,
    settings_for,
)

# So slow a refill that no test sees a token come back while it runs.
TRICKLE = 0.001
QUERY = {"query": LIST}


def _too_many(response: httpx.Response) -> str:
    assert response.status_code == 429, response.text
    assert int(response.headers["Retry-After"]) >= 1
    message: str = only_error(response.json(), "RATE_LIMITED")["message"]
    return message


@contextmanager
def _client(tmp_path: Path, **changes: Any) -> Iterator[httpx.Client]:
    """A client of a server of this test's own, with the given settings."""
    settings = settings_for(f"sqlite:///{tmp_path / 'hisab.db'}", tmp_path, **changes)
    with running_server(settings) as url, httpx.Client(base_url=url) as http:
        yield http


def test_a_burst_beyond_the_bucket_gets_429_with_retry_after_for_that_user_only(tmp_path: Path) -> None:
    with _client(tmp_path, rate_limit_burst=5, rate_limit_per_second=TRICKLE) as http:
        caller = Caller(http, new_tenant())
        statuses = [caller.post(LIST).status_code for _ in range(5)]
        refused = caller.post(LIST)
        neighbour = Caller(http, caller.tenant_id, "user-2").post(LIST)

    assert statuses == [200] * 5
    assert "rate limit exceeded" in _too_many(refused)
    assert int(refused.headers["Retry-After"]) > 900
    assert neighbour.status_code == 200


def test_a_batch_costs_one_request_per_operation(tmp_path: Path) -> None:
    with _client(tmp_path, rate_limit_burst=4, rate_limit_per_second=TRICKLE) as http:
        caller = Caller(http, new_tenant())
        headers = {"Authorization": f"Bearer {caller.token}"}
        batch = http.post("/graphql", json=[QUERY, QUERY, QUERY], headers=headers)
        over = http.post("/graphql", json=[QUERY, QUERY], headers=headers)

    assert [len(batch.json()), batch.status_code] == [3, 200]
    _too_many(over)


def test_failed_authentications_exhaust_a_tighter_bucket_per_address(tmp_path: Path) -> None:
    with _client(tmp_path, auth_failure_burst=3, auth_failure_rate_per_second=TRICKLE) as http:
        bad = {"Authorization": "Bearer not.a.token"}
        failures = [http.post("/graphql", json=QUERY, headers=bad).status_code for _ in range(3)]
        guessing = http.post("/graphql", json=QUERY, headers=bad)
        bad_refresh = http.post("/auth/refresh", json={"refreshToken": "x"})
        valid_meanwhile = Caller(http, new_tenant()).post(LIST)

    assert failures == [401, 401, 401]
    assert "failed authentications" in _too_many(guessing)
    _too_many(bad_refresh)
    _too_many(valid_meanwhile)  # the address is locked out until its bucket refills: documented


def _serve_env(redis_url: str, prefix: str, data: Path) -> dict[str, str]:
    return {
        "HISAB_DATABASE_URL": f"sqlite:///{data / 'hisab.db'}",
        "HISAB_JWT_SECRET": JWT_SECRET,
        "HISAB_JWT_REFRESH_SECRET": JWT_REFRESH_SECRET,
        "HISAB_ENVIRONMENT": "test",
        "HISAB_REDIS_URL": redis_url,
        "HISAB_REDIS_KEY_PREFIX": prefix,
        "HISAB_RATE_LIMIT_BURST": "6",
        "HISAB_RATE_LIMIT_PER_SECOND": str(TRICKLE),
    }


@pytest.mark.redis
def test_two_server_processes_share_one_bucket_through_redis(tmp_path: Path, redis_url: str, redis_prefix: str) -> None:
    ports = free_port(), free_port()
    first_dir, second_dir = tmp_path / "one", tmp_path / "two"
    first_dir.mkdir()
    second_dir.mkdir()
    prefix = f"{redis_prefix}two-processes:"
    with (
        hisab_serve(first_dir, ports[0], **_serve_env(redis_url, prefix, first_dir)),
        hisab_serve(second_dir, ports[1], **_serve_env(redis_url, prefix, second_dir)),
    ):
        headers = {"Authorization": f"Bearer {ISSUER.access_token(Identity(new_tenant(), 'user-1', ('viewer',)))}"}
        urls = [f"http://127.0.0.1:{port}/graphql" for port in ports]
        statuses = [httpx.post(urls[n % 2], json=QUERY, headers=headers).status_code for n in range(6)]
        refused = [httpx.post(url, json=QUERY, headers=headers) for url in urls]

    assert statuses == [200] * 6
    for response in refused:
        _too_many(response)


def test_with_redis_down_the_service_keeps_serving_limits_per_process_and_logs_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    nobody_listens = f"redis://127.0.0.1:{free_port()}/0"
    with (
        caplog.at_level(logging.ERROR, logger="hisab.access.adapters.rate_limits"),
        _client(tmp_path, redis_url=nobody_listens, rate_limit_burst=3, rate_limit_per_second=TRICKLE) as http,
    ):
        caller = Caller(http, new_tenant())
        statuses = [caller.post(LIST).status_code for _ in range(3)]
        refused = caller.post(LIST)

    assert statuses == [200] * 3
    _too_many(refused)
    assert "shared rate limiter unavailable" in caplog.text
