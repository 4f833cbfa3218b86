"""The web app's routes, built once per app from what the composition root hands over."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from starlette.routing import BaseRoute

from hisab.access.adapters.guard import Guard
from hisab.web.assets import Assets
from hisab.web.i18n import catalog
from hisab.web.oidc import OidcClient
from hisab.web.pages import Web, WebConfig
from hisab.web.routes import web_routes
from hisab.web.session import SessionCookies
from hisab.web.templates import Templates


@dataclass(frozen=True, slots=True)
class WebOptions:
    secret: str
    idle_seconds: int
    lifetime_seconds: int
    secure_cookies: bool
    role_map: Mapping[str, Iterable[str]]
    oidc_provider: str | None = None
    # The largest file the import pages take (HISAB_IMPORT_MAX_BYTES, as for POST /imports/...).
    import_max_bytes: int = 20 * 1024 * 1024
    oidc_client: OidcClient | None = None


def build_web(options: WebOptions, guard: Guard) -> tuple[Web, list[BaseRoute]]:
    cookies = SessionCookies(
        options.secret, idle_seconds=options.idle_seconds, lifetime_seconds=options.lifetime_seconds,
        secure=options.secure_cookies,
    )  # fmt: skip
    config = WebConfig(cookies, options.secret, options.role_map, guard, options.oidc_provider)
    assets = Assets()
    web = Web(config, catalog(), Templates(catalog(), assets))
    return web, web_routes(web, assets, options.import_max_bytes, options.oidc_client, options.secret)
