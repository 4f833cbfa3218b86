"""Credit and debit notes, receipts, the ageing and customer statements: the receivables' pages."""

from __future__ import annotations

from starlette.routing import BaseRoute

from hisab.web.pages import Web
from hisab.web.receivables import notes, receipts, reports


def routes(web: Web) -> list[BaseRoute]:
    return [*notes.routes(web), *receipts.routes(web), *reports.routes(web)]
