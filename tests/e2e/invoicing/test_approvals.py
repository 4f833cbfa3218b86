"""Approval by amount over real HTTP, on SQLite and PostgreSQL: issue 11, scenario 6."""

from __future__ import annotations

from typing import Any

from tests.e2e.operations import APPROVE, CANCEL, CREATE, GET, line, steel_rods
from tests.e2e.server import Caller, only_error, violated

POLICY_FIELDS = "levels { level role upTo { decimal } } version updatedBy"
SET_POLICY = f"""mutation Set($input: ApprovalPolicyInput!) {{
  setApprovalPolicy(input: $input) {{ {POLICY_FIELDS} }} }}"""
GET_POLICY = f"query {{ approvalPolicy {{ {POLICY_FIELDS} }} }}"
APPROVAL_FIELDS = """id status version mushakNumber issuedAt requiredApprovals
  currentApproval { level role delegatedTo approvedBy }
  approvals { submission level role approvedBy approvedAt delegatedBy void }
  approvalActions { step submission level by reason toUser toRole }"""
SUBMIT = f"mutation Submit($id: ID!) {{ submitInvoice(id: $id) {{ {APPROVAL_FIELDS} }} }}"
APPROVE_LEVEL = f"mutation Approve($id: ID!) {{ approveInvoice(id: $id) {{ {APPROVAL_FIELDS} }} }}"
HISTORY = "query($id: ID!) { invoice(id: $id) { history { eventType summary } } }"
REJECT = f"""mutation Reject($id: ID!, $reason: String!) {{
  rejectInvoice(id: $id, reason: $reason) {{ {APPROVAL_FIELDS} }} }}"""
DELEGATE = f"""mutation Delegate($id: ID!, $toUser: String!, $reason: String!) {{
  delegateApproval(id: $id, toUser: $toUser, reason: $reason) {{ {APPROVAL_FIELDS} }} }}"""
ESCALATE = f"""mutation Escalate($id: ID!, $reason: String!) {{
  escalateApproval(id: $id, reason: $reason) {{ {APPROVAL_FIELDS} }} }}"""
PENDING = """query Pending($first: Int, $after: String) {
  pendingApprovals(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { level requiredApprovals role delegatedTo grandTotal { decimal } submittedBy
                   invoice { id status } } } } }"""
# Up to ৳1,00,000 an approver; up to ৳10,00,000 also a manager; above, also the CFO.
THREE_LEVELS = [
    {"role": "approver", "upTo": 100000},
    {"role": "manager", "upTo": 1000000},
    {"role": "cfo"},
]


def _as(caller: Caller, user: str, *roles: str) -> Caller:
    return Caller(caller.http, caller.tenant_id, user, roles)


def _set_three_levels(caller: Caller) -> None:
    caller.data(SET_POLICY, {"input": {"levels": THREE_LEVELS}})


def _invoice(caller: Caller, total_before_vat: int) -> dict[str, Any]:
    """A draft by the clerk of one STANDARD line (15% VAT on top)."""
    clerk = _as(caller, "clerk-1", "clerk")
    draft = steel_rods(lineItems=[line(quantity=1, unitPrice=total_before_vat)])
    created: dict[str, Any] = clerk.data(CREATE, {"input": draft})["createInvoice"]
    return created


def _pending_ids(caller: Caller) -> list[str]:
    found = caller.data(PENDING)["pendingApprovals"]
    return [edge["node"]["invoice"]["id"] for edge in found["edges"]]


