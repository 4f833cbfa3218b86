"""What every entry point is given: who calls, for which tenant, and the services to call."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from graphql import GraphQLResolveInfo
from starlette.requests import Request

from hisab.edge.permissions import Permission
from hisab.event_store.messages import Actor
from hisab.kernel.services import Services


@dataclass(frozen=True, slots=True)
class Principal:
    """Who the bearer token proves the caller to be, and what it may do."""

    tenant_id: str
    user_id: str
    permissions: frozenset[Permission] = frozenset()
    # The roles the token names (those this service knows): approval levels and the audit of
    # a VAT officer's reads are by role, not by permission.
    roles: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class RequestContext:
    principal: Principal
    services: Services
    correlation_id: str
    idempotency_key: str | None = None
    # The request's batch loaders by name (see `loaders.py`): one query per page, not per row.
    loaders: dict[str, Any] = field(default_factory=dict)

    @property
    def actor(self) -> Actor:
        return Actor(self.principal.tenant_id, self.principal.user_id, self.correlation_id)


# The key under which an HTTP endpoint leaves, in `request.state`, the records it served: the
# audit trail keeps them with an audited caller's read (a tuple of the audit domain's RecordRead).
RECORDS_READ = "records_read"

# Admits a request or refuses it (RequestRefusedError): who it is from, what it may do.
Admission: TypeAlias = Callable[[Request], Awaitable[Principal]]

# The `info` argument of every resolver, typed with our context.
Info: TypeAlias = GraphQLResolveInfo[RequestContext]
