"""Resolvers of the output types: each maps one field of the read model, nothing more.

Fields are resolved only when asked for, so a list that asks for no formatted amounts
pays nothing for them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, TypeVar

from ariadne import EnumType, ObjectType

from hisab.api.context import Info
from hisab.formatting.money import amount_in_words, format_amount
from hisab.invoicing.adapters.documents.endpoint import HTML, PDF, mushak63_path
from hisab.invoicing.application.views import InvoiceView
from hisab.invoicing.domain.invoice import InvoiceStatus, Line
from hisab.invoicing.domain.printing import Language
from hisab.kernel.fiscal_year import BANGLADESH_TIME, FiscalYear
from hisab.kernel.identifiers import format_bin
from hisab.kernel.money import Money
from hisab.kernel.vat import VATCategory
from hisab.taxpayer.application.views import SupplierProfileView
from hisab.taxpayer.domain.policy import TenantPolicy

vat_category_enum = EnumType("VATCategory", VATCategory)
invoice_status_enum = EnumType("InvoiceStatus", InvoiceStatus)
language_enum = EnumType("Language", Language)
document_format_enum = EnumType("DocumentFormat", {"PDF": PDF, "HTML": HTML})
invoice_type = ObjectType("Invoice")
line_item_type = ObjectType("LineItem")
money_type = ObjectType("Money")
supplier_profile_type = ObjectType("SupplierProfile")

Parent = TypeVar("Parent")


@dataclass(frozen=True, slots=True)
class PricedLine:
    """A line with its invoice's currency, which every one of its amounts is in."""

    line: Line
    currency: str

    def money(self, amount: Decimal) -> Money:
        return Money(amount, self.currency)


def _bind(target: ObjectType, fields: Mapping[str, Callable[[Parent], object]]) -> None:
    for name, read in fields.items():
        target.set_field(name, _resolver(read))


def _resolver(read: Callable[[Parent], object]) -> Callable[..., object]:
    def resolve(parent: Parent, info: Info, **_arguments: Any) -> object:
        return read(parent)

    return resolve


def _in_dhaka(moment: datetime | None) -> datetime | None:
    return moment.astimezone(BANGLADESH_TIME) if moment is not None else None


def _bin(stored: str | None) -> str | None:
    return format_bin(stored) if stored is not None else None


_MONEY_FIELDS: dict[str, Callable[[Money], object]] = {
    "amount": lambda money: float(money.amount),
    "decimal": lambda money: str(money.amount),
    "currency": lambda money: money.currency,
}

_LINE_FIELDS: dict[str, Callable[[PricedLine], object]] = {
    "id": lambda priced: priced.line.line_id,
    "description": lambda priced: priced.line.description,
    "quantity": lambda priced: float(priced.line.quantity),
    "unitPrice": lambda priced: priced.money(priced.line.unit_price),
    "amount": lambda priced: priced.money(priced.line.amounts.value),
    "vatCategory": lambda priced: priced.line.vat_category,
    "vatRate": lambda priced: float(priced.line.vat_rate),
    "vatAmount": lambda priced: priced.money(priced.line.amounts.vat),
    "supplementaryDuty": lambda priced: priced.money(priced.line.amounts.supplementary_duty),
    "advanceIncomeTax": lambda priced: priced.money(priced.line.amounts.advance_income_tax),
    "hsCode": lambda priced: priced.line.hs_code,
    "unitOfSupply": lambda priced: priced.line.unit_of_supply,
    "total": lambda priced: priced.money(priced.line.amounts.total),
    "supplementaryDutyRate": lambda priced: float(priced.line.supplementary_duty_rate),
    "advanceIncomeTaxRate": lambda priced: float(priced.line.advance_income_tax_rate),
}

