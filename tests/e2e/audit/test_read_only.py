"""The VAT officer changes nothing: every Mutation field of the schema as built (so a mutation added
later is covered without a line here) and every other write route refuses it, and no row of its
tenant moves."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    get_named_type,
    is_composite_type,
    is_required_argument,
    is_required_input_field,
)
from starlette.routing import Route

from hisab.api.graphql.schema import build_schema
from hisab.bootstrap import build_app
from tests.e2e.audit.conftest import Served
from tests.e2e.audit.test_vat_officer import READ_INVOICES, issued_invoice, nodes, officer_of, trail
from tests.e2e.invoicing.test_documents import PROFILE, SET_PROFILE
from tests.e2e.invoicing.test_items import CREATE as CREATE_ITEM
from tests.e2e.invoicing.test_items import rod
from tests.e2e.invoicing.test_parties import CREATE as CREATE_PARTY
from tests.e2e.invoicing.test_parties import karim_steel
from tests.e2e.server import Caller, only_error, settings_for

# A value of each scalar that its parser takes, so that only the permission can refuse a mutation.
SCALARS: dict[str, object] = {
    "ID": "00000000-0000-0000-0000-000000000000", "String": "x", "Int": 1, "Float": 1.5, "Boolean": True,
    "Date": "2025-01-15", "DateTime": "2025-01-15T10:00:00+06:00",
}  # fmt: skip
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# /graphql's writes are its mutations, each tried below; /auth/refresh takes a refresh token, not
# an access token, and changes no record of a tenant (only its own ledger of used tokens).
COVERED_ELSEWHERE = frozenset({"/graphql", "/auth/refresh"})


def sample(kind: GraphQLInputType) -> object:
    """A value of an input type, with every required field filled and no optional one."""
    if isinstance(kind, GraphQLNonNull):
        return sample(kind.of_type)
    if isinstance(kind, GraphQLList):
        return [sample(kind.of_type)]
    if isinstance(kind, GraphQLInputObjectType):
        return {name: sample(field.type) for name, field in kind.fields.items() if is_required_input_field(field)}
    if isinstance(kind, GraphQLEnumType):
        return next(iter(kind.values))
    assert isinstance(kind, GraphQLScalarType)
    assert kind.name in SCALARS, f"add a value of the scalar {kind.name} to SCALARS"
    return SCALARS[kind.name]


def mutation_of(name: str, field: GraphQLField) -> tuple[str, dict[str, Any]]:
    """A mutation of the field alone, its required arguments given as variables."""
    required = {arg: spec for arg, spec in field.args.items() if is_required_argument(spec)}
    declared = ", ".join(f"${arg}: {spec.type}" for arg, spec in required.items())
    passed = ", ".join(f"{arg}: ${arg}" for arg in required)
    selection = " { __typename }" if is_composite_type(get_named_type(field.type)) else ""
    document = f"mutation{f'({declared})' if declared else ''} {{ {name}{f'({passed})' if passed else ''}{selection} }}"
    return document, {arg: sample(spec.type) for arg, spec in required.items()}


def _tenant_with_records(caller: Caller) -> None:
    caller.data(SET_PROFILE, {"input": PROFILE})
    caller.data(CREATE_PARTY, {"input": karim_steel()})
    caller.data(CREATE_ITEM, {"input": rod()})
    issued_invoice(caller)


def test_every_mutation_of_the_schema_is_forbidden_to_the_officer_and_nothing_is_written(
    caller: Caller, served: Served
) -> None:
    _tenant_with_records(caller)
    officer = officer_of(caller)
    before = served.tenant_rows(caller.tenant_id)
    mutations = build_schema(federation=True).mutation_type
    assert mutations is not None

    for name, field in mutations.fields.items():
        document, variables = mutation_of(name, field)
        body = officer.graphql(document, variables)
        assert body["data"] is None, (name, body)
        error = only_error(body, "FORBIDDEN")
        assert error["message"].startswith("Forbidden: missing permission "), (name, error)

    assert served.tenant_rows(caller.tenant_id) == before
    assert {"createInvoice", "approveInvoice", "createParty", "setSupplierProfile"} <= set(mutations.fields)


def test_every_other_write_route_refuses_the_officer_and_writes_nothing(
    caller: Caller, served: Served, tmp_path: Path
) -> None:
    _tenant_with_records(caller)
    officer = officer_of(caller)
    before = served.tenant_rows(caller.tenant_id)
    routes = [r for r in build_app(settings_for("sqlite:///unused.db", tmp_path)).routes if isinstance(r, Route)]
    writes = {route.path: route for route in routes if route.methods and WRITES & route.methods}

    for path, route in writes.items():
        if path in COVERED_ELSEWHERE:
            continue
        concrete = route.path_format.format(**{name: "x" for name in route.param_convertors})
        for method in sorted(WRITES & (route.methods or set())):
            response = officer.http.request(method, concrete, headers={"Authorization": f"Bearer {officer.token}"})
            # The web app's pages take no bearer token: without a session they send the caller to sign in.
            to_sign_in = response.status_code == 303 and response.headers["location"].startswith("/sign-in")
            assert response.status_code == 403 or to_sign_in, (method, concrete, response.text)

    assert served.tenant_rows(caller.tenant_id) == before
    assert set(writes) >= COVERED_ELSEWHERE


@pytest.mark.parametrize("roles", [("vat_officer",), ("vat_officer", "viewer")], ids=["officer", "officer-and-viewer"])
def test_the_officers_reads_are_kept_whatever_other_role_it_holds(caller: Caller, roles: tuple[str, ...]) -> None:
    reader = Caller(caller.http, caller.tenant_id, "officer-1", roles)

    reader.data(READ_INVOICES)

    assert [n["roles"] for n in nodes(trail(caller))] == [sorted(roles)]
