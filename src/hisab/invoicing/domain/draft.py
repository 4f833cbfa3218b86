"""Validation of an invoice's draft: every broken rule is reported, each with its field path."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from hisab.invoicing.domain.lines import LineAmounts, compute_line
from hisab.invoicing.domain.rules import (
    HS_CODE,
    HS_CODE_RULE,
    MAX_AIT_RATE,
    MAX_DIMENSION,
    MAX_PRICE_PLACES,
    MAX_RATE_PLACES,
    MAX_SD_RATE,
    MAX_UNIT_OF_SUPPLY,
    SERVICE_CODE,
    SERVICE_CODE_RULE,
    Collector,
)
from hisab.kernel.errors import InvalidInputError, Violation
from hisab.kernel.identifiers import parse_bin, parse_tin
from hisab.kernel.money import AMOUNT_CEILING
from hisab.kernel.vat import RateTable, VATCategory

MAX_LINES = 1000
MAX_DESCRIPTION = 500
MAX_PARTY_ID = 100
MAX_QUANTITY_PLACES = 4
_CURRENCY = re.compile(r"[A-Z]{3}")
MAX_BUYER_NAME = 200
MAX_ADDRESS = 500


@dataclass(frozen=True, slots=True)
class LineInput:
    """A line as given. With an item, the blanks are the item's (see `references.py`)."""

    description: str | None
    quantity: Decimal
    unit_price: Decimal | None
    currency: str = "BDT"
    # None: the item's category, or STANDARD without an item.
    vat_category: VATCategory | None = None
    vat_rate: Decimal | None = None
    supplementary_duty_rate: Decimal | None = None
    advance_income_tax_rate: Decimal | None = None
    hs_code: str | None = None
    unit_of_supply: str | None = None
    item_id: str | None = None
    service_code: str | None = None
    # Where the line's sale is accounted: a construction firm's project and cost centre (the ledger's dimensions).
    project: str | None = None
    cost_center: str | None = None


@dataclass(frozen=True, slots=True)
class InvoiceDraft:
    vendor_id: str
    customer_id: str
    invoice_date: date
    due_date: date
    lines: tuple[LineInput, ...]
    vendor_tin: str | None = None
    vendor_bin: str | None = None
    customer_tin: str | None = None
    customer_bin: str | None = None
    buyer_name: str | None = None
    buyer_address: str | None = None
    delivery_destination: str | None = None
    customer_party_id: str | None = None


@dataclass(frozen=True, slots=True)
class ValidLine:
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_category: VATCategory
    vat_rate: Decimal
    supplementary_duty_rate: Decimal
    advance_income_tax_rate: Decimal
    hs_code: str | None
    unit_of_supply: str | None
    amounts: LineAmounts
    item_id: str | None = None
    service_code: str | None = None
    project: str | None = None
    cost_center: str | None = None


@dataclass(frozen=True, slots=True)
class ValidDraft:
    vendor_id: str
    customer_id: str
    invoice_date: date
    due_date: date
    currency: str
    lines: tuple[ValidLine, ...]
    vendor_tin: str | None
    vendor_bin: str | None
    customer_tin: str | None
    customer_bin: str | None
    buyer_name: str | None = None
    buyer_address: str | None = None
    delivery_destination: str | None = None
    customer_party_id: str | None = None


def validate_draft(draft: InvoiceDraft, rates: RateTable, prior: tuple[Violation, ...] = ()) -> ValidDraft:
    """Check every rule of a draft and resolve its VAT rates; raise InvalidInputError.

    `prior` are violations found before (an unknown party or item), reported with the rest.
    """
    found = Collector(prior)
    vendor_id = _party(draft.vendor_id, "vendor_id", found)
    # A registered customer gives the id; when it could not, `prior` already says why.
    customer_id = draft.customer_id.strip()
    if customer_id or draft.customer_party_id is None:
        customer_id = _party(draft.customer_id, "customer_id", found)
    if draft.due_date < draft.invoice_date:
        found.add("due_date", "due_before_invoice_date", "the due date must not be before the invoice date")
    identifiers = {
        "vendor_tin": _optional_id(draft.vendor_tin, "vendor_tin", parse_tin, found),
        "vendor_bin": _optional_id(draft.vendor_bin, "vendor_bin", parse_bin, found),
        "customer_tin": _optional_id(draft.customer_tin, "customer_tin", parse_tin, found),
        "customer_bin": _optional_id(draft.customer_bin, "customer_bin", parse_bin, found),
    }
    buyer = {
        "buyer_name": found.optional_text(draft.buyer_name, "buyer_name", MAX_BUYER_NAME),
        "buyer_address": found.optional_text(draft.buyer_address, "buyer_address", MAX_ADDRESS, multiline=True),
        "delivery_destination": found.optional_text(
            draft.delivery_destination, "delivery_destination", MAX_ADDRESS, multiline=True
        ),
    }
    lines = _lines(draft, rates, found)
    found.raise_any()
    return ValidDraft(
        vendor_id=vendor_id,
        customer_id=customer_id,
        invoice_date=draft.invoice_date,
        due_date=draft.due_date,
        currency=draft.lines[0].currency,
        lines=tuple(lines),
        vendor_tin=identifiers["vendor_tin"],
        vendor_bin=identifiers["vendor_bin"],
        customer_tin=identifiers["customer_tin"],
        customer_bin=identifiers["customer_bin"],
        buyer_name=buyer["buyer_name"],
        buyer_address=buyer["buyer_address"],
        delivery_destination=buyer["delivery_destination"],
        customer_party_id=draft.customer_party_id,
    )


