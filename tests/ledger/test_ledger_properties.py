"""Properties of the ledger's arithmetic for any paisa amounts: entries balance, mirrors cancel, closings zero."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from hisab.kernel.fiscal_year import FiscalYear
from hisab.kernel.money import from_paisa
from hisab.ledger.domain.closing import closing_content
from hisab.ledger.domain.entries import check_reversible, mirror_content
from hisab.ledger.domain.invoice_postings import IssuedInvoice, SoldLine, sales_entry
from hisab.ledger.domain.journal import JournalKind, JournalLine, LineInput, totals, unbalanced, validate_content
from tests.ledger.builders import NOTHING, default_books, posted_entry

BOOKS = default_books()
LEAVES = sorted(a.code for a in BOOKS.accounts.values() if not a.is_group)
PROFIT_AND_LOSS = [code for code in LEAVES if BOOKS.accounts[code].type.in_profit_and_loss]
RETAINED_EARNINGS = "3200"
# Up to a thousand crore taka a line: sums of hundreds of lines stay below the amount ceiling.
AMOUNT = st.integers(min_value=1, max_value=10**12).map(from_paisa)
AMOUNT_OR_ZERO = st.integers(min_value=0, max_value=10**12).map(from_paisa)
FAST = settings(max_examples=100, deadline=None)


def _split(total: Decimal, cuts: list[int]) -> list[Decimal]:
    """`total` cut at the given paisa offsets into positive parts that sum to it exactly."""
    paisa = int(total * 100)
    points = sorted({cut % paisa for cut in cuts if cut % paisa} | {0, paisa})
    return [from_paisa(end - start) for start, end in itertools.pairwise(points)]


@st.composite
def balanced_lines(draw: st.DrawFn) -> tuple[JournalLine, ...]:
    """Debits of any amounts to any leaves, and credits that cut their total into other pieces."""
    debits = draw(st.lists(AMOUNT, min_size=1, max_size=12))
    credits = _split(sum(debits, NOTHING), draw(st.lists(st.integers(min_value=1), max_size=12)))
    account = st.sampled_from(LEAVES)
    lines = [JournalLine(draw(account), amount, NOTHING) for amount in debits]
    lines += [JournalLine(draw(account), NOTHING, amount) for amount in credits]
    return tuple(draw(st.permutations(lines)))


def _net(lines: Iterable[JournalLine]) -> dict[str, Decimal]:
    """Each account's debits less credits."""
    net: dict[str, Decimal] = defaultdict(lambda: NOTHING)
    for line in lines:
        net[line.account_code] += line.debit - line.credit
    return net


@FAST
@given(balanced_lines())
def test_any_balanced_set_of_lines_is_balanced_and_its_totals_agree(lines: tuple[JournalLine, ...]) -> None:
    assert unbalanced(lines) is None
    debit, credit = totals(lines)
    assert debit == credit
    assert debit == sum((line.debit for line in lines), NOTHING)


@FAST
@given(balanced_lines(), st.sampled_from([Decimal("0.01"), Decimal("-0.01"), Decimal("1000.00")]))
def test_a_set_of_lines_off_by_any_amount_is_unbalanced_showing_both_totals(
    lines: tuple[JournalLine, ...], off_by: Decimal
) -> None:
    first = lines[0]
    if first.debit + off_by <= NOTHING:
        off_by = -off_by
    changed = (JournalLine(first.account_code, first.debit + off_by, first.credit), *lines[1:])
    problem = unbalanced(changed)
    assert problem is not None
    debit, credit = totals(changed)
    assert f"debits ({debit:.2f}) must equal credits ({credit:.2f})" in problem.message


@FAST
@given(balanced_lines())
def test_validation_keeps_every_amount_of_a_balanced_entry_exactly(lines: tuple[JournalLine, ...]) -> None:
    given_lines = [
        LineInput(line.account_code, line.debit or None, line.credit or None, project="TOWER-7") for line in lines
    ]
    content = validate_content(JournalKind.GENERAL, date(2026, 11, 5), "Property", None, given_lines)
    assert [(line.debit, line.credit) for line in content.lines] == [(line.debit, line.credit) for line in lines]
    assert unbalanced(content.lines) is None


@FAST
@given(balanced_lines(), st.integers(min_value=0, max_value=400))
def test_a_reversal_nets_every_account_to_zero_with_the_original(
    lines: tuple[JournalLine, ...], days_later: int
) -> None:
    original = posted_entry(lines, day=date(2026, 7, 1))
    day = date.fromordinal(date(2026, 7, 1).toordinal() + days_later)
    check_reversible(original, day, "property")
    reversal = mirror_content(original, day, "property")
    assert unbalanced(reversal.lines) is None
    assert set(_net([*lines, *reversal.lines]).values()) <= {NOTHING}
    assert all(line.debit >= NOTHING and line.credit >= NOTHING for line in reversal.lines)


@st.composite
def year_balances(draw: st.DrawFn) -> dict[str, tuple[Decimal, Decimal]]:
    """(debits, credits) for the year of any accounts of the chart, profit and loss or not."""
    codes = draw(st.lists(st.sampled_from(LEAVES), unique=True, max_size=len(LEAVES)))
    return {code: (draw(AMOUNT_OR_ZERO), draw(AMOUNT_OR_ZERO)) for code in codes}


@FAST
@given(year_balances())
def test_a_closing_entry_zeroes_income_and_expense_and_balances(balances: dict[str, tuple[Decimal, Decimal]]) -> None:
    content = closing_content(FiscalYear(2025), balances, BOOKS)
    before = {code: debit - credit for code, (debit, credit) in balances.items()}
    to_close = {code: net for code, net in before.items() if code in PROFIT_AND_LOSS and net}
    if not to_close:
        assert content is None
        return
    assert content is not None
    assert unbalanced(content.lines) is None
    moved = _net(content.lines)
    after = {code: before.get(code, NOTHING) + moved.get(code, NOTHING) for code in {*before, *moved}}
    assert all(after[code] == NOTHING for code in after if code in PROFIT_AND_LOSS)
    assert moved[RETAINED_EARNINGS] == sum(to_close.values(), NOTHING)
    assert set(moved) <= {*to_close, RETAINED_EARNINGS}


@FAST
@given(st.lists(AMOUNT_OR_ZERO, min_size=1, max_size=20), AMOUNT_OR_ZERO, AMOUNT_OR_ZERO)
def test_the_sales_entry_of_any_invoice_balances_exactly(
    values: list[Decimal], supplementary_duty: Decimal, vat: Decimal
) -> None:
    grand_total = sum(values, NOTHING) + supplementary_duty + vat
    invoice = IssuedInvoice(
        "inv-1",
        "INV-1",
        "HO/2026-27/000001",
        date(2026, 11, 5),
        "customer-001",
        tuple(SoldLine(value, f"line {n}", None, None) for n, value in enumerate(values)),
        supplementary_duty,
        vat,
        grand_total,
    )
    content = sales_entry(invoice, BOOKS)
    assert unbalanced(content.lines) is None
    assert totals(content.lines) == (grand_total, grand_total)
    assert all(line.debit > NOTHING or line.credit > NOTHING for line in content.lines[1:])
    assert _net(content.lines).get("2210", NOTHING) == -vat
