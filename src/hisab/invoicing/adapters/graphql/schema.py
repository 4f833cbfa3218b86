"""Invoicing's part of the GraphQL schema."""

from __future__ import annotations

from hisab.edge.graphql import GraphQLPart, read_sdl
from hisab.invoicing.adapters.graphql.approvals import APPROVAL_BINDABLES
from hisab.invoicing.adapters.graphql.items import ITEM_BINDABLES
from hisab.invoicing.adapters.graphql.mutations import mutation_type
from hisab.invoicing.adapters.graphql.notes import NOTE_BINDABLES
from hisab.invoicing.adapters.graphql.parties import PARTY_TYPES
from hisab.invoicing.adapters.graphql.queries import query_type
from hisab.invoicing.adapters.graphql.types import OUTPUT_TYPES

_PACKAGE = __name__.rpartition(".")[0]
# The masters' SDL lives in files of their own beside the invoices'.
_SDL_FILES = ("schema.graphql", "items.graphql", "approvals.graphql", "notes.graphql")

INVOICING = GraphQLPart(
    type_defs="\n".join(read_sdl(_PACKAGE, name) for name in _SDL_FILES),
    bindables=(
        query_type,
        mutation_type,
        *OUTPUT_TYPES,
        *PARTY_TYPES,
        *ITEM_BINDABLES,
        *APPROVAL_BINDABLES,
        *NOTE_BINDABLES,
    ),
    entity_type_defs=read_sdl(_PACKAGE, "entities.graphql"),
)
