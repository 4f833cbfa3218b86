"""Receivables' part of the GraphQL schema."""

from __future__ import annotations

from hisab.edge.graphql import GraphQLPart, read_sdl
from hisab.receivables.adapters.graphql.resolvers import RECEIVABLES_BINDABLES

RECEIVABLES = GraphQLPart(
    type_defs=read_sdl(__name__.rpartition(".")[0], "schema.graphql"), bindables=RECEIVABLES_BINDABLES
)
