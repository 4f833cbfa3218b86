"""GraphQL operations are labelled by the schema's root fields, so clients cannot add metric series."""

from __future__ import annotations

import pytest

from hisab.api.graphql.caching import QueryParser
from hisab.api.graphql.operations import OperationLabel, describe
from hisab.api.graphql.schema import build_schema

SCHEMA = build_schema(federation=False)
PARSER = QueryParser(16)


@pytest.mark.parametrize(
    ("data", "label"),
    [
        ({"query": "mutation Anything { createInvoice(input: {}) { id } }"}, ("mutation", "createInvoice", "Anything")),
        ({"query": "{ b: invoices { totalCount } a: invoice(id: 1) { id } }"}, ("query", "invoice+invoices", None)),
        ({"query": "{ invoices { totalCount } noSuchField attacker_ab12 }"}, ("query", "invoices", None)),
        ({"query": "{ __typename }"}, ("query", "none", None)),
        ({"query": "{ invoices "}, ("unparsed", "none", None)),
        ({"query": 42}, ("unparsed", "none", None)),
        ([1, 2], ("unparsed", "none", None)),
        ({"query": "query A { invoices { totalCount } } query B { invoice(id: 1) { id } }"}, ("unparsed", "none", None)),  # noqa: E501
        (
            {"query": "query A { invoices { totalCount } } query B { invoice(id: 1) { id } }", "operationName": "B"},
            ("query", "invoice", "B"),
        ),
    ],
    ids=["mutation", "aliases", "unknown-fields", "typename", "syntax-error", "not-a-string", "not-an-object",
         "ambiguous", "named"],
)  # fmt: skip
def test_the_label_is_the_operation_type_and_its_known_root_fields(data: object, label: tuple[str, ...]) -> None:
    assert describe(data, PARSER, SCHEMA) == OperationLabel(*label)
