"""Who may call: every way a bearer token can be wrong is refused, with a short reason and never an echo."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest

from tests.e2e.operations import LIST
from tests.e2e.server import JWT_REFRESH_SECRET, JWT_SECRET, Caller, only_error, running_server, settings_for

QUERY = {"query": "{ invoices { totalCount } }"}
NOT_ACCESS = "a refresh token is not an access token"


def claims(**changes: Any) -> dict[str, Any]:
    now = int(time.time())
    payload: dict[str, Any] = {
        "sub": "user-1", "tenant_id": "tenant-a", "typ": "access", "roles": ["viewer"], "iat": now, "exp": now + 600,
    }  # fmt: skip
    payload.update(changes)
    return {k: v for k, v in payload.items() if v is not None}


def hs256(secret: str | bytes = JWT_SECRET, **changes: Any) -> str:
    return hand_signed(claims(**changes), secret if isinstance(secret, bytes) else secret.encode())


def hand_signed(payload: dict[str, Any], key: bytes, header: dict[str, Any] | None = None) -> str:
    """An HS256 JWT built by hand: PyJWT rightly refuses to use a PEM public key as an HMAC secret."""

    def part(value: dict[str, Any]) -> bytes:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=")

    signing_input = part(header or {"alg": "HS256", "typ": "JWT"}) + b"." + part(payload)
    signature = base64.urlsafe_b64encode(hmac.new(key, signing_input, hashlib.sha256).digest()).rstrip(b"=")
    return (signing_input + b"." + signature).decode()


def refused(http: httpx.Client, authorization: str | None, status: int = 401) -> str:
    """The reason a request is refused as UNAUTHENTICATED; the token is never in the response."""
    headers = {} if authorization is None else {"Authorization": authorization}
    response = http.post("/graphql", json=QUERY, headers=headers)
    body = response.json()
    assert response.status_code == status
    assert body["data"] is None
    if authorization and " " in authorization:
        assert authorization.split(" ", 1)[1] not in response.text
    message: str = only_error(body, "UNAUTHENTICATED")["message"]
    return message.removeprefix("Unauthorized: ")


@pytest.mark.parametrize(
    ("authorization", "reason"),
    [
        pytest.param(None, "missing bearer token", id="no-header"),
        pytest.param("Basic dXNlcjpwYXNz", "missing bearer token", id="basic-auth"),
        pytest.param("Bearer", "missing bearer token", id="empty-bearer"),
        pytest.param("Bearer not.a.jwt", "malformed token", id="malformed"),
        pytest.param("Bearer " + hs256(exp=int(time.time()) - 3600), "token expired", id="expired"),
        pytest.param("Bearer " + hs256(nbf=int(time.time()) + 3600), "token not yet valid", id="not-before-future"),
        pytest.param("Bearer " + hs256(iat=int(time.time()) + 3600), "token not yet valid", id="issued-in-future"),
        pytest.param("Bearer " + hs256("another-secret-of-sufficient-length-0123456789"), "bad signature", id="forged"),
        pytest.param("Bearer " + hs256(tenant_id=None), "missing claim tenant_id", id="no-tenant"),
        pytest.param("Bearer " + hs256(sub=None), "missing claim sub", id="no-subject"),
        pytest.param("Bearer " + hs256(exp=None), "missing claim exp", id="no-expiry"),
        pytest.param("Bearer " + hs256(iat=None), "missing claim iat", id="no-issued-at"),
        pytest.param("Bearer " + hs256(typ=None), "missing claim typ", id="no-type"),
        pytest.param("Bearer " + hs256(typ="id"), "wrong token type", id="id-token"),
        pytest.param("Bearer " + hs256(tenant_id=""), "invalid claim tenant_id", id="empty-tenant"),
        pytest.param("Bearer " + hs256(tenant_id=["a"]), "invalid claim tenant_id", id="tenant-not-a-string"),
        pytest.param("Bearer " + hs256(roles="admin"), "invalid claim roles", id="roles-not-a-list"),
        pytest.param("Bearer " + hs256(JWT_REFRESH_SECRET, typ="refresh"), NOT_ACCESS, id="refresh-as-access"),
        pytest.param("Bearer " + hs256(typ="refresh"), NOT_ACCESS, id="refresh-typed-under-access-key"),
    ],
)
def test_a_request_without_a_valid_access_token_is_unauthorized(
    http: httpx.Client, authorization: str | None, reason: str
) -> None:
    assert refused(http, authorization) == reason


def test_an_unsigned_token_is_refused_before_any_key_is_used(http: httpx.Client) -> None:
    unsigned = jwt.encode(claims(), "", algorithm="none")

    assert refused(http, f"Bearer {unsigned}") == "algorithm not allowed"


@pytest.mark.parametrize("algorithm", ["HS384", "HS512", "RS256", "ES256", "None", "nOnE"])
def test_a_token_of_another_algorithm_is_refused(http: httpx.Client, algorithm: str) -> None:
    token = hand_signed(claims(), JWT_SECRET.encode(), header={"alg": algorithm, "typ": "JWT"})

    assert refused(http, f"Bearer {token}") == "algorithm not allowed"


def test_a_tampered_tenant_claim_breaks_the_signature(http: httpx.Client) -> None:
    header, payload, signature = hs256(tenant_id="tenant-a").split(".")
    decoded = json.loads(base64.urlsafe_b64decode(payload + "=="))
    tampered = base64.urlsafe_b64encode(json.dumps({**decoded, "tenant_id": "tenant-b"}).encode()).rstrip(b"=")

    assert refused(http, f"Bearer {header}.{tampered.decode()}.{signature}") == "bad signature"


def test_a_tenant_header_that_differs_from_the_token_is_forbidden(caller: Caller) -> None:
    response = caller.post(LIST, headers={"X-Tenant-ID": "someone-else"})

    assert response.status_code == 403
    only_error(response.json(), "FORBIDDEN")


def test_a_tenant_header_that_matches_the_token_is_accepted(caller: Caller) -> None:
    data = caller.data(LIST, headers={"X-Tenant-ID": caller.tenant_id})

    assert data["invoices"]["totalCount"] == 0


def test_the_request_id_is_echoed_back_or_made_up(caller: Caller) -> None:
    given = caller.post(LIST, headers={"X-Request-ID": "req-42.a_b"})
    correlated = caller.post(LIST, headers={"X-Correlation-ID": "corr-7"})
    insane = caller.post(LIST, headers={"X-Request-ID": "has spaces;and=more"})
    unauthenticated = caller.http.post("/graphql", json=QUERY, headers={"X-Request-ID": "req-43"})

    assert given.headers["X-Request-ID"] == "req-42.a_b"
    assert correlated.headers["X-Request-ID"] == "corr-7"
    assert len(insane.headers["X-Request-ID"]) == 36
    assert unauthenticated.headers["X-Request-ID"] == "req-43"


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A server that also checks the issuer and the audience."""
    data_dir: Path = tmp_path_factory.mktemp("hisab-strict")
    settings = settings_for(
        f"sqlite:///{data_dir / 'hisab.db'}", data_dir, jwt_issuer="https://id.example", jwt_audience="hisab"
    )
    with running_server(settings) as url, httpx.Client(base_url=url) as http:
        yield http


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        pytest.param({"iss": "https://evil.example"}, "wrong issuer", id="wrong-issuer"),
        pytest.param({"aud": "another-service"}, "wrong audience", id="wrong-audience"),
        pytest.param({"iss": None}, "missing claim iss", id="no-issuer"),
        pytest.param({"aud": None}, "missing claim aud", id="no-audience"),
    ],
)
def test_issuer_and_audience_are_checked_when_configured(
    strict_server: httpx.Client, changes: dict[str, Any], reason: str
) -> None:
    good = {"iss": "https://id.example", "aud": "hisab"}

    assert refused(strict_server, "Bearer " + hs256(**{**good, **changes})) == reason
    accepted = strict_server.post("/graphql", json=QUERY, headers={"Authorization": "Bearer " + hs256(**good)})
    assert accepted.json()["data"]["invoices"]["totalCount"] == 0
