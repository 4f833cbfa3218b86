"""Receivables' part of the GraphQL schema: receipts and balances, bank reconciliation, the ageing and the
statements."""

from __future__ import annotations

from hisab.edge.graphql import GraphQLPart, read_sdl
from hisab.receivables.adapters.graphql.bank import BANK_BINDABLES
from hisab.receivables.adapters.graphql.reports import REPORT_BINDABLES
from hisab.receivables.adapters.graphql.resolvers import RECEIVABLES_BINDABLES

_PACKAGE = __name__.rpartition(".")[0]
RECEIVABLES = GraphQLPart(
    type_defs="\n".join(read_sdl(_PACKAGE, name) for name in ("schema.graphql", "bank.graphql", "reports.graphql")),
    bindables=RECEIVABLES_BINDABLES + BANK_BINDABLES + REPORT_BINDABLES,
)
