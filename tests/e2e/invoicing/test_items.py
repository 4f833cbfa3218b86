"""The item master over real HTTP, on SQLite and PostgreSQL: issue 11's second scenario."""

from __future__ import annotations

from typing import Any

from tests.e2e.server import Caller, only_error, violated

ITEM_FIELDS = """
  id code name nameBn hsCode serviceCode unitOfSupply vatCategory vatRate supplementaryDutyRate
  unitPrice { amount decimal currency formattedAmount } active version createdAt updatedAt
"""
CREATE = f"mutation($input: CreateItemInput!) {{ createItem(input: $input) {{ {ITEM_FIELDS} }} }}"
UPDATE = f"""mutation($id: ID!, $expectedVersion: Int, $input: UpdateItemInput!) {{
  updateItem(id: $id, expectedVersion: $expectedVersion, input: $input) {{ {ITEM_FIELDS} }}
}}"""
DEACTIVATE = f"""mutation($id: ID!, $expectedVersion: Int) {{
  deactivateItem(id: $id, expectedVersion: $expectedVersion) {{ {ITEM_FIELDS} }}
}}"""
GET = f"query($id: ID!) {{ item(id: $id) {{ {ITEM_FIELDS} }} }}"
LIST = """query($first: Int, $after: String, $filter: ItemFilter) {
  items(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id code active } }
  }
}"""


def rod(**changes: Any) -> dict[str, Any]:
    return {
        "code": "ROD-12",
        "name": "Steel Rod 12 mm",
        "nameBn": "স্টিল রড ১২ মিমি",
        "hsCode": "7214.20",
        "unitOfSupply": "kg",
        "vatCategory": "STANDARD",
        "vatRate": 0.15,
        "supplementaryDutyRate": 0.1,
        "unitPrice": 950.5,
        **changes,
    }


