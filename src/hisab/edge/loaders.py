"""Batched lookups for resolvers: what a page's rows ask for in one tick is fetched in one query.

Each request has its own loaders (kept on its RequestContext), so nothing is cached across
requests, tenants or users.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import TypeVar

from aiodataloader import DataLoader

from hisab.edge.context import RequestContext

V = TypeVar("V")


def load_by_id(
    context: RequestContext, name: str, fetch: Callable[[Sequence[str]], Awaitable[Mapping[str, V]]], key: str
) -> Awaitable[V | None]:
    """The value of `key`, fetched with every other key asked of the loader `name` in the same tick.

    `fetch` returns what it found by key; a missing key resolves to None.
    """
    loader: DataLoader[str, V | None] | None = context.loaders.get(name)
    if loader is None:

        async def batch(keys: list[str]) -> list[V | None]:
            found = await fetch(keys)
            return [found.get(k) for k in keys]

        loader = DataLoader(batch)
        context.loaders[name] = loader
    return loader.load(key)
