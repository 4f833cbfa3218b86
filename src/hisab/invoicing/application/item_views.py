"""The item read model: what item queries return, projected from an item's stream."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.invoicing.domain.item import ITEM_EVENTS, Item, ItemDetails

ITEM_VIEW_EVENTS: frozenset[type[DomainEvent]] = frozenset(ITEM_EVENTS)


@dataclass(frozen=True, slots=True)
class ItemView:
    tenant_id: str
    item_id: str
    # The position of the item's first event: the order of listing, newest first.
    sequence: int
    details: ItemDetails
    active: bool
    version: int
    created_at: datetime
    updated_at: datetime

    def __getattr__(self, name: str) -> object:
        # `code`, `name`, `vatRate`... are the details' own fields, read by GraphQL by name.
        return getattr(object.__getattribute__(self, "details"), name)


def project_item(stream: Sequence[StoredEvent]) -> ItemView:
    first, last = stream[0], stream[-1]
    item = Item.from_events(s.event for s in stream)
    return ItemView(
        tenant_id=first.metadata.tenant_id,
        item_id=item.item_id,
        sequence=first.position,
        details=item.details,
        active=item.active,
        version=last.version,
        created_at=first.metadata.occurred_at,
        updated_at=last.metadata.occurred_at,
    )


def search_text(details: ItemDetails) -> str:
    """What `search` looks in, lower-cased once here so SQL and memory match alike."""
    parts = (details.code, details.name, details.name_bn, details.hs_code, details.service_code)
    return "\n".join(part for part in parts if part is not None).lower()
