"""The item master on every backend: the write path, the unique code, search, paging and the rebuild."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from hisab.event_store.ports import Database
from hisab.event_store.projections import Projection
from hisab.invoicing.adapters.sql.items import SqlItemProjection
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.item_views import ItemView
from hisab.invoicing.application.items import (
    CreateItem,
    DeactivateItem,
    ListItems,
    UpdateItem,
    create_item,
    deactivate_item,
    encode_item_cursor,
    get_item,
    list_items,
    update_item,
)
from hisab.invoicing.application.ports import ItemFilter
from hisab.invoicing.domain.item import ItemInput
from hisab.kernel.errors import ConcurrencyError, InvalidInputError, NotFoundError
from tests.builders import actor, invoicing, rebuild
from tests.fakes import FakeDatabase, MemoryItemProjection

ROD = ItemInput(
    code="ROD-12", name="Steel Rod 12 mm", name_bn="স্টিল রড", unit_price=Decimal("950.50"), hs_code="7214.20"
)


async def _create(items: Invoicing, **changes: Any) -> ItemView:
    return await create_item(CreateItem(replace(ROD, **changes)), actor(), items)


def _rule(error: InvalidInputError) -> set[tuple[str, str]]:
    return {(v.field, v.rule) for v in error.violations}


async def test_an_item_is_read_back_as_it_was_registered(database: Database[Any]) -> None:
    items = invoicing(database)
    created = await _create(items, vat_rate=Decimal("0.15"), supplementary_duty_rate=Decimal("0.2"))

    found = await get_item(created.item_id, actor(), items)
    assert found == created
    assert (found.details.unit_price, found.details.vat_rate, found.active, found.version) == (
        Decimal("950.50"), Decimal("0.15"), True, 1,
    )  # fmt: skip


async def test_an_update_replaces_the_given_fields_and_keeps_the_rest(database: Database[Any]) -> None:
    items = invoicing(database)
    created = await _create(items)
    changes = {"name": "Steel Rod 12 mm (G60)", "hs_code": None}

    updated = await update_item(UpdateItem(created.item_id, 1, changes), actor(), items)

    assert (updated.details.name, updated.details.hs_code, updated.details.code) == (
        "Steel Rod 12 mm (G60)",
        None,
        "ROD-12",
    )
    assert await get_item(created.item_id, actor(), items) == updated
    assert updated.version == 2


async def test_a_stale_version_or_an_unknown_item_is_refused(database: Database[Any]) -> None:
    items = invoicing(database)
    created = await _create(items)
    await update_item(UpdateItem(created.item_id, 1, {"name": "Rod"}), actor(), items)

    with pytest.raises(ConcurrencyError):
        await update_item(UpdateItem(created.item_id, 1, {"name": "Rod again"}), actor(), items)
    with pytest.raises(NotFoundError):
        await deactivate_item(DeactivateItem("00000000-0000-0000-0000-000000000000"), actor(), items)
    with pytest.raises(NotFoundError):
        await get_item(created.item_id, actor("tenant-b"), items)


async def test_a_deactivated_item_stays_readable(database: Database[Any]) -> None:
    items = invoicing(database)
    created = await _create(items)

    await deactivate_item(DeactivateItem(created.item_id, 1), actor(), items)

    found = await get_item(created.item_id, actor(), items)
    assert (found.active, found.version) == (False, 2)


async def test_a_second_item_with_the_same_code_is_refused_and_nothing_is_recorded(database: Database[Any]) -> None:
    items = invoicing(database)
    first = await _create(items)
    other = await _create(items, code="ROD-16")

    with pytest.raises(InvalidInputError) as caught:
        await _create(items, name="Another rod")
    assert _rule(caught.value) == {("code", "unique")}
    with pytest.raises(InvalidInputError) as caught:
        await update_item(UpdateItem(other.item_id, None, {"code": "ROD-12"}), actor(), items)
    assert _rule(caught.value) == {("code", "unique")}

    page = await list_items(ListItems(ItemFilter()), actor(), items)
    assert [v.item_id for v in page.items] == [other.item_id, first.item_id]
    # Another tenant has codes of its own.
    assert (await create_item(CreateItem(ROD), actor("tenant-b"), items)).details.code == "ROD-12"


async def test_of_two_concurrent_items_with_one_code_exactly_one_is_registered(database: Database[Any]) -> None:
    items = invoicing(database)

    outcomes = await asyncio.gather(_create(items), _create(items), return_exceptions=True)

    assert sorted(type(o).__name__ for o in outcomes) == ["InvalidInputError", "ItemView"]
    assert (await list_items(ListItems(ItemFilter()), actor(), items)).total_count == 1


@pytest.mark.parametrize(
    ("search", "codes"),
    [
        ("rod", ["BOLT-1", "ROD-12"]),  # the bolt's English name says "rod"
        ("STEEL", ["ROD-12"]),
        ("স্টিল", ["ROD-12"]),
        ("7214", ["ROD-12"]),
        ("s099", ["FIT-1"]),
        ("100%", ["BOLT-1"]),
        ("_", []),
    ],
)
async def test_search_matches_the_code_either_name_and_the_hs_or_service_code(
    database: Database[Any], search: str, codes: list[str]
) -> None:
    items = invoicing(database)
    await _create(items)
    await _create(items, code="BOLT-1", name="Bolt for rod, 100% zinc", name_bn=None, hs_code="7318.15")
    await _create(items, code="FIT-1", name="Fitting", name_bn=None, hs_code=None, service_code="S099")

    page = await list_items(ListItems(ItemFilter(search=search)), actor(), items)

    assert sorted(v.details.code for v in page.items) == codes
    assert page.total_count == len(codes)


async def test_items_are_paged_newest_first_and_filtered_by_activity(database: Database[Any]) -> None:
    items = invoicing(database)
    created = [await _create(items, code=f"C-{n}") for n in range(5)]
    await deactivate_item(DeactivateItem(created[1].item_id), actor(), items)

    first = await list_items(ListItems(ItemFilter(), first=3), actor(), items)
    rest = await list_items(ListItems(ItemFilter(), first=3, after=encode_item_cursor(first.items[-1])), actor(), items)
    active = await list_items(ListItems(ItemFilter(active=True)), actor(), items)

    assert [v.details.code for v in first.items + rest.items] == ["C-4", "C-3", "C-2", "C-1", "C-0"]
    assert (first.has_next_page, rest.has_next_page, first.total_count) == (True, False, 5)
    assert [v.details.code for v in active.items] == ["C-4", "C-3", "C-2", "C-0"]


async def test_the_rebuild_verifies_the_items_and_repairs_a_tampered_one(database: Database[Any]) -> None:
    items = invoicing(database)
    created = await _create(items)
    await update_item(UpdateItem(created.item_id, None, {"name": "Rod"}), actor(), items)
    assert await rebuild(database, verify_only=True) == []

    async with database.transaction("tenant-a") as transaction:
        stream = await transaction.events.read_stream("tenant-a", created.item_id)
        projection: Projection[Any] = (
            MemoryItemProjection() if isinstance(database, FakeDatabase) else SqlItemProjection()
        )
        await projection.apply(transaction.tables, stream[:1], stream[:1])
        await transaction.commit()
    [report] = await rebuild(database, verify_only=True)
    assert report.startswith(f"item tenant-a/{created.item_id}")

    await rebuild(database, verify_only=False)
    assert await rebuild(database, verify_only=True) == []
    assert (await get_item(created.item_id, actor(), items)).details.name == "Rod"
