"""What the audit context's use cases are given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from hisab.audit.application.ports import AuditTrail


@dataclass(frozen=True, slots=True)
class Audit:
    trail: AuditTrail
    # The roles whose every read is kept (HISAB_AUDITED_ROLES).
    audited_roles: frozenset[str]
    clock: Callable[[], datetime]
    new_id: Callable[[], str]
