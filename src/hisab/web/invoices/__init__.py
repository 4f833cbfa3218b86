"""The invoices area of the web app: the list, one invoice's page with its Mushak-6.3 and actions, approvals."""

from starlette.routing import BaseRoute

from hisab.web.invoices import invoice, new, pages
from hisab.web.pages import Web


def routes(web: Web) -> list[BaseRoute]:
    return [*pages.routes(web), *new.routes(web), *invoice.routes(web)]


__all__ = ["routes"]
