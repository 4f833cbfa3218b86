"""updateTenantSettings: change the tenant's own rules; the fields not given keep their values."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hisab.edge.context import Info
from hisab.kernel.errors import InvalidInputError
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.application.tenant_settings import (
    UpdateTenantSettings,
    get_tenant_settings,
    update_tenant_settings,
)
from hisab.taxpayer.domain.policy import TenantPolicy

_NULLABLE = frozenset({"note_max_invoice_age_days"})
MAX_NOTE_AGE_DAYS = 3650


async def resolve_update_tenant_settings(_: None, info: Info, input: dict[str, Any]) -> TenantPolicy:
    context = info.context
    taxpayer = context.services.get(Taxpayer)
    # A null switch keeps its value; a null limit is no limit.
    given = {name: value for name, value in input.items() if value is not None or name in _NULLABLE}
    limit = given.get("note_max_invoice_age_days")
    if limit is not None and not 0 <= limit <= MAX_NOTE_AGE_DAYS:
        raise InvalidInputError.single(
            "input.noteMaxInvoiceAgeDays", "range", f"the limit is 0 to {MAX_NOTE_AGE_DAYS} days, or null for none"
        )
    policy = replace(await get_tenant_settings(context.actor, taxpayer), **given)
    return await update_tenant_settings(UpdateTenantSettings(policy), context.actor, taxpayer)
