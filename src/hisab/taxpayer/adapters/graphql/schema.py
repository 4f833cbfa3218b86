"""The taxpayer's part of the GraphQL schema: the supplier profile and the tenant's settings."""

from __future__ import annotations

from hisab.edge.graphql import GraphQLPart, read_sdl
from hisab.taxpayer.adapters.graphql.approval_policy import POLICY_BINDABLES
from hisab.taxpayer.adapters.graphql.mutations import mutation_type
from hisab.taxpayer.adapters.graphql.queries import query_type
from hisab.taxpayer.adapters.graphql.types import supplier_profile_type, tenant_settings_type

_PACKAGE = __name__.rpartition(".")[0]

TAXPAYER = GraphQLPart(
    type_defs="\n".join(read_sdl(_PACKAGE, name) for name in ("schema.graphql", "approval_policy.graphql")),
    bindables=(query_type, mutation_type, supplier_profile_type, tenant_settings_type, *POLICY_BINDABLES),
)
