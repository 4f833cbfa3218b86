"""The VAT pages: the tax periods, the registers (Mushak-6.1, 6.2) and the return (Mushak-9.1)."""

from __future__ import annotations

from starlette.routing import BaseRoute

from hisab.edge.permissions import Permission
from hisab.web.pages import Web
from hisab.web.vat import registers, returns


def routes(web: Web) -> list[BaseRoute]:
    read = Permission.VAT_READ
    at = "/vat/returns/{period}"
    return [
        web.page("/vat", returns.periods, read),
        web.page("/vat/registers/{register}", registers.register_page, read),
        web.page("/vat/registers/{register}/download.{extension}", registers.download, read),
        web.page(at, returns.return_page, read),
        web.page(f"{at}/notes/{{note:int}}", returns.note_page, read),
        web.page(f"{at}/checks", returns.checks_page, read),
        web.page(f"{at}/mushak-9.1-{{lang}}.pdf", returns.return_pdf, read),
        web.page(f"{at}/prepare", returns.prepare, Permission.VAT_PREPARE, methods=("POST",)),
        web.page(f"{at}/submit", returns.submit, Permission.VAT_SUBMIT, methods=("POST",)),
        web.page(f"{at}/amend", returns.amend, Permission.VAT_SUBMIT, methods=("POST",)),
        web.page(f"{at}/deposits", returns.deposit, Permission.VAT_SUBMIT, methods=("POST",)),
    ]
