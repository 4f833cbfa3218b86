"""Purchases in GraphQL: bills received, the supplier's notes against them, and the claims Hisab refused."""

from __future__ import annotations

from datetime import UTC
from decimal import Decimal
from typing import Any

from ariadne import EnumType, MutationType, ObjectType, QueryType
from ariadne.types import SchemaBindable

from hisab.edge.connections import connection, page_size
from hisab.edge.context import Info
from hisab.edge.errors import fields_under, graphql_path
from hisab.edge.exact_numbers import exact_decimal
from hisab.kernel.cursors import SequenceCursors
from hisab.kernel.errors import ConflictError, InvalidInputError
from hisab.kernel.identifiers import format_bin
from hisab.kernel.money import Money
from hisab.kernel.text import text_violations
from hisab.purchases.application import bills
from hisab.purchases.application.bill_ports import BillFilter
from hisab.purchases.application.bill_views import BillView, LineRefusal
from hisab.purchases.application.dependencies import Purchases
from hisab.purchases.domain.bill import BillLineNow
from hisab.purchases.domain.bills import BillInput, BillLineInput, BillOfEntryInput
from hisab.purchases.domain.events import InputCredit, SupplierNoteKind, SupplierSnapshot
from hisab.purchases.domain.supplier_notes import SupplierNoteInput, SupplierNoteLineInput

MAX_PAGE_SIZE = 100
_BILLS = SequenceCursors("bill:")
# The purchases' names are plain camelCase in the schema: no renames.
_AS_NAMED: dict[str, str] = {}

query_type = QueryType()
mutation_type = MutationType()
bill_type = ObjectType("Bill")
line_type = ObjectType("BillLine")
note_type = ObjectType("SupplierNote")
note_line_type = ObjectType("SupplierNoteLine")
supplier_type = ObjectType("Supplier")
refusal_type = ObjectType("InputCreditRefusal")
entry_type = ObjectType("BillOfEntry")


def _purchases(info: Info) -> Purchases:
    return info.context.services.get(Purchases)


def _optional_decimal(raw: Any) -> Decimal | None:
    return exact_decimal(raw) if raw is not None else None


# Mutations


@mutation_type.field("recordBill")
async def resolve_record_bill(_: None, info: Info, input: dict[str, Any]) -> BillView:
    entry = input.get("bill_of_entry")
    request = BillInput(
        supplier_party_id=input["supplier_party_id"],
        supplier_invoice_number=input["supplier_invoice_number"],
        supplier_invoice_date=input["supplier_invoice_date"],
        received_date=input.get("received_date"),
        due_date=input.get("due_date"),
        reference=input.get("reference"),
        lines=tuple(_line(line) for line in input["lines"]),
        bill_of_entry=BillOfEntryInput(entry["number"], entry["date"], entry["customs_house"]) if entry else None,
    )
    try:
        with fields_under("input", _AS_NAMED):
            command = bills.RecordBill(request, info.context.idempotency_key)
            return await bills.record_bill(command, info.context.actor, _purchases(info))
    except bills.DuplicateSupplierInvoiceError as duplicate:
        # A conflict carries no violations: its message names the input that collides.
        raise ConflictError(f"{graphql_path('input.' + duplicate.field, _AS_NAMED)}: {duplicate}") from duplicate


def _line(raw: dict[str, Any]) -> BillLineInput:
    return BillLineInput(
        description=raw["description"],
        quantity=exact_decimal(raw["quantity"]),
        value=exact_decimal(raw["value"]),
        vat_category=str(raw.get("vat_category") or "STANDARD"),
        vat_rate=_optional_decimal(raw.get("vat_rate")),
        supplementary_duty=_optional_decimal(raw.get("supplementary_duty")),
        vat=_optional_decimal(raw.get("vat")),
        input_credit=str(raw.get("input_credit") or InputCredit.CLAIM),
        item_id=raw.get("item_id"),
        hs_code=raw.get("hs_code"),
        service_code=raw.get("service_code"),
        unit=raw.get("unit"),
        account_code=raw.get("account_code"),
        project=raw.get("project"),
    )


@mutation_type.field("recordSupplierNote")
async def resolve_record_supplier_note(
    _: None, info: Info, input: dict[str, Any], expected_version: int | None = None
) -> BillView:
    request = SupplierNoteInput(
        kind=str(input["kind"]),
        supplier_note_number=input["supplier_note_number"],
        note_date=input.get("note_date"),
        reason=input["reason"],
        lines=tuple(
            SupplierNoteLineInput(
                line["line_id"],
                exact_decimal(line["value"]),
                _optional_decimal(line.get("quantity")),
                _optional_decimal(line.get("supplementary_duty")),
                _optional_decimal(line.get("vat")),
            )
            for line in input["lines"]
        ),
    )
    with fields_under("input", _AS_NAMED):
        command = bills.RecordSupplierNote(input["bill_id"], request, expected_version)
        return await bills.record_supplier_note(command, info.context.actor, _purchases(info))


