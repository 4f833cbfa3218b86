"""Stopping the server and starting it again loses nothing (issue 2, scenario 7)."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.e2e.operations import APPROVE, CREATE, GET, LIST, steel_rods, three_rates
from tests.e2e.server import Caller, new_tenant, running_server, settings_for


def test_invoices_survive_a_restart_and_serials_continue(tmp_path: Path) -> None:
    settings = settings_for(f"sqlite:///{tmp_path / 'hisab.db'}", tmp_path)
    tenant = new_tenant()
    with running_server(settings) as url, httpx.Client(base_url=url) as http:
        caller = Caller(http, tenant)
        created = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]
        approved = caller.checker().data(APPROVE, {"id": created["id"]})
        draft = caller.data(CREATE, {"input": three_rates()})["createInvoice"]

    with running_server(settings) as url, httpx.Client(base_url=url) as http:
        caller = Caller(http, tenant)
        first = caller.data(GET, {"id": approved["approveInvoice"]["id"]})["invoice"]
        second = caller.data(GET, {"id": draft["id"]})["invoice"]
        listed = caller.data(LIST)["invoices"]
        next_serial = caller.checker().data(APPROVE, {"id": draft["id"]})["approveInvoice"]["mushakNumber"]

    assert first == approved["approveInvoice"]
    assert second == draft
    assert listed["totalCount"] == 2
    assert next_serial.endswith("/000002")
