"""What the taxpayer context's use cases are given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from hisab.event_store.streams import Streams
from hisab.kernel.telemetry import Telemetry
from hisab.taxpayer.application.ports import ApprovalPolicyQueries, ProfileQueries, TenantSettingsStore


@dataclass(frozen=True, slots=True)
class Taxpayer:
    streams: Streams[Any]
    profiles: ProfileQueries
    settings: TenantSettingsStore
    approval_policies: ApprovalPolicyQueries
    clock: Callable[[], datetime]
    # The roles this service knows that carry the approve permission: what a policy's levels may name.
    approving_roles: frozenset[str]
    telemetry: Telemetry = field(default_factory=Telemetry)
