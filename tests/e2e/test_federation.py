"""The Apollo Federation v2 subgraph over HTTP: `_service { sdl }` and tenant-scoped `_entities`."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.e2e.operations import CREATE, steel_rods
from tests.e2e.server import Caller, new_tenant, only_error, running_server, settings_for, violated

SERVICE = "{ _service { sdl } }"
ENTITIES = """query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) { __typename ... on Invoice { id invoiceNumber status } }
}"""


def _invoice(invoice_id: object) -> dict[str, Any]:
    return {"__typename": "Invoice", "id": invoice_id}


def _entities(caller: Caller, *representations: object) -> list[Any]:
    entities: list[Any] = caller.data(ENTITIES, {"representations": list(representations)})["_entities"]
    return entities


def test_the_service_sdl_declares_the_invoice_an_entity_keyed_by_id(caller: Caller) -> None:
    sdl: str = caller.data(SERVICE)["_service"]["sdl"]

    assert '@link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key"])' in sdl
    assert 'extend type Invoice @key(fields: "id")' in sdl
    assert "@requires" not in sdl, "the access directive is the subgraph's own business"
    assert "_entities" not in sdl, "federation's own fields are not part of the SDL"
    assert "_Service" not in sdl


def test_an_invoice_of_its_own_tenant_resolves_as_an_entity(caller: Caller) -> None:
    created = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]

    entities = _entities(caller, _invoice(created["id"]))

    assert entities == [
        {"__typename": "Invoice", "id": created["id"], "invoiceNumber": created["invoiceNumber"], "status": "DRAFT"}
    ]


def test_an_invoice_of_another_tenant_resolves_to_null_as_an_entity(caller: Caller) -> None:
    intruder = Caller(caller.http, caller.tenant_id + "-b")
    theirs = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]["id"]
    mine = intruder.data(CREATE, {"input": steel_rods()})["createInvoice"]["id"]

    entities = _entities(intruder, _invoice(theirs), _invoice(mine))

    assert entities[0] is None
    assert entities[1]["id"] == mine


@pytest.mark.parametrize(
    "representation",
    [
        _invoice(str(uuid.uuid4())),
        _invoice("not an id\x00"),
        _invoice(42),
        _invoice(None),
        {"__typename": "Invoice"},
        {"__typename": "Invoice", "id": {"nested": "object"}},
    ],
    ids=["unknown-id", "implausible-id", "number-id", "null-id", "no-id", "object-id"],
)
def test_an_unknown_or_malformed_invoice_representation_resolves_to_null(
    caller: Caller, representation: dict[str, Any]
) -> None:
    assert _entities(caller, representation) == [None]


@pytest.mark.parametrize(
    "representation", [{"__typename": "Customer", "id": "c-1"}, {"id": "x"}, "Invoice", {"__typename": "Query"}]
)
def test_a_representation_of_no_entity_of_this_subgraph_is_bad_user_input(
    caller: Caller, representation: object
) -> None:
    body = caller.graphql(ENTITIES, {"representations": [_invoice(str(uuid.uuid4())), representation]})

    assert violated(body) == {("representations[1].__typename", "entity_type")}
    assert body["data"] is None


def test_more_representations_than_a_page_holds_are_refused(caller: Caller) -> None:
    body = caller.graphql(ENTITIES, {"representations": [_invoice(str(uuid.uuid4()))] * 101})

    assert violated(body) == {("representations", "max_items")}


def test_entities_need_the_permission_that_reading_an_invoice_needs(caller: Caller) -> None:
    invoice_id = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]["id"]
    outsider = Caller(caller.http, caller.tenant_id, "user-2", roles=(), permissions=("invoice:create",))

    body = outsider.graphql(ENTITIES, {"representations": [_invoice(invoice_id)]})

    assert only_error(body, "FORBIDDEN")["extensions"]["permission"] == "invoice:read"
    assert body["data"] == {"_entities": [None]}
    assert outsider.data(SERVICE)["_service"]["sdl"], "the SDL needs a valid token and no permission"


@pytest.mark.parametrize("query", [SERVICE, ENTITIES])
def test_federation_fields_need_a_valid_token(http: httpx.Client, query: str) -> None:
    response = http.post("/graphql", json={"query": query, "variables": {"representations": []}})

    assert response.status_code == 401
    only_error(response.json(), "UNAUTHENTICATED")


@pytest.fixture(scope="module")
def unfederated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Caller]:
    data_dir: Path = tmp_path_factory.mktemp("hisab-unfederated")
    settings = settings_for(f"sqlite:///{data_dir / 'hisab.db'}", data_dir, graphql_federation=False)
    with running_server(settings) as url, httpx.Client(base_url=url, timeout=30) as http:
        yield Caller(http, new_tenant())


@pytest.mark.parametrize(("query", "field"), [(SERVICE, "_service"), (ENTITIES, "_entities")])
def test_without_federation_the_subgraph_fields_are_absent(unfederated: Caller, query: str, field: str) -> None:
    errors = unfederated.graphql(query, {"representations": []})["errors"]

    assert {error["extensions"]["code"] for error in errors} == {"BAD_USER_INPUT"}
    assert f"Cannot query field '{field}' on type 'Query'." in [error["message"] for error in errors]