# Queries


@query_type.field("bill")
async def resolve_bill(_: None, info: Info, id: str) -> BillView:
    return await bills.get_bill(id, info.context.actor, _purchases(info))


@query_type.field("bills")
async def resolve_bills(
    _: None, info: Info, first: int | None = None, after: str | None = None, filter: dict[str, Any] | None = None
) -> dict[str, object]:
    where = filter or {}
    problems = text_violations({f"filter.{name}": where.get(name) for name in ("supplier_party_id", "search")})
    if problems:
        # PostgreSQL refuses a NUL outright: control characters are refused before any query.
        raise InvalidInputError(problems)
    found = BillFilter(where.get("supplier_party_id"), where.get("from"), where.get("to"), where.get("search"))
    size = page_size(first, MAX_PAGE_SIZE)
    with fields_under("", _AS_NAMED):
        page = await bills.list_bills(
            found, size, _BILLS.decode(after) if after else None, info.context.actor, _purchases(info)
        )
    return connection(page, page.bills, lambda view: _BILLS.encode(view.sequence))


# Output types


def _money(amount: Decimal) -> Money:
    return Money(amount)


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


def _bind_money(object_type: ObjectType, *names: str) -> None:
    """Each amount (a camelCase field) as Money, read from the snake_case attribute of the same name."""
    for name in names:
        object_type.set_field(name, _amount(_snake(name)))


def _amount(attribute: str) -> Any:
    return lambda value, info: _money(getattr(value, attribute))


bill_type.set_field("id", lambda view, info: view.bill_id)
bill_type.set_field("number", lambda view, info: view.bill_number)
bill_type.set_field("recordedAt", lambda view, info: view.recorded_at.astimezone(UTC))
_bind_money(bill_type, "value", "supplementaryDuty", "vat", "creditableVat", "total")


def _supplier_bin(supplier: SupplierSnapshot, info: Any) -> str | None:
    return format_bin(supplier.bin) if supplier.bin is not None else None


supplier_type.set_field("bin", _supplier_bin)
entry_type.set_field("date", lambda entry, info: entry.entry_date)


def _recorded(attribute: str) -> Any:
    return lambda line, info: getattr(line.recorded, attribute)


# What a line shows as it was recorded: its description, codes, rate and claim (the notes change only figures).
for _name in ("position", "description", "itemId", "hsCode", "serviceCode", "unit", "vatCategory", "vatRate",
              "claimed", "inputCredit", "accountCode", "project", "recordedQuantity"):  # fmt: skip
    line_type.set_field(_name, _recorded(_snake(_name).removeprefix("recorded_")))
line_type.set_field("id", lambda line, info: line.recorded.line_id)
line_type.set_field("recordedValue", lambda line, info: _money(line.recorded.value))
line_type.set_field("recordedSupplementaryDuty", lambda line, info: _money(line.recorded.supplementary_duty))
line_type.set_field("recordedVat", lambda line, info: _money(line.recorded.vat))
_bind_money(line_type, "value", "supplementaryDuty", "vat", "creditableVat", "total")


@line_type.field("refusal")
def resolve_line_refusal(line: BillLineNow, info: Any) -> LineRefusal | None:
    recorded = line.recorded
    return LineRefusal(recorded.line_id, recorded.position, recorded.refusal) if recorded.refusal else None


refusal_type.set_field("rule", lambda found, info: found.refusal.rule)
refusal_type.set_field("message", lambda found, info: found.refusal.message)

note_type.set_field("id", lambda note, info: note.note_id)
note_type.set_field("recordedAt", lambda note, info: note.recorded_at.astimezone(UTC))
_bind_money(note_type, "value", "supplementaryDuty", "vat", "creditableVat", "total")
_bind_money(note_line_type, "value", "supplementaryDuty", "vat", "creditableVat")


PURCHASES_BINDABLES: tuple[SchemaBindable, ...] = (
    query_type, mutation_type, bill_type, line_type, note_type, note_line_type, supplier_type, refusal_type,
    entry_type, EnumType("InputCredit", InputCredit), EnumType("SupplierNoteKind", SupplierNoteKind),
)  # fmt: skip
