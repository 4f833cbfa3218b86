"""Permission checks outside GraphQL (GraphQL fields declare theirs with `@requires`)."""

from __future__ import annotations

from hisab.access.adapters.permissions import Permission, PermissionDeniedError
from hisab.api.context import Principal


def require(principal: Principal, permission: Permission) -> None:
    """Raise PermissionDeniedError unless the principal's token grants the permission."""
    if permission not in principal.permissions:
        raise PermissionDeniedError(permission)
