"""The masters: customers and suppliers (parties) and items, each listed, shown, created, edited and deactivated."""

from __future__ import annotations

from starlette.routing import BaseRoute

from hisab.web.masters import items, parties
from hisab.web.pages import Web


def routes(web: Web) -> list[BaseRoute]:
    return [*parties.routes(web), *items.routes(web)]
