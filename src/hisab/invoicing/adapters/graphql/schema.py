"""Invoicing's part of the GraphQL schema."""

from __future__ import annotations

from hisab.edge.graphql import GraphQLPart, read_sdl
from hisab.invoicing.adapters.graphql.mutations import mutation_type
from hisab.invoicing.adapters.graphql.parties import PARTY_TYPES
from hisab.invoicing.adapters.graphql.queries import query_type
from hisab.invoicing.adapters.graphql.types import OUTPUT_TYPES

INVOICING = GraphQLPart(
    type_defs=read_sdl(__name__.rpartition(".")[0], "schema.graphql"),
    bindables=(query_type, mutation_type, *OUTPUT_TYPES, *PARTY_TYPES),
    entity_type_defs=read_sdl(__name__.rpartition(".")[0], "entities.graphql"),
)