def test_a_three_level_approval_with_a_rejection_and_a_resubmission(caller: Caller) -> None:
    _set_three_levels(caller)
    clerk = _as(caller, "clerk-1", "clerk")
    approver, manager, cfo = (
        _as(caller, "rina", "approver"),
        _as(caller, "karim", "manager"),
        _as(caller, "farah", "cfo"),
    )
    invoice = _invoice(caller, 1_000_000)  # ৳11,50,000.00 with VAT: above the manager's bound
    invoice_id = invoice["id"]

    submitted = clerk.data(SUBMIT, {"id": invoice_id})["submitInvoice"]
    assert submitted["status"] == "PENDING_APPROVAL"
    assert submitted["requiredApprovals"] == 3
    assert submitted["currentApproval"] == {"level": 1, "role": "approver", "delegatedTo": None, "approvedBy": []}
    assert _pending_ids(approver) == [invoice_id]
    assert _pending_ids(manager) == []

    first = approver.data(APPROVE_LEVEL, {"id": invoice_id})["approveInvoice"]
    assert (first["status"], first["mushakNumber"], first["currentApproval"]["role"]) == (
        "PENDING_APPROVAL",
        None,
        "manager",
    )
    assert _pending_ids(approver) == []
    assert _pending_ids(manager) == [invoice_id]
    manager.data(APPROVE_LEVEL, {"id": invoice_id})

    rejected = cfo.data(REJECT, {"id": invoice_id, "reason": "The customer's BIN is wrong"})["rejectInvoice"]
    assert rejected["status"] == "DRAFT"
    assert rejected["currentApproval"] is None
    assert [(a["level"], a["approvedBy"], a["void"]) for a in rejected["approvals"]] == [
        (1, "rina", True),
        (2, "karim", True),
    ]
    assert _pending_ids(cfo) == []

    clerk.data(SUBMIT, {"id": invoice_id})
    for person in (approver, manager):
        assert person.data(APPROVE_LEVEL, {"id": invoice_id})["approveInvoice"]["mushakNumber"] is None
    issued = cfo.data(APPROVE_LEVEL, {"id": invoice_id})["approveInvoice"]

    assert issued["status"] == "APPROVED"
    assert issued["mushakNumber"].endswith("/000001")
    assert issued["issuedAt"] is not None
    assert [(a["submission"], a["level"], a["role"], a["approvedBy"], a["void"]) for a in issued["approvals"]] == [
        (1, 1, "approver", "rina", True),
        (1, 2, "manager", "karim", True),
        (2, 1, "approver", "rina", False),
        (2, 2, "manager", "karim", False),
        (2, 3, "cfo", "farah", False),
    ]
    steps = [(a["step"], a["submission"], a["by"]) for a in issued["approvalActions"]]
    assert steps == [
        ("SUBMITTED", 1, "clerk-1"), ("APPROVED", 1, "rina"), ("APPROVED", 1, "karim"), ("REJECTED", 1, "farah"),
        ("SUBMITTED", 2, "clerk-1"), ("APPROVED", 2, "rina"), ("APPROVED", 2, "karim"), ("APPROVED", 2, "farah"),
        ("ISSUED", 2, "farah"),
    ]  # fmt: skip
    assert caller.data(GET, {"id": invoice_id})["invoice"]["status"] == "APPROVED"
    history = caller.data(HISTORY, {"id": invoice_id})["invoice"]["history"]
    said = [(change["eventType"], change["summary"]) for change in history if change["eventType"] != "LineItemAdded"]
    assert said[2:6] == [
        ("InvoiceSubmitted", "Submitted for approval of BDT 1150000.00: approver → manager → cfo"),
        ("InvoiceApprovalRecorded", "Approved level 1 (approver)"),
        ("InvoiceApprovalRecorded", "Approved level 2 (manager)"),
        ("InvoiceRejected", "Rejected at level 3, back to draft: The customer's BIN is wrong"),
    ]


def test_exactly_the_bound_needs_one_level_and_a_paisa_above_needs_two(caller: Caller) -> None:
    caller.data(SET_POLICY, {"input": {"levels": [{"role": "approver", "upTo": 115000}, {"role": "manager"}]}})
    clerk = _as(caller, "clerk-1", "clerk")
    at_bound = _invoice(caller, 100_000)  # ৳1,15,000.00 with VAT
    above = clerk.data(CREATE, {"input": steel_rods(lineItems=[line(quantity=1, unitPrice=100000.01)])})

    assert clerk.data(SUBMIT, {"id": at_bound["id"]})["submitInvoice"]["requiredApprovals"] == 1
    assert clerk.data(SUBMIT, {"id": above["createInvoice"]["id"]})["submitInvoice"]["requiredApprovals"] == 2
    issued = _as(caller, "rina", "approver").data(APPROVE_LEVEL, {"id": at_bound["id"]})["approveInvoice"]
    assert issued["status"] == "APPROVED"


