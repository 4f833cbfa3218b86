"""Tenant B cannot read, list, change or infer anything of tenant A's invoices."""

from __future__ import annotations

import uuid

from tests.e2e.operations import APPROVE, CANCEL, CREATE, GET, LIST, steel_rods
from tests.e2e.server import Caller, only_error


def test_another_tenants_invoice_is_not_found_and_not_listed(caller: Caller) -> None:
    intruder = Caller(caller.http, caller.tenant_id + "-b")
    theirs = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]["id"]

    for body in (
        intruder.graphql(GET, {"id": theirs}),
        intruder.checker().graphql(APPROVE, {"id": theirs}),
        intruder.graphql(CANCEL, {"id": theirs, "reason": "Not mine"}),
    ):
        only_error(body, "NOT_FOUND")
    assert intruder.data(LIST)["invoices"]["totalCount"] == 0
    assert caller.data(GET, {"id": theirs})["invoice"]["status"] == "DRAFT"


def test_probing_ids_tells_a_foreign_invoice_from_a_missing_one_by_nothing(caller: Caller) -> None:
    intruder = Caller(caller.http, caller.tenant_id + "-b")
    theirs = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]["id"]
    missing = str(uuid.uuid4())

    foreign = [intruder.post(GET, {"id": theirs}), intruder.checker().post(APPROVE, {"id": theirs})]
    absent = [intruder.post(GET, {"id": missing}), intruder.checker().post(APPROVE, {"id": missing})]

    for seen, unseen, invoice_id in zip(foreign, absent, (theirs, theirs), strict=True):
        assert seen.status_code == unseen.status_code == 200
        assert seen.json()["errors"][0]["message"].replace(invoice_id, "ID") == unseen.json()["errors"][0][
            "message"
        ].replace(missing, "ID")


def test_counts_numbers_and_serials_reveal_nothing_of_another_tenants_volume(caller: Caller) -> None:
    busy = caller
    quiet = Caller(caller.http, caller.tenant_id + "-quiet")
    for _ in range(3):
        busy.checker().data(APPROVE, {"id": busy.data(CREATE, {"input": steel_rods()})["createInvoice"]["id"]})

    created = quiet.data(CREATE, {"input": steel_rods()})["createInvoice"]
    approved = quiet.checker().data(APPROVE, {"id": created["id"]})["approveInvoice"]

    assert created["invoiceNumber"].endswith("-000001")
    assert approved["mushakNumber"].endswith("/000001")
    assert quiet.data(LIST)["invoices"]["totalCount"] == 1


def test_an_idempotency_key_of_another_tenant_replays_nothing(caller: Caller) -> None:
    intruder = Caller(caller.http, caller.tenant_id + "-b")
    key = {"Idempotency-Key": f"order-{uuid.uuid4().hex}"}
    theirs = caller.data(CREATE, {"input": steel_rods()}, headers=key)["createInvoice"]

    mine = intruder.data(CREATE, {"input": steel_rods()}, headers=key)["createInvoice"]

    assert mine["id"] != theirs["id"]
    assert intruder.data(LIST)["invoices"]["totalCount"] == 1
