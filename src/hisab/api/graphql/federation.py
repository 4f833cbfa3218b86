"""An Apollo Federation v2 subgraph: the contexts' schema, plus `_service` and `_entities`.

Ariadne's `make_federated_schema` cannot build it: it adds federation's `@requires(fields:)`,
which clashes with our access directive `@requires(permission:)`, and its `_entities` tags each
value by setting an attribute, which our frozen, slotted views refuse. So the pieces are put
together here; Ariadne's `FederatedObjectType` still holds each entity's reference resolver.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ariadne import ObjectType
from ariadne.types import Resolver
from ariadne.utils import type_get_extension
from graphql import (
    REMOVE,
    DirectiveDefinitionNode,
    DirectiveNode,
    DocumentNode,
    GraphQLNamedType,
    GraphQLUnionType,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    SchemaExtensionNode,
    Visitor,
    parse,
    print_ast,
    visit,
)

from hisab.api.graphql.limits import MAX_LIST_ITEMS
from hisab.edge.context import Info
from hisab.edge.graphql import GraphQLPart, read_sdl
from hisab.edge.permissions import REFERENCE_RESOLVER
from hisab.kernel.errors import InvalidInputError

FEDERATION_TYPE_DEFS = read_sdl("hisab.api.graphql", "federation.graphql")
# As many as the longest page of a list: each representation may cost a database read.
MAX_REPRESENTATIONS = MAX_LIST_ITEMS
_ACCESS_DIRECTIVE = "requires"


def subgraph_part(parts: Sequence[GraphQLPart]) -> GraphQLPart:
    """What makes the parts' schema a subgraph: federation's types, the entities' keys, the two fields."""
    entity_type_defs = [part.entity_type_defs for part in parts if part.entity_type_defs]
    entities = _entity_names(parse("\n".join(entity_type_defs))) if entity_type_defs else []
    type_defs = [FEDERATION_TYPE_DEFS, *entity_type_defs]
    query = ObjectType("Query")
    sdl = subgraph_sdl([*(part.type_defs for part in parts), *entity_type_defs])
    query.set_field("_service", lambda *_: {"sdl": sdl})
    if entities:
        type_defs.append(
            f"union _Entity = {' | '.join(entities)}\n"
            "extend type Query {\n"
            f'  "The entities the representations name, in their order (at most {MAX_REPRESENTATIONS});'
            ' null for one this caller cannot see."\n'
            "  _entities(representations: [_Any!]!): [_Entity]!\n"
            "}\n"
        )
        query.set_field("_entities", resolve_entities)
    return GraphQLPart(type_defs="\n".join(type_defs), bindables=(query,))


def subgraph_sdl(type_defs: Sequence[str]) -> str:
    """The SDL `_service` publishes: the contexts' own, under federation's `@link`.

    Our `@requires(permission:)` is left out: this subgraph enforces it, a gateway has no use for
    it, and it bears the name of federation's own `@requires(fields:)`, which a Federation 1 tool
    (where that one needs no import) or a reader of the supergraph would take it for.
    """
    link = [d for d in parse(FEDERATION_TYPE_DEFS).definitions if isinstance(d, SchemaExtensionNode)]
    document = parse("\n".join(type_defs))
    published = DocumentNode(definitions=(*link, *document.definitions))
    return print_ast(visit(published, _WithoutAccessDirective()))


def resolve_entities(_: None, info: Info, representations: list[Any]) -> list[object]:
    """Each representation resolved by its type's reference resolver (awaited by graphql-core).

    Every representation is checked before any is resolved: a refused one must not leave the
    others' coroutines unawaited.
    """
    if len(representations) > MAX_REPRESENTATIONS:
        message = f"at most {MAX_REPRESENTATIONS} representations are resolved in one request"
        raise InvalidInputError.single("representations", "max_items", message)
    resolvers = [
        _reference_resolver(info, index, representation) for index, representation in enumerate(representations)
    ]
    return [
        resolve(graphql_type, info, representation)
        for (graphql_type, resolve), representation in zip(resolvers, representations, strict=True)
    ]


def _reference_resolver(info: Info, index: int, representation: object) -> tuple[GraphQLNamedType, Resolver]:
    entities = info.schema.get_type("_Entity")
    assert isinstance(entities, GraphQLUnionType)
    typename = representation.get("__typename") if isinstance(representation, dict) else None
    graphql_type = info.schema.get_type(typename) if isinstance(typename, str) else None
    entity = graphql_type if graphql_type in entities.types else None
    resolve = type_get_extension(entity, REFERENCE_RESOLVER) if entity is not None else None
    if entity is None or resolve is None:
        message = "each representation is an object with the __typename of an entity of this subgraph"
        raise InvalidInputError.single(f"representations[{index}].__typename", "entity_type", message)
    return entity, resolve


def _entity_names(document: DocumentNode) -> list[str]:
    return [
        definition.name.value
        for definition in document.definitions
        if isinstance(definition, ObjectTypeDefinitionNode | ObjectTypeExtensionNode)
        and any(directive.name.value == "key" for directive in definition.directives or ())
    ]


class _WithoutAccessDirective(Visitor):
    def enter_directive(self, node: DirectiveNode, *_args: Any) -> Any:
        return REMOVE if node.name.value == _ACCESS_DIRECTIVE else None

    def enter_directive_definition(self, node: DirectiveDefinitionNode, *_args: Any) -> Any:
        return REMOVE if node.name.value == _ACCESS_DIRECTIVE else None
