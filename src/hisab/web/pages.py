"""What every page handler is given (`Page`) and how a handler becomes a route (`Web.page`).

A route wraps its handler in the same steps for every page: find the signed-in user (or send
them to sign in), check the CSRF token of anything that changes data, check the page's
permission, charge the user's rate limit, then run the handler and turn whatever error it
raises into a page in the user's language, never a stack trace.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from itsdangerous import BadSignature, URLSafeSerializer
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from hisab.access.adapters.guard import Guard
from hisab.access.application.dependencies import Access
from hisab.edge.context import Principal
from hisab.edge.errors import RequestRefusedError
from hisab.edge.permissions import Permission, PermissionDeniedError, granted
from hisab.event_store.messages import Actor
from hisab.kernel.errors import ErrorCode, HisabError, InvalidInputError, Violation
from hisab.kernel.language import Language
from hisab.kernel.services import Services
from hisab.web.i18n import Catalog
from hisab.web.navigation import Navigation, navigation
from hisab.web.session import Session, SessionCookies, password_fingerprint
from hisab.web.templates import Templates

_log = logging.getLogger(__name__)
CSRF_FIELD, CSRF_HEADER = "csrf_token", "X-CSRF-Token"
FLASH_COOKIE = "hisab_flash"
_SAFE_METHODS = frozenset({"GET", "HEAD"})
# Pages hold a tenant's figures: never cached, and framed by nothing but our own pages.
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Vary": "HX-Request",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'"
    ),
    "X-Frame-Options": "SAMEORIGIN",
}
_STATUS = {
    ErrorCode.BAD_USER_INPUT: 400, ErrorCode.UNAUTHENTICATED: 401, ErrorCode.FORBIDDEN: 403,
    ErrorCode.NOT_FOUND: 404, ErrorCode.CONFLICT: 409, ErrorCode.RATE_LIMITED: 429, ErrorCode.UNAVAILABLE: 503,
}  # fmt: skip
_TITLES = {
    400: "This cannot be done as asked", 403: "You may not do this", 404: "Not found",
    409: "This has changed or cannot be done now", 429: "Too many requests", 503: "Try again shortly",
    500: "Something went wrong on our side",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class WebConfig:
    cookies: SessionCookies
    flash_secret: str
    role_map: Mapping[str, Iterable[str]]
    guard: Guard
    # The identity provider's name on the sign-in page, when OpenID Connect sign-in is configured.
    oidc_provider: str | None = None


Handler = Callable[["Page"], Awaitable[Response]]


@dataclass(slots=True)
class Page:
    """One request from a signed-in user: who they are, their language, and how to answer them."""

    request: Request
    web: Web
    session: Session
    principal: Principal
    roles: tuple[str, ...]
    _form: FormData | None = field(default=None, repr=False)
    renewed: bool = False
    _flash_shown: bool = False

    @property
    def services(self) -> Services:
        services: Services = self.request.state.services
        return services

    @property
    def language(self) -> Language:
        return self.session.lang

    @property
    def actor(self) -> Actor:
        return Actor(self.principal.tenant_id, self.principal.user_id, self.request.state.correlation_id)

    @property
    def is_htmx(self) -> bool:
        return self.request.headers.get("HX-Request") == "true"

    def t(self, text: str, **values: object) -> str:
        return self.web.catalog.translate(text, self.language, **values)

    def may(self, permission: Permission) -> bool:
        return permission in self.principal.permissions

    def require(self, permission: Permission) -> None:
        if not self.may(permission):
            raise PermissionDeniedError(permission)

    async def form(self) -> FormData:
        if self._form is None:
            self._form = await self.request.form()
        return self._form

    def field_errors(self, error: InvalidInputError, renamed: Mapping[str, str] | None = None) -> dict[str, str]:
        """Each broken rule's sentence in the user's language, by the form field it concerns."""
        errors: dict[str, str] = {}
        for violation in error.violations:
            name = (renamed or {}).get(violation.field, violation.field)
            message = self.web.catalog.violation(violation, self.language)
            errors[name] = f"{errors[name]} {message}" if name in errors else message
        return errors

    def violations(self, error: HisabError) -> list[str]:
        found: Sequence[Violation] = error.violations if isinstance(error, InvalidInputError) else ()
        return [self.web.catalog.violation(v, self.language) for v in found] or [str(error)]

    async def render(
        self, template: str, *, block: str | None = None, status: int = 200, **context: Any
    ) -> HTMLResponse:
        """The template (or, for an htmx request naming `block`, that block alone) in the user's language."""
        values = {**await self._layout(), **context}
        html = self.web.templates.render(template, values, block=block if self.is_htmx else None)
        response = HTMLResponse(html, status_code=status, headers=PAGE_HEADERS)
        self._finish(response)
        return response

    async def fragment(self, template: str, block: str, *, status: int = 200, **context: Any) -> HTMLResponse:
        """One block of a template, whoever asked: what an htmx request swaps into the page."""
        values = {**await self._layout(), **context}
        html = self.web.templates.render(template, values, block=block)
        response = HTMLResponse(html, status_code=status, headers=PAGE_HEADERS)
        self._finish(response)
        return response

    def redirect(self, url: str, flash: str | None = None) -> Response:
        """See `url` next (303): a full page load for a form, the HX-Redirect header for htmx.

        `flash` is a sentence already in the user's language, shown once on the next page.
        """
        if self.is_htmx:
            response: Response = Response(status_code=204, headers={"HX-Redirect": url, **PAGE_HEADERS})
        else:
            response = RedirectResponse(url, status_code=303, headers=PAGE_HEADERS)
        if flash is not None:
            response.set_cookie(FLASH_COOKIE, self.web.flash.dumps(flash), httponly=True, samesite="lax", path="/")
        return self._finish(response)

    def _finish(self, response: Response) -> Response:
        if self.renewed:
            self.web.config.cookies.write(response, self.session)
        if self._flash_shown:
            response.delete_cookie(FLASH_COOKIE, httponly=True, samesite="lax", path="/")
        return response

    async def _layout(self) -> dict[str, Any]:
        flash = self.web.read_flash(self.request)
        self._flash_shown = flash is not None
        return {
            "page": self,
            "language": self.language,
            "csrf_token": self.session.csrf_token,
            "user_name": self.session.display_name,
            "navigation": await self.navigation(),
            "flash": flash,
            "current_path": self.request.url.path,
            "current_url": _path_and_query(self.request),
        }

    async def navigation(self) -> Navigation:
        return await navigation(self)


