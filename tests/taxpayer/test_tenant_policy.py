"""A tenant's own rules: the limit on how old an invoice a credit or debit note adjusts may be."""

from __future__ import annotations

import pytest

from hisab.kernel.errors import InvalidInputError
from hisab.taxpayer.domain.policy import MAX_NOTE_AGE_DAYS, TenantPolicy


def test_notes_have_no_age_limit_unless_the_tenant_sets_one() -> None:
    assert TenantPolicy().note_max_invoice_age_days is None


@pytest.mark.parametrize("days", [0, 180, MAX_NOTE_AGE_DAYS])
def test_a_limit_from_zero_to_ten_years_is_kept(days: int) -> None:
    assert TenantPolicy(note_max_invoice_age_days=days).note_max_invoice_age_days == days


@pytest.mark.parametrize("days", [-1, MAX_NOTE_AGE_DAYS + 1])
def test_a_limit_outside_zero_to_ten_years_is_refused_naming_the_setting(days: int) -> None:
    with pytest.raises(InvalidInputError) as refused:
        TenantPolicy(note_max_invoice_age_days=days)
    assert [(v.field, v.rule) for v in refused.value.violations] == [("note_max_invoice_age_days", "range")]
