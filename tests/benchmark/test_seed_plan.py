from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest

from hisab.benchmark.seed import FIRST_DAY, BatchSerials, SeedPlan, batch_streams, seed_draft
from hisab.event_store.messages import DomainEvent
from hisab.invoicing.domain.draft import validate_draft
from hisab.invoicing.domain.events import InvoiceApproved
from hisab.invoicing.domain.invoice import Invoice
from hisab.invoicing.domain.note_events import CreditNoteIssued
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from tests.builders import RATES

ISSUED_AT = datetime(2026, 12, 3, 14, 0, tzinfo=BANGLADESH_TIME)


def _streams(plan: SeedPlan, size: int, first: BatchSerials) -> list[tuple[str, list[DomainEvent]]]:
    drafts = [validate_draft(seed_draft(FIRST_DAY, n), RATES) for n in range(size)]
    return batch_streams(plan, FIRST_DAY, drafts, first, ISSUED_AT)


def test_a_plan_spreads_invoices_evenly_over_tenants_in_bounded_batches() -> None:
    batches = SeedPlan(invoices=10, tenants=3, batch=2).batches()
    sizes: dict[str, int] = {}
    for tenant, _, size in batches:
        sizes[tenant] = sizes.get(tenant, 0) + size
    assert sizes == {"seed-0000": 4, "seed-0001": 3, "seed-0002": 3}
    assert max(size for _, _, size in batches) == 2
    assert [number for tenant, number, _ in batches if tenant == "seed-0000"] == [0, 1]


def test_seeded_drafts_are_valid_and_vary() -> None:
    drafts = [validate_draft(seed_draft(FIRST_DAY, n), RATES) for n in range(6)]
    assert {len(d.lines) for d in drafts} == {1, 2, 3}
    assert len({d.customer_id for d in drafts}) == 6


@pytest.mark.parametrize("size", [1, 2, 11, 12, 13, 2000])
def test_a_batchs_shape_counts_the_invoices_it_issues_and_credits(size: int) -> None:
    plan = SeedPlan(invoices=size, tenants=1)
    issued = sum(plan.issued(n) for n in range(size))
    credited = sum(plan.issued(n) and plan.credited(n) for n in range(size))
    assert plan.shape(size) == (issued, credited)


def test_a_third_of_the_seeded_invoices_are_issued_and_a_quarter_of_those_credited() -> None:
    assert SeedPlan(invoices=10_000, tenants=1).totals() == (3335, 835)  # five batches of 2,000: 667 and 167 each
    assert SeedPlan(invoices=10, tenants=3, batch=2).totals() == (6, 6)  # six batches, the first of each both


def test_a_batch_issues_and_credits_what_its_shape_says_under_consecutive_serials() -> None:
    plan = SeedPlan(invoices=40, tenants=1)
    streams = _streams(plan, 40, BatchSerials(invoice_number=101, mushak=7, credit_note=3))

    events = [event for _, stream in streams for event in stream]
    approvals = [event for event in events if isinstance(event, InvoiceApproved)]
    notes = [event for event in events if isinstance(event, CreditNoteIssued)]
    assert (len(approvals), len(notes)) == plan.shape(40) == (14, 4)
    assert [a.mushak_serial for a in approvals] == list(range(7, 21))
    assert [n.serial for n in notes] == [3, 4, 5, 6]
    assert [n.note_number for n in notes][:2] == ["HO/CN/2026-27/000003", "HO/CN/2026-27/000004"]
    assert {n.note_date for n in notes} == {ISSUED_AT.date()}


def test_seeded_credit_notes_are_partial_and_of_every_kind_the_seed_writes() -> None:
    streams = _streams(SeedPlan(invoices=120, tenants=1), 120, BatchSerials(1, 1, 1))
    noted = [(stream_id, events) for stream_id, events in streams if isinstance(events[-1], CreditNoteIssued)]

    assert len(noted) == 10
    reasons = Counter(events[-1].reason for _, events in noted if isinstance(events[-1], CreditNoteIssued))
    assert set(reasons) == {"RETURN", "PRICE_REDUCTION", "QUANTITY_SHORTFALL"}
    for stream_id, events in noted:
        invoice = Invoice.from_events(stream_id, events)
        assert not invoice.credited_in_full
        assert all(line.carried.quantity > 0 and line.carried.value > 0 for line in invoice.lines)
