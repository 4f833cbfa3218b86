"""The ageing and the customer statements over either SQL database.

The ageing is one statement: what each invoice owes now (its balance row), plus what settled it
after the day and what credit notes took off it after the day, less what debit notes added after
the day, summed per customer into buckets by due date. Only what happened after the day is read
beside the open balances, so a report as of today reads the open invoices and nothing else.
Receipts bounced or reversed count at no date: the read model keeps no date of undoing them.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import date
from decimal import Decimal

from hisab.event_store.adapters.sql.params import Params
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.types import Row
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.money import ZERO, from_paisa
from hisab.receivables.application.ports import Customer, StatementFacts, UndoneReceipt
from hisab.receivables.domain.ageing import CustomerAgeing, earliest_due_dates
from hisab.receivables.domain.receipts import ReceiptStatus
from hisab.receivables.domain.statement import EntryKind, StatementEntry

Reading = Callable[[str, str], AbstractAsyncContextManager[SqlSession]]
_OUTSTANDING = (
    "(b.adjusted_total_paisa - b.allocated_paisa - b.withheld_vds_paisa - b.withheld_ait_paisa - b.written_off_paisa)"
)
_NOTE_TOTAL = "(n.value_paisa + n.supplementary_duty_paisa + n.vat_paisa)"
_SETTLED_KINDS = {"ALLOCATION": EntryKind.RECEIPT, "VDS": EntryKind.VDS, "AIT": EntryKind.AIT,
                  "WRITE_OFF": EntryKind.WRITE_OFF}  # fmt: skip
_UNDONE = {ReceiptStatus.BOUNCED, ReceiptStatus.REVERSED}


class SqlReceivableReports:
    def __init__(self, reading: Reading) -> None:
        self._reading = reading

    async def ageing(
        self, tenant_id: str, as_of: date, bounds: Sequence[int], customer: Customer
    ) -> builtins.list[CustomerAgeing]:
        async with self._reading(tenant_id, "receivables.ageing") as session:
            params = session.params()
            sql = _ageing_sql(params, session, tenant_id, as_of, bounds, customer)
            rows = await session.fetch(sql, params.values)
        columns = len(bounds) + 2
        found = [
            CustomerAgeing(
                row["customer_id"],
                row["customer_party_id"],
                row["customer_name"],
                tuple(from_paisa(row[f"bucket_{n}"]) for n in range(columns)),
            )
            for row in rows
        ]
        # Sorted here, not in SQL: the databases disagree on where a missing party id sorts.
        return sorted((c for c in found if any(c.amounts)), key=lambda c: (c.customer_id, c.customer_party_id or ""))

    async def statement_facts(self, tenant_id: str, customer: Customer, to_day: date) -> StatementFacts:
        async with self._reading(tenant_id, "receivables.statement") as session:
            invoices = await _fetch(session, _statement_invoices, tenant_id, customer, to_day)
            notes = await _fetch(session, _statement_notes, tenant_id, customer, to_day)
            settlements = await _fetch(session, _statement_settlements, tenant_id, customer, to_day)
            advances = await _fetch(session, _statement_advances, tenant_id, customer, to_day)
        codec = session.codec
        entries = [_note_entry(row, codec.date_out(row["note_date"])) for row in notes]
        settled: dict[str, Decimal] = {}
        undone: dict[str, UndoneReceipt] = {}
        for row in settlements:
            amount = from_paisa(row["amount_paisa"])
            entries.append(_settlement_entry(row, amount, codec.date_out(row["settled_on"])))
            if row["active"]:
                settled[row["invoice_id"]] = settled.get(row["invoice_id"], ZERO) + amount
            elif row["receipt_number"] is not None:
                before = undone.get(row["source_id"])
                undone[row["source_id"]] = UndoneReceipt(
                    row["source_id"], row["receipt_number"], ReceiptStatus(row["status"]),
                    amount + (before.settled if before else ZERO),
                )  # fmt: skip
        for row in invoices:
            entries += _invoice_entries(row, notes, settled, session)
        advance = sum((from_paisa(row["unapplied_paisa"]) for row in advances), ZERO)
        return StatementFacts(entries, list(undone.values()), advance)


def _ageing_sql(
    params: Params, session: SqlSession, tenant_id: str, as_of: date, bounds: Sequence[int], customer: Customer
) -> str:
    """Parameters are added in the order the text names them: SQLite's `?` are positional."""
    codec = session.codec
    day = codec.date_in(as_of)
    starts = [codec.date_in(start) for start in earliest_due_dates(as_of, bounds)]
    name = (
        f"(SELECT i.buyer_name FROM invoices i WHERE i.tenant_id = {params.add(tenant_id)} "
        "AND i.invoice_id = g.named_by) AS customer_name"
    )
    buckets = [f"due_date >= {params.add(day)}"]
    ends = [day, *starts]
    buckets += [
        f"due_date < {params.add(end)} AND due_date >= {params.add(start)}"
        for end, start in zip(ends, starts, strict=False)
    ]
    buckets.append(f"due_date < {params.add(starts[-1])}")
    sums = ", ".join(f"coalesce(sum(CASE WHEN {c} THEN owed END), 0) AS bucket_{n}" for n, c in enumerate(buckets))

    def owed_by(b: str) -> str:
        return (
            f"{_of_customer(params, b, tenant_id, customer)} AND {b}.mushak_number IS NOT NULL "
            f"AND {b}.cancelled = {params.add(False)} AND {b}.issued_on <= {params.add(day)}"
        )

    selected = "b.customer_id, b.customer_party_id, b.invoice_id, b.due_date"
    joined = "JOIN invoice_balances b ON b.tenant_id = {0}.tenant_id AND b.invoice_id = {0}.invoice_id"
    owing = (
        f"SELECT {selected}, {_OUTSTANDING} AS owed FROM invoice_balances b "
        f"WHERE {owed_by('b')} AND {_OUTSTANDING} <> 0"
    )
    settled_after = (
        f"SELECT {selected}, s.amount_paisa FROM invoice_settlements s {joined.format('s')} "
        f"WHERE s.tenant_id = {params.add(tenant_id)} AND s.active = {params.add(True)} "
        f"AND s.settled_on > {params.add(day)} AND {owed_by('b')}"
    )
    noted_after = (
        f"SELECT {selected}, CASE WHEN n.kind = 'CREDIT' THEN {_NOTE_TOTAL} ELSE -{_NOTE_TOTAL} END "
        f"FROM invoice_notes n {joined.format('n')} WHERE n.tenant_id = {params.add(tenant_id)} "
        f"AND n.note_date > {params.add(day)} AND {owed_by('b')}"
    )
    grouped = (
        f"SELECT customer_id, customer_party_id, max(invoice_id) AS named_by, {sums} "
        f"FROM ({owing} UNION ALL {settled_after} UNION ALL {noted_after}) owing "
        "GROUP BY customer_id, customer_party_id"
    )
    # The name's parameter comes first in the text, so it was added first.
    return f"SELECT g.*, {name} FROM ({grouped}) g"


