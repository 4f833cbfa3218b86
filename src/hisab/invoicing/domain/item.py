"""The item master: the goods and services a business sells, with the VAT facts an invoice line needs.

An item is validated by the invoice line's own rules where they overlap (the helpers of
`draft.py`), so an item's price, rates and HS code are always ones a line would accept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import ClassVar

from hisab.event_store.registry import EVENT_TYPES
from hisab.invoicing.domain.draft import (
    _HS_CODE,
    MAX_PRICE_PLACES,
    MAX_RATE_PLACES,
    MAX_SD_RATE,
    MAX_UNIT_OF_SUPPLY,
    _check_decimal,
    _Collector,
    _optional_text,
    _rate,
)
from hisab.kernel.errors import IllegalTransitionError, InvalidInputError
from hisab.kernel.money import AMOUNT_CEILING
from hisab.kernel.vat import RateTable, VATCategory

MAX_CODE = 50
MAX_NAME = 200
# A Bangladesh VAT service code: `S` and three digits, with or without the two-digit
# sub-heading (`S001.00`, `S099`). Both shapes appear in NBR's lists, so both are accepted.
_SERVICE_CODE = re.compile(r"S[0-9]{3}(?:\.[0-9]{2})?")


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
    found = _Collector()
    code = _required(raw.code, "code", MAX_CODE, found)
    name = _required(raw.name, "name", MAX_NAME, found)
    name_bn = found.optional_text(raw.name_bn, "name_bn", MAX_NAME)
    hs_code = _coded(raw.hs_code, "hs_code", _HS_CODE, "an HS code is digits and dots, at most 20 characters", found)
    service_code = _coded(
        raw.service_code, "service_code", _SERVICE_CODE, "a service code is S and 3 digits, then optionally .00", found
    )
    unit_of_supply = found.optional_text(raw.unit_of_supply, "unit_of_supply", MAX_UNIT_OF_SUPPLY)
    _check_decimal(raw.unit_price, "unit_price", found, places=MAX_PRICE_PLACES, ceiling=AMOUNT_CEILING)
    sd_rate = _rate(raw.supplementary_duty_rate, "supplementary_duty_rate", MAX_SD_RATE, found)
    if raw.vat_rate is not None and _check_decimal(raw.vat_rate, "vat_rate", found, places=MAX_RATE_PLACES):
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


def _required(raw: str, field: str, max_length: int, found: _Collector) -> str:
    value = raw.strip()
    if not value:
        found.add(field, "required", f"{field} must not be empty")
    elif len(value) > max_length:
        found.add(field, "max_length", f"{field} has at most {max_length} characters")
    else:
        found.text(value, field)
    return value


def _coded(raw: str | None, field: str, shape: re.Pattern[str], message: str, found: _Collector) -> str | None:
    value = _optional_text(raw)
    if value is None or not found.text(value, field):
        return None
    if not shape.fullmatch(value):
        found.add(field, f"{field}_format", message)
    return value


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
