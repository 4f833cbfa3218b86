"""Receivables' part of the GraphQL schema: receipts and balances, then the ageing and the statements."""

from __future__ import annotations

from hisab.edge.graphql import GraphQLPart, read_sdl
from hisab.receivables.adapters.graphql.reports import REPORT_BINDABLES
from hisab.receivables.adapters.graphql.resolvers import RECEIVABLES_BINDABLES

_PACKAGE = __name__.rpartition(".")[0]
RECEIVABLES = GraphQLPart(
    type_defs=read_sdl(_PACKAGE, "schema.graphql") + "\n" + read_sdl(_PACKAGE, "reports.graphql"),
    bindables=RECEIVABLES_BINDABLES + REPORT_BINDABLES,
)
