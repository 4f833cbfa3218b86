"""The purchases' pages: bills received and payments to suppliers."""

from __future__ import annotations

from starlette.routing import BaseRoute

from hisab.edge.permissions import Permission
from hisab.web.pages import Web
from hisab.web.purchases import bills, payments


def routes(web: Web) -> list[BaseRoute]:
    read, write = Permission.PURCHASE_READ, Permission.PURCHASE_WRITE
    return [
        web.page("/bills", bills.bill_list, read),
        web.page("/bills/new", bills.new_bill, write, methods=("GET", "POST")),
        web.page("/bills/new/line", bills.new_line, write),
        web.page("/bills/{bill_id}", bills.bill_page, read),
        web.page("/payments", payments.payment_list, read),
        web.page("/payments/new", payments.new_payment, write, methods=("GET", "POST")),
        web.page("/payments/{payment_id}", payments.payment_page, read),
        web.page("/payments/{payment_id}/mushak-6.6-{lang}.pdf", payments.certificate_pdf, read),
    ]
