"""Signing in with a local account, signing out, and switching the language.

The sign-in form has a CSRF token of its own (a cookie and the same value in the form), since
there is no session yet to hold one. Failed sign-ins from one address drain the same bucket as
the API's failed authentications, so guessing passwords here is as slow as guessing tokens.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from hisab.access.application.dependencies import Access
from hisab.access.application.users import SignInRefusal
from hisab.edge.errors import RequestRefusedError
from hisab.kernel.language import Language
from hisab.web.pages import CSRF_FIELD, PAGE_HEADERS, Page, Web
from hisab.web.session import new_session, password_fingerprint, with_language

SIGN_IN_CSRF_COOKIE = "hisab_sign_in"
_REFUSALS = {
    SignInRefusal.WRONG_CREDENTIALS: "The username or password is wrong.",
    SignInRefusal.LOCKED: "This account is locked after too many wrong passwords; try again in a few minutes.",
    SignInRefusal.DISABLED: "This account is disabled; ask your administrator.",
}


def routes(web: Web) -> list[BaseRoute]:
    async def show(request: Request) -> Response:
        return _form(web, request, status=200)

    async def submit(request: Request) -> Response:
        return await _sign_in(web, request)

    return [
        Route("/sign-in", show, methods=["GET"], name="sign_in"),
        Route("/sign-in", submit, methods=["POST"], name="sign_in_submit"),
        web.page("/sign-out", sign_out, methods=["POST"]),
        web.page("/language", switch_language, methods=["POST"]),
    ]


def language_of(request: Request) -> Language:
    """The sign-in page's language: as asked (`?lang=`), else the browser's first choice if it is Bengali."""
    asked = request.query_params.get("lang")
    if asked in {Language.EN.value, Language.BN.value}:
        return Language(asked)
    preferred = request.headers.get("Accept-Language", "").split(",")[0].strip().lower()
    return Language.BN if preferred.startswith("bn") else Language.EN


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path of this site only, never another site's address."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _form(web: Web, request: Request, *, status: int, **context: Any) -> Response:
    language = Language(context.pop("language", language_of(request)))
    token = secrets.token_urlsafe(32)
    values = {
        "language": language,
        "csrf_token": token,
        "next": safe_next(request.query_params.get("next") or context.pop("next", None)),
        "expired": request.query_params.get("expired") == "1",
        "username": "",
        "error": None,
        "oidc_provider": web.config.oidc_provider,
        **context,
    }
    html = web.templates.render("sign_in.html", values)
    response = HTMLResponse(html, status_code=status, headers=PAGE_HEADERS)
    response.set_cookie(
        SIGN_IN_CSRF_COOKIE, token, max_age=3600, httponly=True, samesite="lax", secure=web.config.cookies.secure,
        path="/sign-in",
    )  # fmt: skip
    return response


async def _sign_in(web: Web, request: Request) -> Response:
    form = await request.form()
    language = Language(str(form.get("language", "en"))) if form.get("language") in {"en", "bn"} else Language.EN
    username, password = str(form.get("username", "")), str(form.get("password", ""))
    next_path = safe_next(str(form.get("next", "/")))
    cookie = request.cookies.get(SIGN_IN_CSRF_COOKIE, "")
    if not cookie or not hmac.compare_digest(cookie.encode(), str(form.get(CSRF_FIELD, "")).encode()):
        message = web.catalog.translate("This form has expired; please sign in again.", language)
        return _form(web, request, status=403, language=language, username=username, error=message, next=next_path)
    access: Access = request.state.services.get(Access)
    guard = web.config.guard
    try:
        await guard.ensure_may_try(access.rate_limiter, request)
    except RequestRefusedError:
        message = web.catalog.translate("Too many failed sign-ins from this address; wait a minute.", language)
        return _form(web, request, status=429, language=language, username=username, error=message, next=next_path)
    result = await access.users.sign_in(username, password)
    if result.account is None:
        assert result.refusal is not None
        await guard.record_failure(access.rate_limiter, request, f"web sign-in: {result.refusal.value}")
        message = web.catalog.translate(_REFUSALS[result.refusal], language)
        return _form(web, request, status=401, language=language, username=username, error=message, next=next_path)
    account = result.account
    chosen = await access.preferences.language(account.tenant_id, account.username) or language
    session = new_session(
        account.tenant_id, account.username, "local", account.display_name, chosen,
        fingerprint=password_fingerprint(account.password_hash),
    )  # fmt: skip
    response = RedirectResponse(next_path, status_code=303, headers=PAGE_HEADERS)
    web.config.cookies.write(response, session)
    response.delete_cookie(SIGN_IN_CSRF_COOKIE, path="/sign-in")
    return response


async def sign_out(page: Page) -> Response:
    response = RedirectResponse("/sign-in?" + urlencode({"lang": page.language.value}), status_code=303)
    page.web.config.cookies.clear(response)
    return response


async def switch_language(page: Page) -> Response:
    form = await page.form()
    chosen = Language.BN if form.get("language") == Language.BN.value else Language.EN
    await page.services.get(Access).preferences.set_language(page.principal.tenant_id, page.principal.user_id, chosen)
    page.session = with_language(page.session, chosen)
    page.renewed = True
    return page.redirect(safe_next(str(form.get("next", "/"))))
