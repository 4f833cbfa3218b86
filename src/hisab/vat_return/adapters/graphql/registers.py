"""The registers in GraphQL: a keyset page of rows with the period's totals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ariadne import EnumType, ObjectType, QueryType
from ariadne.types import SchemaBindable

from hisab.edge.connections import DEFAULT_PAGE_SIZE, connection
from hisab.edge.context import Info
from hisab.edge.graphql import GraphQLPart, read_sdl
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.language import Language
from hisab.kernel.money import Money
from hisab.vat_return.adapters.reports.labels import remark_text, remarks_text
from hisab.vat_return.adapters.reports.tables import identifier
from hisab.vat_return.application.register_views import (
    RegisterRow,
    RegisterTotals,
    Remark,
    RemarkKind,
)
from hisab.vat_return.application.registers import Registers, register_page
from hisab.vat_return.domain.entries import DocumentType, Register

# The documents a register has rows of; the other entries (VDS, cash payments) are in the return only.
_REGISTERED = (
    DocumentType.INVOICE, DocumentType.INVOICE_CANCELLATION, DocumentType.CREDIT_NOTE, DocumentType.DEBIT_NOTE,
    DocumentType.BILL, DocumentType.SUPPLIER_CREDIT_NOTE, DocumentType.SUPPLIER_DEBIT_NOTE,
)  # fmt: skip
query_type = QueryType()
row_type, totals_type, connection_type, remark_type = (
    ObjectType(name) for name in ("RegisterRow", "RegisterTotals", "RegisterConnection", "RegisterRemark")
)


async def _page(register: Register, info: Info, days: dict[str, date], first: int | None, after: str | None) -> object:
    registers = info.context.services.get(Registers)
    size = DEFAULT_PAGE_SIZE if first is None else first
    page = await register_page(register, days["from"], days["to"], size, after, info.context.actor, registers)
    return (page, connection(page, page.rows, lambda row: row.cursor))


@query_type.field("purchaseRegister")
async def resolve_purchase_register(
    _: None, info: Info, first: int | None = None, after: str | None = None, **days: date
) -> object:
    return await _page(Register.PURCHASES, info, days, first, after)


@query_type.field("salesRegister")
async def resolve_sales_register(
    _: None, info: Info, first: int | None = None, after: str | None = None, **days: date
) -> object:
    return await _page(Register.SALES, info, days, first, after)


def _money(amount: Decimal) -> Money:
    return Money(amount)


def _on_purchases(row: RegisterRow) -> bool:
    return row.entry.register is Register.PURCHASES


connection_type.set_field("from", lambda found, _: found[0].start)
connection_type.set_field("to", lambda found, _: found[0].end)
connection_type.set_field("edges", lambda found, _: found[1]["edges"])
connection_type.set_field("pageInfo", lambda found, _: found[1]["page_info"])
connection_type.set_field("totalCount", lambda found, _: found[1]["total_count"])
connection_type.set_field("totals", lambda found, _: (found[0].register, found[0].totals))


def _totals_of(found: tuple[Register, RegisterTotals]) -> RegisterTotals:
    return found[1]


totals_type.set_field("value", lambda found, _: _money(_totals_of(found).value))
totals_type.set_field("supplementaryDuty", lambda found, _: _money(_totals_of(found).supplementary_duty))
totals_type.set_field("vat", lambda found, _: _money(_totals_of(found).vat))
totals_type.set_field(
    "creditableVat",
    lambda found, _: _money(found[1].creditable_vat) if found[0] is Register.PURCHASES else None,
)

row_type.set_field("date", lambda row, _: row.entry_date)
# As the invoice shows it: the time of issue in Dhaka, with its offset.
row_type.set_field("issuedAt", lambda row, _: row.issued_at.astimezone(BANGLADESH_TIME) if row.issued_at else None)
row_type.set_field("counterpartyBIN", lambda row, _: identifier(row) if row.bin else None)
row_type.set_field("counterpartyNID", lambda row, _: row.nid)
row_type.set_field("quantity", lambda row, _: None if row.quantity is None else float(row.quantity))
row_type.set_field("value", lambda row, _: _money(row.value))
row_type.set_field("supplementaryDuty", lambda row, _: _money(row.supplementary_duty))
row_type.set_field("vat", lambda row, _: _money(row.vat))
row_type.set_field("creditableVat", lambda row, _: _money(row.creditable_vat) if _on_purchases(row) else None)
row_type.set_field("remarkList", lambda row, _: row.remarks)


@row_type.field("remarks")
def resolve_remarks(row: RegisterRow, _: Info, lang: Language = Language.EN) -> str:
    return remarks_text(row.remarks, Language(lang))


@remark_type.field("text")
def resolve_remark_text(remark: Remark, _: Info, lang: Language = Language.EN) -> str:
    return remark_text(remark, Language(lang))


REGISTER_BINDABLES: tuple[SchemaBindable, ...] = (
    query_type, row_type, totals_type, connection_type, remark_type,
    EnumType("RegisterDocumentType", {kind.value: kind for kind in _REGISTERED}),
    EnumType("RegisterRemarkKind", RemarkKind),
)  # fmt: skip

REGISTERS = GraphQLPart(
    type_defs=read_sdl(__name__.rpartition(".")[0], "registers.graphql"), bindables=REGISTER_BINDABLES
)
