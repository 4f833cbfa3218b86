"""Payments to suppliers: the list, paying a supplier's open bills, and a payment with its Mushak-6.6."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any
from urllib.parse import urlencode

from starlette.responses import Response

from hisab.invoicing.adapters.documents.renderer import FONTS_DIRECTORY
from hisab.kernel.cursors import SequenceCursors
from hisab.kernel.errors import InvalidInputError, NotFoundError
from hisab.kernel.language import Language
from hisab.purchases.adapters.documents.mushak66 import CertificatePdf
from hisab.purchases.application import payments
from hisab.purchases.application.bills import get_bill
from hisab.purchases.application.certificates import render_certificate
from hisab.purchases.application.dependencies import Purchases
from hisab.purchases.application.payment_dependencies import Payments
from hisab.purchases.application.payment_ports import PayableFilter, PaymentFilter
from hisab.purchases.application.payment_views import BillPayable, BillPaymentStatus
from hisab.purchases.domain.payments import AllocationInput, PaymentMethod, PaymentRequest, WithholdInput
from hisab.web.pages import Page
from hisab.web.purchases.bills import suppliers
from hisab.web.purchases.forms import FormReader

PAGE_SIZE = 20
CURSORS = SequenceCursors("payment:")


@cache
def certificate_pdf_renderer() -> CertificatePdf:
    """One Mushak-6.6 PDF renderer for the web app, built at its first use: it loads the tax invoices' fonts."""
    return CertificatePdf(FONTS_DIRECTORY)


async def payment_list(page: Page) -> Response:
    params = page.request.query_params
    after = params.get("after")
    supplier = params.get("supplier") or None
    found = await page.services.get(Payments).queries.payments(
        page.actor.tenant_id, PaymentFilter(supplier), PAGE_SIZE, CURSORS.decode(after) if after else None
    )
    next_url = None
    if found.has_next_page and found.payments:
        query = {k: v for k, v in params.items() if k != "after" and v}
        next_url = "/payments?" + urlencode({**query, "after": CURSORS.encode(found.payments[-1].sequence)})
    return await page.render(
        "payments/list.html", block="results", payments=found.payments, methods=_methods(page), next_url=next_url,
        filters=dict(params), suppliers=await suppliers(page),
    )  # fmt: skip


async def _open_bills(page: Page, supplier: str | None) -> list[BillPayable]:
    if not supplier:
        return []
    statuses = (BillPaymentStatus.UNPAID, BillPaymentStatus.PARTLY_PAID)
    found = await page.services.get(Payments).queries.bill_payables(
        page.actor.tenant_id, PayableFilter(supplier, statuses), 100
    )
    # Oldest first: the order a supplier is paid in.
    return sorted(found, key=lambda payable: payable.sequence)


async def new_payment(page: Page) -> Response:
    if page.request.method == "GET":
        supplier = page.request.query_params.get("supplier") or ""
        open_bills = await _open_bills(page, supplier)
        values = {"supplier_party_id": supplier, "date": payments.today(page.services.get(Payments)).isoformat()}
        for n, _payable in enumerate(open_bills):
            values[f"allocations[{n}].amount"] = ""
        return await _payment_form(page, values, open_bills, {})
    form = await page.form()
    values = {key: str(value) for key, value in form.items()}
    open_bills = await _open_bills(page, values.get("supplier_party_id"))
    try:
        request = _payment_request(values)
        view = await payments.record_payment(payments.RecordPayment(request), page.actor, page.services.get(Payments))
    except InvalidInputError as error:
        errors = page.field_errors(error, {"payment_date": "date"})
        return await _payment_form(page, values, open_bills, errors, status=400)
    return page.redirect(
        f"/payments/{view.payment_id}", flash=page.t("Payment {number} recorded.", number=view.payment_number)
    )


def _payment_request(values: dict[str, str]) -> PaymentRequest:
    reader = FormReader()
    supplier = reader.text("supplier_party_id", values.get("supplier_party_id", ""), required=True)
    day = reader.day("date", values.get("date", ""), required=True)
    amount = reader.decimal("amount", values.get("amount", ""), required=True)
    allocations, withhold = [], []
    count = sum(1 for key in values if key.startswith("allocations[") and key.endswith("].bill_id"))
    for n in range(count):
        bill_id = values[f"allocations[{n}].bill_id"]
        given = reader.decimal(f"allocations[{n}].amount", values.get(f"allocations[{n}].amount", ""))
        if given is not None and given != 0:
            allocations.append(AllocationInput(bill_id, given))
            tds = reader.decimal(f"allocations[{n}].tds_rate", values.get(f"allocations[{n}].tds_rate", ""))
            if tds is not None:
                withhold.append(WithholdInput(bill_id, "TDS", tds / 100, None))
    if reader.violations:
        raise InvalidInputError(reader.violations)
    assert supplier is not None
    assert isinstance(day, date)
    assert amount is not None
    return PaymentRequest(supplier, day, values.get("method") or PaymentMethod.BANK_TRANSFER.value, amount,
                          values.get("reference") or None, None, tuple(allocations), tuple(withhold))  # fmt: skip


async def _payment_form(
    page: Page, values: dict[str, str], open_bills: list[BillPayable], errors: dict[str, str], status: int = 200
) -> Response:
    others = [m for f, m in errors.items() if f == "allocations" or f.startswith("withhold")]
    return await page.render(
        "payments/new.html", status=status, values=values, open_bills=open_bills, errors=errors, messages=others,
        suppliers=await suppliers(page), methods=list(_methods(page).items()),
    )  # fmt: skip


async def payment_page(page: Page) -> Response:
    found = page.services.get(Payments)
    view = await payments.get_payment(page.request.path_params["payment_id"], page.actor, found)
    certificate: Any = None
    if view.certificate_id is not None:
        certificate = await payments.get_certificate(view.certificate_id, page.actor, found)
    purchases = page.services.get(Purchases)
    numbers = {a.bill_id: (await get_bill(a.bill_id, page.actor, purchases)).bill_number for a in view.allocations}
    return await page.render(
        "payments/payment.html", payment=view, certificate=certificate, bill_numbers=numbers, methods=_methods(page)
    )


def _methods(page: Page) -> dict[str, str]:
    """Each payment method's name in the user's language."""
    names = {"BANK_TRANSFER": "Bank transfer", "CHEQUE": "Cheque", "MOBILE_WALLET": "Mobile wallet", "CASH": "Cash"}
    return {method.value: page.t(names[method.value]) for method in PaymentMethod}


async def certificate_pdf(page: Page) -> Response:
    """The payment's Mushak-6.6 as a PDF, in English or Bengali."""
    found = page.services.get(Payments)
    view = await payments.get_payment(page.request.path_params["payment_id"], page.actor, found)
    try:
        language = Language(page.request.path_params["lang"])
    except ValueError:
        raise NotFoundError("no such language") from None
    if view.certificate_id is None:
        raise NotFoundError(f"payment {view.payment_number} withheld no VDS: it has no Mushak-6.6")
    renderer = certificate_pdf_renderer()
    content = await render_certificate(view.certificate_id, language, page.actor, found, renderer)
    filename = f"mushak-6.6-{view.payment_number.replace('/', '-')}-{language.value}.pdf"
    return Response(
        content, media_type=renderer.media_type,
        headers={"Content-Disposition": f'inline; filename="{filename}"', "Cache-Control": "no-store"},
    )  # fmt: skip
