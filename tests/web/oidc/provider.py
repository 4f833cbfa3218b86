"""A tiny OpenID provider for the tests: discovery, an authorize endpoint that redirects straight
back with a code, a token endpoint that checks the PKCE verifier, and its JWKS."""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from tests.keys import Signer

CLIENT_ID = "hisab-web"


@dataclass
class FakeProvider:
    url: str = ""
    signer: Signer = field(default_factory=lambda: Signer.new("RS256", "provider-key"))
    # The claims the next user signs in with (beyond iss, aud, exp, iat, nonce).
    claims: dict[str, Any] = field(default_factory=dict)
    challenges: list[tuple[str, str]] = field(default_factory=list)
    verified: list[bool] = field(default_factory=list)
    _codes: dict[str, dict[str, str]] = field(default_factory=dict)

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/.well-known/openid-configuration", self._discovery),
                Route("/authorize", self._authorize),
                Route("/token", self._token, methods=["POST"]),
                Route("/jwks", self._jwks),
            ]
        )

    async def _discovery(self, request: Request) -> Response:
        return JSONResponse({
            "issuer": self.url, "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token", "jwks_uri": f"{self.url}/jwks",
            "response_types_supported": ["code"], "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"], "code_challenge_methods_supported": ["S256"],
        })  # fmt: skip

    async def _authorize(self, request: Request) -> Response:
        query = request.query_params
        self.challenges.append((query.get("code_challenge_method", ""), query.get("code_challenge", "")))
        code = secrets.token_urlsafe(16)
        self._codes[code] = {"challenge": query.get("code_challenge", ""), "nonce": query.get("nonce", "")}
        back = {"code": code, "state": query.get("state", "")}
        return RedirectResponse(f"{query['redirect_uri']}?{urlencode(back)}", status_code=302)

    async def _token(self, request: Request) -> Response:
        form = await request.form()
        grant = self._codes.pop(str(form.get("code", "")), None)
        if grant is None:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        verifier = str(form.get("code_verifier", ""))
        digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        matches = digest == grant["challenge"]
        self.verified.append(matches)
        if not matches:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        now = int(time.time())
        claims = {"iss": self.url, "aud": CLIENT_ID, "iat": now, "exp": now + 300, "nonce": grant["nonce"]}
        token = self.signer.token({**claims, **self.claims})
        return JSONResponse({"access_token": secrets.token_urlsafe(16), "token_type": "Bearer", "id_token": token})

    async def _jwks(self, request: Request) -> Response:
        return JSONResponse({"keys": [self.signer.jwk()]})
