"""Receivables in GraphQL: receipts, balances, certificates to chase, and what an invoice shows of them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date
from typing import Any

from ariadne import EnumType, MutationType, ObjectType, QueryType
from ariadne.types import SchemaBindable

from hisab.edge.connections import connection, page_size
from hisab.edge.context import Info
from hisab.edge.errors import fields_under
from hisab.edge.exact_numbers import exact_decimal
from hisab.edge.loaders import load_by_id
from hisab.invoicing.application.dependencies import Invoicing
from hisab.kernel.cursors import SequenceCursors
from hisab.kernel.errors import InvalidInputError
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.money import ZERO, Money
from hisab.kernel.text import text_violations
from hisab.receivables.application import receipts
from hisab.receivables.application.dependencies import Receivables
from hisab.receivables.application.ports import BalanceFilter, ReceiptFilter
from hisab.receivables.application.views import AllocationView, ReceiptView
from hisab.receivables.domain.balances import InvoiceBalance, PaymentStatus
from hisab.receivables.domain.events import Withholding
from hisab.receivables.domain.receipts import (
    AllocationInput,
    ChequeInput,
    ReceiptMethod,
    ReceiptRequest,
    ReceiptStatus,
    WalletInput,
    WalletProvider,
    WithholdingInput,
    WithholdingKind,
)

MAX_PAGE_SIZE = 100
_RECEIPTS, _BALANCES, _CERTIFICATES = SequenceCursors("receipt:"), SequenceCursors("balance:"), SequenceCursors("vds:")
# The receivables' names are plain camelCase in the schema: no renames.
_AS_NAMED: dict[str, str] = {}

query_type = QueryType()
mutation_type = MutationType()
invoice_type = ObjectType("Invoice")
receipt_type = ObjectType("Receipt")
allocation_type = ObjectType("ReceiptAllocation")
withholding_type = ObjectType("Withholding")
balance_type = ObjectType("InvoiceBalance")
pending_type = ObjectType("PendingCertificate")


def _receivables(info: Info) -> Receivables:
    return info.context.services.get(Receivables)


def _today(info: Info) -> date:
    """Today in Dhaka, by the service's clock."""
    return _receivables(info).clock().astimezone(BANGLADESH_TIME).date()


# Mutations


@mutation_type.field("recordReceipt")
async def resolve_record_receipt(_: None, info: Info, input: dict[str, Any]) -> ReceiptView:
    cheque, wallet = input.get("cheque"), input.get("wallet")
    request = ReceiptRequest(
        customer_id=input.get("customer_id") or "",
        customer_party_id=input.get("customer_party_id"),
        receipt_date=input.get("date"),
        method=str(input["method"]),
        amount=exact_decimal(input["amount"]),
        deposit_account_code=input.get("deposit_account_code"),
        reference=input.get("reference"),
        cheque=ChequeInput(cheque["number"], cheque["bank"], cheque.get("branch"), cheque["cheque_date"])
        if cheque
        else None,
        wallet=WalletInput(str(wallet["provider"]), wallet["msisdn"], wallet["transaction_id"]) if wallet else None,
        allocations=_allocations(input.get("allocations") or ()),
        withholdings=tuple(
            WithholdingInput(
                w["invoice_id"],
                str(w["kind"]),
                exact_decimal(w["amount"]),
                w.get("certificate_number"),
                w.get("certificate_date"),
            )
            for w in input.get("withheld") or ()
        ),
    )
    with fields_under("input", _AS_NAMED):
        command = receipts.RecordReceipt(request, info.context.idempotency_key)
        return await receipts.record_receipt(command, info.context.actor, _receivables(info))


def _allocations(raw: Any) -> tuple[AllocationInput, ...]:
    return tuple(AllocationInput(a["invoice_id"], exact_decimal(a["amount"])) for a in raw)


@mutation_type.field("allocateAdvance")
async def resolve_allocate_advance(
    _: None, info: Info, receipt_id: str, allocations: list[dict[str, Any]], expected_version: int | None = None
) -> ReceiptView:
    command = receipts.AllocateAdvance(receipt_id, _allocations(allocations), expected_version)
    with fields_under("", _AS_NAMED):
        return await receipts.allocate_advance(command, info.context.actor, _receivables(info))


