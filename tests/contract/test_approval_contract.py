"""Approval by amount on every backend: the policy's read model and the approval queue agree on the fake,
SQLite and PostgreSQL, and rebuild to what the live path wrote."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from hisab.event_store.ports import Database
from hisab.invoicing.application.approvals import (
    DelegateApproval,
    ListPendingApprovals,
    RejectInvoice,
    SubmitInvoice,
    delegate_approval,
    encode_pending_cursor,
    list_pending_approvals,
    reject_invoice,
    submit_invoice,
)
from hisab.invoicing.application.commands import ApproveInvoice, CreateInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.handlers import approve_invoice, create_invoice
from hisab.invoicing.domain.invoice import InvoiceStatus
from hisab.kernel.errors import InvalidInputError
from hisab.taxpayer.application.approval_policies import SetApprovalPolicy, get_approval_policy, set_approval_policy
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.domain.approval_policy import LevelInput
from tests.builders import actor, rebuild, services, steel_rods_draft

APPROVER, MANAGER = frozenset({"approver"}), frozenset({"manager"})
THREE_LEVELS = (
    LevelInput("approver", Decimal("100000")),
    LevelInput("manager", Decimal("1000000")),
    LevelInput("cfo", None),
)


async def _policy_and_invoices(database: Database[Any], count: int) -> tuple[Invoicing, list[str]]:
    wired = services(database)
    await set_approval_policy(SetApprovalPolicy(THREE_LEVELS), actor(user_id="admin-1"), wired.get(Taxpayer))
    app = wired.get(Invoicing)
    ids = []
    for _ in range(count):
        created = await create_invoice(CreateInvoice(steel_rods_draft()), actor(), app)
        await submit_invoice(SubmitInvoice(created.invoice_id), actor(), app)
        ids.append(created.invoice_id)
    return app, ids


async def _pending(app: Invoicing, user: str, roles: frozenset[str], first: int = 20, after: str | None = None) -> Any:
    return await list_pending_approvals(ListPendingApprovals(roles, first, after), actor(user_id=user), app)


async def test_a_policy_reads_back_as_it_was_set(database: Database[Any]) -> None:
    taxpayer = services(database).get(Taxpayer)
    assert await get_approval_policy(actor(), taxpayer) is None
    await set_approval_policy(SetApprovalPolicy(THREE_LEVELS), actor(user_id="admin-1"), taxpayer)

    found = await get_approval_policy(actor(), taxpayer)
    assert found is not None
    assert [(level.role, level.up_to) for level in found.policy.levels] == [
        ("approver", Decimal("100000.00")),
        ("manager", Decimal("1000000.00")),
        ("cfo", None),
    ]
    assert (found.version, found.updated_by) == (1, "admin-1")
    with pytest.raises(InvalidInputError):
        await set_approval_policy(SetApprovalPolicy((LevelInput("nobody", None),)), actor(), taxpayer)


async def test_the_queue_lists_what_each_user_may_approve_now(database: Database[Any]) -> None:
    app, (older, newer) = await _policy_and_invoices(database, 2)

    page = await _pending(app, "rina", APPROVER)
    assert [entry.invoice_id for entry in page.entries] == [newer, older]
    assert (page.total_count, page.entries[0].level, page.entries[0].required) == (2, 1, 2)
    assert (await _pending(app, "karim", MANAGER)).entries == []
    assert (await _pending(app, "user-1", APPROVER)).entries == []  # the maker

    await approve_invoice(ApproveInvoice(older, roles=APPROVER), actor(user_id="rina"), app)
    assert [entry.invoice_id for entry in (await _pending(app, "karim", MANAGER)).entries] == [older]
    # rina approved level 1, so she approves no other level of it even holding the manager's role.
    both = await _pending(app, "rina", APPROVER | MANAGER)
    assert [entry.invoice_id for entry in both.entries] == [newer]


async def test_a_delegation_a_rejection_and_pages(database: Database[Any]) -> None:
    app, ids = await _policy_and_invoices(database, 3)
    await delegate_approval(DelegateApproval(ids[0], "tanvir", "on leave", APPROVER), actor(user_id="rina"), app)
    await reject_invoice(RejectInvoice(ids[1], "wrong BIN", APPROVER), actor(user_id="rina"), app)

    assert [e.invoice_id for e in (await _pending(app, "rina", APPROVER)).entries] == [ids[2]]
    assert [e.invoice_id for e in (await _pending(app, "tanvir", frozenset())).entries] == [ids[0]]
    first = await _pending(app, "sadia", APPROVER, first=1)
    assert first.has_next_page is False
    assert [e.invoice_id for e in first.entries] == [ids[2]]
    found = await app.invoices.get("tenant-a", ids[1])
    assert found is not None
    assert found.status is InvoiceStatus.DRAFT

    cursor = encode_pending_cursor(first.entries[0].sequence)
    assert (await _pending(app, "sadia", APPROVER, after=cursor)).entries == []
    assert await rebuild(database, verify_only=True) == []