_INVOICE_FIELDS: dict[str, Callable[[InvoiceView], object]] = {
    "id": lambda view: view.invoice_id,
    "invoiceNumber": lambda view: view.invoice_number,
    "mushakNumber": lambda view: view.mushak_number,
    "status": lambda view: view.status,
    "vendorId": lambda view: view.vendor_id,
    "customerId": lambda view: view.customer_id,
    "vendorTIN": lambda view: view.vendor_tin,
    "vendorBIN": lambda view: _bin(view.vendor_bin),
    "customerTIN": lambda view: view.customer_tin,
    "customerBIN": lambda view: _bin(view.customer_bin),
    "invoiceDate": lambda view: view.invoice_date,
    "dueDate": lambda view: view.due_date,
    "fiscalYear": lambda view: FiscalYear(view.fiscal_year).label,
    "fiscalYearShort": lambda view: FiscalYear(view.fiscal_year).short_label,
    "lineItems": lambda view: [PricedLine(line, view.currency) for line in view.lines],
    "subtotal": lambda view: Money(view.totals.subtotal, view.currency),
    "supplementaryDuty": lambda view: Money(view.totals.supplementary_duty, view.currency),
    "vatAmount": lambda view: Money(view.totals.vat, view.currency),
    "grandTotal": lambda view: Money(view.totals.grand_total, view.currency),
    "advanceIncomeTax": lambda view: Money(view.totals.advance_income_tax, view.currency),
    "netReceivable": lambda view: Money(view.totals.net_receivable, view.currency),
    "issuedAt": lambda view: _in_dhaka(view.issued_at),
    "cancelledAt": lambda view: _in_dhaka(view.cancelled_at),
    "cancellationReason": lambda view: view.cancellation_reason,
    "createdAt": lambda view: view.created_at.astimezone(UTC),
    "updatedAt": lambda view: view.updated_at.astimezone(UTC),
    "version": lambda view: view.version,
    "createdBy": lambda view: view.created_by,
    "approvedBy": lambda view: view.approved_by,
    "cancelledBy": lambda view: view.cancelled_by,
    "buyerName": lambda view: view.buyer_name,
    "buyerAddress": lambda view: view.buyer_address,
    "deliveryDestination": lambda view: view.delivery_destination,
    "printCount": lambda view: view.print_count,
}

_PROFILE_FIELDS: dict[str, Callable[[SupplierProfileView], object]] = {
    "name": lambda view: view.profile.name,
    "bin": lambda view: format_bin(view.profile.bin),
    "units": lambda view: [{"code": u.code, "name": u.name, "address": u.address} for u in view.profile.units],
    "officerName": lambda view: view.profile.officer_name,
    "officerDesignation": lambda view: view.profile.officer_designation,
    "version": lambda view: view.version,
    "updatedAt": lambda view: view.updated_at.astimezone(UTC),
    "updatedBy": lambda view: view.updated_by,
}

_TENANT_SETTINGS_FIELDS: dict[str, Callable[[TenantPolicy], object]] = {
    "creatorMayApprove": lambda policy: policy.creator_may_approve,
}
tenant_settings_type = ObjectType("TenantSettings")

_bind(money_type, _MONEY_FIELDS)
_bind(line_item_type, _LINE_FIELDS)
_bind(invoice_type, _INVOICE_FIELDS)
_bind(tenant_settings_type, _TENANT_SETTINGS_FIELDS)
_bind(supplier_profile_type, _PROFILE_FIELDS)


@money_type.field("formattedAmount")
def resolve_formatted_amount(money: Money, info: Info, lang: Language = Language.EN) -> str:
    return format_amount(money.amount, money.currency, lang)


@money_type.field("amountInWords")
def resolve_amount_in_words(money: Money, info: Info, lang: Language = Language.EN) -> str:
    return amount_in_words(money.amount, money.currency, lang)


@invoice_type.field("mushak63Url")
def resolve_mushak63_url(view: InvoiceView, info: Info, lang: Language = Language.EN, format: str = PDF) -> str:
    return mushak63_path(view.invoice_id, lang, format)


OUTPUT_TYPES = (
    vat_category_enum,
    invoice_status_enum,
    language_enum,
    document_format_enum,
    invoice_type,
    line_item_type,
    money_type,
    supplier_profile_type,
    tenant_settings_type,
)
