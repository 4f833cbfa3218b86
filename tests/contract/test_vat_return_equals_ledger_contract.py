"""For any set of invoices, credit and debit notes and cancellations, on every backend: the Mushak-9.1's
output VAT (9(c) + 26 - 31) is the VAT Output account's movement in the books for the period, to the
paisa, and its input VAT the VAT Input account's; and the return's output VAT check passes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hisab.event_store.ports import Database
from hisab.invoicing.application.commands import ApproveInvoice, CancelInvoice, CreateInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.handlers import approve_invoice, cancel_invoice, create_invoice
from hisab.invoicing.application.notes import IssueNote, issue_note
from hisab.invoicing.domain.draft import LineInput
from hisab.invoicing.domain.notes import NoteKind, NoteLineInput, NoteRequest
from hisab.kernel.vat import VATCategory
from hisab.ledger.application.dependencies import Ledger
from hisab.ledger.application.vat_movements import LedgerVatMovements
from hisab.vat_return.application.dependencies import VatReturns
from hisab.vat_return.application.returns import vat_return, vat_return_checks
from tests.builders import actor, checker, services, steel_rods_draft

D = Decimal
QUARTER = "2026-27/Q1"
START, END = date(2026, 7, 1), date(2026, 9, 30)


@dataclass(frozen=True, slots=True)
class Sale:
    lines: tuple[tuple[VATCategory, int, int], ...]  # category, price in paisa, SD percent
    approved: bool
    # What happens after its issue: nothing, a credit note, a debit note, or its cancellation.
    then: str
    # The note's amount, as a share (in percent) of the first line's value.
    share: int


sales = st.builds(
    Sale,
    st.lists(
        st.tuples(
            st.sampled_from([VATCategory.STANDARD, VATCategory.REDUCED, VATCategory.EXEMPT, VATCategory.ZERO_RATED]),
            st.integers(1, 50_000_000),
            st.sampled_from([0, 10, 20]),
        ),
        min_size=1,
        max_size=3,
    ).map(tuple),
    st.booleans(),
    st.sampled_from(["nothing", "credit", "debit", "cancel"]),
    st.integers(1, 100),
)


class Clock:
    """August 2026, a second later at each reading: everything falls in the first quarter of 2026-27."""

    def __init__(self) -> None:
        self._now = datetime(2026, 8, 10, 4, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self._now += timedelta(seconds=1)
        return self._now


async def _sell(invoicing: Invoicing, tenant: str, sale: Sale) -> None:
    lines = tuple(
        LineInput(f"Supply {n}", D(1), D(price) / 100, vat_category=category, supplementary_duty_rate=D(duty) / 100)
        for n, (category, price, duty) in enumerate(sale.lines, start=1)
    )
    draft = steel_rods_draft(invoice_date=date(2026, 8, 10), due_date=date(2026, 9, 10), lines=lines)
    created = await create_invoice(CreateInvoice(draft), actor(tenant), invoicing)
    if not sale.approved:
        return
    issued = await approve_invoice(ApproveInvoice(created.invoice_id), checker(tenant), invoicing)
    first = issued.lines[0]
    if sale.then == "cancel":
        await cancel_invoice(CancelInvoice(issued.invoice_id, "issued in error"), checker(tenant), invoicing)
    elif sale.then in ("credit", "debit"):
        amount = (first.amounts.value * sale.share / 100).quantize(D("0.01"))
        if amount > 0:
            kind = NoteKind.CREDIT if sale.then == "credit" else NoteKind.DEBIT
            reason = "PRICE_REDUCTION" if kind is NoteKind.CREDIT else "PRICE_INCREASE"
            request = NoteRequest(kind, None, reason, None, (NoteLineInput(first.line_id, amount=amount),))
            await issue_note(IssueNote(issued.invoice_id, request), checker(tenant), invoicing)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents=st.lists(sales, min_size=1, max_size=5))
async def test_the_returns_output_vat_is_the_ledgers_for_any_documents(
    database: Database[Any], documents: list[Sale]
) -> None:
    wired = services(database, Clock())
    tenant = f"tenant-{uuid.uuid4().hex[:8]}"
    for sale in documents:
        await _sell(wired.get(Invoicing), tenant, sale)
    filed = await vat_return(QUARTER, actor(tenant), wired.get(VatReturns))
    output = filed.note(9).vat
    assert output is not None
    output += (filed.note(26).amount or D(0)) - (filed.note(31).amount or D(0))
    books = await LedgerVatMovements(wired.get(Ledger)).vat_movements(tenant, START, END)
    assert output == books.output_vat
    assert books.input_vat == D("0.00")
    checks = {check.name: check for check in await vat_return_checks(QUARTER, actor(tenant), wired.get(VatReturns))}
    assert [name for name, check in checks.items() if name.startswith("output") and not check.passed] == []
