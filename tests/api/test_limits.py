"""The cost bound reads list sizes from the schema: `first` and its default, and `_entities`."""

from __future__ import annotations

import pytest
from graphql import parse, validate

from hisab.api.graphql.limits import limit_rules
from hisab.api.graphql.schema import build_schema

SCHEMA = build_schema(federation=True)
MAX_COST = 50


def _errors(query: str) -> list[str]:
    return [error.message for error in validate(SCHEMA, parse(query), limit_rules(10, 20, MAX_COST))]


@pytest.mark.parametrize(
    ("query", "cost"),
    [
        ("{ invoices { edges { cursor } } }", 1 + 20 * 2),
        ("{ invoices(first: 60) { edges { cursor } } }", 1 + 60 * 2),
        ("query($n: Int) { invoices(first: $n) { edges { cursor } } }", 1 + 100 * 2),
        ("{ _entities(representations: [{}, {}]) { ... on Invoice { id status } } }", 1 + 2 * 2),
        ("query($r: [_Any!]!) { _entities(representations: $r) { ... on Invoice { id } } }", 1 + 100 * 1),
    ],
    ids=["default-first", "literal-first", "variable-first", "literal-representations", "variable-representations"],
)
def test_a_list_field_multiplies_the_cost_of_its_selection_by_the_items_it_may_return(query: str, cost: int) -> None:
    refused = [f"the query may cost {cost}; at most {MAX_COST} is allowed"] if cost > MAX_COST else []

    assert _errors(query) == refused