def _lines(draft: InvoiceDraft, rates: RateTable, found: Collector) -> list[ValidLine]:
    if not draft.lines:
        found.add("lines", "min_lines", "an invoice needs at least one line item")
    if len(draft.lines) > MAX_LINES:
        found.add("lines", "max_lines", f"an invoice has at most {MAX_LINES} line items")
    lines = [
        line
        for position, raw in enumerate(draft.lines[:MAX_LINES])
        if (line := _line(raw, f"lines[{position}]", draft.invoice_date, rates, found)) is not None
    ]
    currencies = {raw.currency for raw in draft.lines}
    if len(currencies) > 1:
        found.add("lines", "single_currency", "every line item must use the same currency")
    if lines and sum(line.amounts.total for line in lines) >= AMOUNT_CEILING:
        found.add("lines", "amount_ceiling", "the grand total must be below 10^13 Taka")
    return lines


def _party(raw: str, field: str, found: Collector) -> str:
    return found.required_text(raw, field, MAX_PARTY_ID)


def _optional_id(raw: str | None, field: str, parse: Callable[[str, str], str], found: Collector) -> str | None:
    if raw is None or not raw.strip():
        return None
    try:
        return parse(raw, field)
    except InvalidInputError as error:
        found.absorb(error)
        return None


def _line(raw: LineInput, path: str, on: date, rates: RateTable, found: Collector) -> ValidLine | None:
    before = len(found.violations)
    # A line's item gives its description and price; when it could not, `prior` already says why.
    from_item = raw.item_id is not None
    description = (raw.description or "").strip()
    if description or not from_item:
        description = found.required_text(
            raw.description, f"{path}.description", MAX_DESCRIPTION, multiline=True, label="the description"
        )
    found.decimal(raw.quantity, f"{path}.quantity", places=MAX_QUANTITY_PLACES, positive=True, ceiling=AMOUNT_CEILING)
    if raw.unit_price is None:
        if not from_item:
            found.add(f"{path}.unit_price", "required", "a line without an item needs a unit price")
    else:
        found.decimal(raw.unit_price, f"{path}.unit_price", places=MAX_PRICE_PLACES, ceiling=AMOUNT_CEILING)
    sd_rate = found.rate(raw.supplementary_duty_rate, f"{path}.supplementary_duty_rate", MAX_SD_RATE)
    ait_rate = found.rate(raw.advance_income_tax_rate, f"{path}.advance_income_tax_rate", MAX_AIT_RATE)
    if not _CURRENCY.fullmatch(raw.currency):
        found.add(f"{path}.currency", "currency_format", "the currency is a three-letter ISO code such as BDT")
    hs_code = found.coded(raw.hs_code, f"{path}.hs_code", HS_CODE, HS_CODE_RULE)
    service_code = found.coded(raw.service_code, f"{path}.service_code", SERVICE_CODE, SERVICE_CODE_RULE)
    unit_of_supply = found.optional_text(raw.unit_of_supply, f"{path}.unit_of_supply", MAX_UNIT_OF_SUPPLY)
    project = found.optional_text(raw.project, f"{path}.project", MAX_DIMENSION)
    cost_center = found.optional_text(raw.cost_center, f"{path}.cost_center", MAX_DIMENSION)
    category = raw.vat_category or VATCategory.STANDARD
    vat_rate = _vat_rate(raw, category, path, on, rates, found)
    if len(found.violations) > before or vat_rate is None or raw.unit_price is None or not description:
        return None
    amounts = compute_line(raw.quantity, raw.unit_price, sd_rate, vat_rate, ait_rate)
    if amounts.total >= AMOUNT_CEILING:
        found.add(f"{path}.quantity", "amount_ceiling", "the line's value must be below 10^13 Taka")
        return None
    return ValidLine(
        description=description,
        quantity=raw.quantity,
        unit_price=raw.unit_price,
        vat_category=category,
        vat_rate=vat_rate,
        supplementary_duty_rate=sd_rate,
        advance_income_tax_rate=ait_rate,
        hs_code=hs_code,
        unit_of_supply=unit_of_supply,
        amounts=amounts,
        item_id=raw.item_id,
        service_code=service_code,
        project=project,
        cost_center=cost_center,
    )


def _vat_rate(
    raw: LineInput, category: VATCategory, path: str, on: date, rates: RateTable, found: Collector
) -> Decimal | None:
    if raw.vat_rate is not None and not found.decimal(raw.vat_rate, f"{path}.vat_rate", places=MAX_RATE_PLACES):
        return None
    # Without an explicit rate, it is the category that has no rate in force.
    field = f"{path}.vat_rate" if raw.vat_rate is not None else f"{path}.vat_category"
    try:
        return rates.resolve(category, raw.vat_rate, on, field)
    except InvalidInputError as error:
        found.absorb(error)
        return None
