"""Invoices that name registered customers and items, over real HTTP: issue 11, scenario 3."""

from __future__ import annotations

from typing import Any

from tests.e2e.invoicing.test_items import CREATE as CREATE_ITEM
from tests.e2e.invoicing.test_items import rod
from tests.e2e.invoicing.test_parties import CREATE as CREATE_PARTY
from tests.e2e.invoicing.test_parties import karim_steel
from tests.e2e.operations import APPROVE, MONEY
from tests.e2e.server import Caller, violated

FIELDS = f"""
  id status customerId customerPartyId buyerName buyerAddress customerBIN customerTIN version
  grandTotal {MONEY} vatAmount {MONEY} supplementaryDuty {MONEY}
  customer {{ id code legalName active }}
  lineItems {{ itemId description hsCode serviceCode unitOfSupply vatCategory vatRate supplementaryDutyRate
              unitPrice {MONEY} quantity }}
"""
CREATE = f"mutation($input: CreateInvoiceInput!) {{ createInvoice(input: $input) {{ {FIELDS} }} }}"
GET = f"query($id: ID!) {{ invoice(id: $id) {{ {FIELDS} }} }}"
UPDATE_PARTY = """mutation($id: ID!, $input: UpdatePartyInput!) { updateParty(id: $id, input: $input) { version } }"""
DEACTIVATE_PARTY = "mutation($id: ID!) { deactivateParty(id: $id) { active } }"
DEACTIVATE_ITEM = "mutation($id: ID!) { deactivateItem(id: $id) { active } }"
SETTINGS = """mutation($input: TenantSettingsInput!) {
  updateTenantSettings(input: $input) { creatorMayApprove requireRegisteredCustomers } }"""
PAGE = """query($first: Int) { invoices(first: $first) { edges { node { id customer { code legalName } } } } }"""


def _party(caller: Caller, **changes: Any) -> dict[str, Any]:
    party: dict[str, Any] = caller.data(CREATE_PARTY, {"input": karim_steel(**changes)})["createParty"]
    return party


