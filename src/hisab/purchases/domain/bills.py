"""A bill received: the supplier's tax invoice (Mushak-6.3) or, for an import, the bill of entry, as recorded.

Every field is checked here, and every problem is named at once (InvalidInputError with one violation per
field and rule). The supplier's figures are taken as the supplier printed them: the value and SD as given,
the VAT as given when it is within a taka of (value + SD) at the rate (a supplier rounds its own way), else
computed half-up to the paisa. What the bill may credit of its VAT is decided afterwards (input_credit.py),
from the checked lines and the tenant's rules; a refused claim never refuses the bill.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from hisab.invoicing.domain.draft import MAX_QUANTITY_PLACES
from hisab.invoicing.domain.rules import (
    HS_CODE,
    HS_CODE_RULE,
    MAX_DIMENSION,
    MAX_PRICE_PLACES,
    MAX_UNIT_OF_SUPPLY,
    SERVICE_CODE,
    SERVICE_CODE_RULE,
    Collector,
)
from hisab.kernel.errors import InvalidInputError
from hisab.kernel.money import AMOUNT_CEILING, ZERO, round_to_paisa
from hisab.kernel.text import is_clean_identifier
from hisab.kernel.vat import RateTable, VATCategory
from hisab.purchases.domain.events import BillLine, BillOfEntry, BillRecorded, InputCredit, SupplierSnapshot
from hisab.purchases.domain.input_credit import CreditFacts, decide_input_credit
from hisab.taxpayer.domain.policy import TenantPolicy

MAX_BILL_LINES = 500
MAX_SUPPLIER_NUMBER = 64
MAX_DESCRIPTION = 500
MAX_TEXT = 100
# A supplier rounds its VAT its own way (per line, per unit, down): a bill's VAT within a taka of the rate's is
# taken as printed; more than that is a wrong rate or a wrong figure, and is refused.
VAT_TOLERANCE = Decimal("1.00")
_ACCOUNT_CODE_LENGTH = 20


@dataclass(frozen=True, slots=True)
class BillLineInput:
    description: str
    quantity: Decimal
    value: Decimal
    vat_category: str = VATCategory.STANDARD.value
    # None: the category's default rate on the supplier invoice's date (the bill of entry's, for an import).
    vat_rate: Decimal | None = None
    supplementary_duty: Decimal | None = None
    # None: the rate on (value + SD), half-up to the paisa.
    vat: Decimal | None = None
    input_credit: str = InputCredit.CLAIM.value
    item_id: str | None = None
    hs_code: str | None = None
    service_code: str | None = None
    unit: str | None = None
    account_code: str | None = None
    project: str | None = None


@dataclass(frozen=True, slots=True)
class BillOfEntryInput:
    number: str
    entry_date: date
    customs_house: str


@dataclass(frozen=True, slots=True)
class BillInput:
    supplier_party_id: str
    supplier_invoice_number: str
    supplier_invoice_date: date
    # None: today, in Dhaka.
    received_date: date | None
    lines: tuple[BillLineInput, ...]
    # None: the received date plus the supplier's credit days.
    due_date: date | None = None
    reference: str | None = None
    bill_of_entry: BillOfEntryInput | None = None


@dataclass(frozen=True, slots=True)
class ValidBill:
    bill_id: str
    supplier_party_id: str
    supplier_invoice_number: str
    supplier_invoice_date: date
    received_date: date
    due_date: date | None
    reference: str | None
    bill_of_entry: BillOfEntry | None
    # Each line's input credit is what was claimed until `open_bill` decides it.
    lines: tuple[BillLine, ...]

    @property
    def document_date(self) -> date:
        """The date the input credit's window runs from: the 6.3's, or for an import the bill of entry's."""
        return self.bill_of_entry.entry_date if self.bill_of_entry is not None else self.supplier_invoice_date

    @property
    def is_import(self) -> bool:
        return self.bill_of_entry is not None


