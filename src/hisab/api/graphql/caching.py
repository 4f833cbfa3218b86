"""Parsing and validating a query once, not on every request.

graphql-core spends about a millisecond of CPU validating even a small mutation; clients send
the same few query texts again and again, so both steps are cached. Variables are not part of
the query text, so one cached document serves every request that differs only in them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Collection
from functools import lru_cache
from typing import Any

from graphql import ASTValidationRule, DocumentNode, GraphQLError, GraphQLSchema, parse, validate

# Longer texts are parsed every time: a cache of a few hundred huge queries would hold gigabytes.
MAX_CACHED_QUERY_LENGTH = 20_000


class QueryParser:
    """Ariadne's `query_parser`: an LRU cache of documents keyed on the query text."""

    def __init__(self, size: int) -> None:
        self._parse_cached = lru_cache(maxsize=size)(parse)

    def __call__(self, context: object, data: dict[str, Any]) -> DocumentNode:
        query: str = data["query"]
        if len(query) > MAX_CACHED_QUERY_LENGTH:
            return parse(query)
        return self._parse_cached(query)


class QueryValidator:
    """Ariadne's `query_validator`: validation errors cached per parsed document.

    The key is `id(document)`. Each entry holds the document itself, so that while the
    entry lives the document cannot be collected and its id given to another one. The rules
    and schema are fixed for the life of the app, so they are not part of the key.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[int, tuple[DocumentNode, list[GraphQLError]]] = OrderedDict()

    def __call__(
        self,
        schema: GraphQLSchema,
        document_ast: DocumentNode,
        rules: Collection[type[ASTValidationRule]] | None = None,
        max_errors: int | None = None,
        type_info: object | None = None,
    ) -> list[GraphQLError]:
        key = id(document_ast)
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
            return entry[1]
        errors = validate(schema, document_ast, rules=rules, max_errors=max_errors)
        self._entries[key] = (document_ast, errors)
        if len(self._entries) > self._size:
            self._entries.popitem(last=False)
        return errors
