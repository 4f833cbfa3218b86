"""Resolvers of the item master: build the command, ask the application, hand back the views.

Fields of `Item` are read by name (`nameBn` reads `name_bn`); only the derived ones are here.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from hisab.edge.connections import connection, page_size
from hisab.edge.context import Info
from hisab.edge.errors import fields_under
from hisab.edge.exact_numbers import exact_decimal
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.item_views import ItemView
from hisab.invoicing.application.items import (
    MAX_PAGE_SIZE,
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
from hisab.kernel.errors import InvalidInputError, Violation
from hisab.kernel.money import Money
from hisab.kernel.vat import VATCategory

item_query_type = QueryType()
item_mutation_type = MutationType()
item_type = ObjectType("Item")
_DECIMALS = ("unit_price", "vat_rate", "supplementary_duty_rate")
# An update may leave these out, but not clear them.
_REQUIRED = ("code", "name", "unit_price", "vat_category")


@item_type.field("id")
def resolve_item_id(view: ItemView, info: Info) -> str:
    return view.item_id


@item_type.field("unitPrice")
def resolve_item_unit_price(view: ItemView, info: Info) -> Money:
    return Money(view.details.unit_price, "BDT")


@item_type.field("createdAt")
def resolve_item_created_at(view: ItemView, info: Info) -> datetime:
    return view.created_at.astimezone(UTC)


@item_type.field("updatedAt")
def resolve_item_updated_at(view: ItemView, info: Info) -> datetime:
    return view.updated_at.astimezone(UTC)


@item_query_type.field("item")
async def resolve_item(_: None, info: Info, id: str) -> ItemView:
    context = info.context
    return await get_item(id, context.actor, context.services.get(Invoicing))


@item_query_type.field("items")
async def resolve_items(
    _: None, info: Info, first: int | None = None, after: str | None = None, filter: dict[str, Any] | None = None
) -> dict[str, object]:
    size = page_size(first, MAX_PAGE_SIZE)
    raw = filter or {}
    query = ListItems(ItemFilter(raw.get("search"), raw.get("active")), size, after)
    context = info.context
    page = await list_items(query, context.actor, context.services.get(Invoicing))
    return connection(page, page.items, encode_item_cursor)


@item_mutation_type.field("createItem")
async def resolve_create_item(_: None, info: Info, input: dict[str, Any]) -> ItemView:
    context = info.context
    fields = _decimals(input)
    # An explicit null category takes the schema default, as on an invoice line.
    fields["vat_category"] = fields.get("vat_category") or VATCategory.STANDARD
    with fields_under("input"):
        return await create_item(CreateItem(ItemInput(**fields)), context.actor, context.services.get(Invoicing))


@item_mutation_type.field("updateItem")
async def resolve_update_item(
    _: None, info: Info, id: str, input: dict[str, Any], expected_version: int | None = None
) -> ItemView:
    context = info.context
    changes = _decimals(input)
    with fields_under("input"):
        cleared = [
            Violation(name, "required", f"{name} cannot be cleared")
            for name in _REQUIRED
            if name in changes and changes[name] is None
        ]
        if cleared:
            raise InvalidInputError(cleared)
        command = UpdateItem(id, expected_version, changes)
        return await update_item(command, context.actor, context.services.get(Invoicing))


@item_mutation_type.field("deactivateItem")
async def resolve_deactivate_item(_: None, info: Info, id: str, expected_version: int | None = None) -> ItemView:
    context = info.context
    return await deactivate_item(DeactivateItem(id, expected_version), context.actor, context.services.get(Invoicing))


def _decimals(raw: dict[str, Any]) -> dict[str, Any]:
    """The coerced input (keys in snake_case) with its numbers as exact decimals."""
    return {name: _exact(value) if name in _DECIMALS else value for name, value in raw.items()}


def _exact(value: float | int | None) -> Decimal | None:
    return exact_decimal(value) if value is not None else None


ITEM_BINDABLES = (item_query_type, item_mutation_type, item_type)
