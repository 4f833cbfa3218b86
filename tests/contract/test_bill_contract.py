"""Bills received on every backend: recorded, read back exactly, listed by keyset pages and filters, refused
twice for one supplier's invoice, corrected by the supplier's notes, and rebuilt to what was written."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from hisab.event_store.adapters.postgres.database import PostgresDatabase
from hisab.event_store.ports import Database
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.items import CreateItem, create_item
from hisab.invoicing.application.parties import DeactivateParty, create_party, deactivate_party
from hisab.invoicing.domain.item import ItemInput
from hisab.invoicing.domain.party import PartyInput, PartyKind
from hisab.kernel.errors import ConcurrencyError, InvalidInputError, NotFoundError
from hisab.kernel.services import Services
from hisab.purchases.application.bill_ports import BillFilter
from hisab.purchases.application.bill_views import BillView
from hisab.purchases.application.bills import (
    DuplicateSupplierInvoiceError,
    RecordBill,
    RecordSupplierNote,
    get_bill,
    list_bills,
    record_bill,
    record_supplier_note,
)
from hisab.purchases.application.dependencies import Purchases
from hisab.purchases.domain.bills import BillInput, BillOfEntryInput
from hisab.purchases.domain.events import InputCredit
from hisab.purchases.domain.input_credit import Rule
from hisab.purchases.domain.supplier_notes import SupplierNoteInput, SupplierNoteLineInput
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.application.tenant_settings import UpdateTenantSettings, update_tenant_settings
from hisab.taxpayer.domain.policy import TenantPolicy
from tests.builders import actor, rebuild, services
from tests.purchases.bill_builders import bill_input, cement

D = Decimal


def _clock() -> Any:
    """A clock a second per reading, on 26 November 2026 in Dhaka."""
    moments = iter(datetime(2026, 11, 26, 4, 0, tzinfo=UTC) + timedelta(seconds=n) for n in range(10**6))
    return lambda: next(moments)


def _wired(database: Database[Any]) -> Services:
    return services(database, _clock())


def _supplier(code: str = "S-001", **changes: Any) -> PartyInput:
    fields: dict[str, Any] = {
        "code": code,
        "kinds": (PartyKind.SUPPLIER,),
        "legal_name": "Meghna Cement Mills Ltd",
        "bin": "000456789-0101",
        "tin": "123456789012",
        "address": "Mograpara, Sonargaon, Narayanganj",
        "credit_days": 30,
    }
    fields.update(changes)
    return PartyInput(**fields)


async def _party(invoicing: Invoicing, tenant: str = "tenant-a", **changes: Any) -> str:
    return (await create_party(_supplier(**changes), actor(tenant), invoicing)).party_id


async def _record(
    purchases: Purchases, request: BillInput, tenant: str = "tenant-a", key: str | None = None
) -> BillView:
    return await record_bill(RecordBill(request, key), actor(tenant), purchases)


def _exactly(view: BillView) -> list[object]:
    """Everything a bill shows, amounts as exact strings, so a round trip that loses a digit is seen."""
    return [
        view,
        [str(x) for x in (view.value, view.supplementary_duty, view.vat, view.creditable_vat, view.total)],
        [[str(x) for x in (line.quantity, line.value, line.vat, line.recorded.vat_rate)] for line in view.lines],
    ]


async def test_a_bill_reads_back_exactly_as_it_was_recorded(database: Database[Any]) -> None:
    wired = _wired(database)
    purchases = wired.get(Purchases)
    party = await _party(wired.get(Invoicing))
    request = bill_input(
        cement(quantity=D("100.5"), supplementary_duty=D("1000.00"), hs_code="2523.29", unit="bag", project="P-7"),
        cement(description="Sand", value=D("33.33"), vat_category="REDUCED", vat_rate=D("0.10"), account_code="5200"),
        supplier_party_id=party,
        reference="PO-2026-118",
    )
    recorded = await _record(purchases, request)
    assert recorded.bill_number == "BILL/2026-27/000001"
    assert recorded.due_date == date(2026, 12, 12)
    assert recorded.supplier.name == "Meghna Cement Mills Ltd"
    assert recorded.supplier.bin == "0004567890101"
    assert [str(line.vat) for line in recorded.lines] == ["7650.00", "3.33"]
    assert [line.recorded.input_credit for line in recorded.lines] == [InputCredit.CLAIM, InputCredit.NOT_ELIGIBLE]
    assert [r.refusal.rule for r in recorded.refusals] == [Rule.REDUCED_RATE_SUPPLY]
    assert str(recorded.creditable_vat) == "7650.00"
    assert str(recorded.total) == "58686.66"
    found = await get_bill(recorded.bill_id, actor(), purchases)
    assert _exactly(found) == _exactly(recorded)


async def test_an_import_without_a_supplier_bin_is_credited_on_its_bill_of_entry(database: Database[Any]) -> None:
    wired = _wired(database)
    purchases = wired.get(Purchases)
    party = await _party(wired.get(Invoicing), bin=None, legal_name="Shandong Steel Co")
    entry = BillOfEntryInput("C-2026-118734", date(2026, 11, 5), "Chattogram Custom House")
    imported = await _record(purchases, bill_input(supplier_party_id=party, bill_of_entry=entry))
    local = await _record(purchases, bill_input(supplier_party_id=party, supplier_invoice_number="SS-2"))
    assert imported.refusals == ()
    assert str(imported.creditable_vat) == "7500.00"
    assert [r.refusal.rule for r in local.refusals] == [Rule.SUPPLIER_NOT_REGISTERED]
    found = await get_bill(imported.bill_id, actor(), purchases)
    assert found.bill_of_entry == imported.bill_of_entry
    assert found == imported


async def test_the_tenants_input_credit_settings_decide_the_claims(database: Database[Any]) -> None:
    wired = _wired(database)
    purchases = wired.get(Purchases)
    party = await _party(wired.get(Invoicing))
    policy = TenantPolicy(credit_reduced_rate_inputs=True)
    await update_tenant_settings(UpdateTenantSettings(policy), actor(), wired.get(Taxpayer))
    reduced = await _record(purchases, bill_input(cement(vat_category="REDUCED"), supplier_party_id=party))
    assert reduced.refusals == ()
    assert str(reduced.creditable_vat) == "3750.00"


async def test_the_supplier_must_be_an_active_supplier_party_of_the_tenant(database: Database[Any]) -> None:
    wired = _wired(database)
    invoicing, purchases = wired.get(Invoicing), wired.get(Purchases)
    customer = await _party(invoicing, code="C-1", kinds=(PartyKind.CUSTOMER,))
    other = await _party(invoicing, tenant="tenant-b", code="S-9")
    gone = await _party(invoicing, code="S-2")
    await deactivate_party(DeactivateParty(gone, None), actor(), invoicing)
    for party in (customer, other, gone, "no-such-party"):
        with pytest.raises(InvalidInputError) as refused:
            await _record(purchases, bill_input(supplier_party_id=party))
        assert [(v.field, v.rule) for v in refused.value.violations] == [("supplier_party_id", "supplier_party")]


async def test_a_line_naming_an_item_names_a_registered_item_of_the_tenant(database: Database[Any]) -> None:
    wired = _wired(database)
    invoicing, purchases = wired.get(Invoicing), wired.get(Purchases)
    item = await create_item(CreateItem(ItemInput("CEM-50", "Portland cement 50 kg", D("500.00"))), actor(), invoicing)
    other = await create_item(
        CreateItem(ItemInput("CEM-50", "Portland cement 50 kg", D("500.00"))), actor("tenant-b"), invoicing
    )
    party = await _party(invoicing)
    made = await _record(purchases, bill_input(cement(item_id=item.item_id), supplier_party_id=party))
    assert made.lines[0].recorded.item_id == item.item_id
    with pytest.raises(InvalidInputError) as refused:
        request = bill_input(cement(item_id=other.item_id), cement(), cement(item_id="no-such-item"),
                             supplier_party_id=party, supplier_invoice_number="2")  # fmt: skip
        await _record(purchases, request)
    assert [(v.field, v.rule) for v in refused.value.violations] == [("lines[0].item_id", "item"),
                                                                      ("lines[2].item_id", "item")]  # fmt: skip


async def test_one_suppliers_invoice_is_recorded_once_and_takes_no_serial_when_refused(
    database: Database[Any],
) -> None:
    wired = _wired(database)
    invoicing, purchases = wired.get(Invoicing), wired.get(Purchases)
    party, another = await _party(invoicing), await _party(invoicing, code="S-2")
    await _record(purchases, bill_input(supplier_party_id=party))
    with pytest.raises(DuplicateSupplierInvoiceError) as refused:
        await _record(purchases, bill_input(supplier_party_id=party, supplier_invoice_number=" MCM/2026-27/004512"))
    assert "BILL/2026-27/000001" in str(refused.value)
    # Another supplier may use the same serial, and the refused bill left no gap.
    second = await _record(purchases, bill_input(supplier_party_id=another))
    assert second.bill_number == "BILL/2026-27/000002"


async def test_a_retry_with_the_same_idempotency_key_gets_the_first_bill(database: Database[Any]) -> None:
    wired = _wired(database)
    purchases = wired.get(Purchases)
    request = bill_input(supplier_party_id=await _party(wired.get(Invoicing)))
    first = await _record(purchases, request, key="key-1")
    again = await _record(purchases, request, key="key-1")
    assert again == first


async def test_bills_are_listed_newest_first_in_keyset_pages_and_filtered(database: Database[Any]) -> None:
    wired = _wired(database)
    invoicing, purchases = wired.get(Invoicing), wired.get(Purchases)
    meghna, bashundhara = await _party(invoicing), await _party(invoicing, code="S-2", legal_name="Bashundhara Paper")
    made = []
    for n, (party, day) in enumerate([(meghna, 1), (bashundhara, 5), (meghna, 10), (bashundhara, 15), (meghna, 20)]):
        received = date(2026, 11, day)
        request = bill_input(supplier_party_id=party, supplier_invoice_number=f"INV-{n}",
                             supplier_invoice_date=received, received_date=received)  # fmt: skip
        made.append(await _record(purchases, request))
    await _record(purchases, bill_input(supplier_party_id=await _party(invoicing, tenant="tenant-b")), "tenant-b")
    first = await list_bills(BillFilter(), 2, None, actor(), purchases)
    assert [b.bill_id for b in first.bills] == [made[4].bill_id, made[3].bill_id]
    assert (first.has_next_page, first.total_count) == (True, 5)
    rest = await list_bills(BillFilter(), 10, first.bills[-1].sequence, actor(), purchases)
    assert [b.bill_id for b in rest.bills] == [b.bill_id for b in reversed(made[:3])]
    assert not rest.has_next_page
    assert rest.bills[0] == made[2]

    async def ids(where: BillFilter) -> list[str]:
        return [b.bill_number for b in (await list_bills(where, 10, None, actor(), purchases)).bills]

    assert await ids(BillFilter(supplier_party_id=bashundhara)) == ["BILL/2026-27/000004", "BILL/2026-27/000002"]
    assert await ids(BillFilter(date_from=date(2026, 11, 5), date_to=date(2026, 11, 15))) == [
        "BILL/2026-27/000004", "BILL/2026-27/000003", "BILL/2026-27/000002",
    ]  # fmt: skip
    assert await ids(BillFilter(search="bashundhara")) == ["BILL/2026-27/000004", "BILL/2026-27/000002"]
    assert await ids(BillFilter(search="inv-2")) == ["BILL/2026-27/000003"]
    assert await ids(BillFilter(search="2026-27/000005")) == ["BILL/2026-27/000005"]
    assert await ids(BillFilter(search="%")) == []
    with pytest.raises(InvalidInputError):
        await list_bills(BillFilter(date_from=date(2026, 11, 5), date_to=date(2026, 11, 1)), 10, None, actor(),
                         purchases)  # fmt: skip


async def test_supplier_notes_change_the_bill_and_read_back_in_order(database: Database[Any]) -> None:
    wired = _wired(database)
    purchases = wired.get(Purchases)
    bill = await _record(purchases, bill_input(cement(), cement(description="Sand", input_credit="NOT_ELIGIBLE"),
                                               supplier_party_id=await _party(wired.get(Invoicing))))  # fmt: skip
    cement_line, sand_line = (line.recorded.line_id for line in bill.lines)
    credit = SupplierNoteInput("CREDIT", "MCM/CN/0091", date(2026, 11, 20), "10 bags returned damaged", (
        SupplierNoteLineInput(cement_line, D("5000.00"), quantity=D(10)),
        SupplierNoteLineInput(sand_line, D("1000.00")),
    ))  # fmt: skip
    credited = await record_supplier_note(RecordSupplierNote(bill.bill_id, credit), actor(), purchases)
    debit = SupplierNoteInput("DEBIT", "MCM/DN/0007", None, "freight charged", (
        SupplierNoteLineInput(cement_line, D("200.00"), vat=D("30.00")),
    ))  # fmt: skip
    debited = await record_supplier_note(RecordSupplierNote(bill.bill_id, debit, 2), actor(), purchases)
    assert [str(line.value) for line in debited.lines] == ["45200.00", "49000.00"]
    assert [str(line.creditable_vat) for line in debited.lines] == ["6780.00", "0.00"]
    assert [str(n.vat) for n in debited.notes] == ["900.00", "30.00"]
    assert [str(n.creditable_vat) for n in debited.notes] == ["750.00", "30.00"]
    assert debited.notes[1].note_date == date(2026, 11, 26)
    assert debited.version == 3
    assert credited.version == 2
    assert _exactly(await get_bill(bill.bill_id, actor(), purchases)) == _exactly(debited)
    listed = await list_bills(BillFilter(), 10, None, actor(), purchases)
    assert listed.bills == [debited]
    with pytest.raises(InvalidInputError) as refused:
        await record_supplier_note(RecordSupplierNote(bill.bill_id, credit), actor(), purchases)
    assert {v.rule for v in refused.value.violations} == {"duplicate_note"}
    with pytest.raises(ConcurrencyError):
        await record_supplier_note(
            RecordSupplierNote(bill.bill_id, replace(credit, supplier_note_number="N3"), 2), actor(), purchases
        )


async def test_another_tenants_bill_is_not_found(database: Database[Any]) -> None:
    wired = _wired(database)
    purchases = wired.get(Purchases)
    bill = await _record(purchases, bill_input(supplier_party_id=await _party(wired.get(Invoicing))))
    with pytest.raises(NotFoundError):
        await get_bill(bill.bill_id, actor("tenant-b"), purchases)
    note = SupplierNoteInput("CREDIT", "N1", None, "price", (SupplierNoteLineInput(bill.lines[0].recorded.line_id,
                                                                                    D(1)),))  # fmt: skip
    with pytest.raises(NotFoundError):
        await record_supplier_note(RecordSupplierNote(bill.bill_id, note), actor("tenant-b"), purchases)
    with pytest.raises(NotFoundError):
        await get_bill("no such\x00bill", actor(), purchases)


async def test_the_bills_tables_rebuild_to_what_was_written(database: Database[Any]) -> None:
    wired = _wired(database)
    purchases = wired.get(Purchases)
    party = await _party(wired.get(Invoicing))
    entry = BillOfEntryInput("C-1", date(2026, 11, 5), "Benapole")
    first = await _record(purchases, bill_input(cement(), cement(vat_category="EXEMPT"), supplier_party_id=party))
    await _record(purchases, bill_input(supplier_party_id=party, supplier_invoice_number="2", bill_of_entry=entry))
    line = first.lines[0].recorded.line_id
    for n, kind in enumerate(("CREDIT", "DEBIT", "CREDIT")):
        note = SupplierNoteInput(kind, f"N{n}", None, "adjusted", (SupplierNoteLineInput(line, D("100.00"),
                                                                                          quantity=D(1)),))  # fmt: skip
        await record_supplier_note(RecordSupplierNote(first.bill_id, note), actor(), purchases)
    before = await list_bills(BillFilter(), 10, None, actor(), purchases)
    assert await rebuild(database, verify_only=True) == []
    assert await rebuild(database, verify_only=False) == []
    assert await list_bills(BillFilter(), 10, None, actor(), purchases) == before


# The fake and SQLite take one writer at a time; only PostgreSQL has writers that race.


@pytest.fixture
async def postgres(postgres_url: str) -> AsyncIterator[PostgresDatabase]:
    opened = await PostgresDatabase.open(postgres_url, min_size=1, max_size=12)
    yield opened
    await opened.close()


@pytest.mark.postgres
async def test_concurrent_bills_of_one_suppliers_invoice_record_it_once(postgres: PostgresDatabase) -> None:
    wired = _wired(postgres)
    purchases = wired.get(Purchases)
    request = bill_input(supplier_party_id=await _party(wired.get(Invoicing)))

    results = await asyncio.gather(*(_record(purchases, request) for _ in range(8)), return_exceptions=True)

    recorded = [r for r in results if isinstance(r, BillView)]
    assert len(recorded) == 1
    assert all(isinstance(r, DuplicateSupplierInvoiceError) for r in results if not isinstance(r, BillView))
    assert recorded[0].bill_number == "BILL/2026-27/000001"
    assert (await list_bills(BillFilter(), 10, None, actor(), purchases)).total_count == 1


@pytest.mark.postgres
async def test_concurrent_credit_notes_on_one_line_never_take_it_below_zero(postgres: PostgresDatabase) -> None:
    wired = _wired(postgres)
    purchases = wired.get(Purchases)
    bill = await _record(purchases, bill_input(supplier_party_id=await _party(wired.get(Invoicing))))
    line = bill.lines[0].recorded.line_id

    def credit(n: int) -> RecordSupplierNote:
        lines = (SupplierNoteLineInput(line, D("20000.00")),)
        return RecordSupplierNote(bill.bill_id, SupplierNoteInput("CREDIT", f"CN-{n}", None, "price", lines))

    results = await asyncio.gather(
        *(record_supplier_note(credit(n), actor(), purchases) for n in range(6)), return_exceptions=True
    )

    assert sum(isinstance(r, BillView) for r in results) == 2
    refused = [r for r in results if not isinstance(r, BillView)]
    assert all(isinstance(r, InvalidInputError) for r in refused)
    assert {v.rule for r in refused if isinstance(r, InvalidInputError) for v in r.violations} == {"more_than_remains"}
    final = await get_bill(bill.bill_id, actor(), purchases)
    assert (str(final.lines[0].value), str(final.lines[0].vat), final.version) == ("10000.00", "1500.00", 3)
    assert await rebuild(postgres, verify_only=True) == []
