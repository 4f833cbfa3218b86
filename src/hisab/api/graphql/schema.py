"""The executable schema: the contexts' parts joined, every resolver bound, every root field guarded.

A context joins the schema with its part's line in PARTS (and the import that names it).
"""

from __future__ import annotations

from ariadne import SchemaDirectiveVisitor, make_executable_schema
from graphql import GraphQLSchema

from hisab.api.graphql.base import BASE
from hisab.api.graphql.federation import subgraph_part
from hisab.audit.adapters.graphql.schema import AUDIT
from hisab.edge.graphql import GraphQLPart
from hisab.edge.permissions import RequiresDirective, ensure_every_root_field_declares_a_permission
from hisab.invoicing.adapters.graphql.schema import INVOICING
from hisab.ledger.adapters.graphql.schema import LEDGER
from hisab.purchases.adapters.graphql.payments import PAYMENTS
from hisab.purchases.adapters.graphql.schema import PURCHASES
from hisab.receivables.adapters.graphql.schema import RECEIVABLES
from hisab.taxpayer.adapters.graphql.schema import TAXPAYER
from hisab.vat_return.adapters.graphql.registers import REGISTERS
from hisab.vat_return.adapters.graphql.schema import VAT_RETURN

PARTS: tuple[GraphQLPart, ...] = (
    BASE,
    INVOICING,
    TAXPAYER,
    AUDIT,
    RECEIVABLES,
    LEDGER,
    PURCHASES,
    PAYMENTS,
    REGISTERS,
    VAT_RETURN,
)

# Ariadne types its visitors as a Protocol, which mypy will not take as a class; ours is concrete.
_DIRECTIVES: dict[str, type[SchemaDirectiveVisitor]] = {"requires": RequiresDirective}  # type: ignore[type-abstract]


def build_schema(*, federation: bool) -> GraphQLSchema:
    """The schema of every part; with `federation`, an Apollo Federation v2 subgraph's."""
    parts = (*PARTS, subgraph_part(PARTS)) if federation else PARTS
    schema = make_executable_schema(
        [part.type_defs for part in parts],
        *(bindable for part in parts for bindable in part.bindables),
        directives=_DIRECTIVES,
        # Fields and arguments read their snake_case Python names; only derived fields have resolvers.
        convert_names_case=True,
    )
    ensure_every_root_field_declares_a_permission(schema)
    return schema
