"""Command handlers: each runs in one transaction and returns the invoice as now stored."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime

from hisab.event_store.messages import Actor, DomainEvent, EventMetadata, StoredEvent
from hisab.event_store.ports import IdempotencyRecord, UnitOfWork
from hisab.invoicing.application.commands import ApproveInvoice, CancelInvoice, CreateInvoice
from hisab.invoicing.application.queries import ensure_plausible_id
from hisab.invoicing.application.views import InvoiceView, project
from hisab.invoicing.domain.draft import validate_draft
from hisab.invoicing.domain.invoice import Invoice, open_invoice
from hisab.invoicing.domain.numbering import (
    format_invoice_number,
    format_mushak_number,
    invoice_number_series,
    mushak_series,
)
from hisab.kernel.errors import (
    ConcurrencyError,
    IdempotencyKeyReusedError,
    IdempotencyKeyTakenError,
    NotFoundError,
    SegregationOfDutiesError,
)
from hisab.kernel.fiscal_year import BANGLADESH_TIME, FiscalYear
from hisab.kernel.handler_telemetry import observed, observed_change
from hisab.services import Services


@observed("create_invoice")
async def create_invoice(command: CreateInvoice, actor: Actor, services: Services) -> InvoiceView:
    draft = validate_draft(command.draft, services.rates)
    fingerprint = command.fingerprint()
    key = command.idempotency_key
    # A lost race on the idempotency key is retried once, and then finds the winner's record.
    for _ in range(2):
        async with services.database.transaction(actor.tenant_id) as uow:
            if key is not None:
                recorded = await uow.idempotency.find(actor.tenant_id, key)
                if recorded is not None:
                    return await _replay(recorded, fingerprint, actor, uow)
            invoice_id = services.new_id()
            sequence = await uow.counters.next_value(actor.tenant_id, invoice_number_series(draft.invoice_date))
            events = open_invoice(draft, invoice_id, format_invoice_number(draft.invoice_date, sequence))
            view = await _record(uow, invoice_id, [], events, actor, services, lines_changed=True)
            if key is not None:
                try:
                    await uow.idempotency.save(actor.tenant_id, key, IdempotencyRecord(fingerprint, invoice_id))
                except IdempotencyKeyTakenError:
                    continue
            await uow.commit()
            return view
    raise IdempotencyKeyReusedError("the idempotency key is being used by a concurrent request")


@observed_change("approve_invoice")
async def approve_invoice(command: ApproveInvoice, actor: Actor, services: Services) -> InvoiceView:
    async def approve(uow: UnitOfWork, invoice: Invoice, history: list[StoredEvent]) -> DomainEvent:
        invoice.ensure_can_approve()
        await _ensure_segregation_of_duties(uow, invoice, history, actor)
        issued_at = services.clock().astimezone(BANGLADESH_TIME)
        fiscal_year = FiscalYear.of_moment(issued_at)
        serial = await uow.counters.next_value(actor.tenant_id, mushak_series(fiscal_year))
        return invoice.approve(format_mushak_number(services.issuing_unit, fiscal_year, serial), serial, issued_at)

    return await _change(command.invoice_id, command.expected_version, approve, actor, services)


async def _ensure_segregation_of_duties(
    uow: UnitOfWork, invoice: Invoice, history: list[StoredEvent], actor: Actor
) -> None:
    """The maker of an invoice is not its checker, unless the tenant relaxed that rule."""
    if history[0].metadata.user_id != actor.user_id:
        return
    if not (await uow.tenant_settings.get(actor.tenant_id)).creator_may_approve:
        raise SegregationOfDutiesError(
            f"segregation of duties: {actor.user_id} created invoice {invoice.invoice_id} and may not approve it"
        )


@observed_change("cancel_invoice")
async def cancel_invoice(command: CancelInvoice, actor: Actor, services: Services) -> InvoiceView:
    async def cancel(uow: UnitOfWork, invoice: Invoice, history: list[StoredEvent]) -> DomainEvent:
        return invoice.cancel(command.reason, services.clock().astimezone(BANGLADESH_TIME))

    return await _change(command.invoice_id, command.expected_version, cancel, actor, services)


Decide = Callable[[UnitOfWork, Invoice, list[StoredEvent]], Awaitable[DomainEvent]]


async def _change(
    invoice_id: str, expected_version: int | None, decide: Decide, actor: Actor, services: Services
) -> InvoiceView:
    """Load, decide, append; when the caller named no version, a lost race is retried."""
    ensure_plausible_id(invoice_id)
    attempts = 1 if expected_version is not None else services.concurrency_retries
    for attempt in range(attempts):
        try:
            async with services.database.transaction(actor.tenant_id) as uow:
                history = await uow.events.read_stream(actor.tenant_id, invoice_id)
                if not history:
                    raise NotFoundError(f"invoice {invoice_id} not found")
                invoice = Invoice.from_events(invoice_id, (s.event for s in history))
                if expected_version is not None and expected_version != invoice.version:
                    raise ConcurrencyError(
                        f"expected version {expected_version}, but the invoice is at version {invoice.version}"
                    )
                event = await decide(uow, invoice, history)
                view = await _record(uow, invoice_id, history, [event], actor, services, lines_changed=False)
                await uow.commit()
                return view
        except ConcurrencyError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable: the last attempt returns or raises")


async def _record(
    uow: UnitOfWork,
    invoice_id: str,
    history: list[StoredEvent],
    events: Sequence[DomainEvent],
    actor: Actor,
    services: Services,
    *,
    lines_changed: bool,
) -> InvoiceView:
    metadata = EventMetadata(actor.tenant_id, actor.user_id, actor.correlation_id, _utc(services.clock()))
    stored = await uow.events.append(invoice_id, len(history), events, metadata)
    view = project([*history, *stored])
    await uow.invoices.save(view, lines_changed=lines_changed)
    return view


async def _replay(recorded: IdempotencyRecord, fingerprint: str, actor: Actor, uow: UnitOfWork) -> InvoiceView:
    if recorded.request_hash != fingerprint:
        raise IdempotencyKeyReusedError("the idempotency key was already used for a different request")
    history = await uow.events.read_stream(actor.tenant_id, recorded.invoice_id)
    return project(history)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)
