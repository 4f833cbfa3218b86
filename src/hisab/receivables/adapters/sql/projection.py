"""The receivables read model in SQL: receipts, what each settles of which invoice, and each invoice's balance.

`invoice_balances` has two kinds of column, written by two kinds of stream: the invoice's own facts
(its adjusted total and VAT, due date, customer), from the invoice's stream, and the sums of what
settles it, recomputed in SQL from `invoice_settlements` whenever a receipt or a write-off changes.
Each write names only its own columns, so an invoice's notes and a receipt for it never overwrite
each other's figures; what it still owes is computed from both when it is read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

import asyncpg

from hisab.event_store.adapters.sql.params import placeholders
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.invoicing.domain.events import InvoiceApproved, InvoiceCancelled
from hisab.invoicing.domain.invoice import Invoice, InvoiceStatus
from hisab.invoicing.domain.lines import sum_figures
from hisab.invoicing.domain.note_events import CreditNoteIssued, DebitNoteIssued
from hisab.kernel.errors import InvalidInputError
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.money import to_paisa
from hisab.receivables.application.views import RECEIPT_VIEW_EVENTS, ReceiptView, project_receipt
from hisab.receivables.domain.events import BalanceWrittenOff, ReceiptRecorded

RECEIPT_COLUMNS = (
    "tenant_id", "receipt_id", "sequence", "receipt_number", "customer_id", "customer_party_id", "receipt_date",
    "method", "amount_paisa", "allocated_paisa", "status", "deposit_account_code", "reference", "cheque_number",
    "cheque_bank", "cheque_branch", "cheque_date", "wallet_provider", "wallet_msisdn", "wallet_transaction_id",
    "recorded_by", "recorded_at", "version", "receipt_day",
)  # fmt: skip
SETTLEMENT_COLUMNS = (
    "tenant_id", "source_id", "position", "kind", "invoice_id", "amount_paisa", "settled_on", "active",
    "withholding_id", "certificate_number", "certificate_date",
)  # fmt: skip
FACT_COLUMNS = (
    "sequence", "customer_id", "customer_party_id", "mushak_number", "issued_on", "due_date", "adjusted_total_paisa",
    "adjusted_vat_paisa", "cancelled",
)  # fmt: skip
SUM_COLUMNS = ("allocated_paisa", "withheld_vds_paisa", "withheld_ait_paisa", "written_off_paisa")
BALANCE_COLUMNS = ("tenant_id", "invoice_id", *FACT_COLUMNS, *SUM_COLUMNS)

RECEIPTS = ReadModelTable("receipts", RECEIPT_COLUMNS, key=("tenant_id", "receipt_id"), noun="receipt",
                          reported_key="receipt_id")  # fmt: skip
SETTLEMENTS = ReadModelTable("invoice_settlements", SETTLEMENT_COLUMNS, key=("tenant_id", "source_id", "position"),
                             noun="settlement", reported_key="source_id")  # fmt: skip
BALANCES = ReadModelTable("invoice_balances", BALANCE_COLUMNS, key=("tenant_id", "invoice_id"), noun="balance",
                          reported_key="invoice_id")  # fmt: skip
# The kind of each settlement row, and the balance column its amounts sum into.
SUMMED_INTO = {"ALLOCATION": "allocated_paisa", "VDS": "withheld_vds_paisa", "AIT": "withheld_ait_paisa",
               "WRITE_OFF": "written_off_paisa"}  # fmt: skip

INVOICE_EVENTS: frozenset[type[DomainEvent]] = frozenset(
    {InvoiceApproved, CreditNoteIssued, DebitNoteIssued, InvoiceCancelled}
)


class SqlReceivablesProjection:
    name = "receivables"
    follows: frozenset[type[DomainEvent]] = RECEIPT_VIEW_EVENTS | INVOICE_EVENTS | {BalanceWrittenOff}
    tables: tuple[ReadModelTable, ...] = (RECEIPTS, SETTLEMENTS, BALANCES)

    async def apply(self, tables: SqlSession, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        first = stream[0].event
        if isinstance(first, ReceiptRecorded):
            await self._receipt(tables, stream)
        elif isinstance(first, BalanceWrittenOff):
            await self._written_off(tables, stream)
        else:
            await self._invoice(tables, stream)

    async def _invoice(self, tables: SqlSession, stream: Sequence[StoredEvent]) -> None:
        invoice = Invoice.from_events(stream[0].stream_id, (s.event for s in stream))
        if invoice.mushak_number is None or invoice.issued_at is None:
            return
        approved = next(s for s in stream if isinstance(s.event, InvoiceApproved))
        adjusted = sum_figures(line.carried for line in invoice.lines)
        codec = tables.codec
        row = (
            stream[0].metadata.tenant_id, invoice.invoice_id, approved.position, invoice.customer_id,
            invoice.customer_party_id, invoice.mushak_number,
            codec.date_in(invoice.issued_at.astimezone(BANGLADESH_TIME).date()), codec.date_in(invoice.due_date),
            to_paisa(adjusted.total), to_paisa(adjusted.vat), invoice.status is InvoiceStatus.CANCELLED,
            *(0 for _ in SUM_COLUMNS),
        )  # fmt: skip
        # A new row starts with nothing settled; an existing one keeps its sums (only the facts are updated),
        # and a rebuild's fresh tables, which have no column defaults, get the same zeros.
        columns = BALANCE_COLUMNS
        updates = ", ".join(f"{column} = excluded.{column}" for column in FACT_COLUMNS)
        sql = (
            f"INSERT INTO {tables.table(BALANCES.name)} ({', '.join(columns)}) "
            f"VALUES ({placeholders(tables.style, len(columns))}) "
            f"ON CONFLICT (tenant_id, invoice_id) DO UPDATE SET {updates}"
        )
        await tables.fetch(sql, row)

    async def _receipt(self, tables: SqlSession, stream: Sequence[StoredEvent]) -> None:
        view = project_receipt(stream)
        try:
            await tables.fetch(_upsert_receipt(tables), _receipt_row(view, tables))
        except (asyncpg.UniqueViolationError, sqlite3.IntegrityError) as error:
            # The upsert settles a conflict on the key, so the only unique index left is the wallet transaction's.
            if isinstance(error, sqlite3.IntegrityError) and "UNIQUE" not in str(error):
                raise
            assert view.wallet is not None
            message = (
                f"a receipt of {view.wallet.provider} transaction {view.wallet.transaction_id} is already recorded"
            )
            raise InvalidInputError.single("wallet.transaction_id", "duplicate_transaction", message) from error
        rows = [
            ("ALLOCATION", a.invoice_id, a.amount, a.allocated_on, None, None, None) for a in view.allocations
        ] + [
            (w.kind, w.invoice_id, w.amount, view.receipt_date, w.withholding_id, w.certificate_number,
             w.certificate_date)
            for w in view.withholdings
        ]  # fmt: skip
        await _replace_settlements(tables, view.tenant_id, view.receipt_id, rows, active=view.settles)
        await _resum(tables, view.tenant_id, {row[1] for row in rows})

    async def _written_off(self, tables: SqlSession, stream: Sequence[StoredEvent]) -> None:
        tenant_id, source_id = stream[0].metadata.tenant_id, stream[0].stream_id
        rows = [
            ("WRITE_OFF", s.event.invoice_id, s.event.amount, s.event.written_off_on, None, None, None)
            for s in stream
            if isinstance(s.event, BalanceWrittenOff)
        ]
        await _replace_settlements(tables, tenant_id, source_id, rows, active=True)
        await _resum(tables, tenant_id, {row[1] for row in rows})


def _upsert_receipt(tables: SqlSession) -> str:
    updates = ", ".join(f"{c} = excluded.{c}" for c in RECEIPT_COLUMNS if c not in ("tenant_id", "receipt_id"))
    return (
        f"INSERT INTO {tables.table(RECEIPTS.name)} ({', '.join(RECEIPT_COLUMNS)}) "
        f"VALUES ({placeholders(tables.style, len(RECEIPT_COLUMNS))}) "
        f"ON CONFLICT (tenant_id, receipt_id) DO UPDATE SET {updates}"
    )


def _receipt_row(view: ReceiptView, tables: SqlSession) -> tuple[Any, ...]:
    codec, cheque, wallet = tables.codec, view.cheque, view.wallet
    return (
        view.tenant_id, view.receipt_id, view.sequence, view.receipt_number, view.customer_id,
        view.customer_party_id, codec.date_in(view.receipt_date), view.method.value, to_paisa(view.amount),
        to_paisa(view.allocated), view.status.value, view.deposit_account_code, view.reference,
        cheque.number if cheque else None, cheque.bank if cheque else None, cheque.branch if cheque else None,
        codec.date_in(cheque.cheque_date) if cheque else None, wallet.provider if wallet else None,
        wallet.msisdn if wallet else None, wallet.transaction_id if wallet else None, view.recorded_by,
        codec.datetime_in(view.recorded_at), view.version, view.receipt_date.toordinal(),
    )  # fmt: skip


async def _replace_settlements(
    tables: SqlSession, tenant_id: str, source_id: str, rows: list[tuple[Any, ...]], *, active: bool
) -> None:
    table, codec = tables.table(SETTLEMENTS.name), tables.codec
    params = tables.params()
    await tables.fetch(
        f"DELETE FROM {table} WHERE tenant_id = {params.add(tenant_id)} AND source_id = {params.add(source_id)}",
        params.values,
    )
    insert = f"INSERT INTO {table} ({', '.join(SETTLEMENT_COLUMNS)}) VALUES ({placeholders(tables.style, 11)})"
    for position, (kind, invoice_id, amount, on, withholding_id, number, certified_on) in enumerate(rows, start=1):
        await tables.fetch(
            insert,
            (
                tenant_id, source_id, position, kind, invoice_id, to_paisa(amount), codec.date_in(on), active,
                withholding_id, number, codec.date_in(certified_on) if certified_on else None,
            ),
        )  # fmt: skip


async def _resum(tables: SqlSession, tenant_id: str, invoice_ids: set[str]) -> None:
    """Each invoice's sums, recomputed from every settlement that still counts."""
    settlements, balances = tables.table(SETTLEMENTS.name), tables.table(BALANCES.name)
    sums = ", ".join(f"coalesce(sum(CASE WHEN kind = '{kind}' THEN amount_paisa END), 0)" for kind in SUMMED_INTO)
    updates = ", ".join(f"{column} = excluded.{column}" for column in SUM_COLUMNS)
    for invoice_id in sorted(invoice_ids):
        params = tables.params()
        selected = f"{params.add(tenant_id)}, {params.add(invoice_id)}"
        where = (
            f"tenant_id = {params.add(tenant_id)} AND invoice_id = {params.add(invoice_id)} "
            f"AND active = {params.add(True)}"
        )
        sql = (
            f"INSERT INTO {balances} (tenant_id, invoice_id, {', '.join(SUM_COLUMNS)}) "
            f"SELECT {selected}, {sums} FROM {settlements} WHERE {where} "
            f"ON CONFLICT (tenant_id, invoice_id) DO UPDATE SET {updates}"
        )
        await tables.fetch(sql, params.values)
