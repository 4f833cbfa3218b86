"""Approval by amount: submit, approve one level (approveInvoice, through `approve_level`), reject,
delegate, escalate; and what the caller may approve now."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.event_store.ports import Transaction
from hisab.invoicing.application.approval_views import ApprovalTrail, approval_trail
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.invoice_changes import NOUN, change_invoice, named, view_id
from hisab.invoicing.application.ports import PendingApprovalPage
from hisab.invoicing.application.queries import ensure_plausible_id
from hisab.invoicing.application.views import InvoiceView
from hisab.invoicing.domain.approval import ApprovalRound, pending_round, submit
from hisab.invoicing.domain.approval_events import InvoiceApprovalRecorded
from hisab.invoicing.domain.invoice import Invoice, InvoiceStatus
from hisab.kernel.cursors import SequenceCursors
from hisab.kernel.errors import IllegalTransitionError, NotFoundError
from hisab.kernel.handler_telemetry import traced_handler
from hisab.taxpayer.application.approval_policies import policy_within

MAX_PAGE_SIZE = 100
_CURSORS = SequenceCursors("approval:")


@dataclass(frozen=True, slots=True)
class SubmitInvoice:
    invoice_id: str
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class RejectInvoice:
    invoice_id: str
    reason: str
    roles: frozenset[str]
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class DelegateApproval:
    invoice_id: str
    to_user: str
    reason: str
    roles: frozenset[str]
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class EscalateApproval:
    invoice_id: str
    reason: str
    roles: frozenset[str]
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class ListPendingApprovals:
    roles: frozenset[str]
    first: int = 20
    after: str | None = None


@dataclass(frozen=True, slots=True)
class LevelApproval:
    recorded: InvoiceApprovalRecorded
    # The last level: the tax invoice is issued in the same transaction.
    issues: bool


async def approve_level(
    transaction: Transaction[Any],
    invoice: Invoice,
    history: list[StoredEvent],
    actor: Actor,
    roles: frozenset[str],
    invoicing: Invoicing,
) -> LevelApproval | None:
    """One level's approval of a submitted invoice; None for a draft of a tenant without a policy,
    which is approved (and issued) at once, as it always was."""
    if invoice.status is InvoiceStatus.PENDING_APPROVAL:
        pending = _pending(history)
        recorded = pending.approve(actor.user_id, roles, _maker(history))
        return LevelApproval(recorded, issues=pending.completes_with_next_approval())
    if (await policy_within(transaction, actor.tenant_id)).in_force:
        raise IllegalTransitionError(
            "the tenant's approval policy applies: submit the draft (submitInvoice) before it is approved"
        )
    return None


@traced_handler("submit_invoice", NOUN, named_by=named, found_in=view_id)
async def submit_invoice(command: SubmitInvoice, actor: Actor, invoicing: Invoicing) -> InvoiceView:
    ensure_plausible_id(command.invoice_id)

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        invoice = Invoice.from_events(command.invoice_id, (s.event for s in history))
        return [submit(invoice, await policy_within(transaction, actor.tenant_id), actor.user_id)]

    return await change_invoice(command.invoice_id, command.expected_version, decide, actor, invoicing)


@traced_handler("reject_invoice", NOUN, named_by=named, found_in=view_id)
async def reject_invoice(command: RejectInvoice, actor: Actor, invoicing: Invoicing) -> InvoiceView:
    ensure_plausible_id(command.invoice_id)

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        pending = _pending(history)
        return [pending.reject(actor.user_id, command.roles, _maker(history), command.reason)]

    return await change_invoice(command.invoice_id, command.expected_version, decide, actor, invoicing)


@traced_handler("delegate_approval", NOUN, named_by=named, found_in=view_id)
async def delegate_approval(command: DelegateApproval, actor: Actor, invoicing: Invoicing) -> InvoiceView:
    ensure_plausible_id(command.invoice_id)

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        pending = _pending(history)
        maker = _maker(history)
        return [pending.delegate(actor.user_id, command.roles, maker, command.to_user, command.reason)]

    return await change_invoice(command.invoice_id, command.expected_version, decide, actor, invoicing)


@traced_handler("escalate_approval", NOUN, named_by=named, found_in=view_id)
async def escalate_approval(command: EscalateApproval, actor: Actor, invoicing: Invoicing) -> InvoiceView:
    ensure_plausible_id(command.invoice_id)

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        pending = _pending(history)
        return [pending.escalate(actor.user_id, command.roles, _maker(history), command.reason)]

    return await change_invoice(command.invoice_id, command.expected_version, decide, actor, invoicing)


async def list_pending_approvals(
    query: ListPendingApprovals, actor: Actor, invoicing: Invoicing
) -> PendingApprovalPage:
    after = _CURSORS.decode(query.after) if query.after else None
    first = max(0, min(query.first, MAX_PAGE_SIZE))
    return await invoicing.approval_queue.pending(actor.tenant_id, actor.user_id, query.roles, first, after)


def encode_pending_cursor(sequence: int) -> str:
    return _CURSORS.encode(sequence)


async def get_approval_trail(invoice_id: str, actor: Actor, invoicing: Invoicing) -> ApprovalTrail:
    """Who approved which level when, and everything else that happened to the approval, from the events."""
    stored = await invoicing.streams.read(actor.tenant_id, invoice_id)
    if not stored:
        raise NotFoundError(f"invoice {invoice_id} not found")
    return approval_trail(stored)


def _pending(history: list[StoredEvent]) -> ApprovalRound:
    pending = pending_round(history[0].stream_id, (s.event for s in history))
    if pending is None:
        status = Invoice.from_events(history[0].stream_id, (s.event for s in history)).status
        raise IllegalTransitionError(f"only a PENDING_APPROVAL invoice waits for an approval; this one is {status}")
    return pending


def _maker(history: list[StoredEvent]) -> str:
    return history[0].metadata.user_id
