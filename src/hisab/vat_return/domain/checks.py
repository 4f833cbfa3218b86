"""The return's cross-checks against the books and the registers, run before it is filed.

Each compares what the return says with what another record says, and names the difference. A failed
check blocks the submission unless the submitter overrides it with a reason, which the submission keeps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from hisab.kernel.money import ZERO
from hisab.vat_return.domain.computation import Figure
from hisab.vat_return.domain.entries import ReturnEntry

OUTPUT_VAT = "output_vat"
INPUT_VAT = "input_vat"
VDS_CERTIFICATES = "vds_certificates"
REGISTER_DOCUMENTS = "register_documents"
CHECK_NAMES = (OUTPUT_VAT, INPUT_VAT, VDS_CERTIFICATES, REGISTER_DOCUMENTS)


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str
    passed: bool
    expected: Decimal
    actual: Decimal
    words: str
    # What deserves a look without failing the check.
    warnings: tuple[str, ...] = ()

    @property
    def difference(self) -> Decimal:
        return self.actual - self.expected


@dataclass(frozen=True, slots=True)
class UncertifiedVds:
    """VAT a customer withheld in the period whose Mushak-6.6 has not arrived."""

    receipt_number: str
    receipt_date: date
    customer_id: str
    amount: Decimal


def _amount(figures: Mapping[int, Figure], note: int) -> Decimal:
    figure = figures[note]
    return figure.amount if figure.amount is not None else ZERO


def _compare(name: str, expected: Decimal, actual: Decimal, what: str, books: str) -> CheckResult:
    if expected == actual:
        return CheckResult(name, True, expected, actual, f"{what} ({expected}) equals {books}")
    return CheckResult(
        name, False, expected, actual, f"{what} is {expected} but {books} is {actual} (difference {actual - expected})"
    )


def output_vat_check(figures: Mapping[int, Figure], ledger_output_vat: Decimal) -> CheckResult:
    """9(c) + 26 - 31: the VAT of the supplies and the notes, as VAT Output's net credit movement has it."""
    expected = (figures[9].vat or ZERO) + _amount(figures, 26) - _amount(figures, 31)
    return _compare(
        OUTPUT_VAT, expected, ledger_output_vat, "output VAT, 9(c) + 26 - 31,", "VAT Output's net credit movement"
    )


def input_vat_check(figures: Mapping[int, Figure], ledger_input_vat: Decimal) -> CheckResult:
    """23(b) - 27 + 32 - 25: the input credit taken, after what reverses it, as VAT Input's net debit movement."""
    expected = (figures[23].vat or ZERO) - _amount(figures, 27) + _amount(figures, 32) - _amount(figures, 25)
    return _compare(
        INPUT_VAT, expected, ledger_input_vat, "input VAT, 23(b) - 27 + 32 - 25,", "VAT Input's net debit movement"
    )


def certificate_check(note_29: Sequence[ReturnEntry], uncertified: Sequence[UncertifiedVds]) -> CheckResult:
    """Every decreasing adjustment for VDS (note 29) needs the customer's Mushak-6.6 (s.50(3)); VDS withheld
    in the period without one is listed as a warning: it is not in note 29, but may be claimed once it comes."""
    certified = [e for e in note_29 if e.reference and e.reference.strip()]
    missing = [e.document_number for e in note_29 if e not in certified]
    warnings = tuple(
        f"{v.customer_id} withheld {v.amount} on receipt {v.receipt_number} of {v.receipt_date}: no Mushak-6.6 yet"
        for v in uncertified
    )
    expected, actual = Decimal(len(note_29)), Decimal(len(certified))
    if missing:
        words = f"{len(missing)} of the note-29 adjustments have no certificate: {', '.join(missing[:20])}"
        return CheckResult(VDS_CERTIFICATES, False, expected, actual, words, warnings)
    return CheckResult(
        VDS_CERTIFICATES, True, expected, actual, f"all {len(note_29)} note-29 adjustments have a Mushak-6.6", warnings
    )


def documents_check(issued: Mapping[str, int], registered: Mapping[str, int]) -> CheckResult:
    """Every document of the period in the registers once: by kind, the documents issued and those with entries."""
    kinds = sorted(set(issued) | set(registered))
    differing = [kind for kind in kinds if issued.get(kind, 0) != registered.get(kind, 0)]
    expected, actual = Decimal(sum(issued.values())), Decimal(sum(registered.values()))
    if differing:
        words = "; ".join(
            f"{kind}: {issued.get(kind, 0)} issued, {registered.get(kind, 0)} in the registers" for kind in differing
        )
        return CheckResult(REGISTER_DOCUMENTS, False, expected, actual, words)
    counted = ", ".join(f"{issued[kind]} {kind}" for kind in kinds if issued.get(kind)) or "none"
    return CheckResult(REGISTER_DOCUMENTS, True, expected, actual, f"every document is in the registers ({counted})")
