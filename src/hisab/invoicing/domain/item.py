"""The item master: the goods and services a business sells, with the VAT facts an invoice line needs.

An item is validated by the invoice line's own rules where they overlap (`rules.py`), so an
item's price, rates and codes are always ones a line would accept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import ClassVar

from hisab.event_store.registry import EVENT_TYPES
from hisab.invoicing.domain.rules import (
    HS_CODE,
    HS_CODE_RULE,
    MAX_PRICE_PLACES,
    MAX_RATE_PLACES,
    MAX_SD_RATE,
    MAX_UNIT_OF_SUPPLY,
    SERVICE_CODE,
    SERVICE_CODE_RULE,
    Collector,
)
from hisab.kernel.errors import IllegalTransitionError, InvalidInputError
from hisab.kernel.money import AMOUNT_CEILING
from hisab.kernel.vat import RateTable, VATCategory

MAX_CODE = 50
MAX_NAME = 200


@dataclass(frozen=True, slots=True)
class ItemInput:
    code: str
    name: str
    unit_price: Decimal
    name_bn: str | None = None
    hs_code: str | None = None
    service_code: str | None = None
    unit_of_supply: str | None = None
    vat_category: VATCategory = VATCategory.STANDARD
    # None: the category's default rate on the invoice's date applies.
    vat_rate: Decimal | None = None
    supplementary_duty_rate: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ItemDetails:
    """A valid item's facts, as its events carry them."""

    code: str
    name: str
    name_bn: str | None
    hs_code: str | None
    service_code: str | None
    unit_of_supply: str | None
    vat_category: VATCategory
    vat_rate: Decimal | None
    supplementary_duty_rate: Decimal
    unit_price: Decimal


def validate_item(raw: ItemInput, rates: RateTable, today: date) -> ItemDetails:
    """Check every rule of an item; an explicit VAT rate must be one its category allows today."""
    found = Collector()
    code = found.required_text(raw.code, "code", MAX_CODE)
    name = found.required_text(raw.name, "name", MAX_NAME)
    name_bn = found.optional_text(raw.name_bn, "name_bn", MAX_NAME)
    hs_code = found.coded(raw.hs_code, "hs_code", HS_CODE, HS_CODE_RULE)
    service_code = found.coded(raw.service_code, "service_code", SERVICE_CODE, SERVICE_CODE_RULE)
    unit_of_supply = found.optional_text(raw.unit_of_supply, "unit_of_supply", MAX_UNIT_OF_SUPPLY)
    found.decimal(raw.unit_price, "unit_price", places=MAX_PRICE_PLACES, ceiling=AMOUNT_CEILING)
    sd_rate = found.rate(raw.supplementary_duty_rate, "supplementary_duty_rate", MAX_SD_RATE)
    if raw.vat_rate is not None and found.decimal(raw.vat_rate, "vat_rate", places=MAX_RATE_PLACES):
        try:
            rates.resolve(raw.vat_category, raw.vat_rate, today, "vat_rate")
        except InvalidInputError as error:
            found.absorb(error)
    if found.violations:
        raise InvalidInputError(found.violations)
    return ItemDetails(
        code, name, name_bn, hs_code, service_code, unit_of_supply, raw.vat_category, raw.vat_rate, sd_rate,
        raw.unit_price,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class ItemRegistered:
    event_type: ClassVar[str] = "ItemRegistered.v1"

    item_id: str
    details: ItemDetails


@dataclass(frozen=True, slots=True)
class ItemChanged:
    """The item's whole new state, so that a reader never needs the earlier events to know it."""

    event_type: ClassVar[str] = "ItemChanged.v1"

    item_id: str
    details: ItemDetails


@dataclass(frozen=True, slots=True)
class ItemDeactivated:
    event_type: ClassVar[str] = "ItemDeactivated.v1"

    item_id: str


ITEM_EVENTS = (ItemRegistered, ItemChanged, ItemDeactivated)
EVENT_TYPES.register(ITEM_EVENTS)


@dataclass(frozen=True, slots=True)
class Item:
    item_id: str
    details: ItemDetails
    active: bool

    @classmethod
    def from_events(cls, events: Iterable[object]) -> Item:
        item: Item | None = None
        for event in events:
            match event:
                case ItemRegistered(item_id, details):
                    item = cls(item_id, details, active=True)
                case ItemChanged(_, details) if item is not None:
                    item = cls(item.item_id, details, item.active)
                case ItemDeactivated() if item is not None:
                    item = cls(item.item_id, item.details, active=False)
        if item is None:
            raise ValueError("an item's stream starts with ItemRegistered")
        return item

    def change(self, details: ItemDetails) -> ItemChanged:
        return ItemChanged(self.item_id, details)

    def deactivate(self) -> ItemDeactivated:
        if not self.active:
            raise IllegalTransitionError(f"item {self.item_id} is already deactivated")
        return ItemDeactivated(self.item_id)
