from __future__ import annotations

import pytest

from hisab.kernel.errors import InvalidInputError
from hisab.taxpayer.domain.events import IssuingUnit, SupplierProfileSet
from hisab.taxpayer.domain.supplier import (
    ProfileInput,
    SupplierProfile,
    UnitInput,
    is_profile_stream,
    profile_stream_id,
    validate_profile,
)

HEAD_OFFICE = UnitInput("HO", "Head office", "12 Motijheel C/A\nDhaka 1000")
PROFILE = ProfileInput("Karim Steel Ltd", "002871821-0101", (HEAD_OFFICE,), "Abdul Karim", "Managing Director")


def _violations(profile: ProfileInput) -> set[tuple[str, str]]:
    with pytest.raises(InvalidInputError) as error:
        validate_profile(profile)
    return {(v.field, v.rule) for v in error.value.violations}


def test_a_valid_profile_becomes_one_event_with_the_bin_stored_as_13_digits() -> None:
    assert validate_profile(PROFILE) == SupplierProfileSet(
        "Karim Steel Ltd",
        "0028718210101",
        (IssuingUnit("HO", "Head office", "12 Motijheel C/A\nDhaka 1000"),),
        "Abdul Karim",
        "Managing Director",
    )


def test_every_problem_of_a_profile_is_named_at_once() -> None:
    bad = ProfileInput(" ", "123456789", (UnitInput("H O", "", "x"), UnitInput("H O", "Branch", "y")), "", "MD")

    assert _violations(bad) == {
        ("name", "required"),
        ("bin", "bin_outdated"),
        ("units[0].code", "unit_code_format"),
        ("units[0].name", "required"),
        ("units[1].code", "unit_code_format"),
        ("units", "unique_code"),
        ("officer_name", "required"),
    }


def test_a_profile_needs_an_issuing_unit() -> None:
    assert _violations(ProfileInput("A", "0028718210101", (), "B", "C")) == {("units", "min_units")}


def test_the_last_event_is_the_profile_and_units_are_found_by_code() -> None:
    first = validate_profile(PROFILE)
    second = validate_profile(ProfileInput("Karim Steel PLC", "0028718210101", (HEAD_OFFICE,), "Rahima", "Director"))

    profile = SupplierProfile.from_events([first, second])

    assert profile is not None
    assert (profile.name, profile.officer_name) == ("Karim Steel PLC", "Rahima")
    assert profile.unit("HO") == IssuingUnit("HO", "Head office", "12 Motijheel C/A\nDhaka 1000")
    assert profile.unit("CTG") is None
    assert SupplierProfile.from_events([]) is None


def test_profile_streams_are_per_tenant_and_recognisable() -> None:
    assert profile_stream_id("tenant-a") != profile_stream_id("tenant-b")
    assert is_profile_stream(profile_stream_id("tenant-a"))
    assert not is_profile_stream("0b7c6a8e-1d2f-4c1e-9a55-3f1c2d4e5f60")
