"""The audit trail's rules: whose reads are kept, each record once, and a filter that names its bad fields."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hisab.audit.domain.reads import (
    MAX_USER_LENGTH,
    AuditFilter,
    RecordRead,
    distinct_records,
    is_audited,
    validate_filter,
)
from hisab.kernel.errors import InvalidInputError

AUDITED = frozenset({"vat_officer"})
NOON = datetime(2026, 12, 2, 6, 0, tzinfo=UTC)


def _violations(raw: AuditFilter) -> set[tuple[str, str]]:
    with pytest.raises(InvalidInputError) as raised:
        validate_filter(raw)
    return {(v.field, v.rule) for v in raised.value.violations}


def test_a_reader_with_any_audited_role_is_audited() -> None:
    assert is_audited(("viewer", "vat_officer"), AUDITED)
    assert not is_audited(("admin", "clerk"), AUDITED)
    assert not is_audited((), AUDITED)
    assert not is_audited(("vat_officer",), frozenset())


def test_a_record_read_twice_in_one_read_is_kept_once_sorted_by_kind_and_id() -> None:
    a, b, c = RecordRead("Invoice", "b"), RecordRead("Party", "a"), RecordRead("Invoice", "a")

    assert distinct_records([b, a, b, c, RecordRead("Invoice", "b")]) == (c, a, b)


@given(st.lists(st.sampled_from([RecordRead("Invoice", str(n)) for n in range(5)])))
def test_distinct_records_keep_every_record_read_and_no_other(records: list[RecordRead]) -> None:
    kept = distinct_records(records)

    assert set(kept) == set(records)
    assert len(kept) == len(set(records))


def test_a_filter_from_after_to_names_to_and_its_rule() -> None:
    assert _violations(AuditFilter(read_from=NOON, read_to=NOON - timedelta(microseconds=1))) == {
        ("to", "not_before_from")
    }


def test_a_span_of_one_moment_and_open_ends_are_fine() -> None:
    assert validate_filter(AuditFilter(read_from=NOON, read_to=NOON)) == AuditFilter(None, NOON, NOON)
    assert validate_filter(AuditFilter(read_from=NOON)) == AuditFilter(None, NOON, None)
    assert validate_filter(AuditFilter()) == AuditFilter()


def test_the_user_is_trimmed_and_must_be_plain_text_of_some_length() -> None:
    assert validate_filter(AuditFilter(user_id="  officer-1 ")).user_id == "officer-1"
    assert _violations(AuditFilter(user_id="   ")) == {("user", "required")}
    assert _violations(AuditFilter(user_id="a\x00b")) == {("user", "control_characters")}
    assert _violations(AuditFilter(user_id="u" * (MAX_USER_LENGTH + 1))) == {("user", "max_length")}


def test_every_problem_is_named_at_once() -> None:
    raw = AuditFilter(user_id="", read_from=NOON, read_to=NOON - timedelta(days=1))

    assert _violations(raw) == {("user", "required"), ("to", "not_before_from")}
