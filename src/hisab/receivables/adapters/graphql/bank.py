"""Bank reconciliation in GraphQL: statements, their lines, matching, and whether a receipt is reconciled."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from ariadne import EnumType, MutationType, ObjectType, QueryType
from ariadne.types import SchemaBindable

from hisab.edge.connections import connection, page_size
from hisab.edge.context import Info
from hisab.edge.errors import fields_under
from hisab.edge.loaders import load_by_id
from hisab.kernel.cursors import SequenceCursors
from hisab.kernel.money import Money
from hisab.receivables.application import reconciliation
from hisab.receivables.application.dependencies import Receivables
from hisab.receivables.application.reconciliation import AutoMatched, LineFilter, LineView, StatementView
from hisab.receivables.application.views import ReceiptView
from hisab.receivables.domain.bank_statements import MatchMethod, StatementFormat

MAX_PAGE_SIZE = 100
_STATEMENTS, _LINES = SequenceCursors("bank-statement:"), SequenceCursors("statement-line:")
_AS_NAMED: dict[str, str] = {}

query_type = QueryType()
mutation_type = MutationType()
statement_type = ObjectType("BankStatement")
line_type = ObjectType("BankStatementLine")
auto_match_type = ObjectType("AutoMatchResult")
receipt_type = ObjectType("Receipt")


def _receivables(info: Info) -> Receivables:
    return info.context.services.get(Receivables)


@mutation_type.field("autoMatch")
async def resolve_auto_match(_: None, info: Info, statement_id: str) -> AutoMatched:
    with fields_under("", _AS_NAMED):
        return await reconciliation.auto_match(statement_id, info.context.actor, _receivables(info))


@mutation_type.field("matchStatementLine")
async def resolve_match_line(_: None, info: Info, line_id: str, receipt_id: str) -> LineView:
    with fields_under("", _AS_NAMED):
        return await reconciliation.match_statement_line(line_id, receipt_id, info.context.actor, _receivables(info))


@mutation_type.field("unmatchStatementLine")
async def resolve_unmatch_line(_: None, info: Info, line_id: str) -> LineView:
    with fields_under("", _AS_NAMED):
        return await reconciliation.unmatch_statement_line(line_id, info.context.actor, _receivables(info))


@query_type.field("bankStatement")
async def resolve_statement(_: None, info: Info, id: str) -> StatementView | None:
    return await _receivables(info).bank.statement(info.context.actor.tenant_id, id)


@query_type.field("bankStatements")
async def resolve_statements(_: None, info: Info, first: int | None = None, after: str | None = None) -> Any:
    size = page_size(first, MAX_PAGE_SIZE)
    page = await _receivables(info).bank.statements(
        info.context.actor.tenant_id, size, _STATEMENTS.decode(after) if after else None
    )
    return connection(page, page.statements, lambda view: _STATEMENTS.encode(view.sequence))


@query_type.field("statementLines")
async def resolve_lines(
    _: None, info: Info, filter: dict[str, Any] | None = None, first: int | None = None, after: str | None = None
) -> Any:
    where = filter or {}
    size = page_size(first, MAX_PAGE_SIZE)
    page = await _receivables(info).bank.lines(
        info.context.actor.tenant_id,
        LineFilter(where.get("statement_id"), where.get("matched")),
        size,
        _LINES.decode(after) if after else None,
    )
    return connection(page, page.lines, lambda line: _LINES.encode(line.sequence))


def _money(amount: Any) -> Money | None:
    return Money(amount) if amount is not None else None


statement_type.set_field("id", lambda view, info: view.statement_id)
statement_type.set_field("format", lambda view, info: view.source_format)
for _field, _name in (("openingBalance", "opening_balance"), ("closingBalance", "closing_balance"),
                      ("creditTotal", "credit_total"), ("debitTotal", "debit_total")):  # fmt: skip
    statement_type.set_field(_field, lambda view, info, _name=_name: _money(getattr(view, _name)))
statement_type.set_field("importedAt", lambda view, info: view.imported_at.astimezone(UTC))

line_type.set_field("id", lambda line, info: line.line_id)
line_type.set_field("date", lambda line, info: line.booked_on)
line_type.set_field("amount", lambda line, info: _money(line.amount))
line_type.set_field("balance", lambda line, info: _money(line.balance))


@line_type.field("receipt")
async def resolve_line_receipt(line: LineView, info: Info) -> ReceiptView | None:
    if line.receipt_id is None:
        return None
    return await _receivables(info).queries.receipt(info.context.actor.tenant_id, line.receipt_id)


async def _line_of(view: ReceiptView, info: Info) -> LineView | None:
    context = info.context
    bank, tenant_id = _receivables(info).bank, context.principal.tenant_id
    found: LineView | None = await load_by_id(
        context, "statement_lines_of_receipts", lambda ids: bank.lines_of_receipts(tenant_id, ids), view.receipt_id
    )
    return found


@receipt_type.field("reconciled")
async def resolve_reconciled(view: ReceiptView, info: Info) -> bool:
    return await _line_of(view, info) is not None


receipt_type.set_field("statementLine", _line_of)

BANK_BINDABLES: tuple[SchemaBindable, ...] = (
    query_type, mutation_type, statement_type, line_type, auto_match_type, receipt_type,
    EnumType("StatementFormat", StatementFormat), EnumType("MatchMethod", MatchMethod),
)  # fmt: skip