Query = Callable[[Params, SqlSession, str, Customer, date], str]


async def _fetch(session: SqlSession, query: Query, tenant_id: str, customer: Customer, to_day: date) -> list[Row]:
    params = session.params()
    sql = query(params, session, tenant_id, customer, to_day)
    return list(await session.fetch(sql, params.values))


def _of_customer(params: Params, alias: str, tenant_id: str, customer: Customer) -> str:
    """The rows of the tenant naming the customer, its parameters added in the text's order."""
    named = (("customer_id", customer.customer_id), ("customer_party_id", customer.customer_party_id))
    tenant = f"{alias}.tenant_id = {params.add(tenant_id)}"
    return " AND ".join(
        [tenant, *(f"{alias}.{column} = {params.add(value)}" for column, value in named if value is not None)]
    )


def _statement_invoices(params: Params, session: SqlSession, tenant_id: str, customer: Customer, to_day: date) -> str:
    return (
        "SELECT b.invoice_id, b.mushak_number, b.issued_on, b.adjusted_total_paisa, b.cancelled, i.cancelled_at "
        "FROM invoice_balances b LEFT JOIN invoices i ON i.tenant_id = b.tenant_id AND i.invoice_id = b.invoice_id "
        f"WHERE {_of_customer(params, 'b', tenant_id, customer)} AND b.mushak_number IS NOT NULL "
        f"AND b.issued_on <= {params.add(session.codec.date_in(to_day))}"
    )


