"""An invoice that names a registered customer and items: what it takes from them when it is made.

The invoice keeps a snapshot (the customer's legal name, BIN, TIN and address; the item's
description, codes, unit, VAT category and rates, and price), so later edits of a party or an
item never change an invoice already made. What the caller gives explicitly wins over the master.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from hisab.invoicing.domain.draft import InvoiceDraft, LineInput
from hisab.invoicing.domain.item import ItemDetails
from hisab.invoicing.domain.party import PartyDetails, PartyKind
from hisab.kernel.errors import Violation


@dataclass(frozen=True, slots=True)
class RegisteredParty:
    party_id: str
    details: PartyDetails
    active: bool


@dataclass(frozen=True, slots=True)
class RegisteredItem:
    item_id: str
    details: ItemDetails
    active: bool


@dataclass(frozen=True, slots=True)
class Resolved:
    """The draft with the masters' facts filled in, and what was wrong with the references."""

    draft: InvoiceDraft
    violations: tuple[Violation, ...]


def fill_from_masters(
    draft: InvoiceDraft,
    customer: RegisteredParty | None,
    items: Mapping[str, RegisteredItem],
    *,
    registered_customer_required: bool,
    customer_given: bool = True,
    lines_given: bool = True,
) -> Resolved:
    """`customer` is the party `draft.customer_party_id` names (None: not found); `items` by id.

    An edit of a draft checks only what it gives: a due date is corrected even when the party or
    an item named before has been deactivated since (`customer_given`, `lines_given` false).
    """
    violations: list[Violation] = []
    filled = draft
    if customer_given and draft.customer_party_id is None:
        if registered_customer_required:
            message = "this tenant's invoices must name a registered customer party"
            violations.append(Violation("customer_party_id", "registered_customer_required", message))
    elif customer_given:
        problem = _unusable_customer(customer)
        if problem is not None:
            violations.append(problem)
        elif customer is not None:
            filled = _with_customer(draft, customer.details)
    lines = []
    for position, line in enumerate(filled.lines):
        if line.item_id is None or not lines_given:
            lines.append(line)
            continue
        item = items.get(line.item_id)
        field = f"lines[{position}].item_id"
        if item is None:
            violations.append(Violation(field, "unknown_item", f"no item {line.item_id} is registered"))
        elif not item.active:
            violations.append(Violation(field, "inactive_item", f"item {item.details.code} is deactivated"))
        else:
            line = _with_item(line, item.details)
        lines.append(line)
    return Resolved(replace(filled, lines=tuple(lines)), tuple(violations))


def without_customer_snapshot(draft: InvoiceDraft) -> InvoiceDraft:
    """A draft moving to another registered customer: what it took from the old one goes.

    What the edit gives itself is laid over this, and the new party fills the rest.
    """
    return replace(draft, customer_id="", customer_tin=None, customer_bin=None, buyer_name=None, buyer_address=None)


def _unusable_customer(customer: RegisteredParty | None) -> Violation | None:
    field = "customer_party_id"
    if customer is None:
        return Violation(field, "unknown_party", "no party with this id is registered")
    if not customer.active:
        return Violation(field, "inactive_party", f"party {customer.details.code} is deactivated")
    if PartyKind.CUSTOMER not in customer.details.kinds:
        return Violation(field, "not_a_customer", f"party {customer.details.code} is not registered as a customer")
    return None


def _with_customer(draft: InvoiceDraft, party: PartyDetails) -> InvoiceDraft:
    return replace(
        draft,
        customer_id=draft.customer_id if draft.customer_id.strip() else party.code,
        buyer_name=_given(draft.buyer_name, party.legal_name),
        customer_bin=_given(draft.customer_bin, party.bin),
        customer_tin=_given(draft.customer_tin, party.tin),
        buyer_address=_given(draft.buyer_address, party.address),
    )


def _with_item(line: LineInput, item: ItemDetails) -> LineInput:
    # The item's VAT rate belongs to its category: a line that names another category does not take it.
    category_from_item = line.vat_category is None
    return replace(
        line,
        description=_given(line.description, item.name),
        unit_price=item.unit_price if line.unit_price is None else line.unit_price,
        vat_category=item.vat_category if category_from_item else line.vat_category,
        vat_rate=item.vat_rate if line.vat_rate is None and category_from_item else line.vat_rate,
        supplementary_duty_rate=(
            item.supplementary_duty_rate if line.supplementary_duty_rate is None else line.supplementary_duty_rate
        ),
        hs_code=_given(line.hs_code, item.hs_code),
        service_code=_given(line.service_code, item.service_code),
        unit_of_supply=_given(line.unit_of_supply, item.unit_of_supply),
    )


def _given(value: str | None, fallback: str | None) -> str | None:
    return value if value is not None and value.strip() else fallback
