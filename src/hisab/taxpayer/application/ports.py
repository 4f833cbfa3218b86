"""What the taxpayer context needs from storage: its profile and settings."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from hisab.taxpayer.application.views import SupplierProfileView
from hisab.taxpayer.domain.policy import TenantPolicy


class ProfileProjection(Protocol):
    """The write side of the supplier-profile read model."""

    async def save(self, view: SupplierProfileView) -> None:
        """Insert or replace the tenant's profile row."""


class TenantSettingsStore(Protocol):
    async def get(self, tenant_id: str) -> TenantPolicy:
        """The tenant's policy, or the defaults if it never set one."""

    async def save(self, tenant_id: str, policy: TenantPolicy, updated_by: str, updated_at: datetime) -> None:
        """Replace the tenant's policy, recording who changed it and when."""


class ProfileQueries(Protocol):
    async def get(self, tenant_id: str) -> SupplierProfileView | None: ...
