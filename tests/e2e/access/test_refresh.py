"""POST /auth/refresh: single-use refresh tokens, rotation, and what a reuse does."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
import pytest

from hisab.access.adapters.tokens import Identity, TokenPair
from tests.e2e.operations import LIST
from tests.e2e.server import (
    ISSUER,
    JWT_REFRESH_SECRET,
    JWT_SECRET,
    new_tenant,
    only_error,
    running_server,
    settings_for,
)


def _pair(roles: tuple[str, ...] = ("viewer",)) -> TokenPair:
    return ISSUER.pair(Identity(new_tenant(), "user-1", roles))


def _refresh(http: httpx.Client, token: str) -> httpx.Response:
    return http.post("/auth/refresh", json={"refreshToken": token})


def _claims(token: str, secret: str = JWT_REFRESH_SECRET) -> dict[str, Any]:
    decoded: dict[str, Any] = jwt.decode(token, secret, algorithms=["HS256"])
    return decoded


def _refused(response: httpx.Response) -> str:
    assert response.status_code == 401
    message: str = only_error(response.json(), "UNAUTHENTICATED")["message"]
    return message.removeprefix("Unauthorized: ")


def test_a_refresh_token_buys_a_new_pair_that_works(http: httpx.Client) -> None:
    first = _pair()

    response = _refresh(http, first.refresh_token)

    assert response.status_code == 200
    body = response.json()
    assert (body["tokenType"], body["expiresIn"]) == ("Bearer", 15 * 60)
    access, refresh = _claims(body["accessToken"], JWT_SECRET), _claims(body["refreshToken"])
    old = _claims(first.refresh_token)
    assert (access["typ"], refresh["typ"]) == ("access", "refresh")
    assert access["roles"] == refresh["roles"] == ["viewer"]
    assert refresh["fam"] == old["fam"]
    assert refresh["jti"] != old["jti"]
    assert refresh["exp"] == old["exp"]  # rotating never extends the sign-in
    listed = http.post("/graphql", json={"query": LIST}, headers={"Authorization": f"Bearer {body['accessToken']}"})
    assert listed.json()["data"]["invoices"]["totalCount"] == 0
    assert response.headers["Cache-Control"] == "no-store"


def test_a_reused_refresh_token_is_refused_logged_and_revokes_its_family(
    http: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    first = _pair()
    rotated = _refresh(http, first.refresh_token).json()

    with caplog.at_level(logging.WARNING, logger="hisab.access.adapters.refresh_endpoint"):
        reuse = _refresh(http, first.refresh_token)
    after_reuse = _refresh(http, rotated["refreshToken"])

    assert _refused(reuse) == "refresh token already used; every token of its sign-in is now revoked"
    assert _refused(after_reuse) == "refresh token revoked"
    warnings = [r.getMessage() for r in caplog.records if r.name == "hisab.access.adapters.refresh_endpoint"]
    assert [w.split(":")[0] for w in warnings] == ["refused reused", "refused family_revoked"]
    assert _claims(first.refresh_token)["fam"] in warnings[0]
    assert first.refresh_token not in caplog.text


def test_an_unrelated_sign_in_is_not_revoked_by_anothers_reuse(http: httpx.Client) -> None:
    stolen, bystander = _pair(), _pair()
    _refresh(http, stolen.refresh_token)
    _refresh(http, stolen.refresh_token)

    assert _refresh(http, bystander.refresh_token).status_code == 200


def _token(secret: str, **changes: Any) -> str:
    now = int(time.time())
    claims = {"sub": "u", "tenant_id": "t", "typ": "refresh", "jti": "j", "fam": "f", "iat": now, "exp": now + 600}
    claims.update(changes)
    return jwt.encode({k: v for k, v in claims.items() if v is not None}, secret, algorithm="HS256")


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        pytest.param(_pair().access_token, "an access token is not a refresh token", id="access-as-refresh"),
        pytest.param(_token(JWT_SECRET), "bad signature", id="signed-with-the-access-secret"),
        pytest.param(_token(JWT_REFRESH_SECRET, exp=int(time.time()) - 60), "token expired", id="expired"),
        pytest.param(_token(JWT_REFRESH_SECRET, fam=None), "missing claim fam", id="no-family"),
        pytest.param(_token(JWT_REFRESH_SECRET, jti=None), "missing claim jti", id="no-token-id"),
        pytest.param(_token(JWT_REFRESH_SECRET, typ="access2"), "wrong token type", id="wrong-type"),
        pytest.param("garbage", "malformed token", id="malformed"),
    ],
)
def test_what_is_not_a_valid_refresh_token_is_refused(http: httpx.Client, token: str, reason: str) -> None:
    response = _refresh(http, token)

    assert _refused(response) == reason
    assert token not in response.text


@pytest.mark.parametrize(
    "content",
    [b"", b"[]", b'{"refreshToken": 7}', b'{"token": "x"}', b"{"],
    ids=["empty", "array", "number", "name", "json"],
)
def test_a_body_without_a_refresh_token_is_bad_input(http: httpx.Client, content: bytes) -> None:
    response = http.post("/auth/refresh", content=content)

    assert response.status_code == 400
    only_error(response.json(), "BAD_USER_INPUT")


@pytest.fixture(scope="module")
def redis_http(tmp_path_factory: pytest.TempPathFactory, redis_url: str, redis_prefix: str) -> Iterator[httpx.Client]:
    data_dir = tmp_path_factory.mktemp("hisab-refresh-redis")
    settings = settings_for(f"sqlite:///{data_dir / 'hisab.db'}", data_dir, redis_url=redis_url,
                            redis_key_prefix=f"{redis_prefix}refresh-e2e:")  # fmt: skip
    with running_server(settings) as url, httpx.Client(base_url=url) as http:
        yield http


@pytest.mark.redis
def test_with_redis_a_refresh_token_still_works_once(redis_http: httpx.Client) -> None:
    first = _pair()

    assert _refresh(redis_http, first.refresh_token).status_code == 200
    assert _refused(_refresh(redis_http, first.refresh_token)).startswith("refresh token already used")


def test_refresh_tokens_of_a_family_share_the_expiry_of_its_first() -> None:
    expires_at = datetime.now(UTC) + timedelta(days=1)
    pair = ISSUER.pair(Identity("t", "u"), ("family-1", expires_at))

    assert _claims(pair.refresh_token)["exp"] == int(expires_at.timestamp())
