"""Any interleaving of receipts, advances, withholdings, credit notes, cheque bounces, reversals, write-offs and
cancellations keeps what every invoice owes at or above nothing, equal to its adjusted total less what standing
receipts allocated and withheld and what was written off, and the ledger's receivable equal to the sum of it.
A refused command changes nothing; a command is refused exactly when the rules say so."""

from __future__ import annotations

import itertools
import shutil
import uuid
from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from hisab.event_store.adapters.sqlite.database import SQLiteDatabase
from hisab.event_store.ports import Database
from hisab.invoicing.application.commands import ApproveInvoice, CancelInvoice, CreateInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.handlers import approve_invoice, cancel_invoice, create_invoice
from hisab.invoicing.application.notes import IssueNote, issue_note
from hisab.invoicing.application.queries import get_invoice
from hisab.invoicing.application.views import InvoiceView
from hisab.invoicing.domain.draft import LineInput
from hisab.invoicing.domain.notes import NoteKind, NoteLineInput, NoteRequest
from hisab.kernel.errors import IllegalTransitionError, InvalidInputError, NotFoundError
from hisab.kernel.money import ZERO
from hisab.kernel.services import Services
from hisab.ledger.application.dependencies import Ledger
from hisab.ledger.application.ports import BalanceQuery
from hisab.receivables.application.dependencies import Receivables
from hisab.receivables.application.ports import ReceiptFilter
from hisab.receivables.application.receipts import (
    AllocateAdvance,
    ChangeReceipt,
    RecordReceipt,
    WriteOffBalance,
    allocate_advance,
    bounce_cheque,
    clear_cheque,
    deposit_cheque,
    get_receipt,
    record_receipt,
    reverse_receipt,
    write_off_balance,
)
from hisab.receivables.application.views import ReceiptView
from hisab.receivables.domain.balances import InvoiceBalance
from hisab.receivables.domain.receipts import (
    AllocationInput,
    ChequeInput,
    ReceiptRequest,
    ReceiptStatus,
    WalletInput,
    WithholdingInput,
)
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.application.tenant_settings import UpdateTenantSettings, update_tenant_settings
from hisab.taxpayer.domain.policy import TenantPolicy
from tests.builders import actor, checker, rebuild, services, steel_rods_draft
from tests.fakes import FakeDatabase

D = Decimal
T = TypeVar("T")
TOLERANCE = D("2.00")
REFUSED = (InvalidInputError, IllegalTransitionError, NotFoundError)
# The steel-rods invoice, and a small one whose VAT is rounded, so that a few paisa may be left to write off.
DRAFTS = (
    steel_rods_draft(),
    steel_rods_draft(lines=(LineInput("Binding wire", D(10), D("99.99")),)),
    steel_rods_draft(lines=(LineInput("Cement", D(40), D("512.37")),)),
)
INVOICES = len(DRAFTS)

# How much to settle: a fixed amount, or what the invoice still owes less some paisa (0: all of it).
amounts = st.one_of(
    st.tuples(st.just("fixed"), st.decimals(min_value=D("0.01"), max_value=D("600000.00"), places=2)),
    st.tuples(st.just("rest"), st.integers(min_value=0, max_value=300)),
)
invoice_index = st.integers(min_value=0, max_value=INVOICES - 1)
receipt_index = st.integers(min_value=0, max_value=20)
receipts = st.tuples(
    st.just("receipt"),
    st.sampled_from(["BANK_TRANSFER", "CHEQUE", "CASH", "MOBILE_WALLET"]),
    st.lists(st.tuples(invoice_index, amounts), max_size=2, unique_by=lambda a: a[0]),
    st.lists(st.tuples(invoice_index, st.sampled_from(["VDS", "AIT"]), amounts), max_size=2,
             unique_by=lambda w: (w[0], w[1])),
    st.sampled_from([ZERO, D("0.01"), D("1000.00")]),
)  # fmt: skip
changes = st.tuples(st.sampled_from(["deposit", "clear", "bounce", "reverse"]), receipt_index)
write_offs = st.tuples(st.just("write_off"), invoice_index)
# Each kind of command about as often as the others, cancellations (which end an invoice's story) rarely.
operations = st.one_of(
    receipts,
    receipts,
    st.tuples(st.just("advance"), receipt_index, invoice_index, amounts),
    st.tuples(st.just("credit"), invoice_index, st.integers(min_value=1, max_value=60)),
    changes,
    changes,
    write_offs,
    write_offs,
)
cancels = st.tuples(st.just("cancel"), invoice_index)


