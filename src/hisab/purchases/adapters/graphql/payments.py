"""Payments in GraphQL: recordPayment, recordWithholdingDeposit, payments, the Mushak-6.6s, what bills owe."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from ariadne import EnumType, MutationType, ObjectType, QueryType
from ariadne.types import SchemaBindable

from hisab.edge.connections import connection, page_size
from hisab.edge.context import Info
from hisab.edge.errors import fields_under
from hisab.edge.exact_numbers import exact_decimal
from hisab.edge.graphql import GraphQLPart, read_sdl
from hisab.edge.loaders import load_by_id
from hisab.kernel.cursors import SequenceCursors
from hisab.kernel.errors import InvalidInputError
from hisab.kernel.identifiers import format_bin
from hisab.kernel.language import Language
from hisab.kernel.money import Money
from hisab.kernel.text import text_violations
from hisab.purchases.adapters.documents.paths import mushak66_path
from hisab.purchases.application import payments
from hisab.purchases.application.payment_dependencies import Payments
from hisab.purchases.application.payment_ports import CertificateFilter, PayableFilter, PaymentFilter
from hisab.purchases.application.payment_views import BillPaymentStatus, CertificateView, PaymentView
from hisab.purchases.domain.events import WithholdingKind
from hisab.purchases.domain.payments import (
    AllocationInput,
    DepositRequest,
    PaymentMethod,
    PaymentRequest,
    WithholdInput,
)

MAX_PAGE_SIZE = 100
_PAYMENTS, _CERTIFICATES = SequenceCursors("payment:"), SequenceCursors("vds-certificate:")
_AS_NAMED: dict[str, str] = {"payment_date": "date", "deposit_date": "date"}

query_type = QueryType()
mutation_type = MutationType()
payment_type = ObjectType("Payment")
allocation_type = ObjectType("PaymentAllocation")
withholding_type = ObjectType("PaymentWithholding")
certificate_type = ObjectType("VdsCertificate")
certificate_row_type = ObjectType("VdsCertificateRow")
payable_type = ObjectType("BillPayable")
withholding_payable_type = ObjectType("WithholdingPayable")
deposit_type = ObjectType("WithholdingDeposit")


def _payments(info: Info) -> Payments:
    return info.context.services.get(Payments)


def _money(amount: Any) -> Money:
    return Money(amount)


def _optional_decimal(value: float | int | None) -> Any:
    return exact_decimal(value) if value is not None else None


@mutation_type.field("recordPayment")
async def resolve_record_payment(_: None, info: Info, input: dict[str, Any]) -> PaymentView:
    request = PaymentRequest(
        supplier_party_id=input["supplier_party_id"],
        payment_date=input["date"],
        method=str(input["method"]),
        amount=exact_decimal(input["amount"]),
        reference=input.get("reference"),
        paid_from_account_code=input.get("paid_from_account_code"),
        allocations=tuple(AllocationInput(a["bill_id"], exact_decimal(a["amount"])) for a in input["allocations"]),
        withhold=tuple(
            WithholdInput(w["bill_id"], str(w["kind"]), _optional_decimal(w.get("rate")),
                          _optional_decimal(w.get("amount")))
            for w in input.get("withhold") or ()
        ),
    )  # fmt: skip
    with fields_under("input", _AS_NAMED):
        command = payments.RecordPayment(request, info.context.idempotency_key)
        return await payments.record_payment(command, info.context.actor, _payments(info))


@mutation_type.field("recordWithholdingDeposit")
async def resolve_record_deposit(_: None, info: Info, input: dict[str, Any]) -> Any:
    request = DepositRequest(
        str(input["kind"]), input["challan_number"], input["date"], exact_decimal(input["amount"]),
        input.get("paid_from_account_code"),
    )  # fmt: skip
    with fields_under("input", _AS_NAMED):
        command = payments.RecordDeposit(request, info.context.idempotency_key)
        return await payments.record_withholding_deposit(command, info.context.actor, _payments(info))


@query_type.field("payment")
async def resolve_payment(_: None, info: Info, id: str) -> PaymentView:
    return await payments.get_payment(id, info.context.actor, _payments(info))


@query_type.field("payments")
async def resolve_payments(
    _: None, info: Info, first: int | None = None, after: str | None = None, filter: dict[str, Any] | None = None
) -> dict[str, object]:
    where = _checked(filter or {}, ("supplier_party_id", "bill_id"))
    found = PaymentFilter(where.get("supplier_party_id"), where.get("bill_id"), where.get("from"), where.get("to"))
    size = page_size(first, MAX_PAGE_SIZE)
    page = await _payments(info).queries.payments(
        info.context.actor.tenant_id, found, size, _PAYMENTS.decode(after) if after else None
    )
    return connection(page, page.payments, lambda view: _PAYMENTS.encode(view.sequence))


@query_type.field("vdsCertificate")
async def resolve_certificate(_: None, info: Info, id: str) -> CertificateView:
    return await payments.get_certificate(id, info.context.actor, _payments(info))


@query_type.field("vdsCertificates")
async def resolve_certificates(
    _: None, info: Info, first: int | None = None, after: str | None = None, filter: dict[str, Any] | None = None
) -> dict[str, object]:
    where = _checked(filter or {}, ("supplier_party_id",))
    found = CertificateFilter(where.get("supplier_party_id"), where.get("from"), where.get("to"))
    size = page_size(first, MAX_PAGE_SIZE)
    page = await _payments(info).queries.certificates(
        info.context.actor.tenant_id, found, size, _CERTIFICATES.decode(after) if after else None
    )
    return connection(page, page.certificates, lambda view: _CERTIFICATES.encode(view.sequence))


@query_type.field("billPayables")
async def resolve_bill_payables(
    _: None, info: Info, first: int | None = None, filter: dict[str, Any] | None = None
) -> list[Any]:
    where = _checked(filter or {}, ("supplier_party_id",))
    found = PayableFilter(
        where.get("supplier_party_id"), tuple(BillPaymentStatus(s) for s in where.get("status") or ())
    )
    return await _payments(info).queries.bill_payables(
        info.context.actor.tenant_id, found, page_size(first, MAX_PAGE_SIZE)
    )


@query_type.field("withholdingPayables")
async def resolve_withholding_payables(_: None, info: Info) -> list[Any]:
    return await payments.withholding_payables(info.context.actor, _payments(info))


def _checked(where: dict[str, Any], texts: tuple[str, ...]) -> dict[str, Any]:
    """A filter's texts may not hold control characters (PostgreSQL refuses a NUL outright)."""
    problems = text_violations({f"filter.{name}": where.get(name) for name in texts})
    if problems:
        raise InvalidInputError(problems)
    return where