def validate_bill(request: BillInput, rates: RateTable, today: date, bill_id: str) -> ValidBill:
    """The bill's own rules, or every broken one at once (InvalidInputError)."""
    found = Collector()
    if not is_clean_identifier(request.supplier_party_id):
        found.add("supplier_party_id", "supplier_party", "no active supplier party of this tenant has that id")
    number = found.required_text(
        request.supplier_invoice_number, "supplier_invoice_number", MAX_SUPPLIER_NUMBER,
        label="the supplier's invoice number",
    )  # fmt: skip
    received = request.received_date or today
    _check_dates(request.supplier_invoice_date, received, today, found)
    entry = _bill_of_entry(request.bill_of_entry, received, today, found)
    document_date = entry.entry_date if entry is not None else request.supplier_invoice_date
    if request.due_date is not None and request.due_date < received:
        found.add("due_date", "after_received", f"the due date {request.due_date} is before the bill was received")
    reference = found.optional_text(request.reference, "reference", MAX_TEXT)
    lines = _lines(request.lines, rates, document_date, bill_id, found)
    found.raise_any()
    return ValidBill(
        bill_id, request.supplier_party_id, number, request.supplier_invoice_date, received, request.due_date,
        reference, entry, lines,
    )  # fmt: skip


def _check_dates(invoice_date: date, received: date, today: date, found: Collector) -> None:
    if received > today:
        found.add("received_date", "not_in_future", f"the received date {received} is after today ({today} in Dhaka)")
    if invoice_date > received:
        found.add(
            "supplier_invoice_date",
            "not_after_received",
            f"the supplier's invoice is dated {invoice_date}, after the bill was received ({received})",
        )


def _bill_of_entry(given: BillOfEntryInput | None, received: date, today: date, found: Collector) -> BillOfEntry | None:
    if given is None:
        return None
    number = found.required_text(given.number, "bill_of_entry.number", MAX_SUPPLIER_NUMBER,
                                 label="the bill of entry's number")  # fmt: skip
    house = found.required_text(given.customs_house, "bill_of_entry.customs_house", MAX_TEXT,
                                label="the customs house")  # fmt: skip
    if given.entry_date > min(received, today):
        found.add(
            "bill_of_entry.date",
            "not_after_received",
            f"the bill of entry is dated {given.entry_date}, after the bill was received ({received})",
        )
    return BillOfEntry(number, given.entry_date, house)


def _lines(
    given: tuple[BillLineInput, ...], rates: RateTable, document_date: date, bill_id: str, found: Collector
) -> tuple[BillLine, ...]:
    if not given:
        found.add("lines", "min_lines", "a bill has at least one line")
        return ()
    if len(given) > MAX_BILL_LINES:
        found.add("lines", "max_lines", f"a bill has at most {MAX_BILL_LINES} lines")
        return ()
    checked = (
        _line(line, index + 1, f"{bill_id}:{index + 1}", rates, document_date, found)
        for index, line in enumerate(given)
    )
    return tuple(line for line in checked if line is not None)


def _line(
    line: BillLineInput, position: int, line_id: str, rates: RateTable, on: date, found: Collector
) -> BillLine | None:
    path = f"lines[{position - 1}]"
    before = len(found.violations)
    description = found.required_text(line.description, f"{path}.description", MAX_DESCRIPTION,
                                      label="the description")  # fmt: skip
    found.decimal(line.quantity, f"{path}.quantity", places=MAX_QUANTITY_PLACES, positive=True,
                  ceiling=AMOUNT_CEILING)  # fmt: skip
    value = amount(line.value, f"{path}.value", found)
    duty = amount(line.supplementary_duty, f"{path}.supplementary_duty", found)
    given_vat = amount(line.vat, f"{path}.vat", found) if line.vat is not None else None
    category = _category(line.vat_category, f"{path}.vat_category", found)
    claimed = _claim(line.input_credit, f"{path}.input_credit", found)
    rate = _rate(rates, category, line.vat_rate, on, f"{path}.vat_rate", found)
    item_id = found.optional_text(line.item_id, f"{path}.item_id", MAX_TEXT)
    hs_code = found.coded(line.hs_code, f"{path}.hs_code", HS_CODE, HS_CODE_RULE)
    service_code = found.coded(line.service_code, f"{path}.service_code", SERVICE_CODE, SERVICE_CODE_RULE)
    unit = found.optional_text(line.unit, f"{path}.unit", MAX_UNIT_OF_SUPPLY)
    account = found.optional_text(line.account_code, f"{path}.account_code", _ACCOUNT_CODE_LENGTH)
    project = found.optional_text(line.project, f"{path}.project", MAX_DIMENSION)
    if len(found.violations) > before or category is None or claimed is None or rate is None:
        return None
    vat = settled_vat(computed_vat(value, duty, rate), given_vat, rate, value + duty, f"{path}.vat", found)
    if vat is None:
        return None
    return BillLine(
        line_id, position, description, item_id, hs_code, service_code, line.quantity, unit, value, duty, vat,
        category, rate, claimed, claimed, None, account, project,
    )  # fmt: skip


