"""What the taxpayer context asks of storage: the profile's and the approval policy's read models, and the
tenant's settings."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from hisab.taxpayer.application.policy_views import ApprovalPolicyView
from hisab.taxpayer.application.views import SupplierProfileView
from hisab.taxpayer.domain.policy import TenantPolicy


class TenantSettingsStore(Protocol):
    """Settings are plain rows, not events: each change replaces the last and is logged."""

    async def get(self, tenant_id: str) -> TenantPolicy:
        """The tenant's policy, or the defaults if it never set one."""

    async def get_within(self, tables: Any, tenant_id: str) -> TenantPolicy:
        """The same, read inside a transaction the caller holds (its `tables`), so that a command
        deciding by the policy waits for no second connection."""

    async def save(self, tenant_id: str, policy: TenantPolicy, updated_by: str, updated_at: datetime) -> None:
        """Replace the tenant's policy, recording who changed it and when."""


class ProfileQueries(Protocol):
    async def get(self, tenant_id: str) -> SupplierProfileView | None: ...


class ApprovalPolicyQueries(Protocol):
    async def get(self, tenant_id: str) -> ApprovalPolicyView | None:
        """The tenant's approval policy as last set, or None if it never set one."""
