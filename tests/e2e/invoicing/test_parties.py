"""The party master over real HTTP, on SQLite and PostgreSQL: issue 11, scenario 1."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.server import Caller, only_error, violated

PARTY_FIELDS = """
    id code kind legalName legalNameBn bin tin nid address addressBn phone email withholdingEntity creditDays
    creditLimit { amount decimal currency formattedAmount } active version createdAt updatedAt
"""
CREATE = f"mutation Create($input: CreatePartyInput!) {{ createParty(input: $input) {{ {PARTY_FIELDS} }} }}"
UPDATE = f"""mutation Update($id: ID!, $expectedVersion: Int, $input: UpdatePartyInput!) {{
  updateParty(id: $id, expectedVersion: $expectedVersion, input: $input) {{ {PARTY_FIELDS} }} }}"""
DEACTIVATE = f"""mutation Deactivate($id: ID!, $expectedVersion: Int) {{
  deactivateParty(id: $id, expectedVersion: $expectedVersion) {{ {PARTY_FIELDS} }} }}"""
GET = f"query Get($id: ID!) {{ party(id: $id) {{ {PARTY_FIELDS} }} }}"
LIST = """query List($first: Int, $after: String, $filter: PartyFilter) {
  parties(first: $first, after: $after, filter: $filter) {
    edges { cursor node { code } } pageInfo { hasNextPage endCursor } totalCount } }"""


def karim_steel(**changes: Any) -> dict[str, Any]:
    party: dict[str, Any] = {
        "code": "C-001",
        "kind": ["CUSTOMER"],
        "legalName": "Karim Steel Ltd",
        "legalNameBn": "করিম স্টিল লিমিটেড",
        "bin": "0028718210101",
        "tin": "123456789012",
        "nid": "1234567890",
        "address": "12 Motijheel C/A\nDhaka 1000",
        "addressBn": "১২ মতিঝিল বা/এ, ঢাকা ১০০০",
        "phone": "01712 345678",
        "email": "accounts@karimsteel.com.bd",
        "withholdingEntity": True,
        "creditDays": 30,
        "creditLimit": 500000.5,
    }
    party.update(changes)
    return party


def _create(caller: Caller, **changes: Any) -> dict[str, Any]:
    created: dict[str, Any] = caller.data(CREATE, {"input": karim_steel(**changes)})["createParty"]
    return created


def _codes(caller: Caller, **variables: Any) -> list[str]:
    found = caller.data(LIST, variables)["parties"]
    return [edge["node"]["code"] for edge in found["edges"]]


def test_a_created_party_reads_back_with_every_field(caller: Caller) -> None:
    created = _create(caller)

    assert caller.data(GET, {"id": created["id"]})["party"] == created
    assert created["bin"] == "002871821-0101"
    assert created["phone"] == "+8801712345678"
    assert created["kind"] == ["CUSTOMER"]
    assert created["creditLimit"] == {
        "amount": 500000.5,
        "decimal": "500000.50",
        "currency": "BDT",
        "formattedAmount": "৳5,00,000.50",
    }
    assert (created["active"], created["version"], created["withholdingEntity"]) == (True, 1, True)
    assert created["createdAt"].endswith("+00:00")


def test_an_update_replaces_only_the_given_fields(caller: Caller) -> None:
    created = _create(caller)
    changes = {"kind": ["SUPPLIER", "CUSTOMER"], "legalName": "Karim Steel & Co", "email": None}
    updated = caller.data(UPDATE, {"id": created["id"], "expectedVersion": 1, "input": changes})["updateParty"]

    assert updated["kind"] == ["CUSTOMER", "SUPPLIER"]
    assert (updated["legalName"], updated["email"], updated["version"]) == ("Karim Steel & Co", None, 2)
    assert updated["legalNameBn"] == created["legalNameBn"]
    assert caller.data(GET, {"id": created["id"]})["party"] == updated


def test_a_deactivated_party_stays_readable(caller: Caller) -> None:
    created = _create(caller)
    deactivated = caller.data(DEACTIVATE, {"id": created["id"], "expectedVersion": 1})["deactivateParty"]

    assert (deactivated["active"], deactivated["version"]) == (False, 2)
    assert caller.data(GET, {"id": created["id"]})["party"]["active"] is False
    assert _codes(caller, filter={"active": False}) == ["C-001"]
    assert _codes(caller, filter={"active": True}) == []


def test_an_unknown_party_is_not_found_and_a_stale_version_conflicts(caller: Caller) -> None:
    created = _create(caller)
    unknown = "00000000-0000-0000-0000-000000000000"
    only_error(caller.graphql(GET, {"id": unknown}), "NOT_FOUND")
    only_error(caller.graphql(UPDATE, {"id": unknown, "input": {"creditDays": 5}}), "NOT_FOUND")
    only_error(caller.graphql(DEACTIVATE, {"id": unknown}), "NOT_FOUND")

    caller.data(UPDATE, {"id": created["id"], "expectedVersion": 1, "input": {"creditDays": 45}})
    stale = {"id": created["id"], "expectedVersion": 1, "input": {"creditDays": 60}}
    only_error(caller.graphql(UPDATE, stale), "CONFLICT")
    only_error(caller.graphql(DEACTIVATE, {"id": created["id"], "expectedVersion": 1}), "CONFLICT")


def test_another_tenants_party_is_not_found(caller: Caller) -> None:
    created = _create(caller)
    other = Caller(caller.http, caller.tenant_id + "-other")

    only_error(other.graphql(GET, {"id": created["id"]}), "NOT_FOUND")
    only_error(other.graphql(UPDATE, {"id": created["id"], "input": {"creditDays": 1}}), "NOT_FOUND")
    assert _codes(other) == []
    # Codes are unique per tenant only.
    assert _create(other)["code"] == "C-001"


def test_a_taken_code_is_refused_on_input_code(caller: Caller) -> None:
    first = _create(caller)
    assert violated(caller.graphql(CREATE, {"input": karim_steel(legalName="Other")})) == {("input.code", "unique")}

    second = _create(caller, code="C-002")
    taken = caller.graphql(UPDATE, {"id": second["id"], "input": {"code": first["code"]}})
    assert violated(taken) == {("input.code", "unique")}


CASES: list[Any] = [
    pytest.param({"code": " "}, "input.code", "required", id="code-blank"),
    pytest.param({"code": "C 1"}, "input.code", "code_format", id="code-space"),
    pytest.param({"code": "C" * 51}, "input.code", "max_length", id="code-51"),
    pytest.param({"kind": []}, "input.kind", "required", id="no-kind"),
    pytest.param({"legalName": ""}, "input.legalName", "required", id="name-empty"),
    pytest.param({"legalName": "x" * 201}, "input.legalName", "max_length", id="name-201"),
    pytest.param({"legalNameBn": "a\u0000b"}, "input.legalNameBn", "control_characters", id="bn-name-nul"),
    pytest.param({"bin": "123456789"}, "input.bin", "bin_outdated", id="bin-9"),
    pytest.param({"bin": "12345-67890"}, "input.bin", "bin_format", id="bin-malformed"),
    pytest.param({"tin": "1234567890"}, "input.tin", "tin_outdated", id="tin-10"),
    pytest.param({"nid": "12345"}, "input.nid", "nid_format", id="nid-5"),
    pytest.param({"address": "x" * 501}, "input.address", "max_length", id="address-501"),
    pytest.param({"addressBn": "\u0007"}, "input.addressBn", "control_characters", id="bn-address-bell"),
    pytest.param({"phone": "01212345678"}, "input.phone", "phone_format", id="phone-012"),
    pytest.param({"phone": "+4420 7946 0958"}, "input.phone", "phone_format", id="phone-foreign"),
    pytest.param({"email": "accounts@"}, "input.email", "email_format", id="email-no-domain"),
    pytest.param({"creditDays": 366}, "input.creditDays", "range", id="days-366"),
    pytest.param({"creditDays": -1}, "input.creditDays", "range", id="days-negative"),
    pytest.param({"creditLimit": -0.01}, "input.creditLimit", "non_negative", id="limit-negative"),
    pytest.param({"creditLimit": 1.005}, "input.creditLimit", "decimal_places", id="limit-3dp"),
    pytest.param({"creditLimit": 1e13}, "input.creditLimit", "amount_ceiling", id="limit-10^13"),
]


@pytest.mark.parametrize(("changes", "field", "rule"), CASES)
def test_bad_input_names_its_field_and_rule(caller: Caller, changes: dict[str, Any], field: str, rule: str) -> None:
    assert violated(caller.graphql(CREATE, {"input": karim_steel(**changes)})) == {(field, rule)}


def test_every_violation_is_reported_at_once(caller: Caller) -> None:
    bad = karim_steel(code="", legalName="", phone="123", creditDays=400, nid="1")
    assert violated(caller.graphql(CREATE, {"input": bad})) == {
        ("input.code", "required"),
        ("input.legalName", "required"),
        ("input.phone", "phone_format"),
        ("input.creditDays", "range"),
        ("input.nid", "nid_format"),
    }


def test_an_update_is_validated_whole(caller: Caller) -> None:
    created = _create(caller)
    body = caller.graphql(UPDATE, {"id": created["id"], "input": {"legalName": None, "email": "nobody"}})
    assert violated(body) == {("input.legalName", "required"), ("input.email", "email_format")}


def test_search_matches_code_names_and_bin(caller: Caller) -> None:
    _create(caller)
    _create(caller, code="S-9", kind=["SUPPLIER"], legalName="Rahim Jute Mills", legalNameBn="রহিম জুট", bin=None)

    def search(text: str) -> list[str]:
        return _codes(caller, filter={"search": text})

    assert search("c-00") == ["C-001"]
    assert search("KARIM steel") == ["C-001"]
    assert search("জুট") == ["S-9"]
    assert search("002871821-0101") == ["C-001"]
    assert search("0028718210101") == ["C-001"]
    assert search("%") == []
    assert _codes(caller, filter={"kind": ["SUPPLIER"]}) == ["S-9"]
    assert _codes(caller, filter={"kind": ["CUSTOMER", "SUPPLIER"]}) == ["S-9", "C-001"]


def test_parties_page_newest_first_with_cursors(caller: Caller) -> None:
    for n in range(3):
        _create(caller, code=f"P-{n}")

    first = caller.data(LIST, {"first": 2})["parties"]
    assert [e["node"]["code"] for e in first["edges"]] == ["P-2", "P-1"]
    assert (first["pageInfo"]["hasNextPage"], first["totalCount"]) == (True, 3)
    assert _codes(caller, first=2, after=first["pageInfo"]["endCursor"]) == ["P-0"]
    bad_cursor = caller.graphql(LIST, {"after": "not-a-cursor"})
    assert violated(bad_cursor) == {("after", "cursor")}


def test_reading_needs_invoice_read_and_writing_invoice_create(caller: Caller) -> None:
    created = _create(caller)
    reader = Caller(caller.http, caller.tenant_id, "reader", (), ("invoice:read",))
    nobody = Caller(caller.http, caller.tenant_id, "nobody", (), ())

    assert reader.data(GET, {"id": created["id"]})["party"]["code"] == "C-001"
    for operation, variables in (
        (CREATE, {"input": karim_steel(code="C-002")}),
        (UPDATE, {"id": created["id"], "input": {"creditDays": 1}}),
        (DEACTIVATE, {"id": created["id"]}),
    ):
        error = only_error(reader.graphql(operation, variables), "FORBIDDEN")
        assert error["extensions"]["permission"] == "invoice:create"
    error = only_error(nobody.graphql(LIST), "FORBIDDEN")
    assert error["extensions"]["permission"] == "invoice:read"
