"""A tenant's own rules."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TenantPolicy:
    """A tenant's own rules. By default the user who created an invoice may not approve it, and an
    invoice may name its customer by a free id instead of a registered party."""

    creator_may_approve: bool = False
    require_registered_customers: bool = False
