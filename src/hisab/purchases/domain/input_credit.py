"""Which bill lines' VAT the tenant may credit against its output tax (s.46 of the VAT and SD Act 2012).

A line the user claims (CLAIM) keeps its claim unless a rule Hisab can check refuses it; a refused line is
kept NOT_ELIGIBLE with the refusal (a stable rule code and the words a user reads, citing the section).
The first rule that refuses, in the order below, is the one reported. A refusal never fails the bill: the
purchase happened, is owed and goes to the purchase register; only its VAT is not credited.

Not decided here: a cash payment above Tk 1,00,000 (s.46(1)(ka)) undoes a credit when the bill is paid,
and the payment decides it. Rules Hisab cannot check (the 6.3 missing the buyer's name or address, inputs
to an exempt supply of the tenant's) are the user's to mark NOT_ELIGIBLE.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from hisab.kernel.vat import VATCategory
from hisab.purchases.domain.events import CreditRefusal, InputCredit
from hisab.taxpayer.domain.policy import TenantPolicy

# s.46(1)(ga) as amended by the Finance Act 2026 (Act 89 of 2026, s.5(a)(i)): the credit is taken in the
# period of purchase or one of the following six tax periods (bangladesh-vat-returns.md §0 C10, LIKELY).
# A tax period is counted as a calendar month here, as the brief and the rule's TakaBooks reading do.
CREDIT_WINDOW_PERIODS = 6


class Rule:
    """The stable codes of the refusals: clients match on them, the words may change."""

    NOTHING_TO_CREDIT = "nothing_to_credit"
    REDUCED_RATE_SUPPLY = "reduced_rate_supply"
    SUPPLIER_NOT_REGISTERED = "supplier_not_registered"
    SUPPLIES_BELOW_STANDARD_RATE = "supplies_below_standard_rate"
    CREDIT_WINDOW = "credit_window"


@dataclass(frozen=True, slots=True)
class CreditFacts:
    """What the decision looks at of one line and its bill."""

    claimed: InputCredit
    vat_category: VATCategory
    vat_rate: Decimal
    vat: Decimal
    # The supplier's 6.3 date, or the bill of entry's for an import.
    document_date: date
    received_date: date
    supplier_bin: str | None
    is_import: bool


@dataclass(frozen=True, slots=True)
class CreditDecision:
    input_credit: InputCredit
    refusal: CreditRefusal | None


def decide_input_credit(facts: CreditFacts, policy: TenantPolicy) -> CreditDecision:
    """CLAIM unless not claimed or refused; a refusal says which rule and why."""
    if facts.claimed is InputCredit.NOT_ELIGIBLE:
        return CreditDecision(InputCredit.NOT_ELIGIBLE, None)
    refusal = _refusal(facts, policy)
    if refusal is not None:
        return CreditDecision(InputCredit.NOT_ELIGIBLE, refusal)
    return CreditDecision(InputCredit.CLAIM, None)


def _refusal(facts: CreditFacts, policy: TenantPolicy) -> CreditRefusal | None:
    category = facts.vat_category
    if category in (VATCategory.EXEMPT, VATCategory.ZERO_RATED):
        return CreditRefusal(
            Rule.NOTHING_TO_CREDIT, f"a {category.value.lower().replace('_', '-')} purchase carries no VAT to credit"
        )
    if category in (VATCategory.REDUCED, VATCategory.TRUNCATED) and not policy.credit_reduced_rate_inputs:
        return CreditRefusal(
            Rule.REDUCED_RATE_SUPPLY,
            f"VAT charged at the {category.value.lower()} rate of {facts.vat_rate * 100:g}% is not credited "
            "(s.46(1)(tha); whether a standard-rated buyer may credit it is an open question, so it is off unless "
            "the tenant's settings allow crediting reduced-rate inputs)",
        )
    if not facts.supplier_bin and not facts.is_import:
        return CreditRefusal(
            Rule.SUPPLIER_NOT_REGISTERED,
            "the supplier has no BIN: VAT on a purchase from an unregistered supplier is not credited (s.46(1))",
        )
    if policy.supplies_below_standard_rate_only:
        return CreditRefusal(
            Rule.SUPPLIES_BELOW_STANDARD_RATE,
            "the tenant supplies only below the 15% standard rate, and inputs to such supplies take no credit "
            "(s.46(1)(tha))",
        )
    last = last_month_of_window(facts.document_date)
    if (facts.received_date.year, facts.received_date.month) > last:
        year, month = last
        return CreditRefusal(
            Rule.CREDIT_WINDOW,
            f"received {facts.received_date}, after the sixth tax period following the document's month "
            f"({facts.document_date:%B %Y}); the credit could be taken until {_month_name(year, month)} "
            "(s.46(1)(ga) as amended in 2026)",
        )
    if not facts.vat:
        return CreditRefusal(Rule.NOTHING_TO_CREDIT, "the line charges no VAT, so there is nothing to credit")
    return None


def last_month_of_window(document_date: date) -> tuple[int, int]:
    """The (year, month) of the last tax period in which a document of this date may still be credited."""
    months = document_date.year * 12 + (document_date.month - 1) + CREDIT_WINDOW_PERIODS
    return months // 12, months % 12 + 1


def _month_name(year: int, month: int) -> str:
    return f"{date(year, month, 1):%B %Y}"