def _create(caller: Caller, **changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = caller.data(CREATE, {"input": rod(**changes)})["createItem"]
    return item


def test_a_registered_item_is_read_back_with_every_field(caller: Caller) -> None:
    created = _create(caller)

    assert caller.data(GET, {"id": created["id"]})["item"] == created
    assert {k: created[k] for k in ("code", "nameBn", "vatRate", "supplementaryDutyRate", "active", "version")} == {
        "code": "ROD-12", "nameBn": "স্টিল রড ১২ মিমি", "vatRate": 0.15, "supplementaryDutyRate": 0.1,
        "active": True, "version": 1,
    }  # fmt: skip
    assert created["unitPrice"]["decimal"] == "950.50"
    assert created["unitPrice"]["currency"] == "BDT"


def test_a_service_is_registered_with_its_service_code_and_the_categorys_default_rate(caller: Caller) -> None:
    created = _create(caller, code="AUDIT", hsCode=None, serviceCode="S099", vatRate=None, unitPrice=0)

    assert (created["serviceCode"], created["hsCode"], created["vatRate"]) == ("S099", None, None)


def test_an_update_replaces_the_given_fields_and_keeps_the_rest(caller: Caller) -> None:
    created = _create(caller)
    variables = {"id": created["id"], "expectedVersion": 1, "input": {"name": "Steel Rod 12 mm G60", "hsCode": None}}

    updated = caller.data(UPDATE, variables)["updateItem"]

    assert (updated["name"], updated["hsCode"], updated["code"], updated["version"]) == (
        "Steel Rod 12 mm G60", None, "ROD-12", 2,
    )  # fmt: skip
    assert caller.data(GET, {"id": created["id"]})["item"] == updated


def test_a_deactivated_item_stays_readable_and_leaves_the_active_list(caller: Caller) -> None:
    created = _create(caller)

    gone = caller.data(DEACTIVATE, {"id": created["id"], "expectedVersion": 1})["deactivateItem"]

    assert (gone["active"], gone["version"]) == (False, 2)
    assert caller.data(GET, {"id": created["id"]})["item"]["active"] is False
    assert caller.data(LIST, {"filter": {"active": True}})["items"]["totalCount"] == 0


def test_bad_input_names_every_field_and_rule(caller: Caller) -> None:
    body = caller.graphql(
        CREATE,
        {
            "input": rod(
                code=" ", hsCode="ABC", serviceCode="S1", unitPrice=-1.005, vatRate=0.2, supplementaryDutyRate=6
            )
        },
    )
    assert violated(body) == {
        ("input.code", "required"),
        ("input.hsCode", "hs_code_format"),
        ("input.serviceCode", "service_code_format"),
        ("input.unitPrice", "non_negative"),
        ("input.unitPrice", "decimal_places"),
        ("input.vatRate", "vat_rate_not_in_force"),
        ("input.supplementaryDutyRate", "max_rate"),
    }


def test_an_update_may_not_clear_a_required_field(caller: Caller) -> None:
    created = _create(caller)
    body = caller.graphql(UPDATE, {"id": created["id"], "input": {"code": None, "unitPrice": None}})
    assert violated(body) == {("input.code", "required"), ("input.unitPrice", "required")}


def test_a_second_item_with_the_same_code_is_refused_on_the_code(caller: Caller) -> None:
    _create(caller)
    assert violated(caller.graphql(CREATE, {"input": rod(name="Another")})) == {("input.code", "unique")}


def test_an_unknown_item_is_not_found_and_a_stale_version_conflicts(caller: Caller) -> None:
    created = _create(caller)
    caller.data(UPDATE, {"id": created["id"], "input": {"name": "Rod"}})

    only_error(caller.graphql(UPDATE, {"id": created["id"], "expectedVersion": 1, "input": {"name": "x"}}), "CONFLICT")
    missing = "00000000-0000-0000-0000-000000000000"
    only_error(caller.graphql(UPDATE, {"id": missing, "input": {"name": "x"}}), "NOT_FOUND")
    only_error(caller.graphql(DEACTIVATE, {"id": missing}), "NOT_FOUND")
    only_error(caller.graphql(GET, {"id": missing}), "NOT_FOUND")


def test_another_tenants_item_is_not_found(caller: Caller) -> None:
    created = _create(caller)
    other = Caller(caller.http, caller.tenant_id + "-other")

    only_error(other.graphql(GET, {"id": created["id"]}), "NOT_FOUND")
    only_error(other.graphql(DEACTIVATE, {"id": created["id"]}), "NOT_FOUND")
    assert other.data(LIST)["items"]["totalCount"] == 0
    assert _create(other)["code"] == "ROD-12"


def test_items_are_searched_and_paged_newest_first(caller: Caller) -> None:
    for code, name in [("ROD-12", "Steel Rod"), ("BOLT-1", "Bolt"), ("ROD-16", "Steel rod 16")]:
        _create(caller, code=code, name=name, nameBn=None)

    first = caller.data(LIST, {"first": 2, "filter": {"search": "rod"}})["items"]
    rest = caller.data(LIST, {"first": 2, "after": first["pageInfo"]["endCursor"], "filter": {"search": "rod"}})
    assert [e["node"]["code"] for e in first["edges"]] == ["ROD-16", "ROD-12"]
    assert (first["totalCount"], first["pageInfo"]["hasNextPage"]) == (2, False)
    assert rest["items"]["edges"] == []
    assert [e["node"]["code"] for e in caller.data(LIST, {"filter": {"search": "7214"}})["items"]["edges"]] == [
        "ROD-16", "BOLT-1", "ROD-12",
    ]  # fmt: skip


def test_reading_needs_invoice_read_and_writing_invoice_create(caller: Caller) -> None:
    created = _create(caller)
    viewer = Caller(caller.http, caller.tenant_id, roles=("viewer",))
    nobody = Caller(caller.http, caller.tenant_id, roles=())

    assert viewer.data(GET, {"id": created["id"]})["item"]["id"] == created["id"]
    for query, variables in [
        (CREATE, {"input": rod(code="X")}),
        (UPDATE, {"id": created["id"], "input": {"name": "x"}}),
        (DEACTIVATE, {"id": created["id"]}),
    ]:
        error = only_error(viewer.graphql(query, variables), "FORBIDDEN")
        assert error["extensions"]["permission"] == "invoice:create"
    for query, variables in [(GET, {"id": created["id"]}), (LIST, {})]:
        assert only_error(nobody.graphql(query, variables), "FORBIDDEN")["extensions"]["permission"] == "invoice:read"
