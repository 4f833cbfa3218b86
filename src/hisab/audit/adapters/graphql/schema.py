"""The audit context's part of the GraphQL schema: the trail of audited reads."""

from __future__ import annotations

from hisab.audit.adapters.graphql.queries import AUDIT_BINDABLES
from hisab.edge.graphql import GraphQLPart, read_sdl

AUDIT = GraphQLPart(
    type_defs=read_sdl(__name__.rpartition(".")[0], "audit_trail.graphql"),
    bindables=AUDIT_BINDABLES,
)
