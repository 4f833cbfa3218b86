"""Who asks, for which tenant, under which correlation id."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Actor:
    tenant_id: str
    user_id: str
    correlation_id: str