class Web:
    """The templates, the catalog, the configuration, and how handlers become routes."""

    def __init__(self, config: WebConfig, catalog: Catalog, templates: Templates) -> None:
        self.config = config
        self.catalog = catalog
        self.templates = templates
        self.flash = URLSafeSerializer(config.flash_secret, salt="hisab.web.flash")

    def page(
        self, path: str, handler: Handler, permission: Permission | None = None, *, methods: Sequence[str] = ("GET",)
    ) -> Route:
        async def endpoint(request: Request) -> Response:
            return await self.serve(request, handler, permission)

        return Route(path, endpoint, methods=list(methods), name=handler.__name__)

    async def serve(self, request: Request, handler: Handler, permission: Permission | None) -> Response:
        page_or_refusal = await self._signed_in(request)
        if isinstance(page_or_refusal, Response):
            return page_or_refusal
        page = page_or_refusal
        try:
            if request.method not in _SAFE_METHODS:
                await self._check_csrf(page)
            if permission is not None:
                page.require(permission)
            access = page.services.get(Access)
            await self.config.guard.charge(access.rate_limiter, page.principal.tenant_id, page.principal.user_id)
            return await handler(page)
        except RequestRefusedError as refusal:
            return await self.error_page(page, refusal.status, str(refusal), headers=refusal.headers)
        except HisabError as error:
            status = _STATUS.get(error.code, 500)
            if status == 500:
                _log.error("page %s failed", request.url.path, exc_info=error)
                return await self.error_page(page, 500, None)
            return await self.error_page(page, status, page.violations(error))
        except Exception:
            _log.exception("page %s failed", request.url.path)
            return await self.error_page(page, 500, None)

    async def error_page(
        self, page: Page, status: int, messages: str | list[str] | None, headers: Mapping[str, str] | None = None
    ) -> Response:
        shown = [messages] if isinstance(messages, str) else (messages or [])
        response = await page.render(
            "error.html", block="content", status=status, title=page.t(_TITLES.get(status, _TITLES[500])),
            messages=shown,
        )  # fmt: skip
        response.headers.update(headers or {})
        if page.is_htmx:
            # htmx swaps nothing for an error status unless told: show the error where the page's content is.
            response.headers["HX-Retarget"] = "#main"
            response.headers["HX-Reswap"] = "innerHTML"
        return response

    def read_flash(self, request: Request) -> str | None:
        raw = request.cookies.get(FLASH_COOKIE)
        if not raw:
            return None
        try:
            text = self.flash.loads(raw)
        except BadSignature:
            return None
        return text if isinstance(text, str) else None

    async def _signed_in(self, request: Request) -> Page | Response:
        read = self.config.cookies.read(request)
        if read.session is None:
            return self._to_sign_in(request, expired=read.expired)
        session = read.session
        roles = session.roles
        if session.kind == "local":
            account = await request.state.services.get(Access).users.store.account(session.tenant_id, session.user_id)
            if (
                account is None
                or account.disabled
                or password_fingerprint(account.password_hash) != session.fingerprint
            ):
                return self._to_sign_in(request, expired=True)
            roles = account.roles
        principal = Principal(
            session.tenant_id, session.user_id, granted(roles, (), self.config.role_map),
            frozenset(role for role in roles if role in self.config.role_map),
        )  # fmt: skip
        request.state.principal = principal
        return Page(request, self, session, principal, roles, renewed=read.renew)

    def _to_sign_in(self, request: Request, *, expired: bool) -> Response:
        query = {"next": _path_and_query(request)} if request.method in _SAFE_METHODS else {}
        if expired:
            query["expired"] = "1"
        url = "/sign-in" + (f"?{urlencode(query)}" if query else "")
        if request.headers.get("HX-Request") == "true":
            response: Response = Response(status_code=204, headers={"HX-Redirect": url})
        else:
            response = RedirectResponse(url, status_code=303)
        if expired:
            self.config.cookies.clear(response)
        return response

    async def _check_csrf(self, page: Page) -> None:
        sent = page.request.headers.get(CSRF_HEADER)
        if sent is None:
            sent = str((await page.form()).get(CSRF_FIELD, ""))
        if not hmac.compare_digest(sent.encode(), page.session.csrf_token.encode()):
            raise RequestRefusedError(ErrorCode.FORBIDDEN, page.t(CSRF_REFUSED))


CSRF_REFUSED = "This form has expired or did not come from Hisab; reload the page and try again."


def _path_and_query(request: Request) -> str:
    query = request.url.query
    return quote(request.url.path) + (f"?{query}" if query else "")