def test_segregation_of_duties_holds_at_every_level(caller: Caller) -> None:
    _set_three_levels(caller)
    invoice_id = _invoice(caller, 1_000_000)["id"]
    # The maker holds every role here, and still approves nothing.
    maker = _as(caller, "clerk-1", "clerk", "approver", "manager", "cfo")
    maker.data(SUBMIT, {"id": invoice_id})
    assert "created invoice" in only_error(maker.graphql(APPROVE_LEVEL, {"id": invoice_id}), "FORBIDDEN")["message"]

    wrong_role = only_error(_as(caller, "karim", "manager").graphql(APPROVE_LEVEL, {"id": invoice_id}), "FORBIDDEN")
    assert "approved by the role approver" in wrong_role["message"]

    both = _as(caller, "rina", "approver", "manager")
    both.data(APPROVE_LEVEL, {"id": invoice_id})
    second = only_error(both.graphql(APPROVE_LEVEL, {"id": invoice_id}), "FORBIDDEN")
    assert "one person approves one level" in second["message"]
    assert _pending_ids(both) == []


def test_a_draft_under_a_policy_is_submitted_before_it_is_approved(caller: Caller) -> None:
    _set_three_levels(caller)
    invoice_id = _invoice(caller, 1000)["id"]

    refused = only_error(_as(caller, "rina", "approver").graphql(APPROVE, {"id": invoice_id}), "CONFLICT")
    assert "submitInvoice" in refused["message"]


def test_without_a_policy_submitting_is_refused_and_approval_is_as_before(caller: Caller) -> None:
    created = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]

    assert "no approval policy" in only_error(caller.graphql(SUBMIT, {"id": created["id"]}), "CONFLICT")["message"]
    approved = caller.checker().data(APPROVE_LEVEL, {"id": created["id"]})["approveInvoice"]
    assert approved["status"] == "APPROVED"
    assert approved["requiredApprovals"] == 1
    assert [(a["submission"], a["level"], a["role"], a["approvedBy"]) for a in approved["approvals"]] == [
        (0, 1, None, "checker-1")
    ]


def test_a_delegated_level_is_approved_by_the_delegate_alone(caller: Caller) -> None:
    _set_three_levels(caller)
    invoice_id = _invoice(caller, 1000)["id"]
    _as(caller, "clerk-1", "clerk").data(SUBMIT, {"id": invoice_id})
    rina, sadia = _as(caller, "rina", "approver"), _as(caller, "sadia", "approver")

    bad = rina.graphql(DELEGATE, {"id": invoice_id, "toUser": "clerk-1", "reason": "away"})
    assert violated(bad) == {("toUser", "segregation_of_duties")}
    delegated = rina.data(DELEGATE, {"id": invoice_id, "toUser": "tanvir", "reason": "on leave"})["delegateApproval"]
    assert delegated["currentApproval"]["delegatedTo"] == "tanvir"
    assert _pending_ids(sadia) == []
    assert _pending_ids(_as(caller, "tanvir", "viewer", "approver")) == [invoice_id]
    only_error(sadia.graphql(APPROVE_LEVEL, {"id": invoice_id}), "FORBIDDEN")

    issued = _as(caller, "tanvir", "approver").data(APPROVE_LEVEL, {"id": invoice_id})["approveInvoice"]
    assert issued["status"] == "APPROVED"
    assert issued["approvals"][0]["delegatedBy"] == "rina"


def test_an_escalated_level_passes_to_the_next_higher_role(caller: Caller) -> None:
    _set_three_levels(caller)
    invoice_id = _invoice(caller, 100_000)["id"]  # ৳1,15,000.00: approver, then manager
    _as(caller, "clerk-1", "clerk").data(SUBMIT, {"id": invoice_id})
    rina, karim, farah = _as(caller, "rina", "approver"), _as(caller, "karim", "manager"), _as(caller, "farah", "cfo")

    escalated = rina.data(ESCALATE, {"id": invoice_id, "reason": "large new customer"})["escalateApproval"]
    assert escalated["currentApproval"]["role"] == "manager"
    assert _pending_ids(rina) == []
    karim.data(APPROVE_LEVEL, {"id": invoice_id})
    # Level 2 is a manager's too, and karim approved level 1: only an escalation to the CFO moves it.
    only_error(karim.graphql(APPROVE_LEVEL, {"id": invoice_id}), "FORBIDDEN")
    farah_cannot = only_error(farah.graphql(ESCALATE, {"id": invoice_id, "reason": "x"}), "FORBIDDEN")
    assert "manager" in farah_cannot["message"]
    _as(caller, "nadia", "manager").data(ESCALATE, {"id": invoice_id, "reason": "conflict of interest"})
    top = only_error(farah.graphql(ESCALATE, {"id": invoice_id, "reason": "again"}), "CONFLICT")
    assert "highest role" in top["message"]
    issued = farah.data(APPROVE_LEVEL, {"id": invoice_id})["approveInvoice"]
    assert issued["status"] == "APPROVED"
    assert [(a["level"], a["role"]) for a in issued["approvals"]] == [(1, "manager"), (2, "cfo")]


