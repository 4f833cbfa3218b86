"""The books' part of the GraphQL schema."""

from __future__ import annotations

from hisab.edge.graphql import GraphQLPart, read_sdl
from hisab.ledger.adapters.graphql.resolvers import RESOLVER_BINDABLES
from hisab.ledger.adapters.graphql.types import TYPE_BINDABLES

_PACKAGE = __name__.rpartition(".")[0]

LEDGER = GraphQLPart(type_defs=read_sdl(_PACKAGE, "schema.graphql"), bindables=(*RESOLVER_BINDABLES, *TYPE_BINDABLES))
