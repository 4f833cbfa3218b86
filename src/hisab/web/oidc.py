"""Signing in through the organisation's identity provider: OpenID Connect, authorization code with PKCE.

Authlib's Starlette client does the protocol (discovery, PKCE S256, the code exchange, and the
ID token's signature, issuer, audience, nonce and expiry). It keeps the state, nonce and code
verifier in `request.session`, so Starlette's SessionMiddleware wraps these two routes only:
its cookie (`hisab_oidc`, signed with the session secret, ten minutes, SameSite=Lax, Secure
when session cookies are, path /sign-in/oidc) lives from the redirect to the callback and is
never read by any other page. The claims become a tenant and roles as the API's tokens do:
the tenant from the tenant claim (or the installation's one tenant), the roles from the roles
claim with unknown ones ignored; without a tenant or a known role the user is refused.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass
from typing import Any

import httpx
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route, request_response

from hisab.access.application.dependencies import Access
from hisab.kernel.language import Language
from hisab.web.pages import PAGE_HEADERS, Web
from hisab.web.session import new_session
from hisab.web.sign_in import _form, language_of, safe_next

with warnings.catch_warnings():
    # Authlib 1.9 warns on importing its httpx integration, which its Starlette client is built on.
    warnings.simplefilter("ignore")
    from authlib.integrations.base_client import OAuthError
    from authlib.integrations.starlette_client import OAuth
    from authlib.jose.errors import JoseError

_log = logging.getLogger(__name__)
COOKIE = "hisab_oidc"
_NEXT, _LANGUAGE = "hisab_next", "hisab_language"
REFUSED = "Your organisation's sign-in did not sign you in; please try again."
NO_TENANT = "Your organisation's sign-in did not say which business you work for; ask your administrator."
NO_ROLE = "Your organisation's sign-in gives you no role in Hisab; ask your administrator."


@dataclass(frozen=True, slots=True)
class OidcClient:
    """The identity provider and how its claims name a user's tenant and roles."""

    issuer: str
    client_id: str
    client_secret: str | None
    scopes: str
    tenant_claim: str
    roles_claim: str
    tenant: str | None = None


def routes(web: Web, client: OidcClient | None, secret: str) -> list[BaseRoute]:
    """The two routes of signing in through the provider; none when no provider is configured."""
    if client is None:
        return []
    oauth = OAuth()
    oauth.register(
        "provider", client_id=client.client_id, client_secret=client.client_secret,
        server_metadata_url=client.issuer.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={"scope": client.scopes, "code_challenge_method": "S256"},
    )  # fmt: skip
    provider: Any = oauth.create_client("provider")

    async def start(request: Request) -> Response:
        request.session[_NEXT] = safe_next(request.query_params.get("next"))
        request.session[_LANGUAGE] = language_of(request).value
        try:
            redirect: Response = await provider.authorize_redirect(request, str(request.url_for("oidc_callback")))
        except (httpx.HTTPError, OAuthError, ValueError):
            _log.exception("the identity provider could not be reached")
            return _refused(web, request, REFUSED, 502)
        return redirect

    async def callback(request: Request) -> Response:
        try:
            token = await provider.authorize_access_token(request)
        except (OAuthError, JoseError, httpx.HTTPError, ValueError) as error:
            _log.warning("OpenID Connect sign-in refused: %s", error)
            return _refused(web, request, REFUSED, 401)
        claims = dict(token.get("userinfo") or {})
        return await _signed_in(web, client, request, claims)

    def wrapped(endpoint: Any) -> Any:
        return SessionMiddleware(
            request_response(endpoint), secret_key=secret, session_cookie=COOKIE, max_age=600, path="/sign-in/oidc",
            same_site="lax", https_only=web.config.cookies.secure,
        )  # fmt: skip

    return [
        Route("/sign-in/oidc", wrapped(start), methods=["GET"], name="oidc_start"),
        Route("/sign-in/oidc/callback", wrapped(callback), methods=["GET"], name="oidc_callback"),
    ]


async def _signed_in(web: Web, client: OidcClient, request: Request, claims: dict[str, Any]) -> Response:
    tenant = client.tenant or _text(claims.get(client.tenant_claim))
    subject = _text(claims.get("sub"))
    if tenant is None or subject is None:
        return _refused(web, request, NO_TENANT, 403)
    listed = claims.get(client.roles_claim, [])
    named = [listed] if isinstance(listed, str) else listed if isinstance(listed, list) else []
    roles = tuple(dict.fromkeys(role for role in named if isinstance(role, str) and role in web.config.role_map))
    if not roles:
        return _refused(web, request, NO_ROLE, 403)
    name = next((text for key in ("name", "preferred_username", "email") if (text := _text(claims.get(key)))), subject)
    access: Access = request.state.services.get(Access)
    language = await access.preferences.language(tenant, subject) or _language(request)
    session = new_session(tenant, subject, "oidc", name, language, roles=roles)
    response = RedirectResponse(safe_next(request.session.pop(_NEXT, "/")), status_code=303, headers=PAGE_HEADERS)
    request.session.clear()
    web.config.cookies.write(response, session)
    return response


def _refused(web: Web, request: Request, text: str, status: int) -> Response:
    language = _language(request)
    next_path = safe_next(request.session.get(_NEXT))
    request.session.clear()
    message = web.catalog.translate(text, language)
    return _form(web, request, status=status, language=language, error=message, next=next_path)


def _language(request: Request) -> Language:
    chosen = request.session.get(_LANGUAGE)
    return Language(chosen) if chosen in {Language.EN.value, Language.BN.value} else language_of(request)


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() and len(value) <= 200 else None
