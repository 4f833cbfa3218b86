"""Bank reconciliation on every backend: statements imported once, lines matched to receipts by the rules or
by hand, each line and each receipt once, read back exactly and rebuilt to what was written; on PostgreSQL,
two statements racing for one receipt match it once."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from hisab.event_store.adapters.postgres.database import PostgresDatabase
from hisab.event_store.ports import Database
from hisab.kernel.errors import IllegalTransitionError, InvalidInputError
from hisab.receivables.application.dependencies import Receivables
from hisab.receivables.application.receipts import RecordReceipt, record_receipt
from hisab.receivables.application.reconciliation import (
    ImportStatement,
    LineFilter,
    LineView,
    StatementView,
    auto_match,
    get_statement,
    import_statement,
    match_statement_line,
    unmatch_statement_line,
)
from hisab.receivables.application.views import ReceiptView
from hisab.receivables.domain.bank_statements import StatementFormat
from hisab.receivables.domain.receipts import ChequeInput, ReceiptRequest, WalletInput
from tests.builders import SteppingClock, actor, rebuild, services

FILES = Path(__file__).parents[1] / "receivables" / "files"
DBBL = (FILES / "dbbl_december_2026.csv").read_bytes()
BRAC = (FILES / "brac_december_2026.csv").read_bytes()
USER = actor()
DBBL_HEADING = "Txn Date,Value Date,Particulars,Cheque No.,Withdrawal (Dr),Deposit (Cr),Balance\n"


def _receivables(database: Database[Any]) -> Receivables:
    return services(database, SteppingClock(datetime(2026, 12, 10, 4, 0, tzinfo=UTC))).get(Receivables)


async def _receipt(
    receivables: Receivables,
    amount: str,
    on: date,
    method: str = "BANK_TRANSFER",
    *,
    account: str | None = None,
    reference: str | None = None,
    cheque: str | None = None,
    wallet: str | None = None,
) -> ReceiptView:
    request = ReceiptRequest(
        customer_id="C-001", customer_party_id=None, receipt_date=on, method=method, amount=Decimal(amount),
        deposit_account_code=account, reference=reference,
        cheque=ChequeInput(cheque, "Sonali Bank", "Motijheel", on) if cheque else None,
        wallet=WalletInput("BKASH", "01712345678", wallet) if wallet else None,
    )  # fmt: skip
    return await record_receipt(RecordReceipt(request), USER, receivables)


def _one_credit(day: int, amount: str) -> bytes:
    return (DBBL_HEADING + f"0{day}/12/2026,,NPSB CR,,,{amount},\n").encode()


async def _lines(receivables: Receivables, **where: Any) -> list[LineView]:
    return (await receivables.bank.lines(USER.tenant_id, LineFilter(**where), 100, None)).lines


def _shown(lines: list[LineView]) -> list[tuple[str, str, str | None, str | None]]:
    return [(line.line_id.rpartition(":")[2], str(line.amount), line.receipt_id, line.how) for line in lines]


async def _dbbl_with_receipts(receivables: Receivables) -> tuple[StatementView, dict[str, ReceiptView]]:
    receipts = {
        "cheque": await _receipt(receivables, "300000.00", date(2026, 11, 28), "CHEQUE", cheque="4512"),
        "transfer": await _receipt(receivables, "115000.00", date(2026, 11, 30)),
        "rtgs": await _receipt(receivables, "575000.00", date(2026, 11, 20), account="1121"),
        "cash": await _receipt(receivables, "50000.00", date(2026, 12, 7), "CASH"),
        "wallet": await _receipt(
            receivables, "50000.00", date(2026, 12, 7), "MOBILE_WALLET", account="1131", wallet="8N7A6B5C4D"
        ),
    }
    statement = await import_statement(ImportStatement("1121", DBBL, default_bank=True), USER, receivables)
    return statement, receipts


async def test_an_imported_statement_reads_back_exactly(database: Database[Any]) -> None:
    receivables = _receivables(database)
    view = await import_statement(ImportStatement("1121", DBBL, StatementFormat.DBBL_CSV), USER, receivables)

    found = await get_statement(view.statement_id, USER, receivables)
    assert found == view
    assert (found.account_code, found.default_bank, found.source_format, found.period_from, found.period_to) == (
        "1121", False, StatementFormat.DBBL_CSV, date(2026, 12, 1), date(2026, 12, 7),
    )  # fmt: skip
    assert [str(a) for a in (found.opening_balance, found.closing_balance, found.credit_total, found.debit_total)] == [
        "1250000.00", "2289338.75", "1040000.00", "661.25",
    ]  # fmt: skip
    lines = await _lines(receivables, statement_id=view.statement_id)
    assert [(line.booked_on.day, str(line.amount), line.reference, str(line.balance)) for line in lines] == [
        (1, "300000.00", "004512", "1550000.00"), (2, "115000.00", "FT26336ABC01", "1665000.00"),
        (3, "-575.00", None, "1664425.00"), (4, "575000.00", "RT2612040099", "2239425.00"),
        (6, "-86.25", None, "2239338.75"), (7, "50000.00", "NP7788", "2289338.75"),
    ]  # fmt: skip
    assert (await receivables.bank.statements(USER.tenant_id, 10, None)).statements == [view]


async def test_the_same_statement_is_imported_once(database: Database[Any]) -> None:
    receivables = _receivables(database)
    await import_statement(ImportStatement("1121", DBBL), USER, receivables)

    with pytest.raises(InvalidInputError) as refused:
        await import_statement(ImportStatement("1121", DBBL), USER, receivables)
    assert refused.value.violations[0].rule == "duplicate_statement"
    # The same lines are another statement of another account.
    await import_statement(ImportStatement("1122", DBBL), USER, receivables)
    assert (await receivables.bank.statements(USER.tenant_id, 10, None)).total_count == 2


async def test_a_bad_file_stores_nothing(database: Database[Any]) -> None:
    receivables = _receivables(database)
    content = (DBBL_HEADING + "01/12/2026,,GOOD,,,100.00,\n02/13/2026,,BAD DATE,,,5.00,\n").encode()

    with pytest.raises(Exception, match="row 3, column Txn Date"):
        await import_statement(ImportStatement("1121", content), USER, receivables)
    assert (await receivables.bank.statements(USER.tenant_id, 10, None)).total_count == 0


async def test_auto_match_takes_references_then_amounts_within_three_days(database: Database[Any]) -> None:
    receivables = _receivables(database)
    statement, receipts = await _dbbl_with_receipts(receivables)

    result = await auto_match(statement.statement_id, USER, receivables)

    expected = [
        ("1", "300000.00", receipts["cheque"].receipt_id, "AUTO_REFERENCE"),
        ("2", "115000.00", receipts["transfer"].receipt_id, "AUTO_AMOUNT_DATE"),
        ("4", "575000.00", receipts["rtgs"].receipt_id, "AUTO_REFERENCE"),
    ]
    assert _shown(result.matched) == expected
    assert result.statement.matched_count == 3
    assert _shown(await _lines(receivables, matched=True)) == expected
    # Cash and money in the bKash wallet are not on this account: the line is left for a person.
    assert _shown(await _lines(receivables, matched=False)) == [("6", "50000.00", None, None)]
    reconciled = await receivables.bank.lines_of_receipts(USER.tenant_id, [r.receipt_id for r in receipts.values()])
    assert set(reconciled) == {receipts[name].receipt_id for name in ("cheque", "transfer", "rtgs")}
    again = await auto_match(statement.statement_id, USER, receivables)
    assert (again.matched, again.statement.version) == ([], 4)


async def test_without_the_default_bank_only_receipts_deposited_to_the_account_match(database: Database[Any]) -> None:
    receivables = _receivables(database)
    await _receipt(receivables, "300000.00", date(2026, 11, 28), "CHEQUE", cheque="4512")
    # The customer's RTGS reference, recorded with the receipt, is the one the bank shows.
    rtgs = await _receipt(receivables, "575000.00", date(2026, 11, 20), account="1121", reference="RT2612040099")
    statement = await import_statement(ImportStatement("1121", DBBL), USER, receivables)

    result = await auto_match(statement.statement_id, USER, receivables)

    assert _shown(result.matched) == [("4", "575000.00", rtgs.receipt_id, "AUTO_REFERENCE")]


async def test_a_person_matches_and_unmatches_and_a_receipt_is_matched_once(database: Database[Any]) -> None:
    receivables = _receivables(database)
    statement, receipts = await _dbbl_with_receipts(receivables)
    await auto_match(statement.statement_id, USER, receivables)
    npsb = f"{statement.statement_id}:6"

    with pytest.raises(InvalidInputError, match="went to account 1131"):
        await match_statement_line(npsb, receipts["wallet"].receipt_id, USER, receivables)
    matched = await match_statement_line(npsb, receipts["cash"].receipt_id, USER, receivables)
    assert (matched.receipt_id, matched.how) == (receipts["cash"].receipt_id, "MANUAL")
    with pytest.raises(IllegalTransitionError):
        await match_statement_line(npsb, receipts["transfer"].receipt_id, USER, receivables)

    brac = await import_statement(ImportStatement("1121", BRAC), USER, receivables)
    with pytest.raises(InvalidInputError, match="already matched") as refused:
        await match_statement_line(f"{brac.statement_id}:1", receipts["cheque"].receipt_id, USER, receivables)
    assert refused.value.violations[0].rule == "already_matched"

    freed = await unmatch_statement_line(f"{statement.statement_id}:1", USER, receivables)
    assert (freed.receipt_id, freed.how) == (None, None)
    again = await match_statement_line(f"{brac.statement_id}:1", receipts["cheque"].receipt_id, USER, receivables)
    assert again.matched
    assert (await receivables.bank.lines_of_receipts(USER.tenant_id, [receipts["cheque"].receipt_id])) == {
        receipts["cheque"].receipt_id: again
    }
    assert await rebuild(database, verify_only=True) == []


async def test_a_rebuild_derives_the_statements_and_their_matches_again(database: Database[Any]) -> None:
    receivables = _receivables(database)
    statement, _ = await _dbbl_with_receipts(receivables)
    await auto_match(statement.statement_id, USER, receivables)
    await unmatch_statement_line(f"{statement.statement_id}:2", USER, receivables)
    before = await _lines(receivables)

    assert await rebuild(database, verify_only=True) == []
    assert await rebuild(database, verify_only=False) == []
    assert await _lines(receivables) == before


@pytest.mark.postgres
async def test_two_statements_racing_for_one_receipt_match_it_once(postgres_url: str) -> None:
    database = await PostgresDatabase.open(postgres_url, min_size=2, max_size=12)
    try:
        receivables = _receivables(database)
        await _receipt(receivables, "7777.00", date(2026, 12, 2), account="1121")
        statements = [
            await import_statement(ImportStatement("1121", _one_credit(day, "7777.00")), USER, receivables)
            for day in (1, 3)
        ]

        results = await asyncio.gather(*(auto_match(s.statement_id, USER, receivables) for s in statements))

        assert sum(len(result.matched) for result in results) == 1
        assert len(await _lines(receivables, matched=True)) == 1
    finally:
        await database.close()


async def test_a_receipt_moved_from_statement_to_statement_and_back_rebuilds_equal(database: Database[Any]) -> None:
    # With the test above, a replay in either order of the two streams is seen: each stream's own
    # history names the receipt on a line that no longer holds it.
    receivables = _receivables(database)
    first, second = [
        await import_statement(ImportStatement("1121", _one_credit(day, "7777.00")), USER, receivables)
        for day in (1, 3)
    ]
    receipt_id = (await _receipt(receivables, "7777.00", date(2026, 12, 2), account="1121")).receipt_id
    await auto_match(first.statement_id, USER, receivables)
    for line_id, then in ((f"{first.statement_id}:1", second), (f"{second.statement_id}:1", first)):
        await unmatch_statement_line(line_id, USER, receivables)
        await match_statement_line(f"{then.statement_id}:1", receipt_id, USER, receivables)

    assert _shown(await _lines(receivables, matched=True)) == [("1", "7777.00", receipt_id, "MANUAL")]
    assert (await _lines(receivables, matched=True))[0].statement_id == first.statement_id
    assert await rebuild(database, verify_only=True) == []
