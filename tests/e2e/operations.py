"""The GraphQL documents and inputs the end-to-end tests send."""

from __future__ import annotations

from typing import Any

MONEY = "{ amount decimal currency formattedAmount }"
INVOICE_FIELDS = f"""
  id invoiceNumber mushakNumber status vendorId customerId
  vendorTIN vendorBIN customerTIN customerBIN invoiceDate dueDate fiscalYear fiscalYearShort
  subtotal {MONEY} supplementaryDuty {MONEY} vatAmount {MONEY} grandTotal {MONEY}
  advanceIncomeTax {MONEY} netReceivable {MONEY}
  issuedAt cancelledAt cancellationReason createdAt updatedAt version createdBy approvedBy cancelledBy
  lineItems {{
    id description quantity unitPrice {MONEY} amount {MONEY} vatCategory vatRate vatAmount {MONEY}
    supplementaryDuty {MONEY} advanceIncomeTax {MONEY} hsCode unitOfSupply total {MONEY}
    supplementaryDutyRate advanceIncomeTaxRate
  }}
"""

CREATE = f"mutation Create($input: CreateInvoiceInput!) {{ createInvoice(input: $input) {{ {INVOICE_FIELDS} }} }}"
APPROVE = f"""mutation Approve($id: ID!, $expectedVersion: Int) {{
  approveInvoice(id: $id, expectedVersion: $expectedVersion) {{ {INVOICE_FIELDS} }}
}}"""
CANCEL = f"""mutation Cancel($id: ID!, $reason: String!, $expectedVersion: Int) {{
  cancelInvoice(id: $id, reason: $reason, expectedVersion: $expectedVersion) {{ {INVOICE_FIELDS} }}
}}"""
GET = f"query Get($id: ID!) {{ invoice(id: $id) {{ {INVOICE_FIELDS} }} }}"
LIST = """query List($first: Int, $after: String, $filter: InvoiceFilter) {
  invoices(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id invoiceNumber status customerId vendorId invoiceDate fiscalYear } }
  }
}"""


def steel_rods(**changes: Any) -> dict[str, Any]:
    """The issue's first scenario: 100 steel rods at 5000 Taka, STANDARD VAT."""
    invoice: dict[str, Any] = {
        "vendorId": "vendor-001",
        "customerId": "customer-001",
        "invoiceDate": "2025-01-15",
        "dueDate": "2025-02-15",
        "lineItems": [line()],
    }
    invoice.update(changes)
    return invoice


def line(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "description": "Construction Materials - Steel Rods",
        "quantity": 100,
        "unitPrice": 5000,
        "currency": "BDT",
        "vatCategory": "STANDARD",
    }
    item.update(changes)
    return item


def three_rates() -> dict[str, Any]:
    """The issue's second scenario: 10000 Taka each at STANDARD, REDUCED and ZERO_RATED."""
    lines = [
        line(description=f"Supply at {category}", quantity=1, unitPrice=10000, vatCategory=category)
        for category in ("STANDARD", "REDUCED", "ZERO_RATED")
    ]
    return steel_rods(lineItems=lines)
