"""One context's share of the GraphQL schema, so that the schema is the sum of the contexts'."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

from ariadne.types import SchemaBindable


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
