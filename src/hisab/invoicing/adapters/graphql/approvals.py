"""Resolvers of approval by amount: build the command (with the caller's roles), dispatch it, map the result."""

from __future__ import annotations

from datetime import UTC, datetime

from ariadne import MutationType, ObjectType, QueryType

from hisab.edge.connections import connection, page_size
from hisab.edge.context import Info
from hisab.invoicing.application.approval_views import ApprovalAction, ApprovalGiven, PendingApprovalView
from hisab.invoicing.application.approvals import (
    MAX_PAGE_SIZE,
    DelegateApproval,
    EscalateApproval,
    ListPendingApprovals,
    RejectInvoice,
    SubmitInvoice,
    delegate_approval,
    encode_pending_cursor,
    escalate_approval,
    get_approval_trail,
    list_pending_approvals,
    reject_invoice,
    submit_invoice,
)
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.queries import get_invoice
from hisab.invoicing.application.views import InvoiceView
from hisab.kernel.money import Money

approval_query_type = QueryType()
approval_mutation_type = MutationType()
invoice_approval_fields = ObjectType("Invoice")
pending_type = ObjectType("PendingApproval")
given_type = ObjectType("InvoiceApproval")
action_type = ObjectType("ApprovalAction")


@approval_mutation_type.field("submitInvoice")
async def resolve_submit_invoice(_: None, info: Info, id: str, expected_version: int | None = None) -> InvoiceView:
    context = info.context
    command = SubmitInvoice(id, expected_version)
    return await submit_invoice(command, context.actor, context.services.get(Invoicing))


@approval_mutation_type.field("rejectInvoice")
async def resolve_reject_invoice(
    _: None, info: Info, id: str, reason: str, expected_version: int | None = None
) -> InvoiceView:
    context = info.context
    command = RejectInvoice(id, reason, context.principal.roles, expected_version)
    return await reject_invoice(command, context.actor, context.services.get(Invoicing))


@approval_mutation_type.field("delegateApproval")
async def resolve_delegate_approval(
    _: None, info: Info, id: str, to_user: str, reason: str, expected_version: int | None = None
) -> InvoiceView:
    context = info.context
    command = DelegateApproval(id, to_user, reason, context.principal.roles, expected_version)
    return await delegate_approval(command, context.actor, context.services.get(Invoicing))


@approval_mutation_type.field("escalateApproval")
async def resolve_escalate_approval(
    _: None, info: Info, id: str, reason: str, expected_version: int | None = None
) -> InvoiceView:
    context = info.context
    command = EscalateApproval(id, reason, context.principal.roles, expected_version)
    return await escalate_approval(command, context.actor, context.services.get(Invoicing))


@approval_query_type.field("pendingApprovals")
async def resolve_pending_approvals(
    _: None, info: Info, first: int | None = None, after: str | None = None
) -> dict[str, object]:
    context = info.context
    query = ListPendingApprovals(context.principal.roles, page_size(first, MAX_PAGE_SIZE), after)
    page = await list_pending_approvals(query, context.actor, context.services.get(Invoicing))
    return connection(page, page.entries, lambda entry: encode_pending_cursor(entry.sequence))


@invoice_approval_fields.field("approvals")
async def resolve_approvals(view: InvoiceView, info: Info) -> tuple[ApprovalGiven, ...]:
    context = info.context
    return (await get_approval_trail(view.invoice_id, context.actor, context.services.get(Invoicing))).approvals


@invoice_approval_fields.field("approvalActions")
async def resolve_approval_actions(view: InvoiceView, info: Info) -> tuple[ApprovalAction, ...]:
    context = info.context
    return (await get_approval_trail(view.invoice_id, context.actor, context.services.get(Invoicing))).actions


@invoice_approval_fields.field("requiredApprovals")
async def resolve_required_approvals(view: InvoiceView, info: Info) -> int | None:
    context = info.context
    return (await get_approval_trail(view.invoice_id, context.actor, context.services.get(Invoicing))).required


@invoice_approval_fields.field("currentApproval")
async def resolve_current_approval(view: InvoiceView, info: Info) -> dict[str, object] | None:
    context = info.context
    pending = (await get_approval_trail(view.invoice_id, context.actor, context.services.get(Invoicing))).pending
    if pending is None:
        return None
    return {
        "level": pending.level,
        "role": pending.role,
        "delegated_to": pending.delegated_to,
        "approved_by": list(pending.approvers),
    }


@pending_type.field("invoice")
async def resolve_pending_invoice(entry: PendingApprovalView, info: Info) -> InvoiceView:
    context = info.context
    return await get_invoice(entry.invoice_id, context.actor, context.services.get(Invoicing))


@pending_type.field("requiredApprovals")
def resolve_pending_required(entry: PendingApprovalView, info: Info) -> int:
    return entry.required


@pending_type.field("grandTotal")
def resolve_pending_grand_total(entry: PendingApprovalView, info: Info) -> Money:
    return Money(entry.grand_total)


@pending_type.field("submittedAt")
def resolve_pending_submitted_at(entry: PendingApprovalView, info: Info) -> datetime:
    return entry.submitted_at.astimezone(UTC)


@given_type.field("approvedAt")
def resolve_approved_at(given: ApprovalGiven, info: Info) -> datetime:
    return given.approved_at.astimezone(UTC)


@action_type.field("at")
def resolve_action_at(action: ApprovalAction, info: Info) -> datetime:
    return action.at.astimezone(UTC)


APPROVAL_BINDABLES = (
    approval_query_type,
    approval_mutation_type,
    invoice_approval_fields,
    pending_type,
    given_type,
    action_type,
)
