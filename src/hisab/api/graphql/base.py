"""The part of the schema every context builds on: the access directive, scalars, Money, PageInfo."""

from __future__ import annotations

from hisab.api.graphql.money import language_enum, money_type
from hisab.api.graphql.scalars import date_scalar, datetime_scalar
from hisab.edge.graphql import GraphQLPart, read_sdl

BASE = GraphQLPart(
    type_defs=read_sdl("hisab.api.graphql", "base.graphql"),
    bindables=(date_scalar, datetime_scalar, language_enum, money_type),
)
