"""The masters: customers and suppliers (parties) and items, listed, shown, edited, deactivated and imported."""

from __future__ import annotations

from starlette.routing import BaseRoute

from hisab.web.masters import imports, items, parties
from hisab.web.pages import Web


def routes(web: Web, import_max_bytes: int) -> list[BaseRoute]:
    # The imports first: `/parties/import` is no party's id.
    return [*imports.routes(web, import_max_bytes), *parties.routes(web), *items.routes(web)]
