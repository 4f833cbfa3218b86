"""RS256 and ES256 tokens verified against a JWKS, from a file or a URL, and the attacks on them."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest

from hisab.access.adapters.tokens import Identity
from hisab.infrastructure.token_keys import token_issuer
from tests.e2e.access.test_identity import NOT_ACCESS, QUERY, claims, hand_signed, refused
from tests.e2e.server import running_server, settings_for
from tests.keys import Signer, jwks


def _ok(http: httpx.Client, token: str) -> bool:
    response = http.post("/graphql", json=QUERY, headers={"Authorization": f"Bearer {token}"})
    return response.status_code == 200 and "errors" not in response.json()


RSA_KEY = Signer.new("RS256", "rsa-1")


@pytest.fixture(scope="module")
def rs256(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    data_dir: Path = tmp_path_factory.mktemp("hisab-rs256")
    (data_dir / "jwks.json").write_text(jwks(RSA_KEY, Signer.new("ES256", "ec-1")))
    (data_dir / "signing.pem").write_text(RSA_KEY.private_pem())
    settings = settings_for(
        f"sqlite:///{data_dir / 'hisab.db'}", data_dir, jwt_algorithm="RS256", jwt_jwks=str(data_dir / "jwks.json"),
        jwt_private_key_file=data_dir / "signing.pem", jwt_key_id=RSA_KEY.key_id,
    )  # fmt: skip
    with running_server(settings) as url, httpx.Client(base_url=url) as http:
        yield http


def test_an_rs256_token_from_the_jwks_file_is_accepted(rs256: httpx.Client) -> None:
    assert _ok(rs256, RSA_KEY.token(claims()))


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        pytest.param(hand_signed(claims(), RSA_KEY.public_pem()), "algorithm not allowed", id="hs256-by-public-key"),
        pytest.param(jwt.encode(claims(), "", algorithm="none"), "algorithm not allowed", id="alg-none"),
        pytest.param(Signer.new("ES256", "ec-1").token(claims()), "algorithm not allowed", id="es256-to-rs256-server"),
        pytest.param(Signer.new("RS256", "rsa-1").token(claims()), "bad signature", id="another-key-same-kid"),
        pytest.param(Signer.new("RS256", "rsa-9").token(claims()), "unknown signing key", id="unknown-kid"),
        pytest.param(RSA_KEY.token(claims(exp=int(time.time()) - 600)), "token expired", id="expired"),
        pytest.param(RSA_KEY.token(claims(typ="refresh")), NOT_ACCESS, id="typed-refresh"),
    ],
)
def test_rs256_attacks_are_refused(rs256: httpx.Client, token: str, reason: str) -> None:
    assert refused(rs256, f"Bearer {token}") == reason


def test_a_refresh_with_a_private_key_issues_rs256_access_tokens(rs256: httpx.Client, tmp_path: Path) -> None:
    settings = settings_for("sqlite:///unused.db", tmp_path, jwt_algorithm="RS256", jwt_key_id=RSA_KEY.key_id)
    (tmp_path / "signing.pem").write_text(RSA_KEY.private_pem())
    issuer = token_issuer(settings.model_copy(update={"jwt_private_key_file": tmp_path / "signing.pem"}))
    assert issuer is not None

    pair = issuer.pair(Identity("t", "u", ("viewer",)))
    response = rs256.post("/auth/refresh", json={"refreshToken": pair.refresh_token})

    access = response.json()["accessToken"]
    assert jwt.get_unverified_header(access) == {"alg": "RS256", "kid": "rsa-1", "typ": "JWT"}
    assert _ok(rs256, access)


class _JwksHandler(BaseHTTPRequestHandler):
    body = b"{}"
    served = 0

    def do_GET(self) -> None:
        type(self).served += 1
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(type(self).body)

    def log_message(self, format: str, *args: Any) -> None:
        return None


@pytest.fixture
def jwks_url() -> Iterator[type[_JwksHandler]]:
    """A JWKS served over HTTP on loopback; the test changes what it serves."""
    handler = type("Handler", (_JwksHandler,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    handler.url = f"http://127.0.0.1:{server.server_address[1]}/jwks.json"  # type: ignore[attr-defined]
    yield handler
    server.shutdown()
    server.server_close()


def test_es256_keys_come_from_a_url_and_a_rotation_is_picked_up(jwks_url: type[_JwksHandler], tmp_path: Path) -> None:
    old, new = Signer.new("ES256", "ec-old"), Signer.new("ES256", "ec-new")
    jwks_url.body = jwks(old).encode()
    settings = settings_for(
        f"sqlite:///{tmp_path / 'hisab.db'}", tmp_path, jwt_algorithm="ES256",
        jwt_jwks=jwks_url.url, jwks_min_reload_seconds=0,  # type: ignore[attr-defined]
    )  # fmt: skip
    with running_server(settings) as url, httpx.Client(base_url=url) as http:
        before = _ok(http, old.token(claims())), _ok(http, new.token(claims()))
        jwks_url.body = jwks(old, new).encode()
        after = _ok(http, old.token(claims())), _ok(http, new.token(claims()))
        forged_hs = refused(http, "Bearer " + hand_signed(claims(), new.public_pem()))
        no_refresh = http.post("/auth/refresh", json={"refreshToken": "x"}).status_code

    assert before == (True, False)
    assert after == (True, True)
    assert forged_hs == "algorithm not allowed"
    assert no_refresh == 404  # the identity provider holds the signing key, so it refreshes
