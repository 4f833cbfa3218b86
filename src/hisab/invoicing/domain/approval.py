"""Approval by amount: the levels an invoice needs, who may act on the current one, and what each act records.

The rules, each enforced at every level:
- the maker of an invoice approves no level of it (the tenant's `creator_may_approve` relaxes only
  the single approval of a tenant without a policy);
- one person approves one level of a submission;
- levels approve in order; level `k` is approved by a holder of its role, unless it was delegated
  (then by the delegate alone) or escalated (then by a holder of the role it was escalated to);
- whoever may approve the current level may instead reject the invoice (back to DRAFT, every
  approval of the submission void), delegate the level to another user, or escalate it to the
  policy's next higher role.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from hisab.invoicing.domain.approval_events import (
    ApprovalDelegated,
    ApprovalEscalated,
    InvoiceApprovalRecorded,
    InvoiceRejected,
    InvoiceSubmitted,
)
from hisab.invoicing.domain.events import InvoiceApproved, InvoiceCancelled
from hisab.invoicing.domain.invoice import MAX_REASON, Invoice, InvoiceStatus
from hisab.kernel.errors import (
    DomainError,
    ErrorCode,
    IllegalTransitionError,
    InvalidInputError,
    SegregationOfDutiesError,
)
from hisab.kernel.text import text_violation
from hisab.taxpayer.domain.approval_policy import ApprovalPolicy

MAX_USER = 200


class NotTheApproverError(DomainError):
    """The caller may approve invoices, but not the current level of this one."""

    code = ErrorCode.FORBIDDEN


@dataclass(slots=True)
class ApprovalRound:
    """One submission's approval while it is pending."""

    invoice_id: str
    roles: tuple[str, ...]
    higher_roles: tuple[str, ...]
    approvals: list[InvoiceApprovalRecorded] = field(default_factory=list)
    delegated_to: str | None = None
    delegated_by: str | None = None
    escalations: int = 0

    @property
    def level(self) -> int:
        """The level waiting for its approval (1 for the first)."""
        return len(self.approvals) + 1

    @property
    def required(self) -> int:
        return len(self.roles)

    @property
    def role(self) -> str:
        """The role that approves the current level, after any escalation."""
        return self._escalation_chain()[self.escalations]

    @property
    def approvers(self) -> tuple[str, ...]:
        return tuple(approval.approved_by for approval in self.approvals)

    def approve(self, user: str, roles: frozenset[str], maker: str) -> InvoiceApprovalRecorded:
        self.ensure_may_act(user, roles, maker)
        return InvoiceApprovalRecorded(self.invoice_id, self.level, self.role, user, self.delegated_by)

    def completes_with_next_approval(self) -> bool:
        return self.level == self.required

    def reject(self, user: str, roles: frozenset[str], maker: str, reason: str) -> InvoiceRejected:
        self.ensure_may_act(user, roles, maker)
        return InvoiceRejected(self.invoice_id, self.level, _reason(reason), user)

    def delegate(self, user: str, roles: frozenset[str], maker: str, to_user: str, reason: str) -> ApprovalDelegated:
        self.ensure_may_act(user, roles, maker)
        delegate = to_user.strip()
        problem = text_violation(delegate, "to_user")
        if problem is not None:
            raise InvalidInputError([problem])
        if not delegate or len(delegate) > MAX_USER:
            raise InvalidInputError.single("to_user", "required", f"a user id of 1 to {MAX_USER} characters")
        if delegate == maker:
            message = f"{delegate} created the invoice and may approve no level of it"
            raise InvalidInputError.single("to_user", "segregation_of_duties", message)
        if delegate in self.approvers:
            message = f"{delegate} approved an earlier level; one person approves one level"
            raise InvalidInputError.single("to_user", "segregation_of_duties", message)
        if delegate == user:
            raise InvalidInputError.single("to_user", "another_user", "a level is delegated to someone else")
        return ApprovalDelegated(self.invoice_id, self.level, delegate, _reason(reason), user)

    def escalate(self, user: str, roles: frozenset[str], maker: str, reason: str) -> ApprovalEscalated:
        self.ensure_may_act(user, roles, maker)
        chain = self._escalation_chain()
        if self.escalations + 1 >= len(chain):
            raise IllegalTransitionError(
                f"level {self.level} already needs {self.role}, the policy's highest role: there is none to escalate to"
            )
        return ApprovalEscalated(self.invoice_id, self.level, chain[self.escalations + 1], _reason(reason), user)

    def ensure_may_act(self, user: str, roles: frozenset[str], maker: str) -> None:
        """Refuse, naming the rule, a user who may not act on the current level."""
        if user == maker:
            raise SegregationOfDutiesError(
                f"segregation of duties: {user} created invoice {self.invoice_id} and may approve no level of it"
            )
        earlier = next((a for a in self.approvals if a.approved_by == user), None)
        if earlier is not None:
            raise SegregationOfDutiesError(
                f"segregation of duties: {user} approved level {earlier.level}; one person approves one level"
            )
        if self.delegated_to is not None:
            if user != self.delegated_to:
                raise NotTheApproverError(f"level {self.level} of {self.required} is delegated to {self.delegated_to}")
            return
        if self.role not in roles:
            raise NotTheApproverError(f"level {self.level} of {self.required} is approved by the role {self.role}")

    def may_act(self, user: str, roles: frozenset[str], maker: str) -> bool:
        try:
            self.ensure_may_act(user, roles, maker)
        except (SegregationOfDutiesError, NotTheApproverError):
            return False
        return True

    def _escalation_chain(self) -> tuple[str, ...]:
        """The roles of the current level and of every policy level above it, in order."""
        return (*self.roles[self.level - 1 :], *self.higher_roles)

    def apply(self, event: object) -> None:
        """Fold one event of the submission into the state."""
        match event:
            case InvoiceApprovalRecorded():
                self.approvals.append(event)
                self.delegated_to = self.delegated_by = None
                self.escalations = 0
            case ApprovalDelegated():
                self.delegated_to, self.delegated_by = event.to_user, event.delegated_by
            case ApprovalEscalated():
                self.escalations += 1
                # An escalation hands the level to the higher role; a delegation before it lapses.
                self.delegated_to = self.delegated_by = None


