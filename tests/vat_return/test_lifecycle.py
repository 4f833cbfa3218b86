"""A return's lifecycle: prepare, submit (checks, overrides, late), amend, deposits; every refusal."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from hisab.kernel.errors import ConflictError, IllegalTransitionError, InvalidInputError
from hisab.vat_return.adapters.calendar_file import load_tax_calendar
from hisab.vat_return.domain.checks import OUTPUT_VAT, CheckResult
from hisab.vat_return.domain.computation import Balances, Deposits, Totals, compute
from hisab.vat_return.domain.events import DepositKind, Override, VatReturnSubmitted
from hisab.vat_return.domain.lifecycle import DepositInput, Filing, Frozen, ReturnState, VatReturn
from hisab.vat_return.domain.periods import parse_period

D = Decimal
Q1 = parse_period("2026-27/Q1", load_tax_calendar())
NOW = Frozen(compute({4: Totals(D(1000), D(0), D(150))}, Balances(), Deposits()), 1, nil=False)
AT = datetime(2026, 10, 2, 5, 0, tzinfo=UTC)
PASSED = CheckResult(OUTPUT_VAT, True, D(150), D(150), "equal")
FAILED = CheckResult(OUTPUT_VAT, False, D(150), D(100), "output VAT differs")
DEPOSIT = DepositInput("VAT", "CH-2026-0001", date(2026, 10, 10), D("150.5"), "1/1133/0015/0311")


def _prepared() -> VatReturn:
    state = VatReturn("2026-27/Q1")
    state.apply(state.prepare(Q1, NOW, AT, "user-1"))
    return state


def _submit(state: VatReturn, **changes: object) -> VatReturnSubmitted:
    arguments: dict[str, object] = {
        "reference": "NBR-9.1-0001",
        "submitted_at": datetime(2026, 10, 12, 5, 0, tzinfo=UTC),
        "period": Q1,
        "due_on": date(2026, 10, 15),
        "now": NOW,
        "checks": [PASSED],
        "overrides": (),
        "by": "user-1",
    }
    arguments.update(changes)
    return state.submit(**arguments)  # type: ignore[arg-type]


def _submitted() -> VatReturn:
    state = _prepared()
    state.apply(_submit(state))
    return state


def _rules(error: InvalidInputError) -> list[tuple[str, str]]:
    return [(v.field, v.rule) for v in error.violations]


def test_preparing_freezes_the_figures_and_preparing_again_replaces_them() -> None:
    state = _prepared()
    later = Frozen(compute({4: Totals(D(2000), D(0), D(300))}, Balances(), Deposits()), 2, nil=False)

    state.apply(state.prepare(Q1, later, AT, "user-2"))

    assert (state.state, state.frozen, state.prepared_by) == (ReturnState.PREPARED, later, "user-2")


def test_a_return_submitted_by_its_due_date_is_an_original_one_and_keeps_its_checks() -> None:
    state = _prepared()

    event = _submit(state)
    state.apply(event)

    assert (state.state, state.filing, state.submission_reference) == (
        ReturnState.SUBMITTED, Filing.ORIGINAL, "NBR-9.1-0001",
    )  # fmt: skip
    assert [(c.name, c.passed) for c in event.checks] == [(OUTPUT_VAT, True)]


def test_a_return_submitted_after_its_due_date_is_late() -> None:
    # 16 October in Dhaka (the due date was the 15th).
    event = _submit(_prepared(), submitted_at=datetime(2026, 10, 15, 18, 30, tzinfo=UTC))

    assert event.return_type == Filing.LATE.value


def test_a_return_without_a_draft_is_not_submitted() -> None:
    with pytest.raises(IllegalTransitionError, match="prepare it first"):
        _submit(VatReturn("2026-27/Q1"))


def test_a_draft_whose_figures_changed_must_be_prepared_again() -> None:
    changed = Frozen(compute({4: Totals(D(1000), D(0), D(151))}, Balances(), Deposits()), 1, nil=False)

    with pytest.raises(ConflictError, match="prepare it again"):
        _submit(_prepared(), now=changed)


def test_a_failed_check_blocks_the_submission_unless_overridden_with_a_reason() -> None:
    with pytest.raises(InvalidInputError) as refused:
        _submit(_prepared(), checks=[FAILED])
    assert _rules(refused.value) == [("overrides", "check_failed")]

    override = Override(OUTPUT_VAT, "  The journal of 30 September is posted in October  ")
    event = _submit(_prepared(), checks=[FAILED], overrides=(override,))
    assert event.overrides == (Override(OUTPUT_VAT, "The journal of 30 September is posted in October"),)


def test_an_override_names_a_check_and_gives_a_reason() -> None:
    overrides = (Override("no_such_check", "because"), Override(OUTPUT_VAT, "  "))

    with pytest.raises(InvalidInputError) as refused:
        _submit(_prepared(), checks=[FAILED], overrides=overrides)

    assert _rules(refused.value) == [("overrides[0].check", "unknown_check"), ("overrides[1].reason", "required")]


def test_a_submission_needs_its_reference_and_a_time_after_the_period() -> None:
    with pytest.raises(InvalidInputError) as refused:
        _submit(_prepared(), reference=" ", submitted_at=datetime(2026, 9, 30, 5, 0, tzinfo=UTC))

    assert _rules(refused.value) == [("submission_reference", "required"), ("submitted_at", "after_period_end")]


def test_a_submitted_return_is_neither_prepared_nor_submitted_again() -> None:
    state = _submitted()

    with pytest.raises(IllegalTransitionError, match="amend it instead"):
        state.prepare(Q1, NOW, AT, "user-1")
    with pytest.raises(IllegalTransitionError, match="already submitted"):
        _submit(state)


def test_an_amendment_records_a_new_snapshot_as_an_amended_return() -> None:
    state = _submitted()
    later = Frozen(compute({4: Totals(D(1000), D(0), D(160))}, Balances(), Deposits()), 2, nil=False)

    state.apply(
        state.amend("A supplier's 6.3 was keyed wrong", "NBR-9.1-0002", datetime(2026, 11, 1, tzinfo=UTC), Q1, later,
                    "user-1")
    )  # fmt: skip

    assert (state.state, state.filing, state.amendments, state.frozen) == (
        ReturnState.AMENDED,
        Filing.AMENDED,
        1,
        later,
    )


def test_only_a_submitted_return_is_amended_and_an_amendment_needs_its_reason() -> None:
    with pytest.raises(IllegalTransitionError, match="only a submitted return"):
        _prepared().amend("reason", "NBR-2", datetime(2026, 11, 1, tzinfo=UTC), Q1, NOW, "user-1")
    with pytest.raises(InvalidInputError) as refused:
        _submitted().amend("", "NBR-2", datetime(2026, 10, 11, tzinfo=UTC), Q1, NOW, "user-1")
    assert _rules(refused.value) == [("reason", "required"), ("submitted_at", "after_submission")]


def test_a_deposit_is_recorded_to_the_paisa_in_any_state() -> None:
    for state in (VatReturn("2026-27/Q1"), _submitted()):
        event = state.record_deposit("dep-1", DEPOSIT, date(2026, 10, 20))

        assert (event.kind, event.amount, str(event.amount), event.account_code) == (
            DepositKind.VAT, D("150.50"), "150.50", "1/1133/0015/0311",
        )  # fmt: skip


def test_a_deposit_is_refused_naming_every_field_it_gets_wrong() -> None:
    wrong = DepositInput("VDS", " ", date(2026, 10, 21), D("0.001"), "11-33")

    with pytest.raises(InvalidInputError) as refused:
        VatReturn("2026-27/Q1").record_deposit("dep-1", wrong, date(2026, 10, 20))

    assert _rules(refused.value) == [
        ("kind", "deposit_kind"), ("challan_number", "required"), ("date", "not_in_future"), ("amount", "amount"),
        ("code", "treasury_code"),
    ]  # fmt: skip


def test_a_challan_is_recorded_once() -> None:
    state = VatReturn("2026-27/Q1")
    state.apply(state.record_deposit("dep-1", DEPOSIT, date(2026, 10, 20)))

    with pytest.raises(InvalidInputError) as refused:
        state.record_deposit("dep-2", replace(DEPOSIT, challan_number=" CH-2026-0001 "), date(2026, 10, 20))

    assert _rules(refused.value) == [("challan_number", "duplicate_challan")]
    assert state.record_deposit("dep-3", replace(DEPOSIT, kind="SD"), date(2026, 10, 20)).kind is DepositKind.SD
