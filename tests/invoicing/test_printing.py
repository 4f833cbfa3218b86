"""Rule 44: one original per supply; every later print is a duplicate."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from hisab.invoicing.domain.draft import InvoiceDraft, LineInput, validate_draft
from hisab.invoicing.domain.invoice import Invoice, open_invoice
from hisab.invoicing.domain.printing import CopyKind, copies_of_print
from hisab.kernel.errors import IllegalTransitionError
from hisab.kernel.language import Language
from hisab.kernel.vat import RateTable

PRINTED_AT = datetime(2025, 1, 20, 5, 0, tzinfo=UTC)
DRAFT = InvoiceDraft(
    "vendor-001", "customer-001", date(2025, 1, 15), date(2025, 2, 15), (LineInput("Rods", Decimal(1), Decimal(10)),)
)


def _invoice(rates: RateTable, *, issued: bool) -> Invoice:
    invoice = Invoice.from_events("inv-1", open_invoice(validate_draft(DRAFT, rates), "inv-1", "INV-1"))
    if issued:
        invoice.apply(invoice.approve("HO/2024-25/000001", 1, PRINTED_AT))
    return invoice


def test_the_first_print_is_the_original_with_the_suppliers_copy() -> None:
    assert copies_of_print(0) == (CopyKind.ORIGINAL, CopyKind.SUPPLIER)


@pytest.mark.parametrize("earlier", [1, 2, 50])
def test_every_later_print_is_a_duplicate(earlier: int) -> None:
    assert copies_of_print(earlier) == (CopyKind.DUPLICATE,)


def test_printing_an_issued_invoice_twice_gives_an_original_then_a_duplicate(rates: RateTable) -> None:
    invoice = _invoice(rates, issued=True)

    first = invoice.print_copies(Language.BN, "user-1", PRINTED_AT)
    invoice.apply(first)
    second = invoice.print_copies(Language.EN, "user-2", PRINTED_AT)

    assert first.copies == (CopyKind.ORIGINAL, CopyKind.SUPPLIER)
    assert (first.language, first.printed_by) == (Language.BN, "user-1")
    assert second.copies == (CopyKind.DUPLICATE,)
    assert invoice.print_count == 1


def test_a_draft_is_not_printed_as_a_tax_invoice(rates: RateTable) -> None:
    with pytest.raises(IllegalTransitionError):
        _invoice(rates, issued=False).print_copies(Language.EN, "user-1", PRINTED_AT)


def test_a_cancelled_issued_invoice_can_still_be_reprinted(rates: RateTable) -> None:
    invoice = _invoice(rates, issued=True)
    invoice.apply(invoice.cancel("goods returned", PRINTED_AT))

    assert invoice.print_copies(Language.EN, "user-1", PRINTED_AT).copies == (CopyKind.ORIGINAL, CopyKind.SUPPLIER)