def _receipt_change(handler: Callable[..., Any]) -> Callable[..., Any]:
    async def resolve(
        _: None,
        info: Info,
        receipt_id: str,
        reason: str = "",
        date: date | None = None,
        expected_version: int | None = None,
    ) -> ReceiptView:
        command = receipts.ChangeReceipt(receipt_id, date, reason, expected_version)
        with fields_under("", _AS_NAMED):
            result: ReceiptView = await handler(command, info.context.actor, _receivables(info))
        return result

    return resolve


mutation_type.set_field("depositCheque", _receipt_change(receipts.deposit_cheque))
mutation_type.set_field("clearCheque", _receipt_change(receipts.clear_cheque))
mutation_type.set_field("bounceCheque", _receipt_change(receipts.bounce_cheque))
mutation_type.set_field("reverseReceipt", _receipt_change(receipts.reverse_receipt))


@mutation_type.field("recordWithholdingCertificate")
async def resolve_record_certificate(
    _: None, info: Info, withholding_id: str, certificate_number: str, date: date
) -> ReceiptView:
    command = receipts.RecordCertificate(withholding_id, certificate_number, date)
    with fields_under("", _AS_NAMED):
        return await receipts.record_withholding_certificate(command, info.context.actor, _receivables(info))


@mutation_type.field("writeOffBalance")
async def resolve_write_off(_: None, info: Info, invoice_id: str, reason: str) -> InvoiceBalance:
    with fields_under("", _AS_NAMED):
        return await receipts.write_off_balance(
            receipts.WriteOffBalance(invoice_id, reason), info.context.actor, _receivables(info)
        )


# Queries


@query_type.field("receipt")
async def resolve_receipt(_: None, info: Info, id: str) -> ReceiptView:
    return await receipts.get_receipt(id, info.context.actor, _receivables(info))


@query_type.field("receipts")
async def resolve_receipts(
    _: None, info: Info, first: int | None = None, after: str | None = None, filter: dict[str, Any] | None = None
) -> dict[str, object]:
    where = _checked(filter or {}, ("customer_id", "customer_party_id", "invoice_id"))
    found = ReceiptFilter(
        where.get("customer_id"), where.get("customer_party_id"), where.get("invoice_id"), where.get("from"),
        where.get("to"),
    )  # fmt: skip
    size = page_size(first, MAX_PAGE_SIZE)
    page = await _receivables(info).queries.receipts(
        info.context.actor.tenant_id, found, size, _RECEIPTS.decode(after) if after else None
    )
    return connection(page, page.receipts, lambda view: _RECEIPTS.encode(view.sequence))


@query_type.field("invoiceBalances")
async def resolve_invoice_balances(
    _: None, info: Info, first: int | None = None, after: str | None = None, filter: dict[str, Any] | None = None
) -> dict[str, object]:
    where = _checked(filter or {}, ("customer_id", "customer_party_id"))
    found = BalanceFilter(
        where.get("customer_id"),
        where.get("customer_party_id"),
        tuple(PaymentStatus(s) for s in where.get("payment_status") or ()),
        _today(info) if where.get("overdue") else None,
    )
    size = page_size(first, MAX_PAGE_SIZE)
    page = await _receivables(info).queries.list_balances(
        info.context.actor.tenant_id, found, size, _BALANCES.decode(after) if after else None
    )
    return connection(page, page.balances, lambda balance: _BALANCES.encode(balance.sequence))


@query_type.field("pendingCertificates")
async def resolve_pending_certificates(
    _: None, info: Info, first: int | None = None, after: str | None = None
) -> dict[str, object]:
    size = page_size(first, MAX_PAGE_SIZE)
    page = await _receivables(info).queries.pending_certificates(
        info.context.actor.tenant_id, size, _CERTIFICATES.decode(after) if after else None
    )
    return connection(page, page.entries, lambda entry: _CERTIFICATES.encode(entry.sequence))


def _checked(where: dict[str, Any], texts: tuple[str, ...]) -> dict[str, Any]:
    """A filter's texts may not hold control characters (PostgreSQL refuses a NUL outright)."""
    problems = text_violations({f"filter.{name}": where.get(name) for name in texts})
    if problems:
        raise InvalidInputError(problems)
    return where


# Output types


def _money(amount: Any) -> Money:
    return Money(amount)


