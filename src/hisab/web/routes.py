"""Every route of the web app: the static files, signing in, and each area's pages."""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

from hisab.web import books, home, invoices, masters, oidc, purchases, receivables, sign_in, vat
from hisab.web.assets import URL_PATH, Assets
from hisab.web.oidc import OidcClient
from hisab.web.pages import Web


def web_routes(
    web: Web, assets: Assets, import_max_bytes: int, oidc_client: OidcClient | None = None, secret: str = ""
) -> list[BaseRoute]:
    return [
        Route(f"{URL_PATH}/{{digest}}/{{name:path}}", assets.serve, methods=["GET"], name="static"),
        *sign_in.routes(web),
        *oidc.routes(web, oidc_client, secret),
        *home.routes(web),
        *invoices.routes(web),
        *masters.routes(web, import_max_bytes),
        *receivables.routes(web),
        *purchases.routes(web),
        *vat.routes(web),
        *books.routes(web),
    ]
