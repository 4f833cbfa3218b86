"""The approval policy's rules: how many levels a grand total needs, at every boundary, and what a policy may say."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hisab.kernel.errors import IllegalTransitionError, InvalidInputError
from hisab.taxpayer.domain.approval_policy import ApprovalPolicy, LevelInput, validate_policy
from hisab.taxpayer.domain.events import ApprovalLevel

ROLES = frozenset({"approver", "manager", "cfo", "admin"})
LAKH, TEN_LAKH = Decimal("100000.00"), Decimal("1000000.00")
POLICY = ApprovalPolicy(
    (ApprovalLevel("approver", LAKH), ApprovalLevel("manager", TEN_LAKH), ApprovalLevel("cfo", None))
)
PAISA = Decimal("0.01")


def _roles(amount: Decimal, policy: ApprovalPolicy = POLICY) -> list[str]:
    return [level.role for level in policy.levels_for(amount)]


@pytest.mark.parametrize(
    ("amount", "roles"),
    [
        (Decimal("0.00"), ["approver"]),
        (LAKH, ["approver"]),
        (LAKH + PAISA, ["approver", "manager"]),
        (TEN_LAKH, ["approver", "manager"]),
        (TEN_LAKH + PAISA, ["approver", "manager", "cfo"]),
        (Decimal("9999999999.99"), ["approver", "manager", "cfo"]),
    ],
)
def test_an_invoice_needs_every_level_up_to_the_first_that_covers_it(amount: Decimal, roles: list[str]) -> None:
    assert _roles(amount) == roles


@given(st.decimals(min_value=0, max_value=10**9, places=2))
def test_the_levels_needed_are_the_fewest_whose_last_bound_covers_the_amount(amount: Decimal) -> None:
    needed = POLICY.levels_for(amount)
    last = needed[-1].up_to
    assert last is None or amount <= last
    if len(needed) > 1:
        before = needed[-2].up_to
        assert before is not None
        assert amount > before


def test_an_amount_above_every_bound_of_a_closed_policy_cannot_be_submitted() -> None:
    closed = ApprovalPolicy((ApprovalLevel("approver", LAKH),))
    assert _roles(LAKH, closed) == ["approver"]
    with pytest.raises(IllegalTransitionError, match="above the approval policy's highest level"):
        closed.levels_for(LAKH + PAISA)


def test_a_valid_policy_keeps_its_amounts_to_the_paisa() -> None:
    event = validate_policy([LevelInput(" approver ", Decimal(100000)), LevelInput("cfo", None)], ROLES)
    assert event.levels == (ApprovalLevel("approver", LAKH), ApprovalLevel("cfo", None))


def test_no_levels_clears_the_policy() -> None:
    assert validate_policy([], ROLES).levels == ()
    assert not ApprovalPolicy.from_events(
        [validate_policy([LevelInput("cfo", None)], ROLES), validate_policy([], ROLES)]
    ).in_force


def _violations(levels: list[LevelInput]) -> set[tuple[str, str]]:
    with pytest.raises(InvalidInputError) as raised:
        validate_policy(levels, ROLES)
    return {(v.field, v.rule) for v in raised.value.violations}


def test_every_broken_rule_is_named_with_its_field_path() -> None:
    found = _violations(
        [
            LevelInput("clerk", Decimal(100)),
            LevelInput("approver", Decimal(100)),
            LevelInput("approver", Decimal("200.001")),
            LevelInput("manager", None),
            LevelInput(" ", Decimal(-1)),
        ]
    )
    assert found == {
        ("levels[0].role", "approving_role"),
        ("levels[1].up_to", "ascending"),
        ("levels[2].role", "distinct"),
        ("levels[2].up_to", "money"),
        ("levels[3].up_to", "required"),
        ("levels[4].role", "required"),
        ("levels[4].up_to", "non_negative"),
    }


def test_a_policy_has_at_most_ten_levels() -> None:
    many = [LevelInput("approver", Decimal(n)) for n in range(11)]
    assert ("levels", "max_levels") in _violations(many)
