"""The command handlers against real databases: numbering, concurrency, idempotency, rebuilds."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime
from typing import Any

import pytest

from hisab.event_store.ports import Database
from hisab.invoicing.application.commands import ApproveInvoice, CancelInvoice, CreateInvoice
from hisab.invoicing.application.handlers import approve_invoice, cancel_invoice, create_invoice
from hisab.invoicing.application.ports import InvoiceFilter
from hisab.invoicing.application.views import InvoiceView
from hisab.invoicing.domain.invoice import InvoiceStatus
from hisab.kernel.errors import ConcurrencyError, ConflictError, IdempotencyKeyReusedError, IllegalTransitionError
from tests.builders import SteppingClock, actor, checker, invoicing, rebuild, steel_rods_draft, three_rate_draft


async def test_fifty_concurrent_approvals_get_serials_one_to_fifty(database: Database[Any]) -> None:
    app = invoicing(database)
    drafts = [await create_invoice(CreateInvoice(steel_rods_draft()), actor(), app) for _ in range(50)]
    approved = await asyncio.gather(*(approve_invoice(ApproveInvoice(d.invoice_id), checker(), app) for d in drafts))
    assert sorted(v.mushak_number or "" for v in approved) == [f"HO/2026-27/{n:06d}" for n in range(1, 51)]


async def test_concurrent_approve_and_cancel_calls_leave_one_consistent_history(database: Database[Any]) -> None:
    app = invoicing(database)
    invoice = await create_invoice(CreateInvoice(steel_rods_draft()), actor(), app)
    calls = [
        approve_invoice(ApproveInvoice(invoice.invoice_id), checker(), app)
        if n % 2
        else cancel_invoice(CancelInvoice(invoice.invoice_id, f"reason {n}"), actor(), app)
        for n in range(20)
    ]
    outcomes = await asyncio.gather(*calls, return_exceptions=True)
    succeeded = [o for o in outcomes if isinstance(o, InvoiceView)]
    refused = [o for o in outcomes if not isinstance(o, InvoiceView)]
    assert all(isinstance(o, IllegalTransitionError | ConflictError) for o in refused), refused
    async with database.transaction("tenant-a") as uow:
        history = await uow.events.read_stream("tenant-a", invoice.invoice_id)
    kinds = [type(s.event).__name__ for s in history[3:]]
    assert [s.version for s in history] == list(range(1, len(history) + 1))
    assert kinds in (["InvoiceCancelled"], ["InvoiceApproved", "InvoiceCancelled"])
    assert len(succeeded) == len(kinds)
    final = await invoicing(database).invoices.get("tenant-a", invoice.invoice_id)
    assert final is not None
    assert final.status is InvoiceStatus.CANCELLED


async def test_a_refused_approval_consumes_no_serial(database: Database[Any]) -> None:
    app = invoicing(database)
    cancelled = await create_invoice(CreateInvoice(steel_rods_draft()), actor(), app)
    await cancel_invoice(CancelInvoice(cancelled.invoice_id, "typo"), actor(), app)
    with pytest.raises(IllegalTransitionError):
        await approve_invoice(ApproveInvoice(cancelled.invoice_id), checker(), app)
    draft = await create_invoice(CreateInvoice(steel_rods_draft()), actor(), app)
    approved = await approve_invoice(ApproveInvoice(draft.invoice_id), checker(), app)
    assert approved.mushak_number == "HO/2026-27/000001"


async def test_the_serial_follows_the_fiscal_year_of_the_approval_in_dhaka(database: Database[Any]) -> None:
    # 18:30 UTC on 30 June is already 1 July in Dhaka (UTC+6): the new fiscal year's first serial.
    app = invoicing(database, clock=SteppingClock(datetime(2026, 6, 30, 18, 30, tzinfo=UTC)))
    draft = await create_invoice(CreateInvoice(steel_rods_draft()), actor(), app)
    approved = await approve_invoice(ApproveInvoice(draft.invoice_id), checker(), app)
    assert approved.mushak_number == "HO/2026-27/000001"
    assert approved.issued_at is not None
    assert approved.issued_at.isoformat().startswith("2026-07-01T00:30")


async def test_a_stale_expected_version_is_a_conflict(database: Database[Any]) -> None:
    app = invoicing(database)
    draft = await create_invoice(CreateInvoice(steel_rods_draft()), actor(), app)
    with pytest.raises(ConcurrencyError):
        await approve_invoice(ApproveInvoice(draft.invoice_id, expected_version=1), checker(), app)
    approved = await approve_invoice(ApproveInvoice(draft.invoice_id, expected_version=draft.version), checker(), app)
    assert approved.version == draft.version + 1


async def test_an_idempotent_create_returns_the_first_result_even_under_concurrency(database: Database[Any]) -> None:
    app = invoicing(database)
    command = CreateInvoice(three_rate_draft(), idempotency_key="order-42")
    views = await asyncio.gather(*(create_invoice(command, actor(), app) for _ in range(5)))
    assert len({v.invoice_id for v in views}) == 1
    page = await invoicing(database).invoices.list("tenant-a", InvoiceFilter(), 10, None)
    assert page.total_count == 1
    with pytest.raises(IdempotencyKeyReusedError):
        await create_invoice(CreateInvoice(steel_rods_draft(), idempotency_key="order-42"), actor(), app)


async def test_the_read_model_equals_a_rebuild_after_hundreds_of_random_commands(database: Database[Any]) -> None:
    app = invoicing(database)
    chooser = random.Random(20261126)
    ids: list[str] = []
    for _ in range(300):
        roll = chooser.random()
        if roll < 0.4 or not ids:
            draft = three_rate_draft() if chooser.random() < 0.5 else steel_rods_draft()
            created = await create_invoice(CreateInvoice(draft), actor(chooser.choice(["t1", "t2"])), app)
            ids.append(created.invoice_id)
            continue
        target = chooser.choice(ids)
        tenant = await _owner(database, target)
        try:
            if roll < 0.7:
                await approve_invoice(ApproveInvoice(target), checker(tenant), app)
            else:
                await cancel_invoice(CancelInvoice(target, "random"), actor(tenant), app)
        except IllegalTransitionError:
            pass
    assert await rebuild(database, verify_only=True) == []


async def _owner(database: Database[Any], invoice_id: str) -> str:
    for tenant in ("t1", "t2"):
        if await invoicing(database).invoices.get(tenant, invoice_id) is not None:
            return tenant
    raise AssertionError(invoice_id)
