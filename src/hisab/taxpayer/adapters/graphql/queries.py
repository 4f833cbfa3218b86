"""Query resolvers of the tenant: its supplier profile and its settings."""

from __future__ import annotations

from ariadne import QueryType

from hisab.edge.context import Info
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.application.profiles import get_supplier_profile
from hisab.taxpayer.application.tenant_settings import get_tenant_settings
from hisab.taxpayer.application.views import SupplierProfileView
from hisab.taxpayer.domain.policy import TenantPolicy

query_type = QueryType()


@query_type.field("tenantSettings")
async def resolve_tenant_settings(_: None, info: Info) -> TenantPolicy:
    return await get_tenant_settings(info.context.actor, info.context.services.get(Taxpayer))


@query_type.field("supplierProfile")
async def resolve_supplier_profile(_: None, info: Info) -> SupplierProfileView | None:
    context = info.context
    return await get_supplier_profile(context.actor, context.services.get(Taxpayer))
