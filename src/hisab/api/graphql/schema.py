"""The executable schema: the SDL with every resolver bound to it."""

from __future__ import annotations

from ariadne import make_executable_schema
from graphql import GraphQLSchema

from hisab.api.graphql.mutations import mutation_type
from hisab.api.graphql.queries import query_type
from hisab.api.graphql.scalars import date_scalar, datetime_scalar
from hisab.api.graphql.sdl import TYPE_DEFS
from hisab.api.graphql.types import OUTPUT_TYPES


def build_schema() -> GraphQLSchema:
    return make_executable_schema(TYPE_DEFS, query_type, mutation_type, date_scalar, datetime_scalar, *OUTPUT_TYPES)
