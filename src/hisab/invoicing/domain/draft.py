"""Validation of a new invoice: every broken rule is reported, each with its field path."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from hisab.invoicing.domain.lines import LineAmounts, compute_line
from hisab.kernel.errors import InvalidInputError, Violation
from hisab.kernel.identifiers import parse_bin, parse_tin
from hisab.kernel.money import AMOUNT_CEILING, decimal_places
from hisab.kernel.text import text_violation
from hisab.kernel.vat import RateTable, VATCategory

MAX_LINES = 1000
MAX_DESCRIPTION = 500
MAX_PARTY_ID = 100
MAX_QUANTITY_PLACES = 4
MAX_PRICE_PLACES = 2
MAX_RATE_PLACES = 6
# SD reaches 500% on some Second-Schedule goods; advance income tax is a share of the value.
MAX_SD_RATE = Decimal(5)
MAX_AIT_RATE = Decimal(1)
_CURRENCY = re.compile(r"[A-Z]{3}")
_HS_CODE = re.compile(r"[0-9][0-9.]{0,19}")
MAX_UNIT_OF_SUPPLY = 50
MAX_BUYER_NAME = 200
MAX_ADDRESS = 500


@dataclass(frozen=True, slots=True)
class LineInput:
    description: str
    quantity: Decimal
    unit_price: Decimal
    currency: str = "BDT"
    vat_category: VATCategory = VATCategory.STANDARD
    vat_rate: Decimal | None = None
    supplementary_duty_rate: Decimal | None = None
    advance_income_tax_rate: Decimal | None = None
    hs_code: str | None = None
    unit_of_supply: str | None = None


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


class _Collector:
    """Gathers violations so that one response names every problem at once."""

    def __init__(self) -> None:
        self.violations: list[Violation] = []

    def add(self, field: str, rule: str, message: str) -> None:
        self.violations.append(Violation(field, rule, message))

    def text(self, value: str, field: str, *, multiline: bool = False) -> bool:
        """Record a problem with free text; True when there was none."""
        problem = text_violation(value, field, multiline=multiline)
        if problem is not None:
            self.violations.append(problem)
        return problem is None

    def absorb(self, error: InvalidInputError) -> None:
        self.violations.extend(error.violations)

    def optional_text(self, raw: str | None, field: str, max_length: int, *, multiline: bool = False) -> str | None:
        """Stripped free text, None when blank; a problem is recorded and gives None too."""
        value = _optional_text(raw)
        if value is None or not self.text(value, field, multiline=multiline):
            return None
        if len(value) > max_length:
            self.add(field, "max_length", f"{field} has at most {max_length} characters")
            return None
        return value


def validate_draft(draft: InvoiceDraft, rates: RateTable) -> ValidDraft:
    """Check every rule of a new invoice and resolve its VAT rates; raise InvalidInputError."""
    found = _Collector()
    vendor_id = _party(draft.vendor_id, "vendor_id", found)
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
    if found.violations:
        raise InvalidInputError(found.violations)
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
    )


def _lines(draft: InvoiceDraft, rates: RateTable, found: _Collector) -> list[ValidLine]:
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


def _party(raw: str, field: str, found: _Collector) -> str:
    value = raw.strip()
    if not value:
        found.add(field, "required", f"{field} must not be empty")
    elif len(value) > MAX_PARTY_ID:
        found.add(field, "max_length", f"{field} has at most {MAX_PARTY_ID} characters")
    else:
        found.text(value, field)
    return value


def _optional_id(raw: str | None, field: str, parse: Callable[[str, str], str], found: _Collector) -> str | None:
    if raw is None or not raw.strip():
        return None
    try:
        return parse(raw, field)
    except InvalidInputError as error:
        found.absorb(error)
        return None


def _line(raw: LineInput, path: str, on: date, rates: RateTable, found: _Collector) -> ValidLine | None:
    before = len(found.violations)
    description = raw.description.strip()
    if not description:
        found.add(f"{path}.description", "required", "the description must not be empty")
    elif len(description) > MAX_DESCRIPTION:
        found.add(f"{path}.description", "max_length", f"the description has at most {MAX_DESCRIPTION} characters")
    else:
        found.text(description, f"{path}.description", multiline=True)
    _check_decimal(
        raw.quantity, f"{path}.quantity", found, places=MAX_QUANTITY_PLACES, positive=True, ceiling=AMOUNT_CEILING
    )
    _check_decimal(raw.unit_price, f"{path}.unit_price", found, places=MAX_PRICE_PLACES, ceiling=AMOUNT_CEILING)
    sd_rate = _rate(raw.supplementary_duty_rate, f"{path}.supplementary_duty_rate", MAX_SD_RATE, found)
    ait_rate = _rate(raw.advance_income_tax_rate, f"{path}.advance_income_tax_rate", MAX_AIT_RATE, found)
    if not _CURRENCY.fullmatch(raw.currency):
        found.add(f"{path}.currency", "currency_format", "the currency is a three-letter ISO code such as BDT")
    hs_code = _optional_text(raw.hs_code)
    if hs_code is not None and found.text(hs_code, f"{path}.hs_code") and not _HS_CODE.fullmatch(hs_code):
        found.add(f"{path}.hs_code", "hs_code_format", "an HS code is digits and dots, at most 20 characters")
    unit_of_supply = _optional_text(raw.unit_of_supply)
    if (
        unit_of_supply is not None
        and found.text(unit_of_supply, f"{path}.unit_of_supply")
        and len(unit_of_supply) > MAX_UNIT_OF_SUPPLY
    ):
        message = f"the unit of supply has at most {MAX_UNIT_OF_SUPPLY} characters"
        found.add(f"{path}.unit_of_supply", "max_length", message)
    vat_rate = _vat_rate(raw, path, on, rates, found)
    if len(found.violations) > before or vat_rate is None:
        return None
    amounts = compute_line(raw.quantity, raw.unit_price, sd_rate, vat_rate, ait_rate)
    if amounts.total >= AMOUNT_CEILING:
        found.add(f"{path}.quantity", "amount_ceiling", "the line's value must be below 10^13 Taka")
        return None
    return ValidLine(
        description=description,
        quantity=raw.quantity,
        unit_price=raw.unit_price,
        vat_category=raw.vat_category,
        vat_rate=vat_rate,
        supplementary_duty_rate=sd_rate,
        advance_income_tax_rate=ait_rate,
        hs_code=hs_code,
        unit_of_supply=unit_of_supply,
        amounts=amounts,
    )


def _vat_rate(raw: LineInput, path: str, on: date, rates: RateTable, found: _Collector) -> Decimal | None:
    if raw.vat_rate is not None and not _check_decimal(raw.vat_rate, f"{path}.vat_rate", found, places=MAX_RATE_PLACES):
        return None
    # Without an explicit rate, it is the category that has no rate in force.
    field = f"{path}.vat_rate" if raw.vat_rate is not None else f"{path}.vat_category"
    try:
        return rates.resolve(raw.vat_category, raw.vat_rate, on, field)
    except InvalidInputError as error:
        found.absorb(error)
        return None


def _rate(raw: Decimal | None, field: str, ceiling: Decimal, found: _Collector) -> Decimal:
    if raw is None:
        return Decimal(0)
    if _check_decimal(raw, field, found, places=MAX_RATE_PLACES) and raw > ceiling:
        found.add(field, "max_rate", f"the rate is at most {ceiling} (a fraction: 0.10 means 10%)")
    return raw


def _check_decimal(
    value: Decimal,
    field: str,
    found: _Collector,
    *,
    places: int,
    positive: bool = False,
    ceiling: Decimal | None = None,
) -> bool:
    before = len(found.violations)
    if not value.is_finite():
        found.add(field, "finite", "the number must be finite")
        return False
    if positive and value <= 0:
        found.add(field, "positive", "the number must be greater than 0")
    elif value < 0:
        found.add(field, "non_negative", "the number must not be negative")
    if decimal_places(value) > places:
        found.add(field, "decimal_places", f"the number has at most {places} decimal places")
    if ceiling is not None and value >= ceiling:
        found.add(field, "amount_ceiling", "the number must be below 10^13")
    return len(found.violations) == before


def _optional_text(raw: str | None) -> str | None:
    if raw is None:
        return None
    stripped = raw.strip()
    return stripped or None
