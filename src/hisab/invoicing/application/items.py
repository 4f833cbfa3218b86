"""Item master use cases: register, change and deactivate items, and read them back."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.event_store.ports import Transaction
from hisab.event_store.streams import Decide
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.item_views import ItemView, project_item
from hisab.invoicing.application.ports import ItemFilter, ItemPage
from hisab.invoicing.application.queries import ensure_plausible_id
from hisab.invoicing.domain.item import Item, ItemDetails, ItemInput, ItemRegistered, validate_item
from hisab.kernel.cursors import SequenceCursors
from hisab.kernel.errors import InvalidInputError, NotFoundError
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.handler_telemetry import traced_handler
from hisab.kernel.text import text_violation

NOUN = "item"
MAX_PAGE_SIZE = 100
MAX_SEARCH = 200
_CURSORS = SequenceCursors("item:")


@dataclass(frozen=True, slots=True)
class CreateItem:
    input: ItemInput


@dataclass(frozen=True, slots=True)
class UpdateItem:
    item_id: str
    expected_version: int | None
    # Only the fields given, by ItemInput's names: each replaces the item's value (None clears it).
    changes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DeactivateItem:
    item_id: str
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class ListItems:
    filter: ItemFilter
    first: int = 20
    after: str | None = None


def _view_id(view: ItemView) -> str:
    return view.item_id


def _named(command: UpdateItem | DeactivateItem) -> str:
    return command.item_id


def _validate(raw: ItemInput, invoicing: Invoicing) -> ItemDetails:
    # A rate is checked against the table in force today in Dhaka, as a new invoice's would be.
    return validate_item(raw, invoicing.rates, invoicing.clock().astimezone(BANGLADESH_TIME).date())


@traced_handler("create_item", NOUN, found_in=_view_id)
async def create_item(command: CreateItem, actor: Actor, invoicing: Invoicing) -> ItemView:
    details = _validate(command.input, invoicing)
    item_id = invoicing.new_id()

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        return [ItemRegistered(item_id, details)]

    recorded = await invoicing.streams.start(actor, lambda: item_id, decide)
    return project_item(recorded.stream)


@traced_handler("update_item", NOUN, named_by=_named, found_in=_view_id)
async def update_item(command: UpdateItem, actor: Actor, invoicing: Invoicing) -> ItemView:
    ensure_plausible_id(command.item_id, NOUN)

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        item = Item.from_events(s.event for s in history)
        current = ItemInput(**{f.name: getattr(item.details, f.name) for f in dataclasses.fields(ItemInput)})
        return [item.change(_validate(dataclasses.replace(current, **command.changes), invoicing))]

    return await _change(command.item_id, command.expected_version, decide, actor, invoicing)


@traced_handler("deactivate_item", NOUN, named_by=_named, found_in=_view_id)
async def deactivate_item(command: DeactivateItem, actor: Actor, invoicing: Invoicing) -> ItemView:
    ensure_plausible_id(command.item_id, NOUN)

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        return [Item.from_events(s.event for s in history).deactivate()]

    return await _change(command.item_id, command.expected_version, decide, actor, invoicing)


async def _change(
    item_id: str, expected_version: int | None, decide: Decide[Any], actor: Actor, invoicing: Invoicing
) -> ItemView:
    recorded = await invoicing.streams.change(actor, item_id, decide, noun=NOUN, expected_version=expected_version)
    return project_item(recorded.stream)


async def get_item(item_id: str, actor: Actor, invoicing: Invoicing) -> ItemView:
    ensure_plausible_id(item_id, NOUN)
    view = await invoicing.items.get(actor.tenant_id, item_id)
    if view is None:
        raise NotFoundError(f"item {item_id} not found")
    return view


async def list_items(query: ListItems, actor: Actor, invoicing: Invoicing) -> ItemPage:
    search = query.filter.search
    if search is not None:
        if (problem := text_violation(search, "filter.search")) is not None:
            raise InvalidInputError([problem])
        if len(search) > MAX_SEARCH:
            raise InvalidInputError.single("filter.search", "max_length", f"search has at most {MAX_SEARCH} characters")
        search = search.strip().lower() or None
    after = decode_item_cursor(query.after) if query.after else None
    first = max(0, min(query.first, MAX_PAGE_SIZE))
    where = ItemFilter(search=search, active=query.filter.active)
    return await invoicing.items.list(actor.tenant_id, where, first, after)


def encode_item_cursor(view: ItemView) -> str:
    return _CURSORS.encode(view.sequence)


def decode_item_cursor(cursor: str) -> int:
    return _CURSORS.decode(cursor)