def _item(caller: Caller, **changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = caller.data(CREATE_ITEM, {"input": rod(**changes)})["createItem"]
    return item


def _invoice(**changes: Any) -> dict[str, Any]:
    return {"vendorId": "vendor-001", "invoiceDate": "2026-12-01", "dueDate": "2026-12-31", **changes}


def _create(caller: Caller, **changes: Any) -> dict[str, Any]:
    created: dict[str, Any] = caller.data(CREATE, {"input": _invoice(**changes)})["createInvoice"]
    return created


def test_an_invoice_for_a_registered_customer_takes_its_name_bin_tin_and_address(caller: Caller) -> None:
    party = _party(caller)

    invoice = _create(
        caller, customerPartyId=party["id"], lineItems=[{"description": "Rods", "quantity": 1, "unitPrice": 100}]
    )

    assert invoice["customerPartyId"] == party["id"]
    assert invoice["customerId"] == "C-001"
    assert invoice["buyerName"] == "Karim Steel Ltd"
    assert invoice["buyerAddress"] == "12 Motijheel C/A\nDhaka 1000"
    assert (invoice["customerBIN"], invoice["customerTIN"]) == ("002871821-0101", "123456789012")
    assert invoice["customer"] == {"id": party["id"], "code": "C-001", "legalName": "Karim Steel Ltd", "active": True}


def test_what_the_invoice_gives_itself_wins_over_the_party(caller: Caller) -> None:
    party = _party(caller)

    invoice = _create(
        caller,
        customerPartyId=party["id"],
        customerId="KARIM-HO",
        buyerName="Karim Steel Ltd (Head Office)",
        lineItems=[{"description": "Rods", "quantity": 1, "unitPrice": 100}],
    )

    assert (invoice["customerId"], invoice["buyerName"]) == ("KARIM-HO", "Karim Steel Ltd (Head Office)")
    assert invoice["customerBIN"] == "002871821-0101"


def test_a_later_edit_of_the_party_does_not_change_an_issued_invoice(caller: Caller) -> None:
    party = _party(caller)
    invoice = _create(
        caller, customerPartyId=party["id"], lineItems=[{"description": "Rods", "quantity": 1, "unitPrice": 100}]
    )
    caller.checker().data(APPROVE, {"id": invoice["id"]})

    caller.data(UPDATE_PARTY, {"id": party["id"], "input": {"legalName": "Karim Steel PLC", "bin": "0011223344556"}})
    again = caller.data(GET, {"id": invoice["id"]})["invoice"]

    assert (again["buyerName"], again["customerBIN"]) == ("Karim Steel Ltd", "002871821-0101")
    assert again["customer"]["legalName"] == "Karim Steel PLC"


def test_a_line_with_an_item_takes_its_description_codes_unit_rates_and_price(caller: Caller) -> None:
    item = _item(caller, serviceCode=None)

    invoice = _create(caller, customerId="walk-in", lineItems=[{"itemId": item["id"], "quantity": 10}])
    line = invoice["lineItems"][0]

    assert line["itemId"] == item["id"]
    assert (line["description"], line["hsCode"], line["unitOfSupply"]) == ("Steel Rod 12 mm", "7214.20", "kg")
    assert (line["vatCategory"], line["vatRate"], line["supplementaryDutyRate"]) == ("STANDARD", 0.15, 0.1)
    assert line["unitPrice"]["decimal"] == "950.50"
    # 10 x 950.50 = 9505.00; SD 10% = 950.50; VAT 15% of 10455.50 = 1568.325, 1568.33 to the paisa.
    assert invoice["supplementaryDuty"]["decimal"] == "950.50"
    assert invoice["vatAmount"]["decimal"] == "1568.33"
    assert invoice["grandTotal"]["decimal"] == "12023.83"


def test_what_the_line_gives_itself_overrides_the_item(caller: Caller) -> None:
    item = _item(caller)

    invoice = _create(
        caller,
        customerId="walk-in",
        lineItems=[
            {"itemId": item["id"], "quantity": 2, "unitPrice": 900, "description": "Rods, discounted"},
            {"itemId": item["id"], "quantity": 1, "vatCategory": "EXEMPT"},
        ],
    )
    discounted, exempt = invoice["lineItems"]

    assert (discounted["description"], discounted["unitPrice"]["decimal"]) == ("Rods, discounted", "900.00")
    assert discounted["vatRate"] == 0.15
    # Another category does not take the item's rate: EXEMPT is 0, whatever the item says.
    assert (exempt["vatCategory"], exempt["vatRate"]) == ("EXEMPT", 0.0)


def test_unknown_and_deactivated_parties_and_items_name_their_fields(caller: Caller) -> None:
    gone_party = _party(caller, code="C-GONE")
    caller.data(DEACTIVATE_PARTY, {"id": gone_party["id"]})
    gone_item = _item(caller, code="GONE")
    caller.data(DEACTIVATE_ITEM, {"id": gone_item["id"]})

    unknown = caller.graphql(
        CREATE,
        {"input": _invoice(customerPartyId="no-such-party", lineItems=[{"itemId": "no-such-item", "quantity": 1}])},
    )
    deactivated = caller.graphql(
        CREATE,
        {"input": _invoice(customerPartyId=gone_party["id"], lineItems=[{"itemId": gone_item["id"], "quantity": 1}])},
    )

    assert violated(unknown) == {
        ("input.customerPartyId", "unknown_party"),
        ("input.lineItems[0].itemId", "unknown_item"),
    }
    assert violated(deactivated) == {
        ("input.customerPartyId", "inactive_party"),
        ("input.lineItems[0].itemId", "inactive_item"),
    }


def test_a_supplier_is_not_a_customer(caller: Caller) -> None:
    supplier = _party(caller, code="S-001", kind=["SUPPLIER"])

    body = caller.graphql(
        CREATE,
        {
            "input": _invoice(
                customerPartyId=supplier["id"], lineItems=[{"description": "x", "quantity": 1, "unitPrice": 1}]
            )
        },
    )

    assert violated(body) == {("input.customerPartyId", "not_a_customer")}


def test_a_line_without_an_item_still_needs_its_description_and_price(caller: Caller) -> None:
    body = caller.graphql(CREATE, {"input": _invoice(customerId="walk-in", lineItems=[{"quantity": 1}])})

    assert violated(body) == {
        ("input.lineItems[0].description", "required"),
        ("input.lineItems[0].unitPrice", "required"),
    }


def test_a_tenant_may_require_registered_customers(caller: Caller) -> None:
    settings = caller.data(SETTINGS, {"input": {"requireRegisteredCustomers": True}})["updateTenantSettings"]
    free = caller.graphql(
        CREATE,
        {"input": _invoice(customerId="walk-in", lineItems=[{"description": "x", "quantity": 1, "unitPrice": 1}])},
    )
    party = _party(caller)
    registered = _create(
        caller, customerPartyId=party["id"], lineItems=[{"description": "x", "quantity": 1, "unitPrice": 1}]
    )

    # Only the given setting changed: segregation of duties kept its default.
    assert settings == {"creatorMayApprove": False, "requireRegisteredCustomers": True}
    assert violated(free) == {("input.customerPartyId", "registered_customer_required")}
    assert registered["status"] == "DRAFT"


def test_a_free_customer_id_keeps_working_by_default(caller: Caller) -> None:
    invoice = _create(
        caller, customerId="customer-001", lineItems=[{"description": "x", "quantity": 1, "unitPrice": 1}]
    )

    assert (invoice["customerId"], invoice["customerPartyId"], invoice["customer"]) == ("customer-001", None, None)


def test_a_page_of_invoices_resolves_each_ones_customer(caller: Caller) -> None:
    parties = [_party(caller, code=f"C-{n}", legalName=f"Customer {n}") for n in range(3)]
    for n in range(6):
        _create(
            caller,
            customerPartyId=parties[n % 3]["id"],
            lineItems=[{"description": "x", "quantity": 1, "unitPrice": 1}],
        )
    _create(caller, customerId="walk-in", lineItems=[{"description": "x", "quantity": 1, "unitPrice": 1}])

    nodes = [edge["node"] for edge in caller.data(PAGE, {"first": 100})["invoices"]["edges"]]

    assert [node["customer"] and node["customer"]["code"] for node in nodes] == [
        None, "C-2", "C-1", "C-0", "C-2", "C-1", "C-0",
    ]  # fmt: skip
