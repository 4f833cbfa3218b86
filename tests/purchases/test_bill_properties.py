"""Any sequence of supplier notes through the command leaves every bill line exact, never below zero, and the
read model equal to its rebuild: on the fake for many examples, on SQLite for a few."""

from __future__ import annotations

import shutil
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hisab.event_store.adapters.sqlite.database import SQLiteDatabase
from hisab.event_store.ports import Database
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.parties import create_party
from hisab.invoicing.domain.party import PartyInput, PartyKind
from hisab.kernel.errors import InvalidInputError
from hisab.purchases.application.bill_views import BillView
from hisab.purchases.application.bills import (
    RecordBill,
    RecordSupplierNote,
    get_bill,
    record_bill,
    record_supplier_note,
)
from hisab.purchases.application.dependencies import Purchases
from hisab.purchases.domain.events import SupplierNoteKind
from hisab.purchases.domain.supplier_notes import SupplierNoteInput, SupplierNoteLineInput
from tests.builders import actor, rebuild, services
from tests.fakes import FakeDatabase
from tests.purchases.bill_builders import bill_input, cement

D = Decimal
# (which bill, which line, credit or debit, value, SD)
Step = tuple[int, int, SupplierNoteKind, Decimal, Decimal]
steps = st.lists(
    st.tuples(
        st.integers(0, 1),
        st.integers(0, 1),
        st.sampled_from(SupplierNoteKind),
        st.decimals(min_value=D("0.00"), max_value=D("40000.00"), places=2),
        st.sampled_from([D("0.00"), D("0.01"), D("12.35")]),
    ),
    max_size=14,
)


def _clock() -> Any:
    moments = iter(datetime(2026, 11, 26, 4, 0, tzinfo=UTC) + timedelta(seconds=n) for n in range(10**6))
    return lambda: next(moments)


async def _run(database: Database[Any], notes: list[Step]) -> None:
    wired = services(database, _clock())
    purchases = wired.get(Purchases)
    supplier = PartyInput("S-1", (PartyKind.SUPPLIER,), "Meghna Cement Mills Ltd", bin="000456789-0101")
    party = (await create_party(supplier, actor(), wired.get(Invoicing))).party_id
    bills: list[BillView] = []
    for n in range(2):
        lines = (cement(supplementary_duty=D("500.00")), cement(value=D("33.33"), input_credit="NOT_ELIGIBLE"))
        request = bill_input(*lines, supplier_party_id=party, supplier_invoice_number=f"INV-{n}")
        bills.append(await record_bill(RecordBill(request), actor(), purchases))
    taken: list[tuple[int, int, Decimal, Decimal, Decimal]] = []
    for number, (which, line, kind, value, duty) in enumerate(notes):
        bill = bills[which]
        line_id = bill.lines[line].recorded.line_id
        note = SupplierNoteInput(kind.value, f"N-{number}", None, "adjusted",
                                 (SupplierNoteLineInput(line_id, value, supplementary_duty=duty),))  # fmt: skip
        after = await _noted(RecordSupplierNote(bill.bill_id, note), purchases)
        if isinstance(after, InvalidInputError):
            # Only a credit of more than is left, or a note of nothing, is refused; a refusal changes nothing.
            assert {v.rule for v in after.violations} <= {"more_than_remains", "nothing_changed"}
            assert await get_bill(bill.bill_id, actor(), purchases) == bill
            continue
        change = after.notes[-1].lines[0]
        sign = 1 if kind is SupplierNoteKind.DEBIT else -1
        taken.append((which, line, sign * change.value, sign * change.supplementary_duty, sign * change.vat))
        bills[which] = after
    for which, bill in enumerate(bills):
        found = await get_bill(bill.bill_id, actor(), purchases)
        assert found == bill
        for position, now in enumerate(found.lines):
            mine = [t for t in taken if t[:2] == (which, position)]
            recorded = now.recorded
            assert now.value == recorded.value + sum((t[2] for t in mine), D(0))
            assert now.supplementary_duty == recorded.supplementary_duty + sum((t[3] for t in mine), D(0))
            assert now.vat == recorded.vat + sum((t[4] for t in mine), D(0))
            assert min(now.value, now.supplementary_duty, now.vat, now.creditable_vat) >= 0
            assert now.creditable_vat == (now.vat if position == 0 else D("0.00"))
        assert found.total == found.value + found.supplementary_duty + found.vat
    assert await rebuild(database, verify_only=True) == []


async def _noted(command: RecordSupplierNote, purchases: Purchases) -> BillView | InvalidInputError:
    try:
        return await record_supplier_note(command, actor(), purchases)
    except InvalidInputError as refused:
        return refused


@settings(max_examples=60, deadline=None)
@given(notes=steps)
async def test_any_notes_keep_every_line_exact_and_the_read_model_its_rebuild(notes: list[Step]) -> None:
    await _run(FakeDatabase(), notes)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=steps)
async def test_the_same_holds_against_the_sql_read_model_on_sqlite(
    sqlite_template: Path, tmp_path: Path, notes: list[Step]
) -> None:
    path = tmp_path / f"{uuid.uuid4()}.db"
    shutil.copy(sqlite_template, path)
    database = await SQLiteDatabase.open(path)
    try:
        await _run(database, notes)
    finally:
        await database.close()
