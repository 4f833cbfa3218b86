"""The cross-checks' arithmetic: what each compares, and what a difference says."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hisab.vat_return.domain.checks import (
    INPUT_VAT,
    UncertifiedVds,
    certificate_check,
    documents_check,
    input_vat_check,
    output_vat_check,
)
from hisab.vat_return.domain.computation import Balances, Deposits, Totals, compute
from hisab.vat_return.domain.entries import DocumentType
from tests.vat_return.memory_entries import entry

D = Decimal
FIGURES = {
    f.note: f
    for f in compute(
        {
            4: Totals(D(1000), D(0), D(150)),
            14: Totals(D(400), D(0), D(60), D(60)),
            25: Totals(vat=D(10)),
            26: Totals(vat=D(15)),
            27: Totals(vat=D(5)),
            31: Totals(vat=D(30)),
            32: Totals(vat=D(2)),
        },
        Balances(),
        Deposits(),
    )
}


def test_output_vat_is_9c_plus_debit_notes_less_credit_notes() -> None:
    passed = output_vat_check(FIGURES, D(135))
    failed = output_vat_check(FIGURES, D(150))

    assert (passed.passed, passed.expected, passed.difference) == (True, D(135), D(0))
    assert (failed.passed, failed.difference) == (False, D(15))
    assert "135" in failed.words
    assert "150" in failed.words


def test_input_vat_is_23b_less_reversals_plus_other_decreases() -> None:
    # 60 - 5 + 2 - 10
    result = input_vat_check(FIGURES, D(47))

    assert (result.name, result.passed, result.expected) == (INPUT_VAT, True, D(47))


def test_every_note_29_adjustment_needs_its_certificate_and_uncertified_vds_is_a_warning() -> None:
    certified = entry(29, vat="500", document_type=DocumentType.VDS_CERTIFIED, reference="6.6/001")
    bare = entry(29, vat="200", document_type=DocumentType.VDS_CERTIFIED, document_number="RCT/2026-27/000009")
    waiting = UncertifiedVds("RCT/2026-27/000010", date(2026, 8, 1), "customer-001", D(300))

    passed = certificate_check([certified], [waiting])
    failed = certificate_check([certified, bare], [])

    assert (passed.passed, passed.expected, passed.actual) == (True, D(1), D(1))
    assert passed.warnings == (
        "customer-001 withheld 300 on receipt RCT/2026-27/000010 of 2026-08-01: no Mushak-6.6 yet",
    )
    assert (failed.passed, failed.difference) == (False, D(-1))
    assert "RCT/2026-27/000009" in failed.words


def test_every_document_issued_is_in_the_registers() -> None:
    issued = {"INVOICE": 3, "CREDIT_NOTE": 1, "DEBIT_NOTE": 0}

    assert documents_check(issued, {"INVOICE": 3, "CREDIT_NOTE": 1}).passed
    missing = documents_check(issued, {"INVOICE": 2, "CREDIT_NOTE": 1})
    assert (missing.passed, missing.expected, missing.actual) == (False, D(4), D(3))
    assert missing.words == "INVOICE: 3 issued, 2 in the registers"