def test_a_policy_names_known_approving_roles_in_ascending_order(caller: Caller) -> None:
    levels = [
        {"role": "clerk", "upTo": 100},
        {"role": "manager", "upTo": 50},
        {"role": "manager", "upTo": 100.001},
        {"role": "cfo"},
        {"role": "", "upTo": -1},
    ]
    found = violated(caller.graphql(SET_POLICY, {"input": {"levels": levels}}))

    assert found == {
        ("input.levels[0].role", "approving_role"),
        ("input.levels[2].role", "distinct"),
        ("input.levels[2].upTo", "money"),
        ("input.levels[1].upTo", "ascending"),
        ("input.levels[3].upTo", "required"),
        ("input.levels[4].role", "required"),
        ("input.levels[4].upTo", "non_negative"),
    }
    assert caller.data(GET_POLICY)["approvalPolicy"] is None


def test_a_policy_reads_back_and_an_empty_one_clears_it(caller: Caller) -> None:
    _set_three_levels(caller)
    policy = caller.data(GET_POLICY)["approvalPolicy"]
    assert policy == {
        "levels": [
            {"level": 1, "role": "approver", "upTo": {"decimal": "100000.00"}},
            {"level": 2, "role": "manager", "upTo": {"decimal": "1000000.00"}},
            {"level": 3, "role": "cfo", "upTo": None},
        ],
        "version": 1,
        "updatedBy": "user-1",
    }
    only_error(_as(caller, "karim", "manager").graphql(SET_POLICY, {"input": {"levels": []}}), "FORBIDDEN")

    cleared = caller.data(SET_POLICY, {"input": {"levels": []}})["setApprovalPolicy"]
    assert (cleared["levels"], cleared["version"]) == ([], 2)
    created = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]
    assert caller.checker().data(APPROVE, {"id": created["id"]})["approveInvoice"]["status"] == "APPROVED"


def test_a_policy_change_does_not_move_an_invoice_already_submitted(caller: Caller) -> None:
    _set_three_levels(caller)
    clerk = _as(caller, "clerk-1", "clerk")
    in_flight = _invoice(caller, 100_000)["id"]  # ৳1,15,000.00: approver, then manager
    clerk.data(SUBMIT, {"id": in_flight})

    caller.data(SET_POLICY, {"input": {"levels": [{"role": "cfo"}]}})
    later = _invoice(caller, 100_000)["id"]

    assert clerk.data(SUBMIT, {"id": later})["submitInvoice"]["currentApproval"]["role"] == "cfo"
    first = _as(caller, "rina", "approver").data(APPROVE_LEVEL, {"id": in_flight})["approveInvoice"]
    assert (first["requiredApprovals"], first["currentApproval"]["role"]) == (2, "manager")


def test_a_cancelled_pending_invoice_leaves_the_queue(caller: Caller) -> None:
    _set_three_levels(caller)
    invoice_id = _invoice(caller, 1000)["id"]
    _as(caller, "clerk-1", "clerk").data(SUBMIT, {"id": invoice_id})
    approver = _as(caller, "rina", "approver")
    assert _pending_ids(approver) == [invoice_id]

    cancelled = approver.data(CANCEL, {"id": invoice_id, "reason": "duplicate"})["cancelInvoice"]

    assert (cancelled["status"], cancelled["mushakNumber"]) == ("CANCELLED", None)
    assert _pending_ids(approver) == []
    only_error(approver.graphql(APPROVE_LEVEL, {"id": invoice_id}), "CONFLICT")
