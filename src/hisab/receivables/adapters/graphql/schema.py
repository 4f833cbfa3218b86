"""Receivables' part of the GraphQL schema: receipts and balances, and bank reconciliation."""

from __future__ import annotations

from hisab.edge.graphql import GraphQLPart, read_sdl
from hisab.receivables.adapters.graphql.bank import BANK_BINDABLES
from hisab.receivables.adapters.graphql.resolvers import RECEIVABLES_BINDABLES

_PACKAGE = __name__.rpartition(".")[0]
RECEIVABLES = GraphQLPart(
    type_defs=read_sdl(_PACKAGE, "schema.graphql") + "\n" + read_sdl(_PACKAGE, "bank.graphql"),
    bindables=RECEIVABLES_BINDABLES + BANK_BINDABLES,
)