@dataclass
class World:
    database: Database[Any]
    wired: Services
    invoices: list[InvoiceView]
    receipts: list[str] = field(default_factory=list)
    written_off: dict[str, Decimal] = field(default_factory=dict)
    transactions: itertools.count[int] = field(default_factory=itertools.count)

    @property
    def invoicing(self) -> Invoicing:
        return self.wired.get(Invoicing)

    @property
    def receivables(self) -> Receivables:
        return self.wired.get(Receivables)

    @property
    def ids(self) -> list[str]:
        return [invoice.invoice_id for invoice in self.invoices]

    async def balances(self) -> dict[str, InvoiceBalance]:
        return await self.receivables.queries.balances("tenant-a", self.ids)

    async def receipt(self, index: int) -> ReceiptView | None:
        if not self.receipts:
            return None
        return await get_receipt(self.receipts[index % len(self.receipts)], actor(), self.receivables)

    async def snapshot(self) -> list[object]:
        """Everything a command could change: balances, receipts, the books' movements and the invoices."""
        balances = await self.balances()
        page = await self.receivables.queries.receipts("tenant-a", ReceiptFilter(), 1000, None)
        moved = await self.wired.get(Ledger).queries.movements("tenant-a", BalanceQuery(through=date(2027, 6, 30)))
        invoices = [await get_invoice(i, actor(), self.invoicing) for i in self.ids]
        return [
            {i: (str(b.settled), str(b.outstanding), b.cancelled) for i, b in balances.items()},
            [(v, v.status, str(v.allocated)) for v in page.receipts],
            {code: str(m.net_debit) for code, m in moved.items()},
            [(str(v.adjusted.total), v.status, v.version) for v in invoices],
        ]


async def _outcome(command: Awaitable[T]) -> T | Exception:
    """What the command returned, or the refusal it ended with (anything else fails the test)."""
    try:
        return await command
    except REFUSED as refused:
        return refused


def _stood(outcome: object) -> bool:
    return not isinstance(outcome, Exception)


def _amount(spec: tuple[str, Any], owed: Decimal) -> Decimal:
    kind, value = spec
    if kind == "fixed":
        return D(value)
    return max(owed - D(value) / 100, D("0.01"))


async def _world(database: Database[Any] | None = None) -> World:
    database = database or FakeDatabase()
    wired = services(database)
    policy = TenantPolicy(write_off_tolerance=TOLERANCE)
    await update_tenant_settings(UpdateTenantSettings(policy), actor(), wired.get(Taxpayer))
    invoicing = wired.get(Invoicing)
    invoices = []
    for draft in DRAFTS:
        created = await create_invoice(CreateInvoice(draft), actor(), invoicing)
        invoices.append(await approve_invoice(ApproveInvoice(created.invoice_id), checker(), invoicing))
    return World(database, wired, invoices)


async def _receipt(world: World, op: tuple[Any, ...]) -> bool:
    """Record it; True when it stood, after checking it stood exactly when every settlement fits."""
    _, method, allocated, withheld, extra = op
    before = await world.balances()
    owed = {i: b.outstanding for i, b in before.items()}
    vat_left = {i: b.adjusted_vat - b.withheld_vds for i, b in before.items()}
    taken = dict.fromkeys(world.ids, ZERO)
    vds = dict.fromkeys(world.ids, ZERO)
    allocations, withholdings = [], []
    for index, spec in allocated:
        invoice_id = world.ids[index]
        amount = _amount(spec, owed[invoice_id])
        allocations.append(AllocationInput(invoice_id, amount))
        taken[invoice_id] += amount
    for index, kind, spec in withheld:
        invoice_id = world.ids[index]
        amount = _amount(spec, owed[invoice_id] - taken[invoice_id])
        withholdings.append(WithholdingInput(invoice_id, kind, amount))
        taken[invoice_id] += amount
        vds[invoice_id] += amount if kind == "VDS" else ZERO
    fits = all(not before[i].cancelled and taken[i] <= owed[i] and vds[i] <= vat_left[i] for i in world.ids if taken[i])
    request = ReceiptRequest(
        "customer-001", None, None, method, sum((a.amount for a in allocations), ZERO) + extra or D("0.01"), None,
        None, ChequeInput("004512", "Sonali Bank", None, date(2026, 11, 20)) if method == "CHEQUE" else None,
        WalletInput("BKASH", "01712345678", f"TX{next(world.transactions)}") if method == "MOBILE_WALLET" else None,
        tuple(allocations), tuple(withholdings),
    )  # fmt: skip
    view = await _outcome(record_receipt(RecordReceipt(request), actor(), world.receivables))
    assert isinstance(view, ReceiptView) == fits, view
    if not isinstance(view, ReceiptView):
        return False
    world.receipts.append(view.receipt_id)
    after = await world.balances()
    assert all(after[i].settled == before[i].settled + taken[i] for i in world.ids)
    return True


