"""The Mushak-9.1 computed from summed entries, by hand-computed figures of every formula of §1.2."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from hisab.vat_return.domain.computation import Balances, Deposits, Figure, Totals, carried, compute

D = Decimal

# A quarter of a contractor, written by hand: sales at 15% with SD on one item, at 10%, exempt, an export;
# purchases at 15% (local and imported, credited), at 7.5% (not credited), exempt; VDS deducted from a
# supplier, a debit note and a credit note, VDS certified by a customer.
SUMS = {
    1: Totals(value=D(300000)),
    3: Totals(value=D(200000)),
    4: Totals(D(1000000), D(50000), D(157500)),
    7: Totals(D(500000), D(0), D(50000)),
    12: Totals(value=D(10000)),
    14: Totals(D(400000), D(0), D(60000), D(60000)),
    15: Totals(D(100000), D(0), D(15000), D(15000)),
    16: Totals(D(80000), D(0), D(6000), D(0)),
    24: Totals(vat=D(9000)),
    26: Totals(D(10000), D(500), D(1500)),
    29: Totals(vat=D(15000)),
    31: Totals(D(20000), D(1000), D(3000)),
}


def _figures(**changes: object) -> dict[int, Figure]:
    arguments: dict[str, object] = {"sums": SUMS, "balances": Balances(), "deposits": Deposits()}
    arguments.update(changes)
    return {figure.note: figure for figure in compute(**arguments)}  # type: ignore[arg-type]


def _amounts(figures: dict[int, Figure], *notes: int) -> list[Decimal | None]:
    return [figures[note].amount for note in notes]


def test_every_note_1_to_68_is_on_the_return_in_order() -> None:
    assert [figure.note for figure in compute({}, Balances(), Deposits())] == list(range(1, 69))


def test_supplies_and_their_totals_note_9() -> None:
    figures = _figures()

    assert figures[1] == Figure(1, value=D(300000))
    assert figures[4] == Figure(4, D(1000000), D(50000), D(157500))
    assert figures[9] == Figure(9, D(2000000), D(50000), D(207500))


def test_purchases_and_the_input_credit_note_23() -> None:
    figures = _figures()

    assert figures[12] == Figure(12, value=D(10000))
    assert figures[16] == Figure(16, value=D(80000), vat=D(6000))
    # 23(a) every purchase's value; 23(b) only the VAT credited (the 7.5% purchase's is not).
    assert figures[23] == Figure(23, value=D(590000), vat=D(75000))


def test_adjustments_and_the_net_payable_note_34() -> None:
    figures = _figures()

    assert _amounts(figures, 24, 25, 26, 27, 28) == [D(9000), D(0), D(1500), D(0), D(10500)]
    assert _amounts(figures, 29, 30, 31, 32, 33) == [D(15000), D(0), D(3000), D(0), D(18000)]
    # 34 = 9(c) - 23(b) + 28 - 33 = 207,500 - 75,000 + 10,500 - 18,000.
    assert figures[34].amount == D(125000)


def test_supplementary_duty_notes_36_38_39() -> None:
    figures = _figures()

    # 38 the debit note's SD, 39 the credit note's; 36 = 9(b) + 38 - (39 + 40).
    assert _amounts(figures, 38, 39, 40, 36) == [D(500), D(1000), D(0), D(49500)]


def test_the_last_returns_closing_balance_and_the_deposits_give_notes_35_to_66() -> None:
    figures = _figures(balances=Balances(closing_vat=D(5000)), deposits=Deposits(vat=D(100000), sd=D(49500)))

    assert _amounts(figures, 52, 53, 35, 37) == [D(5000), D(0), D(120000), D(49500)]
    assert _amounts(figures, 50, 51, 58, 59) == [D(120000), D(49500), D(100000), D(49500)]
    # Deposited 20,000 less than payable: the closing balance is what is still owed, negative.
    assert _amounts(figures, 65, 66) == [D(-20000), D(0)]


def test_interest_fines_surcharges_and_refunds_are_zero() -> None:
    figures = _figures()

    assert all(figures[note].amount == 0 for note in (*range(41, 50), *range(60, 65), 67, 68))


def test_a_negative_net_payable_becomes_a_credit_carried_forward() -> None:
    sums = {14: Totals(D(100000), D(0), D(15000), D(15000))}

    figures = _figures(sums=sums)

    assert _amounts(figures, 34, 50, 65) == [D(-15000), D(-15000), D(15000)]
    assert carried(D(15000)) == D(15000)


def test_only_what_was_overpaid_is_carried_not_what_is_still_owed() -> None:
    assert carried(D(-20000)) == D(0)
    # The next return's note 52 is what is carried.
    figures = _figures(balances=Balances(closing_vat=D(-20000)))
    assert figures[52].amount == D(0)


def test_the_old_18_6_balance_comes_off_at_most_a_tenth_of_the_net_payable() -> None:
    figures = _figures(balances=Balances(transitional_vat=D(50000), transitional_sd=D(1000)))

    assert _amounts(figures, 54, 56, 35) == [D(50000), D(12500), D(112500)]
    # A tenth of 49,500 is 4,950: the whole 1,000 comes off.
    assert _amounts(figures, 55, 57, 37) == [D(1000), D(1000), D(48500)]


amounts = st.decimals(min_value=0, max_value=10**9, places=2)


@given(st.dictionaries(st.sampled_from(sorted(SUMS)), st.tuples(amounts, amounts, amounts)), amounts, amounts)
def test_the_closing_balance_is_always_the_deposits_less_the_net_payable(
    raw: dict[int, tuple[Decimal, Decimal, Decimal]], closing: Decimal, deposited: Decimal
) -> None:
    sums = {note: Totals(value, sd, vat, vat if note in (14, 15) else D(0)) for note, (value, sd, vat) in raw.items()}

    figures = _figures(sums=sums, balances=Balances(closing_vat=closing), deposits=Deposits(vat=deposited))

    net = (figures[9].vat or 0) - (figures[23].vat or 0) + (figures[28].amount or 0) - (figures[33].amount or 0)
    assert figures[34].amount == net
    assert figures[65].amount == deposited - (net - closing)