def _statement_notes(params: Params, session: SqlSession, tenant_id: str, customer: Customer, to_day: date) -> str:
    """Every note, later ones too: the invoice's total as issued is its adjusted total before all of them."""
    return (
        f"SELECT n.kind, n.note_number, n.note_date, n.invoice_id, n.invoice_mushak_number, {_NOTE_TOTAL} AS total "
        f"FROM invoice_notes n WHERE {_of_customer(params, 'n', tenant_id, customer)}"
    )


def _statement_settlements(
    params: Params, session: SqlSession, tenant_id: str, customer: Customer, to_day: date
) -> str:
    return (
        "SELECT s.source_id, s.kind, s.invoice_id, s.amount_paisa, s.settled_on, s.active, b.mushak_number, "
        "r.receipt_number, r.receipt_date, r.status FROM invoice_settlements s "
        "JOIN invoice_balances b ON b.tenant_id = s.tenant_id AND b.invoice_id = s.invoice_id "
        "LEFT JOIN receipts r ON r.tenant_id = s.tenant_id AND r.receipt_id = s.source_id "
        f"WHERE {_of_customer(params, 'b', tenant_id, customer)} "
        f"AND s.settled_on <= {params.add(session.codec.date_in(to_day))}"
    )


def _statement_advances(params: Params, session: SqlSession, tenant_id: str, customer: Customer, to_day: date) -> str:
    """What each standing receipt had not allocated at the end of `to_day`."""
    day = session.codec.date_in(to_day)
    allocated = (
        "coalesce((SELECT sum(s.amount_paisa) FROM invoice_settlements s WHERE s.tenant_id = r.tenant_id "
        f"AND s.source_id = r.receipt_id AND s.kind = 'ALLOCATION' AND s.settled_on <= {params.add(day)}), 0)"
    )
    undone = ", ".join(f"'{status.value}'" for status in sorted(_UNDONE))
    return (
        f"SELECT r.amount_paisa - {allocated} AS unapplied_paisa FROM receipts r "
        f"WHERE {_of_customer(params, 'r', tenant_id, customer)} AND r.receipt_date <= {params.add(day)} "
        f"AND r.status NOT IN ({undone})"
    )


def _note_entry(row: Row, on: date) -> StatementEntry:
    kind = EntryKind.CREDIT_NOTE if row["kind"] == "CREDIT" else EntryKind.DEBIT_NOTE
    return StatementEntry(on, kind, row["note_number"], row["invoice_mushak_number"], from_paisa(row["total"]))


def _settlement_entry(row: Row, amount: Decimal, on: date) -> StatementEntry:
    kind = _SETTLED_KINDS[row["kind"]]
    if row["receipt_number"] is None:  # a write-off: a stream of its own, with no number
        return StatementEntry(on, kind, row["mushak_number"], row["mushak_number"], amount)
    if kind is EntryKind.RECEIPT and row["settled_on"] != row["receipt_date"]:
        kind = EntryKind.ADVANCE_APPLIED
    return StatementEntry(on, kind, row["receipt_number"], row["mushak_number"], amount)


def _invoice_entries(
    row: Row, notes: Sequence[Row], settled: dict[str, Decimal], session: SqlSession
) -> list[StatementEntry]:
    """The invoice as issued (before every note), and its cancellation: what it still owed then leaves."""
    codec, invoice_id, number = session.codec, row["invoice_id"], row["mushak_number"]
    adjusted = from_paisa(row["adjusted_total_paisa"])
    noted = sum(
        (from_paisa(n["total"]) * (1 if n["kind"] == "CREDIT" else -1) for n in notes if n["invoice_id"] == invoice_id),
        ZERO,
    )
    entries = [StatementEntry(codec.date_out(row["issued_on"]), EntryKind.INVOICE, number, number, adjusted + noted)]
    if row["cancelled"] and row["cancelled_at"] is not None:
        cancelled_on = codec.datetime_out(row["cancelled_at"]).astimezone(BANGLADESH_TIME).date()
        owed = adjusted - settled.get(invoice_id, ZERO)
        entries.append(StatementEntry(cancelled_on, EntryKind.CANCELLATION, number, number, owed))
    return entries