async def _advance(world: World, op: tuple[Any, ...]) -> bool:
    _, index, invoice, spec = op
    receipt = await world.receipt(index)
    if receipt is None:
        return False
    invoice_id = world.ids[invoice]
    balance = (await world.balances())[invoice_id]
    amount = _amount(spec, balance.outstanding)
    fits = receipt.settles and amount <= receipt.unallocated and amount <= balance.outstanding and not balance.cancelled
    command = AllocateAdvance(receipt.receipt_id, (AllocationInput(invoice_id, amount),))
    outcome = await _outcome(allocate_advance(command, actor(), world.receivables))
    assert _stood(outcome) == fits, outcome
    if not fits:
        return False
    assert (await world.balances())[invoice_id].allocated == balance.allocated + amount
    return True


async def _credit(world: World, op: tuple[Any, ...]) -> bool:
    _, index, quantity = op
    invoice = await get_invoice(world.ids[index], actor(), world.invoicing)
    before = (await world.balances())[invoice.invoice_id]
    line = invoice.lines[0]
    request = NoteRequest(NoteKind.CREDIT, None, "RETURN", None, (NoteLineInput(line.line_id, D(quantity)),))
    outcome = await _outcome(issue_note(IssueNote(invoice.invoice_id, request), actor(), world.invoicing))
    if not _stood(outcome):
        # Refused when the line carries fewer units, or the credit would leave less than what settled it.
        assert before.cancelled or line.carried.quantity < quantity or before.settled > 0, outcome
        return False
    after = (await world.balances())[invoice.invoice_id]
    assert after.settled == before.settled <= after.adjusted_total < before.adjusted_total
    return True


async def _change(world: World, op: tuple[Any, ...]) -> bool:
    verb, index = op
    receipt = await world.receipt(index)
    if receipt is None:
        return False
    cheque = receipt.cheque is not None
    allowed = {
        "deposit": cheque and receipt.status is ReceiptStatus.RECEIVED,
        "clear": cheque and receipt.status is ReceiptStatus.DEPOSITED,
        "bounce": cheque and receipt.status in (ReceiptStatus.RECEIVED, ReceiptStatus.DEPOSITED),
        "reverse": receipt.settles,
    }[verb]
    handler = {"deposit": deposit_cheque, "clear": clear_cheque, "bounce": bounce_cheque, "reverse": reverse_receipt}
    before = await world.balances()
    outcome = await _outcome(
        handler[verb](ChangeReceipt(receipt.receipt_id, reason="returned"), actor(), world.receivables)
    )
    assert _stood(outcome) == allowed, outcome
    if not allowed:
        return False
    after = await world.balances()
    if verb in ("bounce", "reverse"):
        undone = dict.fromkeys(world.ids, ZERO)
        for allocation in receipt.allocations:
            undone[allocation.invoice_id] += allocation.amount
        for withholding in receipt.withholdings:
            undone[withholding.invoice_id] += withholding.amount
        assert all(after[i].settled == before[i].settled - undone[i] for i in world.ids)
    return True


async def _write_off(world: World, op: tuple[Any, ...]) -> bool:
    invoice_id = world.ids[op[1]]
    before = (await world.balances())[invoice_id]
    fits = not before.cancelled and ZERO < before.outstanding <= TOLERANCE
    written = await _outcome(write_off_balance(WriteOffBalance(invoice_id, "rounding"), actor(), world.receivables))
    assert isinstance(written, InvoiceBalance) == fits, written
    if not isinstance(written, InvoiceBalance):
        return False
    assert written.outstanding == ZERO
    world.written_off[invoice_id] = world.written_off.get(invoice_id, ZERO) + before.outstanding
    return True


async def _cancel(world: World, op: tuple[Any, ...]) -> bool:
    invoice_id = world.ids[op[1]]
    before = (await world.balances())[invoice_id]
    if not _stood(await _outcome(cancel_invoice(CancelInvoice(invoice_id, "returned"), checker(), world.invoicing))):
        return False
    assert before.settled == ZERO
    assert (await world.balances())[invoice_id].cancelled
    return True


STEPS = {
    "receipt": _receipt, "advance": _advance, "credit": _credit, "deposit": _change, "clear": _change,
    "bounce": _change, "reverse": _change, "write_off": _write_off, "cancel": _cancel,
}  # fmt: skip


