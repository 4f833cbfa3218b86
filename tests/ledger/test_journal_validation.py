"""What an entry must say before it can be drafted, each broken rule named by field and rule."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import pytest

from hisab.kernel.errors import InvalidInputError
from hisab.kernel.fiscal_year import FiscalYear
from hisab.ledger.domain.journal import (
    EntryContent,
    JournalKind,
    LineInput,
    entry_number,
    number_series,
    totals,
    unbalanced,
    validate_content,
)
from tests.ledger.builders import credit, debit

DAY = date(2026, 11, 5)
SALE = (LineInput("1110", Decimal("1150.00"), None), LineInput("4100", None, Decimal("1150.00")))


def _validate(
    lines: Sequence[LineInput] = SALE,
    narration: str = "Cash sale at the counter",
    kind: JournalKind = JournalKind.GENERAL,
    reference: str | None = None,
) -> EntryContent:
    return validate_content(kind, DAY, narration, reference, lines)


def _broken(**changes: object) -> list[tuple[str, str]]:
    with pytest.raises(InvalidInputError) as refused:
        _validate(**changes)  # type: ignore[arg-type]
    return [(v.field, v.rule) for v in refused.value.violations]


def _with_debit(amount: str) -> tuple[LineInput, ...]:
    return (LineInput("1110", Decimal(amount), None), SALE[1])


def test_a_valid_entry_is_kept_with_its_text_trimmed_and_blanks_dropped() -> None:
    lines = (
        LineInput(" 1110 ", Decimal("1150"), None, project=" TOWER-7 ", cost_center="  ", party_id="", memo=" till "),
        LineInput("4100", Decimal("0"), Decimal("1150.5")),
    )
    content = _validate(lines, narration="  Cash sale  ", reference="   ")
    assert (content.narration, content.reference) == ("Cash sale", None)
    first, second = content.lines
    assert (first.account_code, first.project, first.cost_center, first.party_id, first.memo) == (
        "1110",
        "TOWER-7",
        None,
        None,
        "till",
    )
    assert (first.debit, first.credit, second.debit, second.credit) == (
        Decimal("1150.00"),
        Decimal("0.00"),
        Decimal("0.00"),
        Decimal("1150.50"),
    )
    assert str(second.credit) == "1150.50"


def test_a_blank_narration_is_refused() -> None:
    assert _broken(narration=" \n ") == [("narration", "required")]


def test_a_narration_may_run_over_lines_but_holds_no_nul() -> None:
    assert _validate(narration="Cash sale\nat the counter").narration == "Cash sale\nat the counter"
    assert _broken(narration="Cash\x00sale") == [("narration", "control_characters")]


def test_text_of_a_line_holds_no_nul_and_no_line_breaks() -> None:
    lines = (LineInput("1110", Decimal(1), None, memo="a\x00b", project="x\ny"), SALE[1])
    assert _broken(lines=lines) == [("lines[0].project", "control_characters"), ("lines[0].memo", "control_characters")]


def test_text_longer_than_its_limit_is_refused() -> None:
    lines = (LineInput("1110", Decimal(1), None, cost_center="C" * 65, memo="m" * 201), SALE[1])
    assert _broken(narration="n" * 501, reference="r" * 101, lines=lines) == [
        ("narration", "max_length"),
        ("reference", "max_length"),
        ("lines[0].cost_center", "max_length"),
        ("lines[0].memo", "max_length"),
    ]


@pytest.mark.parametrize("count", [0, 1])
def test_an_entry_has_at_least_two_lines(count: int) -> None:
    assert ("lines", "min_lines") in _broken(lines=SALE[:count])


def test_an_entry_has_at_most_500_lines() -> None:
    lines = [LineInput("1110", Decimal(1), None)] * 501
    assert _broken(lines=lines) == [("lines", "max_lines")]


def test_a_line_with_both_a_debit_and_a_credit_is_refused() -> None:
    lines = (LineInput("1110", Decimal(10), Decimal(10)), SALE[1])
    assert _broken(lines=lines) == [("lines[0]", "one_side")]


@pytest.mark.parametrize(("debit_", "credit_"), [(None, None), (Decimal(0), None), (Decimal("0.00"), Decimal(0))])
def test_a_line_with_neither_side_above_zero_is_refused(debit_: Decimal | None, credit_: Decimal | None) -> None:
    assert _broken(lines=(SALE[0], LineInput("4100", debit_, credit_))) == [("lines[1]", "one_side")]


@pytest.mark.parametrize("amount", ["-0.01", "-1150", "NaN", "Infinity", "-Infinity", "sNaN"])
def test_an_amount_must_be_a_number_of_zero_or_more(amount: str) -> None:
    assert _broken(lines=_with_debit(amount)) == [("lines[0].debit", "non_negative")]


def test_an_amount_has_at_most_two_decimal_places() -> None:
    assert _broken(lines=_with_debit("1150.001")) == [("lines[0].debit", "paisa")]
    assert _validate(_with_debit("1150.500")).lines[0].debit == Decimal("1150.50")


def test_an_amount_stays_below_ten_trillion_taka() -> None:
    assert _broken(lines=_with_debit("10000000000000")) == [("lines[0].debit", "max_amount")]
    assert _broken(lines=_with_debit("1E+20")) == [("lines[0].debit", "max_amount")]
    assert _validate(_with_debit("9999999999999.99")).lines[0].debit == Decimal("9999999999999.99")


@pytest.mark.parametrize("kind", [JournalKind.SALES, JournalKind.REVERSING, JournalKind.CLOSING])
def test_kinds_that_hisab_posts_itself_are_not_entered_by_hand(kind: JournalKind) -> None:
    assert _broken(kind=kind) == [("kind", "kind")]


@pytest.mark.parametrize(
    "kind",
    [k for k in JournalKind if k not in (JournalKind.SALES, JournalKind.REVERSING, JournalKind.CLOSING)],
)
def test_the_other_kinds_are_entered_by_hand(kind: JournalKind) -> None:
    assert _validate(kind=kind).kind is kind


def test_every_broken_rule_is_named_at_once() -> None:
    lines = (LineInput("1110", Decimal("-1"), Decimal("0.001")),)
    assert _broken(kind=JournalKind.SALES, narration="", lines=lines) == [
        ("kind", "kind"),
        ("narration", "required"),
        ("lines", "min_lines"),
        ("lines[0].debit", "non_negative"),
        ("lines[0].credit", "paisa"),
    ]


def test_the_balance_is_not_a_drafting_rule() -> None:
    lines = (LineInput("1110", Decimal(100), None), LineInput("4100", None, Decimal(99)))
    assert unbalanced(_validate(lines).lines) is not None


def test_an_unbalanced_entry_is_named_with_both_totals_and_the_difference() -> None:
    problem = unbalanced((debit("1110", "1150.00"), debit("5400", "0.5"), credit("4100", "1000")))
    assert problem is not None
    assert (problem.field, problem.rule) == ("lines", "balanced")
    assert problem.message == "debits (1150.50) must equal credits (1000.00); they differ by 150.50"


def test_a_balanced_entry_has_equal_totals() -> None:
    lines = (debit("1110", "1150.00"), credit("4100", "1000"), credit("2210", "150.00"))
    assert unbalanced(lines) is None
    assert totals(lines) == (Decimal("1150.00"), Decimal("1150.00"))


def test_numbers_are_per_kind_prefix_and_fiscal_year() -> None:
    year = FiscalYear(2026)
    assert entry_number(JournalKind.GENERAL, year, 1) == "GJ/2026-27/000001"
    assert entry_number(JournalKind.CASH_RECEIPT, year, 42) == "CR/2026-27/000042"
    assert number_series(JournalKind.SALES, year) == "journal:SJ:2026"
    prefixes = {kind.prefix for kind in JournalKind}
    assert prefixes == {"GJ", "SJ", "PJ", "CR", "CP", "AJ", "RJ", "CJ", "OJ"}
