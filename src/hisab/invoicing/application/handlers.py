"""Invoice command handlers: each decides its events; the write path records them in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.event_store.ports import Transaction
from hisab.event_store.streams import Idempotency
from hisab.invoicing.application.approvals import approve_level
from hisab.invoicing.application.commands import (
    EDITABLE_FIELDS,
    ApproveInvoice,
    CancelInvoice,
    CreateInvoice,
    UpdateInvoice,
)
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.invoice_changes import NOUN, change_invoice, named, view_id
from hisab.invoicing.application.issuing import issue_tax_invoice
from hisab.invoicing.application.queries import ensure_plausible_id
from hisab.invoicing.application.references import look_up
from hisab.invoicing.application.views import InvoiceView, project
from hisab.invoicing.domain.draft import validate_draft
from hisab.invoicing.domain.invoice import Invoice, open_invoice
from hisab.invoicing.domain.numbering import format_invoice_number, invoice_number_series
from hisab.invoicing.domain.references import without_customer_snapshot
from hisab.kernel.errors import SegregationOfDutiesError
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.handler_telemetry import traced_handler


@traced_handler("create_invoice", NOUN, found_in=view_id)
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


@traced_handler("update_invoice", NOUN, named_by=named, found_in=view_id)
async def update_invoice(command: UpdateInvoice, actor: Actor, invoicing: Invoicing) -> InvoiceView:
    """Correct a DRAFT with new events; nothing recorded before is rewritten. No change, no events."""
    ensure_plausible_id(command.invoice_id)
    unknown = set(command.changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    customer_given = "customer_party_id" in command.changes
    lines_given = "lines" in command.changes
    masters = await look_up(
        actor,
        invoicing,
        command.changes.get("customer_party_id"),
        command.changes.get("lines", ()),
        customer_given=customer_given,
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

    return await change_invoice(command.invoice_id, command.expected_version, decide, actor, invoicing)


@traced_handler("approve_invoice", NOUN, named_by=named, found_in=view_id)
async def approve_invoice(command: ApproveInvoice, actor: Actor, invoicing: Invoicing) -> InvoiceView:
    ensure_plausible_id(command.invoice_id)

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        invoice = Invoice.from_events(command.invoice_id, (s.event for s in history))
        invoice.ensure_can_approve()
        # Under an approval policy this records one level, and issues only on the last.
        level = await approve_level(transaction, invoice, history, actor, command.roles, invoicing)
        if level is None:
            await _ensure_segregation_of_duties(transaction, invoice, history, actor, invoicing)
        elif not level.issues:
            return [level.recorded]
        issued = await issue_tax_invoice(transaction, invoice, actor, invoicing)
        return [issued] if level is None else [level.recorded, issued]

    return await change_invoice(command.invoice_id, command.expected_version, decide, actor, invoicing)


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


@traced_handler("cancel_invoice", NOUN, named_by=named, found_in=view_id)
async def cancel_invoice(command: CancelInvoice, actor: Actor, invoicing: Invoicing) -> InvoiceView:
    ensure_plausible_id(command.invoice_id)

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        invoice = Invoice.from_events(command.invoice_id, (s.event for s in history))
        return [invoice.cancel(command.reason, invoicing.clock().astimezone(BANGLADESH_TIME))]

    # Held, as a note or a receipt for it holds it: what is settled or credited is decided one at a time.
    return await change_invoice(command.invoice_id, command.expected_version, decide, actor, invoicing, exclusive=True)
