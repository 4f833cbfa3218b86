"""One context's share of the GraphQL schema (the schema is the sum of the contexts'), and its entities."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

from ariadne.contrib.federation import FederatedObjectType
from ariadne.types import SchemaBindable
from graphql import GraphQLObjectType, GraphQLSchema


@dataclass(frozen=True, slots=True)
class GraphQLPart:
    """The SDL a context adds, the Python bound to it, and what it adds to a federated schema only.

    `entity_type_defs` marks the context's entities, e.g. `extend type Order @key(fields: "id")`:
    kept apart so that a schema built without federation is exactly the one clients always had.
    """

    type_defs: str
    bindables: tuple[SchemaBindable, ...] = ()
    entity_type_defs: str = ""


def read_sdl(package: str, name: str) -> str:
    """A `.graphql` file shipped inside a package (pyproject.toml's package-data lists them)."""
    return files(package).joinpath(name).read_text(encoding="utf-8")


class EntityType(FederatedObjectType):
    """An object type other subgraphs reference by key, whose values are all `value_type`.

    The `_Entity` union asks each of its types whether a value is one of its own; Ariadne's way,
    a `__typename` attribute set on the value, does not work on a frozen dataclass.
    """

    def __init__(self, name: str, value_type: type[object]) -> None:
        super().__init__(name)
        self._value_type = value_type

    def bind_to_schema(self, schema: GraphQLSchema) -> None:
        super().bind_to_schema(schema)
        graphql_type = schema.type_map[self.name]
        assert isinstance(graphql_type, GraphQLObjectType)
        value_type = self._value_type
        graphql_type.is_type_of = lambda value, _info: isinstance(value, value_type)
