"""Field and argument names over HTTP are the contract's camelCase, acronyms included."""

from __future__ import annotations

from tests.e2e.operations import APPROVE, CREATE, GET, steel_rods
from tests.e2e.server import Caller

CODES = {"vendorTIN": "123456789012", "vendorBIN": "0000123450101", "customerTIN": "210987654321",
         "customerBIN": "0000543210202"}  # fmt: skip


def test_the_tin_and_bin_fields_round_trip_under_their_acronym_names(caller: Caller) -> None:
    created = caller.data(CREATE, {"input": steel_rods(**CODES)})["createInvoice"]
    read = caller.data(GET, {"id": created["id"]})["invoice"]

    for invoice in (created, read):
        assert invoice["vendorTIN"] == "123456789012"
        assert invoice["customerTIN"] == "210987654321"
        assert invoice["vendorBIN"] == "000012345-0101"
        assert invoice["customerBIN"] == "000054321-0202"


def test_a_camel_case_argument_reaches_its_resolver(caller: Caller) -> None:
    created = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]

    stale = caller.checker().graphql(APPROVE, {"id": created["id"], "expectedVersion": created["version"] + 5})
    approved = caller.checker().data(APPROVE, {"id": created["id"], "expectedVersion": created["version"]})

    assert stale["errors"][0]["extensions"]["code"] == "CONFLICT"
    assert approved["approveInvoice"]["status"] == "APPROVED"
