"""What a caller may do: every permission check of the API goes through `require`.

Roles are not modelled yet, so for now every authenticated user of a tenant holds every
permission within that tenant (tenant isolation is enforced by the use cases themselves:
another tenant's invoice is simply not found). When roles arrive, `require` is the one place
that learns to look them up.
"""

from __future__ import annotations

from enum import StrEnum

from hisab.api.auth import ForbiddenError
from hisab.api.context import Principal


class Permission(StrEnum):
    INVOICE_READ = "invoice:read"
    TENANT_ADMIN = "tenant:admin"


_HELD_BY_EVERY_USER_OF_A_TENANT = frozenset(Permission)


def require(principal: Principal, permission: Permission) -> None:
    """Raise ForbiddenError unless the principal holds the permission in its tenant."""
    if permission not in _HELD_BY_EVERY_USER_OF_A_TENANT:
        raise ForbiddenError(f"{principal.user_id} does not hold {permission.value}")
