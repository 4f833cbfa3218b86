"""The mutations of the tenant, one module each."""

from __future__ import annotations

from ariadne import MutationType

from hisab.taxpayer.adapters.graphql.set_supplier_profile import resolve_set_supplier_profile
from hisab.taxpayer.adapters.graphql.update_tenant_settings import resolve_update_tenant_settings

mutation_type = MutationType()
mutation_type.set_field("updateTenantSettings", resolve_update_tenant_settings)
mutation_type.set_field("setSupplierProfile", resolve_set_supplier_profile)
