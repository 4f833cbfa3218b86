"""Resolvers of the supplier profile's fields that are more than the view's own attributes.

`version`, `updatedBy` and the settings' `creatorMayApprove` are read by name (the schema is built
with `convert_names_case`); the rest is the profile inside the view, or derived from it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from ariadne import ObjectType

from hisab.edge.context import Info
from hisab.kernel.identifiers import format_bin
from hisab.kernel.money import Money
from hisab.taxpayer.application.views import SupplierProfileView
from hisab.taxpayer.domain.events import IssuingUnit
from hisab.taxpayer.domain.policy import TenantPolicy

supplier_profile_type = ObjectType("SupplierProfile")


@supplier_profile_type.field("name")
def resolve_name(view: SupplierProfileView, info: Info) -> str:
    return view.profile.name


@supplier_profile_type.field("bin")
def resolve_bin(view: SupplierProfileView, info: Info) -> str:
    return format_bin(view.profile.bin)


@supplier_profile_type.field("units")
def resolve_units(view: SupplierProfileView, info: Info) -> tuple[IssuingUnit, ...]:
    return view.profile.units


@supplier_profile_type.field("officerName")
def resolve_officer_name(view: SupplierProfileView, info: Info) -> str:
    return view.profile.officer_name


@supplier_profile_type.field("officerDesignation")
def resolve_officer_designation(view: SupplierProfileView, info: Info) -> str:
    return view.profile.officer_designation


@supplier_profile_type.field("updatedAt")
def resolve_updated_at(view: SupplierProfileView, info: Info) -> datetime:
    return view.updated_at.astimezone(UTC)


tenant_settings_type = ObjectType("TenantSettings")


@tenant_settings_type.field("writeOffTolerance")
def resolve_write_off_tolerance(policy: TenantPolicy, info: Info) -> Money:
    return Money(policy.write_off_tolerance)
