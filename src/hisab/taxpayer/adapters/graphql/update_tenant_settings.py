"""updateTenantSettings: change the tenant's own rules (segregation of duties)."""

from __future__ import annotations

from typing import Any

from hisab.edge.context import Info
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.application.tenant_settings import UpdateTenantSettings, update_tenant_settings
from hisab.taxpayer.domain.policy import TenantPolicy


async def resolve_update_tenant_settings(_: None, info: Info, input: dict[str, Any]) -> TenantPolicy:
    context = info.context
    policy = TenantPolicy(creator_may_approve=input["creator_may_approve"])
    return await update_tenant_settings(UpdateTenantSettings(policy), context.actor, context.services.get(Taxpayer))