async def _check(world: World) -> None:
    balances = await world.balances()
    settling = await world.receivables.queries.receipts_of_invoices("tenant-a", world.ids)
    standing = (await world.receivables.queries.receipts("tenant-a", ReceiptFilter(), 1000, None)).receipts
    for invoice_id, balance in balances.items():
        invoice = await get_invoice(invoice_id, actor(), world.invoicing)
        views = [v for v in settling.get(invoice_id, []) if v.settles]
        allocated = sum((a.amount for v in views for a in v.allocations if a.invoice_id == invoice_id), ZERO)
        withheld = sum((w.amount for v in views for w in v.withholdings if w.invoice_id == invoice_id), ZERO)
        written = world.written_off.get(invoice_id, ZERO)
        assert (balance.allocated, balance.withheld, balance.written_off) == (allocated, withheld, written)
        assert balance.adjusted_total == invoice.adjusted.total
        if balance.cancelled:
            assert balance.outstanding == ZERO
            continue
        assert balance.outstanding >= ZERO
        assert balance.outstanding == invoice.adjusted.total - allocated - withheld - written
    moved = await world.wired.get(Ledger).queries.movements("tenant-a", BalanceQuery(through=date(2027, 6, 30)))
    owed = sum((b.outstanding for b in balances.values() if not b.cancelled), ZERO)
    assert moved["1210"].net_debit == owed
    advances = sum((v.unallocated for v in standing if v.settles), ZERO)
    assert (moved["2300"].net_debit if "2300" in moved else ZERO) == -advances


# A whole story, so every command is seen to stand at least once whatever the search draws: a cheque for the
# net amount with VDS and AIT, deposited, cleared, its 0.40 written off, its advance applied; another cheque
# refusing a credit note until it bounces; a reversal freeing the invoice its advance paid, which is then
# cancelled; a cancellation refused for what was written off.
STORY: list[tuple[Any, ...]] = [
    ("receipt", "CHEQUE", [(0, ("fixed", D("400000.00")))],
     [(0, "VDS", ("fixed", D("75000.00"))), (0, "AIT", ("rest", 40))], D("1000.00")),
    ("deposit", 0), ("clear", 0), ("write_off", 0), ("advance", 0, 1, ("fixed", D("1000.00"))),
    ("receipt", "CHEQUE", [(2, ("rest", 0))], [], ZERO), ("credit", 2, 1), ("bounce", 1), ("credit", 2, 1),
    ("reverse", 0), ("cancel", 1), ("cancel", 0),
]  # fmt: skip


async def _run(world: World, steps: list[tuple[Any, ...]]) -> None:
    for step in steps:
        before = await world.snapshot()
        stood = await STEPS[step[0]](world, step)
        # Shown by --hypothesis-show-statistics: how often each command stood and was refused.
        event(f"{step[0]} {'stood' if stood else 'refused'}")
        if not stood:
            assert await world.snapshot() == before
        await _check(world)


steps = st.lists(st.one_of(operations, operations, operations, operations, cancels), min_size=4, max_size=24)


@settings(max_examples=80, deadline=None)
@example(steps=STORY)
@given(steps=steps)
async def test_any_interleaving_keeps_every_balance_and_the_ledgers_receivable_exact(
    steps: list[tuple[Any, ...]],
) -> None:
    world = await _world()
    await _run(world, steps)
    assert await rebuild(world.database, verify_only=True) == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(steps=STORY)
@given(steps=steps)
async def test_any_interleaving_keeps_the_sql_balances_and_the_ledgers_receivable_exact_on_sqlite(
    sqlite_template: Path, tmp_path: Path, steps: list[tuple[Any, ...]]
) -> None:
    # The SQL read model sums settlements in SQL: the same property, held against it for a few examples.
    path = tmp_path / f"{uuid.uuid4()}.db"
    shutil.copy(sqlite_template, path)
    database = await SQLiteDatabase.open(path)
    try:
        await _run(await _world(database), steps)
    finally:
        await database.close()


async def test_the_story_stands_and_is_refused_where_the_rules_say() -> None:
    world = await _world()
    stood = []
    for step in STORY:
        stood.append(await STEPS[step[0]](world, step))
        await _check(world)

    assert stood == [True, True, True, True, True, True, False, True, True, True, True, False]
    balances = await world.balances()
    credited = await get_invoice(world.ids[2], actor(), world.invoicing)
    assert [str(balances[i].outstanding) for i in world.ids] == ["574999.60", "0.00", str(credited.adjusted.total)]
    assert balances[world.ids[1]].cancelled
