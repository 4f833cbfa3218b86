"""Invoices that name parties and items, their edits and their lookups: the same on every backend."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from hisab.event_store.ports import Database
from hisab.invoicing.application.commands import ApproveInvoice, CreateInvoice, UpdateInvoice
from hisab.invoicing.application.handlers import approve_invoice, create_invoice, update_invoice
from hisab.invoicing.application.history import invoice_history
from hisab.invoicing.application.items import CreateItem, create_item
from hisab.invoicing.application.parties import create_party
from hisab.invoicing.application.ports import InvoiceFilter
from hisab.invoicing.domain.draft import LineInput
from hisab.kernel.errors import ConcurrencyError, IllegalTransitionError, InvalidInputError
from hisab.kernel.vat import VATCategory
from tests.builders import actor, checker, invoicing, rebuild, steel_rods_draft
from tests.contract.test_item_contract import ROD
from tests.contract.test_party_contract import acme

D = Decimal


async def test_get_many_finds_the_parties_and_items_that_exist_in_the_tenant(database: Database[Any]) -> None:
    app = invoicing(database)
    parties = [await create_party(acme(f"C-{n}"), actor(), app) for n in range(3)]
    item = await create_item(CreateItem(ROD), actor(), app)
    other = await create_party(acme("C-0"), actor("tenant-b"), app)

    found = await app.parties.get_many("tenant-a", [parties[0].party_id, parties[2].party_id, other.party_id, "nope"])
    items = await app.items.get_many("tenant-a", [item.item_id, "nope"])

    assert found == {parties[0].party_id: parties[0], parties[2].party_id: parties[2]}
    assert items == {item.item_id: item}
    assert await app.parties.get_many("tenant-a", []) == {}


async def test_an_invoice_snapshots_its_party_and_item_and_the_read_model_keeps_them(database: Database[Any]) -> None:
    app = invoicing(database)
    party = await create_party(acme(), actor(), app)
    item = await create_item(CreateItem(ROD), actor(), app)
    line = LineInput(description=None, quantity=D(2), unit_price=None, item_id=item.item_id)
    draft = steel_rods_draft(customer_id="", customer_party_id=party.party_id, lines=(line,))

    view = await create_invoice(CreateInvoice(draft), actor(), app)
    stored = await app.invoices.get("tenant-a", view.invoice_id)

    assert stored == view
    assert (view.customer_party_id, view.customer_id, view.buyer_name) == (party.party_id, "C-001", "Acme Trading Ltd")
    assert (view.lines[0].item_id, view.lines[0].description) == (item.item_id, ROD.name)
    assert view.lines[0].unit_price == ROD.unit_price
    assert await rebuild(database, verify_only=True) == []


async def test_a_draft_edit_is_projected_and_survives_a_rebuild(database: Database[Any]) -> None:
    app = invoicing(database)
    view = await create_invoice(CreateInvoice(steel_rods_draft()), actor(), app)
    cement = LineInput(description="Cement", quantity=D(10), unit_price=D(550))

    edited = await update_invoice(
        UpdateInvoice(view.invoice_id, view.version, {"lines": (cement, cement), "due_date": date(2025, 3, 1)}),
        actor(),
        app,
    )

    assert await app.invoices.get("tenant-a", view.invoice_id) == edited
    assert [line.description for line in edited.lines] == ["Cement", "Cement"]
    assert edited.totals.grand_total == D("12650.00")
    assert edited.due_date == date(2025, 3, 1)
    assert await rebuild(database, verify_only=True) == []
    history = await invoice_history(view.invoice_id, actor(), app)
    assert [change.version for change in history] == list(range(1, edited.version + 1))


async def test_a_failed_edit_changes_nothing(database: Database[Any]) -> None:
    app = invoicing(database)
    view = await create_invoice(CreateInvoice(steel_rods_draft()), actor(), app)
    bad = LineInput(description="", quantity=D(0), unit_price=D(1))

    with pytest.raises(InvalidInputError):
        await update_invoice(UpdateInvoice(view.invoice_id, None, {"lines": (bad,)}), actor(), app)
    with pytest.raises(ConcurrencyError):
        await update_invoice(UpdateInvoice(view.invoice_id, view.version - 1, {"buyer_name": "x"}), actor(), app)
    await approve_invoice(ApproveInvoice(view.invoice_id), checker(), app)
    with pytest.raises(IllegalTransitionError):
        await update_invoice(UpdateInvoice(view.invoice_id, None, {"buyer_name": "x"}), actor(), app)

    stored = await app.invoices.get("tenant-a", view.invoice_id)
    assert stored is not None
    assert (stored.lines, stored.buyer_name) == (view.lines, view.buyer_name)


async def test_lookups_by_number_serial_total_party_and_text(database: Database[Any]) -> None:
    app = invoicing(database)
    party = await create_party(acme(), actor(), app)
    prices = (D("99999"), D("100000"), D("100001"))
    views = [
        await create_invoice(
            CreateInvoice(
                steel_rods_draft(
                    buyer_name=f"Buyer {n} Ltd",
                    customer_party_id=party.party_id if n == 0 else None,
                    lines=(LineInput("Exempt goods", D(1), price, vat_category=VATCategory.EXEMPT),),
                )
            ),
            actor(),
            app,
        )
        for n, price in enumerate(prices)
    ]
    issued = await approve_invoice(ApproveInvoice(views[1].invoice_id), checker(), app)
    assert issued.mushak_number is not None

    async def matching(**where: Any) -> list[str]:
        page = await app.invoices.list("tenant-a", InvoiceFilter(**where), 100, None)
        assert page.total_count == len(page.invoices)
        return [v.invoice_number for v in page.invoices]

    numbers = [v.invoice_number for v in views]
    totals = [v.totals.grand_total for v in views]
    assert await app.invoices.by_number("tenant-a", numbers[2]) == await app.invoices.get(
        "tenant-a", views[2].invoice_id
    )
    found = await app.invoices.by_number("tenant-a", issued.mushak_number)
    assert found is not None
    assert found.invoice_id == views[1].invoice_id
    assert await app.invoices.by_number("tenant-b", numbers[2]) is None
    assert await matching(min_total=totals[1]) == [numbers[2], numbers[1]]
    assert await matching(max_total=totals[1]) == [numbers[1], numbers[0]]
    assert await matching(min_total=totals[1], max_total=totals[1]) == [numbers[1]]
    assert await matching(mushak_number=issued.mushak_number) == [numbers[1]]
    assert await matching(customer_party_id=party.party_id) == [numbers[0]]
    assert await matching(search="buyer 2") == [numbers[2]]
    assert await matching(search=issued.mushak_number.lower()) == [numbers[1]]
    assert await matching(search="100%") == []
    assert await matching(search="buyer", min_total=totals[1]) == [numbers[2], numbers[1]]
