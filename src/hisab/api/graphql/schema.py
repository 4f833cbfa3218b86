"""The executable schema: the SDL with every resolver bound to it and every root field guarded."""

from __future__ import annotations

from ariadne import SchemaDirectiveVisitor, make_executable_schema
from graphql import GraphQLSchema

from hisab.access.adapters.permissions import RequiresDirective, ensure_every_root_field_declares_a_permission
from hisab.api.graphql.mutations import mutation_type
from hisab.api.graphql.scalars import date_scalar, datetime_scalar
from hisab.api.graphql.sdl import TYPE_DEFS
from hisab.invoicing.adapters.graphql.queries import query_type
from hisab.invoicing.adapters.graphql.types import OUTPUT_TYPES

# Ariadne types its visitors as a Protocol, which mypy will not take as a class; ours is concrete.
_DIRECTIVES: dict[str, type[SchemaDirectiveVisitor]] = {"requires": RequiresDirective}  # type: ignore[type-abstract]


def build_schema() -> GraphQLSchema:
    schema = make_executable_schema(
        TYPE_DEFS,
        query_type,
        mutation_type,
        date_scalar,
        datetime_scalar,
        *OUTPUT_TYPES,
        directives=_DIRECTIVES,
    )
    ensure_every_root_field_declares_a_permission(schema)
    return schema
