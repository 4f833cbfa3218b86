"""Which operation a request runs, in words that can label a metric.

A client names its operations freely, so that name is only a span attribute. The metric label
is the root fields the operation selects (`createThing`, `thing+things`), which the schema
bounds; fields the schema does not have are left out, so a mistyped query cannot add series.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphql import DocumentNode, FieldNode, GraphQLError, GraphQLSchema, OperationDefinitionNode

from hisab.api.graphql.caching import QueryParser

UNPARSED = "unparsed"


@dataclass(frozen=True, slots=True)
class OperationLabel:
    kind: str  # query, mutation, subscription, or `unparsed`
    fields: str  # the root fields selected, `+`-joined, or `none`
    name: str | None  # the client's own name for the operation


def describe(data: object, parser: QueryParser, schema: GraphQLSchema) -> OperationLabel:
    if not isinstance(data, dict):
        return OperationLabel(UNPARSED, "none", None)
    query, name = data.get("query"), data.get("operationName")
    name = name if isinstance(name, str) else None
    if not isinstance(query, str):
        return OperationLabel(UNPARSED, "none", name)
    try:
        document = parser(None, data)
    except GraphQLError:
        return OperationLabel(UNPARSED, "none", name)
    operation = _selected(document, name)
    if operation is None:
        return OperationLabel(UNPARSED, "none", name)
    root = schema.get_root_type(operation.operation)
    known = root.fields if root is not None else {}
    selected = sorted(
        {s.name.value for s in operation.selection_set.selections if isinstance(s, FieldNode)} & set(known)
    )
    named = operation.name.value if operation.name is not None else None
    return OperationLabel(operation.operation.value, "+".join(selected) or "none", named)


def _selected(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if len(operations) == 1 else None
    return next((o for o in operations if o.name is not None and o.name.value == name), None)
