"""setSupplierProfile: replace the tenant's registered-person profile (an admin's task)."""

from __future__ import annotations

from typing import Any

from hisab.edge.context import Info
from hisab.edge.errors import fields_under
from hisab.taxpayer.application.commands import SetSupplierProfile
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.application.profiles import set_supplier_profile
from hisab.taxpayer.application.views import SupplierProfileView
from hisab.taxpayer.domain.supplier import ProfileInput, UnitInput


async def resolve_set_supplier_profile(_: None, info: Info, input: dict[str, Any]) -> SupplierProfileView:
    context = info.context
    profile = ProfileInput(
        name=input["name"],
        bin=input["bin"],
        units=tuple(UnitInput(unit["code"], unit["name"], unit["address"]) for unit in input["units"]),
        officer_name=input["officer_name"],
        officer_designation=input["officer_designation"],
    )
    with fields_under("input"):
        return await set_supplier_profile(SetSupplierProfile(profile), context.actor, context.services.get(Taxpayer))
