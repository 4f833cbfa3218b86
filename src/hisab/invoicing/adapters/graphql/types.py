"""Resolvers of the output types, for the fields that are more than a read model's attribute.

Every other field is read by name: the schema is built with `convert_names_case`, so
`invoiceNumber` reads `invoice_number` (and `vendorTIN` reads `vendor_tin`). Fields are resolved
only when asked for, so a list that asks for no formatted amounts pays nothing for them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from ariadne import EnumType, ObjectType

from hisab.edge.context import Info
from hisab.edge.graphql import EntityType
from hisab.edge.loaders import load_by_id
from hisab.invoicing.adapters.documents.endpoint import HTML, PDF, mushak63_path
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.history import InvoiceChange, invoice_history
from hisab.invoicing.application.parties import PartyView
from hisab.invoicing.application.views import InvoiceView
from hisab.invoicing.domain.invoice import InvoiceStatus, Line
from hisab.kernel.fiscal_year import BANGLADESH_TIME, FiscalYear
from hisab.kernel.identifiers import format_bin
from hisab.kernel.language import Language
from hisab.kernel.money import Money
from hisab.kernel.vat import VATCategory

vat_category_enum = EnumType("VATCategory", VATCategory)
invoice_status_enum = EnumType("InvoiceStatus", InvoiceStatus)
document_format_enum = EnumType("DocumentFormat", {"PDF": PDF, "HTML": HTML})
invoice_type = EntityType("Invoice", InvoiceView)
line_item_type = ObjectType("LineItem")


@dataclass(frozen=True, slots=True)
class PricedLine:
    """A line with its invoice's currency, which every one of its amounts is in.

    It reads as the line itself, so that the line's own fields (`hsCode`, `vatRate`...) need
    no resolver of their own.
    """

    line: Line
    currency: str

    def __getattr__(self, name: str) -> object:
        # Only names PricedLine lacks get here; `object.__getattribute__` keeps an instance whose
        # slots are not set yet (a copy being made) from recursing.
        return getattr(object.__getattribute__(self, "line"), name)

    def money(self, amount: Decimal) -> Money:
        return Money(amount, self.currency)


def _in_dhaka(moment: datetime | None) -> datetime | None:
    return moment.astimezone(BANGLADESH_TIME) if moment is not None else None


def _bin(stored: str | None) -> str | None:
    return format_bin(stored) if stored is not None else None


@line_item_type.field("id")
def resolve_line_id(priced: PricedLine, info: Info) -> str:
    return priced.line.line_id


@line_item_type.field("unitPrice")
def resolve_unit_price(priced: PricedLine, info: Info) -> Money:
    return priced.money(priced.line.unit_price)


@line_item_type.field("amount")
def resolve_line_amount(priced: PricedLine, info: Info) -> Money:
    return priced.money(priced.line.amounts.value)


@line_item_type.field("vatAmount")
def resolve_line_vat(priced: PricedLine, info: Info) -> Money:
    return priced.money(priced.line.amounts.vat)


@line_item_type.field("supplementaryDuty")
def resolve_line_supplementary_duty(priced: PricedLine, info: Info) -> Money:
    return priced.money(priced.line.amounts.supplementary_duty)


@line_item_type.field("advanceIncomeTax")
def resolve_line_advance_income_tax(priced: PricedLine, info: Info) -> Money:
    return priced.money(priced.line.amounts.advance_income_tax)


@line_item_type.field("total")
def resolve_line_total(priced: PricedLine, info: Info) -> Money:
    return priced.money(priced.line.amounts.total)


@invoice_type.field("id")
def resolve_invoice_id(view: InvoiceView, info: Info) -> str:
    return view.invoice_id


@invoice_type.field("vendorBIN")
def resolve_vendor_bin(view: InvoiceView, info: Info) -> str | None:
    return _bin(view.vendor_bin)


@invoice_type.field("customerBIN")
def resolve_customer_bin(view: InvoiceView, info: Info) -> str | None:
    return _bin(view.customer_bin)


@invoice_type.field("fiscalYear")
def resolve_fiscal_year(view: InvoiceView, info: Info) -> str:
    return FiscalYear(view.fiscal_year).label


@invoice_type.field("fiscalYearShort")
def resolve_fiscal_year_short(view: InvoiceView, info: Info) -> str:
    return FiscalYear(view.fiscal_year).short_label


@invoice_type.field("lineItems")
def resolve_line_items(view: InvoiceView, info: Info) -> list[PricedLine]:
    return [PricedLine(line, view.currency) for line in view.lines]


# The invoice's totals, each a Money in the invoice's currency: field name -> attribute of `Totals`.
_TOTALS = {
    "subtotal": "subtotal",
    "supplementaryDuty": "supplementary_duty",
    "vatAmount": "vat",
    "grandTotal": "grand_total",
    "advanceIncomeTax": "advance_income_tax",
    "netReceivable": "net_receivable",
}


def _total(attribute: str) -> Callable[[InvoiceView, Info], Money]:
    def resolve(view: InvoiceView, info: Info) -> Money:
        return Money(getattr(view.totals, attribute), view.currency)

    return resolve


for _field, _attribute in _TOTALS.items():
    invoice_type.set_field(_field, _total(_attribute))


@invoice_type.field("issuedAt")
def resolve_issued_at(view: InvoiceView, info: Info) -> datetime | None:
    return _in_dhaka(view.issued_at)


@invoice_type.field("cancelledAt")
def resolve_cancelled_at(view: InvoiceView, info: Info) -> datetime | None:
    return _in_dhaka(view.cancelled_at)


@invoice_type.field("createdAt")
def resolve_created_at(view: InvoiceView, info: Info) -> datetime:
    return view.created_at.astimezone(UTC)


@invoice_type.field("updatedAt")
def resolve_updated_at(view: InvoiceView, info: Info) -> datetime:
    return view.updated_at.astimezone(UTC)


@invoice_type.field("customer")
async def resolve_customer(view: InvoiceView, info: Info) -> PartyView | None:
    """Batched: a page of invoices asks for all its parties in one query."""
    if view.customer_party_id is None:
        return None
    context = info.context
    parties = context.services.get(Invoicing).parties
    tenant_id = context.principal.tenant_id
    return await load_by_id(context, "parties", lambda ids: parties.get_many(tenant_id, ids), view.customer_party_id)


@invoice_type.field("history")
async def resolve_history(view: InvoiceView, info: Info) -> list[InvoiceChange]:
    context = info.context
    return await invoice_history(view.invoice_id, context.actor, context.services.get(Invoicing))


@invoice_type.field("mushak63Url")
def resolve_mushak63_url(view: InvoiceView, info: Info, lang: Language = Language.EN, format: str = PDF) -> str:
    return mushak63_path(view.invoice_id, lang, format)


invoice_change_type = ObjectType("InvoiceChange")


@invoice_change_type.field("at")
def resolve_change_at(change: InvoiceChange, info: Info) -> datetime:
    return change.at.astimezone(UTC)


OUTPUT_TYPES = (
    vat_category_enum, invoice_status_enum, document_format_enum, invoice_type, line_item_type, invoice_change_type,
)  # fmt: skip
