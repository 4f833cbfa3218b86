"""The list queries' page size and connections."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from hisab.edge.connections import DEFAULT_PAGE_SIZE, connection, page_size
from hisab.kernel.errors import InvalidInputError, Violation


@dataclass(frozen=True, slots=True)
class Page:
    names: list[str]
    has_next_page: bool
    total_count: int


def test_an_omitted_or_null_first_takes_the_default_and_a_large_one_is_capped() -> None:
    assert page_size(None, 100) == DEFAULT_PAGE_SIZE == 20
    assert page_size(0, 100) == 0
    assert page_size(7, 100) == 7
    assert page_size(500, 100) == 100


def test_a_negative_first_is_refused_naming_the_field_and_the_rule() -> None:
    with pytest.raises(InvalidInputError) as raised:
        page_size(-1, 100)
    assert raised.value.violations == (Violation("first", "non_negative", "first must not be negative"),)


def test_each_entry_is_an_edge_with_its_cursor_and_the_last_cursor_ends_the_page() -> None:
    page = Page(["e", "c"], has_next_page=True, total_count=4)
    assert connection(page, page.names, lambda name: f"after-{name}") == {
        "edges": [{"cursor": "after-e", "node": "e"}, {"cursor": "after-c", "node": "c"}],
        "page_info": {"has_next_page": True, "end_cursor": "after-c"},
        "total_count": 4,
    }


def test_a_node_may_be_drawn_from_the_entry() -> None:
    page = Page(["b"], has_next_page=False, total_count=1)
    built = connection(page, page.names, lambda name: f"after-{name}", node=str.upper)
    assert built["edges"] == [{"cursor": "after-b", "node": "B"}]


def test_an_empty_page_has_no_end_cursor() -> None:
    page = Page([], has_next_page=False, total_count=0)
    assert connection(page, page.names, lambda name: "never") == {
        "edges": [],
        "page_info": {"has_next_page": False, "end_cursor": None},
        "total_count": 0,
    }