def amount(raw: Decimal | None, field: str, found: Collector) -> Decimal:
    """An amount of taka, 0 or more, to the paisa, below 10^13; held to two places (1000 is 1000.00)."""
    if raw is None:
        return ZERO
    if found.decimal(raw, field, places=MAX_PRICE_PLACES, ceiling=AMOUNT_CEILING):
        return raw.quantize(Decimal("0.01"))
    return ZERO


def _category(raw: str, field: str, found: Collector) -> VATCategory | None:
    try:
        return VATCategory(raw)
    except ValueError:
        found.add(field, "vat_category", f"the VAT category is one of {', '.join(VATCategory)}")
        return None


def _claim(raw: str, field: str, found: Collector) -> InputCredit | None:
    try:
        return InputCredit(raw)
    except ValueError:
        found.add(field, "input_credit", f"the input credit is one of {', '.join(InputCredit)}")
        return None


def _rate(
    rates: RateTable, category: VATCategory | None, requested: Decimal | None, on: date, field: str, found: Collector
) -> Decimal | None:
    if category is None:
        return None
    try:
        return rates.resolve(category, requested, on, field)
    except InvalidInputError as error:
        found.absorb(error)
        return None


def computed_vat(value: Decimal, supplementary_duty: Decimal, rate: Decimal) -> Decimal:
    """VAT is charged on the value with its SD (s.15), rounded half-up to the paisa once."""
    return round_to_paisa((value + supplementary_duty) * rate)


def settled_vat(
    expected: Decimal, given: Decimal | None, rate: Decimal, base: Decimal, field: str, found: Collector
) -> Decimal | None:
    """The VAT `given` when within VAT_TOLERANCE of `expected` (the rate on `base`), `expected` when none was."""
    if given is None:
        return expected
    if abs(given - expected) > VAT_TOLERANCE:
        message = f"VAT {given} is not {rate * 100:g}% of value and SD {base} ({expected}, within {VAT_TOLERANCE})"
        found.add(field, "vat_rate_mismatch", message)
        return None
    return given


def open_bill(
    bill: ValidBill,
    supplier: SupplierSnapshot,
    due_date: date,
    policy: TenantPolicy,
    numbered: tuple[str, int, int],
) -> BillRecorded:
    """The bill's first event: its lines with the input credit decided, numbered (number, serial, fiscal year)."""
    number, serial, fiscal_year = numbered
    lines = tuple(_decided(line, bill, supplier, policy) for line in bill.lines)
    return BillRecorded(
        bill.bill_id, number, serial, fiscal_year, supplier, bill.supplier_invoice_number, bill.supplier_invoice_date,
        bill.received_date, due_date, bill.bill_of_entry, lines, bill.reference,
    )  # fmt: skip


def _decided(line: BillLine, bill: ValidBill, supplier: SupplierSnapshot, policy: TenantPolicy) -> BillLine:
    facts = CreditFacts(
        line.claimed, line.vat_category, line.vat_rate, line.vat, bill.document_date, bill.received_date,
        supplier.bin, bill.is_import,
    )  # fmt: skip
    decision = decide_input_credit(facts, policy)
    return replace(line, input_credit=decision.input_credit, refusal=decision.refusal)
