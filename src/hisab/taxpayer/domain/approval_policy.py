"""A tenant's approval policy: how many distinct approvals an invoice needs, by its grand total.

Levels are ascending by their upper bound. An invoice needs the first `k` levels, where level `k`
is the first whose bound is at or above its grand total: with levels up to ৳1,00,000 (approver)
and up to ৳10,00,000 (manager), ৳1,00,000.00 needs the approver alone and ৳1,00,000.01 needs the
approver and then a manager. The last level may have no bound ("any amount above"); without one,
an invoice above every bound cannot be approved under the policy, and submitting it is refused
rather than quietly asking the top level alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from hisab.kernel.errors import IllegalTransitionError, InvalidInputError, Violation
from hisab.kernel.money import AMOUNT_CEILING, PAISA
from hisab.taxpayer.domain.events import ApprovalLevel, ApprovalPolicySet

MAX_LEVELS = 10
MAX_ROLE = 64
_STREAM_PREFIX = "approval-policy:"


def policy_stream_id(tenant_id: str) -> str:
    """Each tenant's policy is one stream; stream ids are global, so the tenant is part of it."""
    return f"{_STREAM_PREFIX}{tenant_id}"


@dataclass(frozen=True, slots=True)
class LevelInput:
    role: str
    up_to: Decimal | None


@dataclass(frozen=True, slots=True)
class ApprovalPolicy:
    """The levels in force; none means the single approval of an invoice without a policy."""

    levels: tuple[ApprovalLevel, ...] = ()

    @classmethod
    def from_events(cls, events: Iterable[object]) -> ApprovalPolicy:
        """The policy the last of its events set (none before the first)."""
        levels: tuple[ApprovalLevel, ...] = ()
        for event in events:
            if isinstance(event, ApprovalPolicySet):
                levels = event.levels
        return cls(levels)

    @property
    def in_force(self) -> bool:
        return bool(self.levels)

    def levels_for(self, grand_total: Decimal) -> tuple[ApprovalLevel, ...]:
        """The levels an invoice of this grand total needs, in the order they approve."""
        for count, level in enumerate(self.levels, start=1):
            if level.up_to is None or grand_total <= level.up_to:
                return self.levels[:count]
        top = self.levels[-1]
        raise IllegalTransitionError(
            f"the grand total {grand_total} is above the approval policy's highest level "
            f"({top.role}, up to {top.up_to}): no one may approve it until the policy covers it"
        )


def validate_policy(levels: Sequence[LevelInput], approving_roles: frozenset[str]) -> ApprovalPolicySet:
    """The event that sets the policy, or InvalidInputError naming every problem.

    `approving_roles` are the roles this service knows that carry the approve permission: a
    level of a role nobody can hold, or that cannot approve, would stop every invoice at it.
    """
    found: list[Violation] = []
    if len(levels) > MAX_LEVELS:
        found.append(Violation("levels", "max_levels", f"a policy has at most {MAX_LEVELS} levels"))
    roles: set[str] = set()
    previous: Decimal | None = None
    valid: list[ApprovalLevel] = []
    for n, level in enumerate(levels):
        path = f"levels[{n}]"
        role = _role(level.role.strip(), f"{path}.role", approving_roles, roles, found)
        roles.add(role)
        bound = _bound(level.up_to, f"{path}.up_to", previous, last=n == len(levels) - 1, found=found)
        if bound is not None:
            previous = bound
        valid.append(ApprovalLevel(role, bound))
    if found:
        raise InvalidInputError(found)
    return ApprovalPolicySet(tuple(valid))


def _role(role: str, path: str, approving_roles: frozenset[str], seen: set[str], found: list[Violation]) -> str:
    if not role:
        found.append(Violation(path, "required", "each level names the role that approves it"))
    elif len(role) > MAX_ROLE:
        found.append(Violation(path, "max_length", f"a role has at most {MAX_ROLE} characters"))
    elif role not in approving_roles:
        known = ", ".join(sorted(approving_roles))
        found.append(Violation(path, "approving_role", f"{role} is not a role that may approve invoices ({known})"))
    elif role in seen:
        found.append(Violation(path, "distinct", f"{role} approves one level only"))
    return role


def _bound(
    up_to: Decimal | None, path: str, previous: Decimal | None, *, last: bool, found: list[Violation]
) -> Decimal | None:
    if up_to is None:
        if not last:
            found.append(Violation(path, "required", "only the last level may be open-ended (no upper bound)"))
        return None
    if not up_to.is_finite() or up_to < 0:
        found.append(Violation(path, "non_negative", "an upper bound is an amount of at least 0"))
    elif up_to != up_to.quantize(PAISA) or up_to >= AMOUNT_CEILING:
        found.append(
            Violation(path, "money", f"an amount has at most two decimal places and is below {AMOUNT_CEILING}")
        )
    elif previous is not None and up_to <= previous:
        found.append(Violation(path, "ascending", f"each level's upper bound is above the one before ({previous})"))
    else:
        return up_to.quantize(PAISA)
    return None
