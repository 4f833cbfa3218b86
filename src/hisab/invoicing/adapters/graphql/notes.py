"""Credit and debit notes in GraphQL: issuing them, reading them, and what an invoice shows of them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from ariadne import EnumType, InterfaceType, ObjectType
from ariadne.types import SchemaBindable

from hisab.edge.connections import connection, page_size
from hisab.edge.context import Info
from hisab.edge.errors import fields_under
from hisab.edge.exact_numbers import exact_decimal
from hisab.edge.loaders import load_by_id
from hisab.invoicing.adapters.documents.endpoint import PDF
from hisab.invoicing.adapters.documents.note_paths import note_document_path
from hisab.invoicing.adapters.graphql.mutations import mutation_type
from hisab.invoicing.adapters.graphql.queries import query_type
from hisab.invoicing.adapters.graphql.types import PricedLine, invoice_type, line_item_type
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.note_views import NoteLineView, NoteView
from hisab.invoicing.application.notes import (
    MAX_PAGE_SIZE,
    IssueNote,
    ListNotes,
    encode_note_cursor,
    get_note,
    issue_note,
    list_notes,
    notes_of_invoices,
)
from hisab.invoicing.application.ports import NoteFilter
from hisab.invoicing.application.views import InvoiceView
from hisab.invoicing.domain.lines import Figures
from hisab.invoicing.domain.notes import CreditReason, DebitReason, NoteKind, NoteLineInput, NoteRequest
from hisab.kernel.fiscal_year import BANGLADESH_TIME, FiscalYear
from hisab.kernel.language import Language
from hisab.kernel.money import Money

credit_reason_enum = EnumType("CreditNoteReason", CreditReason)
debit_reason_enum = EnumType("DebitNoteReason", DebitReason)
adjustment_note_type = InterfaceType("AdjustmentNote")
credit_note_type = ObjectType("CreditNote")
debit_note_type = ObjectType("DebitNote")
note_line_type = ObjectType("NoteLine")
line_figures_type = ObjectType("LineFigures")
_TYPE_NAMES = {NoteKind.CREDIT: "CreditNote", NoteKind.DEBIT: "DebitNote"}
# The note's lines are plainly named in the schema: no renames (the invoice's `lines` is `lineItems`).
_AS_NAMED: dict[str, str] = {}


@adjustment_note_type.type_resolver
def resolve_note_type(note: NoteView, *_: Any) -> str:
    return _TYPE_NAMES[note.kind]


# Mutations


async def _issue(kind: NoteKind, info: Info, raw: dict[str, Any]) -> NoteView:
    context = info.context
    request = NoteRequest(
        kind=kind,
        note_date=raw.get("date"),
        reason=str(raw["reason"]),
        reason_text=raw.get("reason_text"),
        lines=tuple(_line(given) for given in raw.get("lines") or ()),
    )
    command = IssueNote(raw["invoice_id"], request, raw.get("expected_version"))
    with fields_under("input", _AS_NAMED):
        return await issue_note(command, context.actor, context.services.get(Invoicing))


def _line(raw: dict[str, Any]) -> NoteLineInput:
    quantity, amount = raw.get("quantity"), raw.get("amount")
    return NoteLineInput(
        invoice_line_id=raw["invoice_line_id"],
        quantity=exact_decimal(quantity) if quantity is not None else None,
        amount=exact_decimal(amount) if amount is not None else None,
    )


@mutation_type.field("issueCreditNote")
async def resolve_issue_credit_note(_: None, info: Info, input: dict[str, Any]) -> NoteView:
    return await _issue(NoteKind.CREDIT, info, input)


@mutation_type.field("issueDebitNote")
async def resolve_issue_debit_note(_: None, info: Info, input: dict[str, Any]) -> NoteView:
    return await _issue(NoteKind.DEBIT, info, input)


# Queries


def _note_query(kind: NoteKind) -> Callable[..., Any]:
    async def resolve(_: None, info: Info, id: str) -> NoteView:
        context = info.context
        return await get_note(kind, id, context.actor, context.services.get(Invoicing))

    return resolve


def _notes_query(kind: NoteKind) -> Callable[..., Any]:
    async def resolve(
        _: None, info: Info, first: int | None = None, after: str | None = None, filter: dict[str, Any] | None = None
    ) -> dict[str, object]:
        where = filter or {}
        query = ListNotes(
            NoteFilter(
                kind=kind,
                invoice_id=where.get("invoice_id"),
                date_from=where.get("from"),
                date_to=where.get("to"),
                customer_id=where.get("customer_id"),
                customer_party_id=where.get("customer_party_id"),
            ),
            first=page_size(first, MAX_PAGE_SIZE),
            after=after,
        )
        context = info.context
        page = await list_notes(query, context.actor, context.services.get(Invoicing))
        return connection(page, page.notes, encode_note_cursor)

    return resolve


query_type.set_field("creditNote", _note_query(NoteKind.CREDIT))
query_type.set_field("creditNotes", _notes_query(NoteKind.CREDIT))
query_type.set_field("debitNote", _note_query(NoteKind.DEBIT))
query_type.set_field("debitNotes", _notes_query(NoteKind.DEBIT))


# A note's own fields


@dataclass(frozen=True, slots=True)
class PricedFigures:
    """Figures with the currency of their invoice, which every amount of them is in."""

    figures: Figures
    currency: str


@dataclass(frozen=True, slots=True)
class PricedNoteLine:
    line: NoteLineView
    currency: str


def _money(attribute: str) -> Callable[[PricedFigures, Info], Money]:
    def resolve(priced: PricedFigures, info: Info) -> Money:
        return Money(getattr(priced.figures, attribute), priced.currency)

    return resolve


for _field, _attribute in {
    "value": "value", "supplementaryDuty": "supplementary_duty", "vat": "vat", "total": "total",
}.items():  # fmt: skip
    line_figures_type.set_field(_field, _money(_attribute))


@line_figures_type.field("quantity")
def resolve_figures_quantity(priced: PricedFigures, info: Info) -> Decimal:
    return priced.figures.quantity


def _note_line_field(name: str) -> Callable[[PricedNoteLine, Info], object]:
    def resolve(priced: PricedNoteLine, info: Info) -> object:
        return getattr(priced.line, name)

    return resolve


for _field, _attribute in {
    "invoiceLineId": "line_id", "position": "position", "description": "description",
    "unitOfSupply": "unit_of_supply", "hsCode": "hs_code", "serviceCode": "service_code",
    "vatCategory": "vat_category", "supplementaryDutyRate": "supplementary_duty_rate", "vatRate": "vat_rate",
}.items():  # fmt: skip
    note_line_type.set_field(_field, _note_line_field(_attribute))


@note_line_type.field("unitPrice")
def resolve_note_line_unit_price(priced: PricedNoteLine, info: Info) -> Money:
    return Money(priced.line.unit_price, priced.currency)


for _field in ("before", "change", "after"):
    note_line_type.set_field(
        _field, lambda priced, info, _name=_field: PricedFigures(getattr(priced.line, _name), priced.currency)
    )


def _bind_note_fields(note_type: ObjectType, kind: NoteKind) -> None:
    note_type.set_field("id", lambda note, info: note.note_id)
    note_type.set_field("number", lambda note, info: note.note_number)
    note_type.set_field("date", lambda note, info: note.note_date)
    note_type.set_field("fiscalYear", lambda note, info: FiscalYear(note.fiscal_year).label)
    note_type.set_field("issuedAt", lambda note, info: _in_dhaka(note.issued_at))
    note_type.set_field("invoiceIssuedAt", lambda note, info: _in_dhaka(note.invoice_issued_at))
    note_type.set_field("lines", lambda note, info: [PricedNoteLine(line, note.currency) for line in note.lines])
    for field, attribute in (("value", "value"), ("supplementaryDuty", "supplementary_duty"), ("vat", "vat"),
                             ("total", "total")):  # fmt: skip
        note_type.set_field(field, lambda note, info, _a=attribute: Money(getattr(note.figures, _a), note.currency))
    note_type.set_field("invoice", resolve_note_invoice)
    url_field = "mushak67Url" if kind is NoteKind.CREDIT else "mushak68Url"

    def resolve_url(note: NoteView, info: Info, lang: Language = Language.EN, format: str = PDF) -> str:
        return note_document_path(kind, note.note_id, lang, format)

    note_type.set_field(url_field, resolve_url)


async def resolve_note_invoice(note: NoteView, info: Info) -> InvoiceView | None:
    """Batched: a page of notes asks for all their invoices in one query."""
    context = info.context
    invoices = context.services.get(Invoicing).invoices
    tenant_id = context.principal.tenant_id
    return await load_by_id(context, "invoices", lambda ids: invoices.get_many(tenant_id, ids), note.invoice_id)


def _in_dhaka(moment: datetime) -> datetime:
    return moment.astimezone(BANGLADESH_TIME)


_bind_note_fields(credit_note_type, NoteKind.CREDIT)
_bind_note_fields(debit_note_type, NoteKind.DEBIT)


# What an invoice and its lines show of their notes


async def _invoice_notes(view: InvoiceView, info: Info) -> Sequence[NoteView]:
    """Batched: a page of invoices asks for all their notes in one query."""
    context = info.context
    invoicing = context.services.get(Invoicing)
    found = await load_by_id(
        context, "invoice_notes", lambda ids: notes_of_invoices(ids, context.actor, invoicing), view.invoice_id
    )
    return found or []


def _notes_of_kind(kind: NoteKind) -> Callable[..., Any]:
    async def resolve(view: InvoiceView, info: Info) -> list[NoteView]:
        return [note for note in await _invoice_notes(view, info) if note.kind is kind]

    return resolve


invoice_type.set_field("creditNotes", _notes_of_kind(NoteKind.CREDIT))
invoice_type.set_field("debitNotes", _notes_of_kind(NoteKind.DEBIT))
invoice_type.set_field("creditedTotal", lambda view, info: Money(view.credited.total, view.currency))
invoice_type.set_field("debitedTotal", lambda view, info: Money(view.debited.total, view.currency))
invoice_type.set_field("adjustedTotal", lambda view, info: Money(view.adjusted.total, view.currency))
invoice_type.set_field("creditedInFull", lambda view, info: view.credited_in_full)
for _name in ("credited", "debited", "adjusted"):
    invoice_type.set_field(_name, lambda view, info, _n=_name: PricedFigures(getattr(view, _n), view.currency))


def _line_figures(priced: PricedLine, name: str) -> Figures:
    line = priced.line
    return line.carried if name == "adjusted" else getattr(line, name)


for _name in ("credited", "debited", "adjusted"):
    line_item_type.set_field(
        f"{_name}Total", lambda priced, info, _n=_name: priced.money(_line_figures(priced, _n).total)
    )
    line_item_type.set_field(
        _name, lambda priced, info, _n=_name: PricedFigures(_line_figures(priced, _n), priced.currency)
    )


NOTE_BINDABLES: tuple[SchemaBindable, ...] = (
    credit_reason_enum, debit_reason_enum, adjustment_note_type, credit_note_type, debit_note_type, note_line_type,
    line_figures_type,
)  # fmt: skip