receipt_type.set_field("id", lambda view, info: view.receipt_id)
receipt_type.set_field("number", lambda view, info: view.receipt_number)
receipt_type.set_field("date", lambda view, info: view.receipt_date)
receipt_type.set_field("amount", lambda view, info: _money(view.amount))
receipt_type.set_field("allocated", lambda view, info: _money(view.allocated))
receipt_type.set_field("unallocated", lambda view, info: _money(view.unallocated))
receipt_type.set_field("withheld", lambda view, info: view.withholdings)
receipt_type.set_field("recordedAt", lambda view, info: view.recorded_at.astimezone(UTC))

allocation_type.set_field("amount", lambda allocation, info: _money(allocation.amount))
allocation_type.set_field("date", lambda allocation, info: allocation.allocated_on)
withholding_type.set_field("id", lambda held, info: held.withholding_id)
withholding_type.set_field("amount", lambda held, info: _money(held.amount))
withholding_type.set_field("certificatePending", lambda held, info: held.certificate_number is None)

balance_type.set_field("adjustedTotal", lambda balance, info: _money(balance.adjusted_total))
balance_type.set_field("amountPaid", lambda balance, info: _money(balance.allocated))
balance_type.set_field("amountWithheld", lambda balance, info: _money(balance.withheld))
balance_type.set_field("writtenOff", lambda balance, info: _money(balance.written_off))
balance_type.set_field("outstanding", lambda balance, info: _money(balance.outstanding))
balance_type.set_field("daysOverdue", lambda balance, info: balance.days_overdue(_today(info)))

pending_type.set_field("ageDays", lambda entry, info: (_today(info) - entry.receipt_date).days)
pending_type.set_field("receiptId", lambda entry, info: entry.receipt_id)


async def _invoice_of(value: AllocationView | Withholding | InvoiceBalance, info: Info) -> Any:
    context = info.context
    invoices = context.services.get(Invoicing).invoices
    tenant_id = context.principal.tenant_id
    return await load_by_id(context, "invoices", lambda ids: invoices.get_many(tenant_id, ids), value.invoice_id)


for _type in (allocation_type, withholding_type, balance_type):
    _type.set_field("invoice", _invoice_of)


# What an invoice shows


async def _balance_of(view: Any, info: Info) -> InvoiceBalance | None:
    context = info.context
    queries, tenant_id = _receivables(info).queries, context.principal.tenant_id
    return await load_by_id(context, "invoice_balances", lambda ids: queries.balances(tenant_id, ids), view.invoice_id)


def _invoice_amount(attribute: str) -> Callable[..., Any]:
    async def resolve(view: Any, info: Info) -> Money:
        balance = await _balance_of(view, info)
        return _money(getattr(balance, attribute) if balance is not None else ZERO)

    return resolve


invoice_type.set_field("amountPaid", _invoice_amount("allocated"))
invoice_type.set_field("amountWithheld", _invoice_amount("withheld"))
invoice_type.set_field("outstanding", _invoice_amount("outstanding"))


@invoice_type.field("paymentStatus")
async def resolve_payment_status(view: Any, info: Info) -> PaymentStatus | None:
    balance = await _balance_of(view, info)
    return balance.payment_status if balance is not None and not balance.cancelled else None


@invoice_type.field("daysOverdue")
async def resolve_days_overdue(view: Any, info: Info) -> int:
    balance = await _balance_of(view, info)
    return balance.days_overdue(_today(info)) if balance is not None else 0


@invoice_type.field("receipts")
async def resolve_invoice_receipts(view: Any, info: Info) -> list[ReceiptView]:
    context = info.context
    queries, tenant_id = _receivables(info).queries, context.principal.tenant_id
    found = await load_by_id(
        context, "invoice_receipts", lambda ids: queries.receipts_of_invoices(tenant_id, ids), view.invoice_id
    )
    return found or []


RECEIVABLES_BINDABLES: tuple[SchemaBindable, ...] = (
    query_type, mutation_type, invoice_type, receipt_type, allocation_type, withholding_type, balance_type,
    pending_type, EnumType("ReceiptMethod", ReceiptMethod), EnumType("WalletProvider", WalletProvider),
    EnumType("WithholdingKind", WithholdingKind), EnumType("ReceiptStatus", ReceiptStatus),
    EnumType("PaymentStatus", PaymentStatus),
)  # fmt: skip
