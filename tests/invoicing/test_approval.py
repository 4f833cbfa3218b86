"""The approval state machine: levels in order, segregation of duties at each, rejection, delegation, escalation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hisab.event_store.messages import DomainEvent
from hisab.invoicing.domain.approval import NotTheApproverError, pending_round, submit
from hisab.invoicing.domain.invoice import Invoice, InvoiceStatus
from hisab.kernel.errors import IllegalTransitionError, InvalidInputError, SegregationOfDutiesError
from hisab.taxpayer.domain.approval_policy import ApprovalPolicy
from hisab.taxpayer.domain.events import ApprovalLevel
from tests.builders import opening_events

POLICY = ApprovalPolicy(
    (
        ApprovalLevel("approver", Decimal("100000.00")),
        ApprovalLevel("manager", Decimal("1000000.00")),
        ApprovalLevel("cfo", None),
    )
)
MAKER = "clerk-1"
APPROVER, MANAGER, CFO = frozenset({"approver"}), frozenset({"manager"}), frozenset({"cfo"})


def _submitted() -> list[DomainEvent]:
    """The steel-rods invoice (৳5,75,000.00): an approver, then a manager."""
    events: list[DomainEvent] = list(opening_events("inv-1"))
    events.append(submit(Invoice.from_events("inv-1", events), POLICY, MAKER))
    return events


def test_a_submitted_invoice_waits_for_its_first_level() -> None:
    events = _submitted()
    pending = pending_round("inv-1", events)
    assert pending is not None
    assert (pending.level, pending.required, pending.role) == (1, 2, "approver")
    assert Invoice.from_events("inv-1", events).status is InvoiceStatus.PENDING_APPROVAL


def test_levels_approve_in_order_each_by_another_person() -> None:
    events = _submitted()
    pending = pending_round("inv-1", events)
    assert pending is not None
    with pytest.raises(NotTheApproverError, match="approved by the role approver"):
        pending.approve("karim", MANAGER, MAKER)
    events.append(pending.approve("rina", APPROVER | MANAGER, MAKER))
    pending = pending_round("inv-1", events)
    assert pending is not None
    assert pending.completes_with_next_approval()
    with pytest.raises(SegregationOfDutiesError, match="one person approves one level"):
        pending.approve("rina", APPROVER | MANAGER, MAKER)
    assert pending.approve("karim", MANAGER, MAKER).level == 2


def test_the_maker_approves_no_level_whatever_roles_they_hold() -> None:
    pending = pending_round("inv-1", _submitted())
    assert pending is not None
    with pytest.raises(SegregationOfDutiesError, match="created invoice"):
        pending.approve(MAKER, APPROVER | MANAGER | CFO, MAKER)


def test_a_rejection_sends_the_invoice_back_to_draft_and_ends_the_submission() -> None:
    events = _submitted()
    pending = pending_round("inv-1", events)
    assert pending is not None
    with pytest.raises(InvalidInputError):
        pending.reject("rina", APPROVER, MAKER, "  ")
    events.append(pending.reject("rina", APPROVER, MAKER, "wrong BIN"))
    assert pending_round("inv-1", events) is None
    assert Invoice.from_events("inv-1", events).status is InvoiceStatus.DRAFT


def test_only_a_draft_is_submitted_and_only_under_a_policy() -> None:
    events = _submitted()
    with pytest.raises(IllegalTransitionError, match="only a DRAFT"):
        submit(Invoice.from_events("inv-1", events), POLICY, MAKER)
    with pytest.raises(IllegalTransitionError, match="no approval policy"):
        submit(Invoice.from_events("inv-1", opening_events("inv-1")), ApprovalPolicy(), MAKER)


def test_a_delegated_level_is_the_delegates_alone() -> None:
    events = _submitted()
    pending = pending_round("inv-1", events)
    assert pending is not None
    with pytest.raises(InvalidInputError):
        pending.delegate("rina", APPROVER, MAKER, MAKER, "away")
    events.append(pending.delegate("rina", APPROVER, MAKER, "tanvir", "away"))
    pending = pending_round("inv-1", events)
    assert pending is not None
    with pytest.raises(NotTheApproverError, match="delegated to tanvir"):
        pending.approve("sadia", APPROVER, MAKER)
    assert pending.approve("tanvir", frozenset(), MAKER).delegated_by == "rina"


def test_an_escalation_climbs_the_policy_and_stops_at_its_top() -> None:
    events = _submitted()
    for user, roles, to_role in (("rina", APPROVER, "manager"), ("karim", MANAGER, "cfo")):
        pending = pending_round("inv-1", events)
        assert pending is not None
        escalated = pending.escalate(user, roles, MAKER, "urgent")
        assert escalated.to_role == to_role
        events.append(escalated)
    pending = pending_round("inv-1", events)
    assert pending is not None
    assert pending.role == "cfo"
    with pytest.raises(IllegalTransitionError, match="highest role"):
        pending.escalate("farah", CFO, MAKER, "again")
