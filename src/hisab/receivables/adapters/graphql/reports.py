"""The ageing and the customer statements in GraphQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from ariadne import EnumType, ObjectType, QueryType
from ariadne.types import SchemaBindable

from hisab.edge.context import Info
from hisab.kernel.language import Language
from hisab.kernel.money import Money
from hisab.receivables.adapters.reports.tables import describe
from hisab.receivables.application.ageing import receivables_ageing
from hisab.receivables.application.dependencies import Receivables
from hisab.receivables.application.ports import Customer
from hisab.receivables.application.statements import customer_statement
from hisab.receivables.domain.ageing import DEFAULT_BOUNDS, AgeingReport, CustomerAgeing, bucket_names
from hisab.receivables.domain.statement import EntryKind, Statement, StatementLine

query_type = QueryType()
_TYPES = ("CustomerAgeing", "AgeingTotals", "ReceivablesAgeing", "CustomerStatementLine", "CustomerStatement")
customer_ageing_type, totals_type, ageing_type, line_type, statement_type = (ObjectType(name) for name in _TYPES)


@dataclass(frozen=True, slots=True)
class _Amounts:
    """A customer's amounts, or the totals, with the bounds that name their buckets."""

    amounts: tuple[Decimal, ...]
    bounds: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _StatementOf:
    statement: Statement
    customer: Customer


def _receivables(info: Info) -> Receivables:
    return info.context.services.get(Receivables)


@query_type.field("receivablesAgeing")
async def resolve_receivables_ageing(
    _: None,
    info: Info,
    as_of: date,
    buckets: list[int] | None = None,
    customer_id: str | None = None,
    customer_party_id: str | None = None,
) -> AgeingReport:
    bounds = DEFAULT_BOUNDS if buckets is None else buckets
    customer = Customer(customer_id, customer_party_id)
    return await receivables_ageing(as_of, info.context.actor, _receivables(info), bounds, customer)


@query_type.field("customerStatement")
async def resolve_customer_statement(
    _: None, info: Info, customer_id: str | None = None, customer_party_id: str | None = None, **days: date
) -> _StatementOf:
    customer = Customer(customer_id, customer_party_id)
    statement = await customer_statement(customer, days["from"], days["to"], info.context.actor, _receivables(info))
    return _StatementOf(statement, customer)


def _past_due(amounts: _Amounts) -> list[dict[str, Any]]:
    starts = [1, *(bound + 1 for bound in amounts.bounds)]
    ends: list[int | None] = [*amounts.bounds, None]
    names = bucket_names(amounts.bounds)
    return [
        {"label": name, "from_days": start, "to_days": end, "amount": Money(amount)}
        for name, start, end, amount in zip(names, starts, ends, amounts.amounts[1:], strict=True)
    ]


@ageing_type.field("customers")
def resolve_customers(report: AgeingReport, _: Info) -> list[tuple[CustomerAgeing, _Amounts]]:
    return [(customer, _Amounts(customer.amounts, report.bounds)) for customer in report.customers]


ageing_type.set_field("asOf", lambda report, _: report.as_of)
ageing_type.set_field("buckets", lambda report, _: list(report.bounds))
ageing_type.set_field("totals", lambda report, _: _Amounts(report.totals, report.bounds))
totals_type.set_field("current", lambda totals, _: Money(totals.amounts[0]))
totals_type.set_field("pastDue", lambda totals, _: _past_due(totals))
totals_type.set_field("total", lambda totals, _: Money(sum(totals.amounts, Decimal(0))))
customer_ageing_type.set_field("customerId", lambda pair, _: pair[0].customer_id)
customer_ageing_type.set_field("customerPartyId", lambda pair, _: pair[0].customer_party_id)
customer_ageing_type.set_field("customerName", lambda pair, _: pair[0].customer_name)
customer_ageing_type.set_field("current", lambda pair, _: Money(pair[0].amounts[0]))
customer_ageing_type.set_field("pastDue", lambda pair, _: _past_due(pair[1]))
customer_ageing_type.set_field("total", lambda pair, _: Money(pair[0].total))

statement_type.set_field("customerId", lambda found, _: found.customer.customer_id)
statement_type.set_field("customerPartyId", lambda found, _: found.customer.customer_party_id)
statement_type.set_field("from", lambda found, _: found.statement.from_day)
statement_type.set_field("to", lambda found, _: found.statement.to_day)
statement_type.set_field("openingBalance", lambda found, _: Money(found.statement.opening))
statement_type.set_field("lines", lambda found, _: found.statement.lines)
statement_type.set_field("totalDebits", lambda found, _: Money(found.statement.debits))
statement_type.set_field("totalCredits", lambda found, _: Money(found.statement.credits))
statement_type.set_field("closingBalance", lambda found, _: Money(found.statement.closing))
statement_type.set_field("unappliedAdvance", lambda found, _: Money(found.statement.unapplied_advance))
line_type.set_field("date", lambda line, _: line.entry.on)
line_type.set_field("kind", lambda line, _: line.entry.kind)
line_type.set_field("documentNumber", lambda line, _: line.entry.document)
line_type.set_field("invoiceNumber", lambda line, _: line.entry.invoice_number)
line_type.set_field("debit", lambda line, _: Money(line.entry.debit))
line_type.set_field("credit", lambda line, _: Money(line.entry.credit))
line_type.set_field("balance", lambda line, _: Money(line.balance))


@line_type.field("description")
def resolve_description(line: StatementLine, _: Info, lang: Language = Language.EN) -> str:
    return describe(line.entry, Language(lang))


REPORT_BINDABLES: tuple[SchemaBindable, ...] = (
    query_type, customer_ageing_type, totals_type, ageing_type, line_type, statement_type,
    EnumType("StatementEntryKind", EntryKind),
)  # fmt: skip
