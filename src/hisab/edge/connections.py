"""The connections of the list queries: how many rows a client may ask for, and a page as a connection.

Every list query of the schema (`invoices`, `parties`, `items`, `auditTrail`) answers
`{edges {cursor node}, pageInfo {hasNextPage endCursor}, totalCount}` from a keyset page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from hisab.kernel.errors import InvalidInputError

# The schema's default of every list query's `first`.
DEFAULT_PAGE_SIZE = 20

T = TypeVar("T")


class Page(Protocol):
    @property
    def has_next_page(self) -> bool: ...

    @property
    def total_count(self) -> int: ...


def page_size(first: int | None, maximum: int) -> int:
    """The page size to ask the application for: `first`, or the default, and at most `maximum`."""
    # An explicit `first: null` overrides the schema default, so the default is applied here too.
    first = DEFAULT_PAGE_SIZE if first is None else first
    if first < 0:
        raise InvalidInputError.single("first", "non_negative", "first must not be negative")
    return min(first, maximum)


def connection(
    page: Page, entries: Sequence[T], cursor: Callable[[T], str], node: Callable[[T], object] | None = None
) -> dict[str, object]:
    """The page's `entries` as edges, each with its cursor and its node (the entry itself unless `node` says)."""
    edges = [{"cursor": cursor(entry), "node": entry if node is None else node(entry)} for entry in entries]
    return {
        "edges": edges,
        "page_info": {"has_next_page": page.has_next_page, "end_cursor": edges[-1]["cursor"] if edges else None},
        "total_count": page.total_count,
    }
