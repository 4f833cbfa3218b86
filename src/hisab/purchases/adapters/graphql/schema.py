"""Purchases' part of the GraphQL schema: bills received and the supplier's notes against them."""

from __future__ import annotations

from hisab.edge.graphql import GraphQLPart, read_sdl
from hisab.purchases.adapters.graphql.resolvers import PURCHASES_BINDABLES

_PACKAGE = __name__.rpartition(".")[0]
PURCHASES = GraphQLPart(type_defs=read_sdl(_PACKAGE, "schema.graphql"), bindables=PURCHASES_BINDABLES)
