"""The VAT return in GraphQL: resolvers build a command or a query, call the application, map the views."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ariadne import MutationType, ObjectType, QueryType
from ariadne.types import SchemaBindable

from hisab.edge.connections import page_size
from hisab.edge.context import Info
from hisab.edge.errors import fields_under
from hisab.edge.exact_numbers import exact_decimal
from hisab.kernel.errors import UnavailableError
from hisab.kernel.money import ZERO, Money
from hisab.vat_return.application import returns
from hisab.vat_return.application.dependencies import VatReturns
from hisab.vat_return.application.return_views import NoteFigure, VatReturnView
from hisab.vat_return.domain.events import Override
from hisab.vat_return.domain.lifecycle import DepositInput

MAX_SOURCES = 50
NET_PAYABLE, CLOSING_BALANCE = 34, 65
# The return's names are plain camelCase in the schema: no renames.
_AS_NAMED: dict[str, str] = {}

query_type = QueryType()
mutation_type = MutationType()
return_type = ObjectType("VatReturn")
note_type = ObjectType("VatReturnNote")
source_type = ObjectType("VatReturnSource")
deposit_type = ObjectType("VatDeposit")
check_type = ObjectType("VatReturnCheck")
period_type = ObjectType("TaxPeriod")


def _returns(info: Info) -> VatReturns:
    try:
        return info.context.services.get(VatReturns)
    except LookupError as missing:
        # The composition root wires the return only with a return-entries adapter (the registers').
        raise UnavailableError("the VAT return is not available: no return entries are wired") from missing


def _money(amount: Decimal | None) -> Money | None:
    return None if amount is None else Money(amount)


@query_type.field("vatReturn")
async def resolve_vat_return(_: None, info: Info, period: str) -> VatReturnView:
    with fields_under("", _AS_NAMED):
        return await returns.vat_return(period, info.context.actor, _returns(info), sources=MAX_SOURCES)


@query_type.field("vatReturnChecks")
async def resolve_vat_return_checks(_: None, info: Info, period: str) -> list[Any]:
    with fields_under("", _AS_NAMED):
        return await returns.vat_return_checks(period, info.context.actor, _returns(info))


@query_type.field("taxPeriods")
async def resolve_tax_periods(_: None, info: Info, **dates: date) -> list[returns.PeriodSummary]:
    with fields_under("", _AS_NAMED):
        return await returns.tax_periods(dates["from"], dates["to"], info.context.actor, _returns(info))


@mutation_type.field("prepareVatReturn")
async def resolve_prepare(_: None, info: Info, period: str) -> VatReturnView:
    with fields_under("", _AS_NAMED):
        return await returns.prepare_vat_return(
            returns.PrepareReturn(period), info.context.actor, _returns(info), sources=MAX_SOURCES
        )


@mutation_type.field("submitVatReturn")
async def resolve_submit(
    _: None,
    info: Info,
    period: str,
    submission_reference: str,
    submitted_at: datetime,
    overrides: list[dict[str, str]] | None = None,
) -> VatReturnView:
    given = tuple(Override(o["check"], o["reason"]) for o in overrides or ())
    command = returns.SubmitReturn(period, submission_reference, submitted_at, given)
    with fields_under("", _AS_NAMED):
        return await returns.submit_vat_return(command, info.context.actor, _returns(info), sources=MAX_SOURCES)


@mutation_type.field("amendVatReturn")
async def resolve_amend(
    _: None, info: Info, period: str, reason: str, submission_reference: str, submitted_at: datetime
) -> VatReturnView:
    command = returns.AmendReturn(period, reason, submission_reference, submitted_at)
    with fields_under("", _AS_NAMED):
        return await returns.amend_vat_return(command, info.context.actor, _returns(info), sources=MAX_SOURCES)


@mutation_type.field("recordVatDeposit")
async def resolve_record_deposit(
    _: None, info: Info, period: str, challan_number: str, date: date, amount: float, code: str, kind: str = "VAT"
) -> VatReturnView:
    deposit = DepositInput(str(kind), challan_number, date, exact_decimal(amount), code)
    with fields_under("", _AS_NAMED):
        command = returns.RecordDeposit(period, deposit)
        return await returns.record_vat_deposit(command, info.context.actor, _returns(info), sources=MAX_SOURCES)


def _amount_of(view: VatReturnView, note: int) -> Money:
    return Money(view.note(note).amount or ZERO)


return_type.set_field("type", lambda view, info: view.return_type.value)
return_type.set_field("note", lambda view, info, number: next((n for n in view.notes if n.note == number), None))
return_type.set_field("netPayable", lambda view, info: _amount_of(view, NET_PAYABLE))
return_type.set_field("closingBalance", lambda view, info: _amount_of(view, CLOSING_BALANCE))

note_type.set_field("value", lambda figure, info: _money(figure.value))
note_type.set_field("supplementaryDuty", lambda figure, info: _money(figure.supplementary_duty))
note_type.set_field("vat", lambda figure, info: _money(figure.vat))
note_type.set_field("amount", lambda figure, info: _money(figure.amount))


@note_type.field("sources")
def resolve_sources(figure: NoteFigure, info: Info, first: int | None = MAX_SOURCES) -> dict[str, Any]:
    size = page_size(first, MAX_SOURCES)
    return {"total_count": figure.source_count, "entries": figure.sources[:size]}


source_type.set_field("counterpartyName", lambda entry, info: entry.counterparty.name)
source_type.set_field("counterpartyBin", lambda entry, info: entry.counterparty.bin)
source_type.set_field("documentType", lambda entry, info: entry.document_type.value)
for _name in ("value", "supplementary_duty", "vat"):
    source_type.set_field(
        "supplementaryDuty" if _name == "supplementary_duty" else _name,
        lambda entry, info, _name=_name: Money(getattr(entry, _name)),
    )

deposit_type.set_field("id", lambda deposit, info: deposit.deposit_id)
deposit_type.set_field("date", lambda deposit, info: deposit.deposit_date)
deposit_type.set_field("amount", lambda deposit, info: Money(deposit.amount))
deposit_type.set_field("code", lambda deposit, info: deposit.account_code)

for _field in ("expected", "actual", "difference"):
    check_type.set_field(_field, lambda check, info, _field=_field: str(getattr(check, _field)))

period_type.set_field("label", lambda summary, info: summary.period.label)
period_type.set_field("startsOn", lambda summary, info: summary.period.starts_on)
period_type.set_field("endsOn", lambda summary, info: summary.period.ends_on)

RETURN_BINDABLES: tuple[SchemaBindable, ...] = (
    query_type, mutation_type, return_type, note_type, source_type, deposit_type, check_type, period_type,
)  # fmt: skip