def pending_round(invoice_id: str, events: Iterable[object]) -> ApprovalRound | None:
    """The submission waiting for approval, or None when the invoice is not PENDING_APPROVAL."""
    current: ApprovalRound | None = None
    for event in events:
        match event:
            case InvoiceSubmitted():
                current = ApprovalRound(invoice_id, event.roles, event.higher_roles)
            case InvoiceRejected() | InvoiceApproved() | InvoiceCancelled():
                current = None
            case _ if current is not None:
                current.apply(event)
    return current


def submit(invoice: Invoice, policy: ApprovalPolicy, submitted_by: str) -> InvoiceSubmitted:
    """Send a draft for approval under `policy`, with the levels its grand total needs."""
    if invoice.status is not InvoiceStatus.DRAFT:
        raise IllegalTransitionError(f"only a DRAFT invoice is submitted for approval; this one is {invoice.status}")
    if not policy.in_force:
        raise IllegalTransitionError("the tenant has no approval policy: a draft is approved directly")
    grand_total = invoice.totals.grand_total
    needed = policy.levels_for(grand_total)
    higher = policy.levels[len(needed) :]
    return InvoiceSubmitted(
        invoice.invoice_id,
        grand_total,
        tuple(level.role for level in needed),
        tuple(level.role for level in higher),
        submitted_by,
    )


def _reason(raw: str) -> str:
    text = raw.strip()
    problem = text_violation(text, "reason", multiline=True)
    if problem is not None:
        raise InvalidInputError([problem])
    if not text:
        raise InvalidInputError.single("reason", "required", "give a reason")
    if len(text) > MAX_REASON:
        raise InvalidInputError.single("reason", "max_length", f"the reason has at most {MAX_REASON} characters")
    return text
