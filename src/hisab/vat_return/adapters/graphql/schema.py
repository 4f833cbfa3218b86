"""The VAT return's part of the GraphQL schema. The registers' part joins it: its SDL file in
`_SDL_FILES` and its bindables added to VAT_RETURN_BINDABLES (a tuple each part extends)."""

from __future__ import annotations

from ariadne.types import SchemaBindable

from hisab.edge.graphql import GraphQLPart, read_sdl
from hisab.vat_return.adapters.graphql.returns import RETURN_BINDABLES

_PACKAGE = __name__.rpartition(".")[0]
_SDL_FILES = ("returns.graphql",)
VAT_RETURN_BINDABLES: tuple[SchemaBindable, ...] = (*RETURN_BINDABLES,)
VAT_RETURN = GraphQLPart(
    type_defs="\n".join(read_sdl(_PACKAGE, name) for name in _SDL_FILES), bindables=VAT_RETURN_BINDABLES
)
