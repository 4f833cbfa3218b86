"""updateTenantSettings: change the tenant's own rules; the fields not given keep their values."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hisab.edge.context import Info
from hisab.edge.errors import fields_under
from hisab.edge.exact_numbers import exact_decimal
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.application.tenant_settings import (
    UpdateTenantSettings,
    get_tenant_settings,
    update_tenant_settings,
)
from hisab.taxpayer.domain.policy import ReturnFrequency, TenantPolicy

# A null switch keeps its value; a null limit is no limit.
_NULLABLE = frozenset({"note_max_invoice_age_days"})


async def resolve_update_tenant_settings(_: None, info: Info, input: dict[str, Any]) -> TenantPolicy:
    context = info.context
    taxpayer = context.services.get(Taxpayer)
    given = {name: value for name, value in input.items() if value is not None or name in _NULLABLE}
    if "write_off_tolerance" in given:
        given["write_off_tolerance"] = exact_decimal(given["write_off_tolerance"])
    if "vat_return_frequency" in given:
        given["vat_return_frequency"] = ReturnFrequency(given["vat_return_frequency"])
    with fields_under("input"):
        policy = replace(await get_tenant_settings(context.actor, taxpayer), **given)
    return await update_tenant_settings(UpdateTenantSettings(policy), context.actor, taxpayer)
