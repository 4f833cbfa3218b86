"""The schema is the contexts' parts joined: names read by convention, every root field guarded."""

from __future__ import annotations

import dataclasses
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest
from ariadne.contrib.federation import FederatedObjectType
from ariadne.utils import convert_camel_case_to_snake
from graphql import GraphQLObjectType, GraphQLSchema

from hisab.api.graphql import schema as schema_module
from hisab.api.graphql.limits import MAX_LIST_ITEMS
from hisab.api.graphql.schema import PARTS, build_schema
from hisab.edge.graphql import GraphQLPart
from hisab.invoicing.application.approval_views import ApprovalAction, ApprovalGiven, PendingApprovalView
from hisab.invoicing.application.queries import MAX_PAGE_SIZE
from hisab.invoicing.application.views import InvoiceView
from hisab.invoicing.domain.invoice import Line
from hisab.taxpayer.application.policy_views import ApprovalPolicyView
from hisab.taxpayer.application.views import SupplierProfileView
from hisab.taxpayer.domain.events import IssuingUnit
from hisab.taxpayer.domain.policy import TenantPolicy

# The Python value each object type's fields are read from (a LineItem reads as its Line).
VALUES: dict[str, type[object]] = {
    "Invoice": InvoiceView,
    "LineItem": Line,
    "SupplierProfile": SupplierProfileView,
    "IssuingUnit": IssuingUnit,
    "TenantSettings": TenantPolicy,
    "ApprovalPolicy": ApprovalPolicyView,
    "InvoiceApproval": ApprovalGiven,
    "ApprovalAction": ApprovalAction,
    "PendingApproval": PendingApprovalView,
}
ROOT = Path(__file__).parents[2]
FEDERATION_NAMES = {"_service", "_entities", "_Service", "_Any", "_Entity", "link__Import", "federation__FieldSet"}


def _read_by_name(schema: GraphQLSchema, type_name: str) -> dict[str, str]:
    """The fields of a type that have no resolver of ours, with the attribute each one reads."""
    graphql_type = schema.get_type(type_name)
    assert isinstance(graphql_type, GraphQLObjectType)
    return {
        name: convert_camel_case_to_snake(name)
        for name, field in graphql_type.fields.items()
        if field.resolve is None or field.resolve.__module__ == "ariadne.resolvers"
    }


@pytest.mark.parametrize("type_name", sorted(VALUES))
def test_every_field_without_a_resolver_reads_an_attribute_its_value_has(type_name: str) -> None:
    attributes = {field.name for field in dataclasses.fields(VALUES[type_name])}  # type: ignore[arg-type]

    read = _read_by_name(build_schema(federation=False), type_name)

    assert {name: attribute for name, attribute in read.items() if attribute not in attributes} == {}


def test_acronym_fields_read_their_snake_case_attributes() -> None:
    read = _read_by_name(build_schema(federation=False), "Invoice")

    assert read["vendorTIN"] == "vendor_tin"
    assert read["customerTIN"] == "customer_tin"
    # The BINs are written #########-####, so they have resolvers of their own.
    assert "vendorBIN" not in read
    assert "customerBIN" not in read


def test_without_federation_the_schema_has_nothing_of_federation() -> None:
    schema = build_schema(federation=False)
    assert schema.query_type is not None

    names = set(schema.type_map) | set(schema.query_type.fields) | {d.name for d in schema.directives}

    assert names & (FEDERATION_NAMES | {"key", "link"}) == set()


def test_with_federation_the_schema_adds_the_subgraph_fields_and_changes_no_other() -> None:
    plain, federated = build_schema(federation=False), build_schema(federation=True)
    assert plain.query_type is not None
    assert federated.query_type is not None

    added = set(federated.query_type.fields) - set(plain.query_type.fields)

    assert added == {"_service", "_entities"}
    for name in plain.type_map:
        plain_type, federated_type = plain.type_map[name], federated.type_map[name]
        if isinstance(plain_type, GraphQLObjectType) and name != "Query":
            assert isinstance(federated_type, GraphQLObjectType)
            assert set(plain_type.fields) == set(federated_type.fields), name


def test_a_root_field_that_declares_no_permission_fails_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema_module, "PARTS", (*PARTS, GraphQLPart("extend type Query { leak: String }")))

    with pytest.raises(ValueError, match=r"Query\.leak declares no @requires"):
        build_schema(federation=False)


def test_an_entity_whose_references_need_no_permission_fails_the_federated_build(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    thing = FederatedObjectType("Thing")
    thing.reference_resolver(lambda _type, _info, representation: representation)
    part = GraphQLPart(
        'type Thing { id: ID! }\nextend type Query { thing: Thing @requires(permission: "invoice:read") }',
        (thing,),
        entity_type_defs='extend type Thing @key(fields: "id")',
    )
    monkeypatch.setattr(schema_module, "PARTS", (*PARTS, part))

    build_schema(federation=False)
    with pytest.raises(ValueError, match="_entities resolves Thing with no GuardedReference"):
        build_schema(federation=True)


def test_the_cost_limits_count_a_list_as_long_as_the_longest_page() -> None:
    assert MAX_LIST_ITEMS == MAX_PAGE_SIZE


def test_every_schema_file_ships_in_the_package() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped: list[str] = pyproject["tool"]["setuptools"]["package-data"]["hisab"]
    package = ROOT / "src" / "hisab"

    files = [path.relative_to(package).as_posix() for path in package.rglob("*.graphql")]

    assert len(files) >= 4
    assert [name for name in files if not any(fnmatch(name, pattern) for pattern in shipped)] == []
