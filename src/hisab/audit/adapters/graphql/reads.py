"""What one query of an audited caller read: its root fields with their arguments, and its records.

A `ReadCollector` is graphql-core middleware for one operation. It notes each root field as it
is asked (introspection's `__` fields aside), with the arguments as the client wrote them and
the variables resolved, and each record as it is resolved. A record is an object whose type has
an `id` field, reached from an object whose type has none: the value of `invoice(id)`, or a
connection's `node`. What lies inside a record (an invoice's lines) is part of that record's read.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from inspect import isawaitable
from typing import Any

from graphql import (
    GraphQLAbstractType,
    GraphQLField,
    GraphQLObjectType,
    Undefined,
    get_named_type,
    value_from_ast_untyped,
)
from graphql.language import OperationDefinitionNode

from hisab.audit.domain.reads import FieldRead, RecordRead
from hisab.edge.context import Info

ID_FIELD = "id"


class ReadCollector:
    def __init__(self, variables: object) -> None:
        self.fields: list[FieldRead] = []
        self.records: list[RecordRead] = []
        self._variables: dict[str, Any] = dict(variables) if isinstance(variables, Mapping) else {}
        self._defaults_taken = False
        self._watched: dict[tuple[str, str], bool] = {}

    def __call__(self, next_: Callable[..., Any], root: Any, info: Info, **arguments: Any) -> Any:
        if info.path.prev is None and not info.field_name.startswith("__"):
            self._note_field(info)
        result = next_(root, info, **arguments)
        return self._observed(result, info) if self._may_return_records(info) else result

    # graphql-core calls an object's `resolve`; Ariadne's types ask for a callable: it is both.
    resolve = __call__

    def _observed(self, value: Any, info: Info) -> Any:
        """The value, each record in it noted now or, for an awaitable (an item of `_entities`), once resolved."""
        if isawaitable(value):
            return self._noting(value, info)
        if isinstance(value, (list, tuple)):
            return [self._observed(item, info) for item in value]
        self._note_record(value, info)
        return value

    async def _noting(self, result: Awaitable[Any], info: Info) -> Any:
        return self._observed(await result, info)

    def _note_field(self, info: Info) -> None:
        self._take_defaults(info.operation)
        node = info.field_nodes[0]
        given = ((a.name.value, value_from_ast_untyped(a.value, self._variables)) for a in node.arguments or ())
        arguments = {name: _defined(value) for name, value in given if value is not Undefined}
        alias = node.alias.value if node.alias is not None else None
        self.fields.append(FieldRead(info.field_name, arguments, alias))

    def _take_defaults(self, operation: OperationDefinitionNode) -> None:
        """A variable the client left out reads as its default in the operation, as execution reads it."""
        if self._defaults_taken:
            return
        self._defaults_taken = True
        for definition in operation.variable_definitions or ():
            name = definition.variable.name.value
            if name not in self._variables and definition.default_value is not None:
                self._variables[name] = value_from_ast_untyped(definition.default_value)

    def _may_return_records(self, info: Info) -> bool:
        key = (info.parent_type.name, info.field_name)
        watched = self._watched.get(key)
        if watched is None:
            returned = get_named_type(info.return_type)
            identified = isinstance(returned, GraphQLAbstractType) or (
                isinstance(returned, GraphQLObjectType) and ID_FIELD in returned.fields
            )
            watched = self._watched[key] = identified and ID_FIELD not in info.parent_type.fields
        return watched

    def _note_record(self, value: Any, info: Info) -> None:
        if value is None:
            return
        object_type = _object_type(value, info)
        if object_type is None or ID_FIELD not in object_type.fields:
            return
        record_id = _id_of(value, object_type.fields[ID_FIELD], info)
        if isinstance(record_id, (str, int)):
            self.records.append(RecordRead(object_type.name, str(record_id)))


def _object_type(value: Any, info: Info) -> GraphQLObjectType | None:
    """The object type of a value: the field's own type, or the one of an abstract type's that claims it."""
    returned = get_named_type(info.return_type)
    if isinstance(returned, GraphQLObjectType):
        return returned
    if isinstance(returned, GraphQLAbstractType):
        return next(
            (
                t
                for t in info.schema.get_possible_types(returned)
                if t.is_type_of is not None and t.is_type_of(value, info)
            ),
            None,
        )
    return None


def _id_of(value: Any, field: GraphQLField, info: Info) -> object:
    """The value's id as its type's `id` resolver gives it, or the attribute (key) the default resolver reads."""
    if field.resolve is not None:
        return field.resolve(value, info)
    return value.get(ID_FIELD) if isinstance(value, Mapping) else getattr(value, ID_FIELD, None)


def _defined(value: Any) -> Any:
    """The value without the parts that name variables the client never gave (graphql-core's Undefined)."""
    if isinstance(value, dict):
        return {key: _defined(item) for key, item in value.items() if item is not Undefined}
    if isinstance(value, list):
        return [_defined(item) for item in value if item is not Undefined]
    return value