payment_type.set_field("id", lambda view, info: view.payment_id)
payment_type.set_field("number", lambda view, info: view.payment_number)
payment_type.set_field("supplierPartyId", lambda view, info: view.supplier.party_id)
payment_type.set_field("supplierName", lambda view, info: view.supplier.name)
payment_type.set_field("date", lambda view, info: view.payment_date)
payment_type.set_field("amount", lambda view, info: _money(view.amount))
payment_type.set_field("withheld", lambda view, info: _money(view.withheld))
payment_type.set_field("recordedAt", lambda view, info: view.recorded_at.astimezone(UTC))


@payment_type.field("vdsCertificate")
async def resolve_payment_certificate(view: PaymentView, info: Info) -> CertificateView | None:
    if view.certificate_id is None:
        return None
    queries, tenant_id = _payments(info).queries, info.context.actor.tenant_id
    return await load_by_id(
        info.context, "vds_certificates", lambda ids: queries.certificates_by_id(tenant_id, ids), view.certificate_id
    )


allocation_type.set_field("amount", lambda allocation, info: _money(allocation.amount))
allocation_type.set_field("creditReversed", lambda allocation, info: _money(allocation.credit_reversed))
withholding_type.set_field("id", lambda held, info: held.withholding_id)
withholding_type.set_field("rate", lambda held, info: str(held.rate) if held.rate is not None else None)
withholding_type.set_field("base", lambda held, info: _money(held.base))
withholding_type.set_field("amount", lambda held, info: _money(held.amount))

certificate_type.set_field("id", lambda view, info: view.certificate_id)
certificate_type.set_field("number", lambda view, info: view.certificate_number)
certificate_type.set_field("supplierPartyId", lambda view, info: view.supplier.party_id)
certificate_type.set_field("supplierName", lambda view, info: view.supplier.name)
certificate_type.set_field(
    "supplierBIN", lambda view, info: format_bin(view.supplier.bin) if view.supplier.bin else None
)
certificate_type.set_field("totalValue", lambda view, info: _money(view.total_value))
certificate_type.set_field("totalVat", lambda view, info: _money(view.total_vat))
certificate_type.set_field("totalDeducted", lambda view, info: _money(view.total_deducted))


@certificate_type.field("mushak66Url")
def resolve_mushak66_url(view: CertificateView, info: Info, lang: Language = Language.EN, format: str = "pdf") -> str:
    return mushak66_path(view.certificate_id, lang, format)


certificate_row_type.set_field("totalValue", lambda row, info: _money(row.total_value))
certificate_row_type.set_field("vat", lambda row, info: _money(row.vat))
certificate_row_type.set_field("deducted", lambda row, info: _money(row.deducted))

for _field in ("total", "paid", "vds_withheld", "tds_withheld", "outstanding"):
    payable_type.set_field(
        "".join(w if i == 0 else w.title() for i, w in enumerate(_field.split("_"))),
        lambda payable, info, attribute=_field: _money(getattr(payable, attribute)),
    )
for _field in ("withheld", "deposited", "outstanding"):
    withholding_payable_type.set_field(
        _field, lambda payable, info, attribute=_field: _money(getattr(payable, attribute))
    )

deposit_type.set_field("id", lambda view, info: view.deposit_id)
deposit_type.set_field("date", lambda view, info: view.deposit_date)
deposit_type.set_field("amount", lambda view, info: _money(view.amount))

PAYMENT_BINDABLES: tuple[SchemaBindable, ...] = (
    query_type, mutation_type, payment_type, allocation_type, withholding_type, certificate_type,
    certificate_row_type, payable_type, withholding_payable_type, deposit_type,
    EnumType("SupplierPaymentMethod", PaymentMethod), EnumType("SupplierWithholdingKind", WithholdingKind),
    EnumType("BillPaymentStatus", BillPaymentStatus),
)  # fmt: skip
PAYMENTS = GraphQLPart(type_defs=read_sdl(__name__.rpartition(".")[0], "payments.graphql"), bindables=PAYMENT_BINDABLES)
