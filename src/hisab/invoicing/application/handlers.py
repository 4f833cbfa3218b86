"""Invoice command handlers: each decides its events; the write path records them in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.event_store.ports import Transaction
from hisab.event_store.streams import Decide, Idempotency
from hisab.invoicing.application.commands import (
    EDITABLE_FIELDS,
    ApproveInvoice,
    CancelInvoice,
    CreateInvoice,
    UpdateInvoice,
)
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.queries import ensure_plausible_id
from hisab.invoicing.application.references import look_up
from hisab.invoicing.application.views import InvoiceView, project
from hisab.invoicing.domain.draft import validate_draft
from hisab.invoicing.domain.invoice import Invoice, open_invoice
from hisab.invoicing.domain.numbering import (
    format_invoice_number,
    format_mushak_number,
    invoice_number_series,
    mushak_series,
)
from hisab.invoicing.domain.references import without_customer_snapshot
from hisab.kernel.errors import SegregationOfDutiesError
from hisab.kernel.fiscal_year import BANGLADESH_TIME, FiscalYear
from hisab.kernel.handler_telemetry import traced_handler

NOUN = "invoice"


def _view_id(view: InvoiceView) -> str:
    return view.invoice_id


def _named(command: ApproveInvoice | CancelInvoice | UpdateInvoice) -> str:
    return command.invoice_id


@traced_handler("create_invoice", NOUN, found_in=_view_id)
async def create_invoice(command: CreateInvoice, actor: Actor, invoicing: Invoicing) -> InvoiceView:
    masters = await look_up(actor, invoicing, command.draft.customer_party_id, command.draft.lines)
    resolved = masters.fill(command.draft)
    draft = validate_draft(resolved.draft, invoicing.rates, prior=resolved.violations)
    invoice_id = invoicing.new_id()

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        series = invoice_number_series(draft.invoice_date)
        sequence = await transaction.counters.next_value(actor.tenant_id, series)
        return open_invoice(draft, invoice_id, format_invoice_number(draft.invoice_date, sequence))

    key = command.idempotency_key
    idempotency = Idempotency(key, command.fingerprint()) if key is not None else None
    recorded = await invoicing.streams.start(actor, lambda: invoice_id, decide, idempotency)
    return project(recorded.stream)


@traced_handler("update_invoice", NOUN, named_by=_named, found_in=_view_id)
async def update_invoice(command: UpdateInvoice, actor: Actor, invoicing: Invoicing) -> InvoiceView:
    """Correct a DRAFT with new events; nothing recorded before is rewritten. No change, no events."""
    ensure_plausible_id(command.invoice_id)
    unknown = set(command.changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    customer_given = "customer_party_id" in command.changes
    lines_given = "lines" in command.changes
    masters = await look_up(
        actor, invoicing, command.changes.get("customer_party_id"), command.changes.get("lines", ())
    )

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        invoice = Invoice.from_events(command.invoice_id, (s.event for s in history))
        invoice.ensure_editable()
        current = invoice.as_draft()
        if customer_given and command.changes["customer_party_id"] != current.customer_party_id:
            current = without_customer_snapshot(current)
        resolved = masters.fill(
            replace(current, **command.changes), customer_given=customer_given, lines_given=lines_given
        )
        draft = validate_draft(resolved.draft, invoicing.rates, prior=resolved.violations)
        return invoice.revise(draft, lines_replaced=lines_given)

    return await _change(command.invoice_id, command.expected_version, decide, actor, invoicing)


@traced_handler("approve_invoice", NOUN, named_by=_named, found_in=_view_id)
async def approve_invoice(command: ApproveInvoice, actor: Actor, invoicing: Invoicing) -> InvoiceView:
    ensure_plausible_id(command.invoice_id)

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        invoice = Invoice.from_events(command.invoice_id, (s.event for s in history))
        invoice.ensure_can_approve()
        await _ensure_segregation_of_duties(transaction, invoice, history, actor, invoicing)
        issued_at = invoicing.clock().astimezone(BANGLADESH_TIME)
        fiscal_year = FiscalYear.of_moment(issued_at)
        serial = await transaction.counters.next_value(actor.tenant_id, mushak_series(fiscal_year))
        mushak_number = format_mushak_number(invoicing.issuing_unit, fiscal_year, serial)
        return [invoice.approve(mushak_number, serial, issued_at)]

    return await _change(command.invoice_id, command.expected_version, decide, actor, invoicing)


async def _ensure_segregation_of_duties(
    transaction: Transaction[Any], invoice: Invoice, history: list[StoredEvent], actor: Actor, invoicing: Invoicing
) -> None:
    """The maker of an invoice is not its checker, unless the tenant relaxed that rule."""
    if history[0].metadata.user_id != actor.user_id:
        return
    policy = await invoicing.taxpayer.settings.get_within(transaction.tables, actor.tenant_id)
    if not policy.creator_may_approve:
        raise SegregationOfDutiesError(
            f"segregation of duties: {actor.user_id} created invoice {invoice.invoice_id} and may not approve it"
        )


@traced_handler("cancel_invoice", NOUN, named_by=_named, found_in=_view_id)
async def cancel_invoice(command: CancelInvoice, actor: Actor, invoicing: Invoicing) -> InvoiceView:
    ensure_plausible_id(command.invoice_id)

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        invoice = Invoice.from_events(command.invoice_id, (s.event for s in history))
        return [invoice.cancel(command.reason, invoicing.clock().astimezone(BANGLADESH_TIME))]

    return await _change(command.invoice_id, command.expected_version, decide, actor, invoicing)


async def _change(
    invoice_id: str, expected_version: int | None, decide: Decide[Any], actor: Actor, invoicing: Invoicing
) -> InvoiceView:
    recorded = await invoicing.streams.change(actor, invoice_id, decide, noun=NOUN, expected_version=expected_version)
    return project(recorded.stream)
