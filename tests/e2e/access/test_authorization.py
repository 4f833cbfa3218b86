"""What a caller may do: each permission, segregation of duties, and the tenant setting that relaxes it."""

from __future__ import annotations

import time
from typing import Any

import jwt
import pytest

from tests.e2e.operations import APPROVE, CANCEL, CREATE, GET, LIST, steel_rods
from tests.e2e.server import JWT_SECRET, Caller, only_error

SETTINGS = "{ tenantSettings { creatorMayApprove } }"
RELAX = "mutation($v: Boolean!) { updateTenantSettings(input: {creatorMayApprove: $v}) { creatorMayApprove } }"


def as_role(caller: Caller, *roles: str, user: str = "user-1") -> Caller:
    return Caller(caller.http, caller.tenant_id, user, roles)


def _draft(caller: Caller) -> str:
    invoice_id: str = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]["id"]
    return invoice_id


def _forbidden(caller: Caller, query: str, variables: dict[str, Any], permission: str) -> None:
    error = only_error(caller.graphql(query, variables), "FORBIDDEN")
    assert error["message"] == f"Forbidden: missing permission {permission}"
    assert error["extensions"]["permission"] == permission


@pytest.mark.parametrize(
    ("roles", "allowed"),
    [
        pytest.param((), set(), id="no-role"),
        pytest.param(("viewer",), {"read"}, id="viewer"),
        pytest.param(("clerk",), {"read", "create"}, id="clerk"),
        pytest.param(("approver",), {"read", "approve", "cancel"}, id="approver"),
        pytest.param(("admin",), {"read", "create", "approve", "cancel", "settings"}, id="admin"),
        pytest.param(("viewer", "unknown-role"), {"read"}, id="unknown-roles-ignored"),
        pytest.param(("vat_officer",), {"read"}, id="vat-officer"),
    ],
)
def test_each_operation_needs_its_permission(caller: Caller, roles: tuple[str, ...], allowed: set[str]) -> None:
    subject = as_role(caller, *roles, user="subject")
    made_by_other = [_draft(caller) for _ in range(2)]
    operations: dict[str, tuple[str, dict[str, Any], str]] = {
        "read": (GET, {"id": made_by_other[0]}, "invoice:read"),
        "create": (CREATE, {"input": steel_rods()}, "invoice:create"),
        "approve": (APPROVE, {"id": made_by_other[0]}, "invoice:approve"),
        "cancel": (CANCEL, {"id": made_by_other[1], "reason": "duplicate"}, "invoice:cancel"),
        "settings": (SETTINGS, {}, "tenant:admin"),
    }
    for name, (query, variables, permission) in operations.items():
        if name in allowed:
            subject.data(query, variables)
        else:
            _forbidden(subject, query, variables, permission)
    if "read" not in allowed:
        _forbidden(subject, LIST, {}, "invoice:read")


def test_explicit_permissions_grant_what_they_name_and_no_more(caller: Caller) -> None:
    by_claim = Caller(caller.http, caller.tenant_id, "p", (), ("invoice:read", "invoice:create", "not:a-permission"))

    by_claim.data(CREATE, {"input": steel_rods()})
    _forbidden(by_claim, APPROVE, {"id": _draft(caller)}, "invoice:approve")


def test_an_oauth_scope_claim_grants_the_permissions_it_lists(caller: Caller) -> None:
    now = int(time.time())
    claims = {"sub": "s", "tenant_id": caller.tenant_id, "typ": "access", "iat": now, "exp": now + 60,
              "scope": "openid invoice:read"}  # fmt: skip
    headers = {"Authorization": "Bearer " + jwt.encode(claims, JWT_SECRET, algorithm="HS256")}

    listed = caller.http.post("/graphql", json={"query": LIST}, headers=headers).json()
    create = {"query": CREATE, "variables": {"input": steel_rods()}}
    created = caller.http.post("/graphql", json=create, headers=headers)

    assert listed["data"]["invoices"]["totalCount"] == 0
    only_error(created.json(), "FORBIDDEN")


def test_the_creator_may_not_approve_their_own_invoice(caller: Caller) -> None:
    invoice_id = _draft(caller)

    error = only_error(caller.graphql(APPROVE, {"id": invoice_id}), "FORBIDDEN")

    assert error["message"] == (
        f"Forbidden: segregation of duties: {caller.user_id} created invoice {invoice_id} and may not approve it"
    )
    assert caller.data(GET, {"id": invoice_id})["invoice"]["status"] == "DRAFT"
    approved = caller.checker().data(APPROVE, {"id": invoice_id})["approveInvoice"]
    assert (approved["createdBy"], approved["approvedBy"]) == (caller.user_id, "checker-1")


def test_a_tenant_admin_may_relax_segregation_of_duties_for_that_tenant_only(caller: Caller) -> None:
    other_tenant = Caller(caller.http, caller.tenant_id + "-other")
    assert caller.data(SETTINGS)["tenantSettings"] == {"creatorMayApprove": False}

    relaxed = caller.data(RELAX, {"v": True})["updateTenantSettings"]
    own = caller.data(APPROVE, {"id": _draft(caller)})["approveInvoice"]

    assert relaxed == {"creatorMayApprove": True}
    assert own["approvedBy"] == own["createdBy"] == caller.user_id
    only_error(other_tenant.graphql(APPROVE, {"id": _draft(other_tenant)}), "FORBIDDEN")
    caller.data(RELAX, {"v": False})
    only_error(caller.graphql(APPROVE, {"id": _draft(caller)}), "FORBIDDEN")


def test_changing_tenant_settings_needs_the_admin_permission(caller: Caller) -> None:
    approver = as_role(caller, "approver", "clerk")

    _forbidden(approver, RELAX, {"v": True}, "tenant:admin")
    assert caller.data(SETTINGS)["tenantSettings"] == {"creatorMayApprove": False}


def test_a_forbidden_field_in_a_query_exposes_nothing_of_it(caller: Caller) -> None:
    viewer = as_role(caller, "viewer")
    body = viewer.graphql("{ invoices { totalCount } tenantSettings { creatorMayApprove } }")

    assert body["data"] is None
    only_error(body, "FORBIDDEN")
