"""Bank reconciliation over real HTTP, on SQLite and PostgreSQL (issue 14, scenario 7): statements of two banks'
CSV layouts and camt.053 imported with POST /bank-statements, matched to receipts, and what is left listed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from tests.e2e.server import Caller, only_error, violated

FILES = Path(__file__).parents[2] / "receivables" / "files"
DBBL = (FILES / "dbbl_december_2026.csv").read_bytes()
BRAC = (FILES / "brac_december_2026.csv").read_bytes()
CAMT = (FILES / "camt053_december_2026.xml").read_bytes()

RECORD = """mutation($input: RecordReceiptInput!) { recordReceipt(input: $input) { id number } }"""
AUTO_MATCH = """mutation($id: ID!) { autoMatch(statementId: $id) {
  statement { id matchedCount lineCount creditTotal { decimal } }
  matched { id amount { decimal } receiptId how } } }"""
MATCH = """mutation($line: ID!, $receipt: ID!) { matchStatementLine(lineId: $line, receiptId: $receipt) {
  id matched receiptId how receipt { id number } } }"""
UNMATCH = """mutation($line: ID!) { unmatchStatementLine(lineId: $line) { id matched receiptId how } }"""
LINES = """query($filter: BankStatementLineFilter, $after: String) {
  statementLines(filter: $filter, first: 2, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id date amount { decimal } reference matched } } } }"""
RECEIPT = """query($id: ID!) { receipt(id: $id) { number reconciled statementLine { id how } } }"""
STATEMENTS = """{ bankStatements { totalCount edges { node { id accountCode format periodFrom periodTo
  openingBalance { decimal } closingBalance { decimal } lineCount } } } }"""


def post_statement(
    caller: Caller, content: bytes, params: dict[str, str], content_type: str = "text/csv"
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {caller.token}", "Content-Type": content_type}
    return caller.http.post("/bank-statements", params=params, content=content, headers=headers)


def _record(caller: Caller, amount: float, date: str, **more: Any) -> str:
    receipt = {"customerId": "C-001", "method": "BANK_TRANSFER", "amount": amount, "date": date, **more}
    receipt_id: str = caller.data(RECORD, {"input": receipt})["recordReceipt"]["id"]
    return receipt_id


def test_a_dutch_bangla_statement_is_imported_and_matched_to_receipts(caller: Caller) -> None:
    cheque = {"number": "004512", "bank": "Sonali Bank", "branch": "Motijheel", "chequeDate": "2026-11-28"}
    by_cheque = _record(caller, 300000, "2026-11-28", method="CHEQUE", cheque=cheque)
    by_transfer = _record(caller, 115000, "2026-11-30")
    by_rtgs = _record(caller, 575000, "2026-11-20", depositAccountCode="1121", reference="RT2612040099")
    in_cash = _record(caller, 50000, "2026-12-01", method="CASH")

    imported = post_statement(caller, DBBL, {"account": "1121", "defaultBank": "true"})

    assert imported.status_code == 201, imported.text
    statement = imported.json()
    assert {k: statement[k] for k in ("accountCode", "format", "lineCount", "openingBalance", "closingBalance")} == {
        "accountCode": "1121", "format": "DBBL_CSV", "lineCount": 6, "openingBalance": "1250000.00",
        "closingBalance": "2289338.75",
    }  # fmt: skip
    result = caller.data(AUTO_MATCH, {"id": statement["id"]})["autoMatch"]
    assert result["statement"]["matchedCount"] == 3
    assert [(m["amount"]["decimal"], m["receiptId"], m["how"]) for m in result["matched"]] == [
        ("300000.00", by_cheque, "AUTO_REFERENCE"),
        ("115000.00", by_transfer, "AUTO_AMOUNT_DATE"),
        ("575000.00", by_rtgs, "AUTO_REFERENCE"),
    ]
    shown = caller.data(RECEIPT, {"id": by_cheque})["receipt"]
    assert (shown["reconciled"], shown["statementLine"]["how"]) == (True, "AUTO_REFERENCE")
    assert caller.data(RECEIPT, {"id": in_cash})["receipt"]["reconciled"] is False

    left = caller.data(LINES, {"filter": {"statementId": statement["id"], "matched": False}})["statementLines"]
    assert [(e["node"]["amount"]["decimal"], e["node"]["reference"]) for e in left["edges"]] == [("50000.00", "NP7788")]
    npsb = left["edges"][0]["node"]["id"]
    matched = caller.data(MATCH, {"line": npsb, "receipt": in_cash})["matchStatementLine"]
    assert (matched["matched"], matched["receipt"]["id"], matched["how"]) == (True, in_cash, "MANUAL")
    assert caller.data(LINES, {"filter": {"matched": False}})["statementLines"]["totalCount"] == 0
    unmatched = caller.data(UNMATCH, {"line": npsb})["unmatchStatementLine"]
    assert (unmatched["matched"], unmatched["receiptId"], unmatched["how"]) == (False, None, None)
    assert caller.data(RECEIPT, {"id": in_cash})["receipt"] == {"number": "RCT/2026-27/000004", "reconciled": False,
                                                                 "statementLine": None}  # fmt: skip


def test_every_line_is_listed_page_by_page(caller: Caller) -> None:
    imported = post_statement(caller, DBBL, {"account": "1121"}).json()
    seen: list[str] = []
    after: str | None = None
    while True:
        page = caller.data(LINES, {"filter": {"statementId": imported["id"]}, "after": after})["statementLines"]
        seen += [e["node"]["date"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == ["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-06", "2026-12-07"]


def test_a_brac_export_comes_as_a_multipart_form_and_camt053_as_xml(caller: Caller) -> None:
    headers = {"Authorization": f"Bearer {caller.token}"}
    brac = caller.http.post(
        "/bank-statements", data={"account": "1121"}, files={"file": ("brac.csv", BRAC, "text/csv")}, headers=headers
    )
    camt = post_statement(caller, CAMT, {"account": "1121", "format": "CAMT053"}, "application/xml")

    assert (brac.status_code, camt.status_code) == (201, 201), brac.text + camt.text
    listed = caller.data(STATEMENTS)["bankStatements"]
    assert [
        (n["format"], n["periodFrom"], n["periodTo"], n["openingBalance"]["decimal"], n["closingBalance"]["decimal"],
         n["lineCount"])
        for n in (e["node"] for e in listed["edges"])
    ] == [
        ("CAMT053", "2026-12-02", "2026-12-07", "500000.00", "884425.00", 3),
        ("BRAC_CSV", "2026-12-02", "2026-12-08", "800000.00", "1213850.00", 4),
    ]  # fmt: skip


def test_the_same_statement_twice_and_a_bad_file_are_refused_and_nothing_is_stored(caller: Caller) -> None:
    assert post_statement(caller, DBBL, {"account": "1121"}).status_code == 201
    again = post_statement(caller, DBBL, {"account": "1121"})
    bad = DBBL.replace(b"04/12/2026,04/12/2026", b"31/04/2026,04/12/2026").replace(b'"1,15,000.00"', b"1.15.000")

    assert again.status_code == 400
    assert violated(again.json()) == {("file", "duplicate_statement")}
    refused = post_statement(caller, bad, {"account": "1121"})
    assert refused.status_code == 400
    error = refused.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert {(v["row"], v["column"], v["rule"]) for v in error["extensions"]["violations"]} == {
        (12, "Deposit (Cr)", "amount"),
        (14, "Txn Date", "date"),
    }
    assert caller.data(STATEMENTS)["bankStatements"]["totalCount"] == 1
    assert violated(post_statement(caller, DBBL, {}).json()) == {("account", "account_code")}


def test_importing_needs_receivable_write(caller: Caller) -> None:
    viewer = Caller(caller.http, caller.tenant_id, "viewer-1", ("viewer",))

    refused = post_statement(viewer, DBBL, {"account": "1121"})

    assert refused.status_code == 403
    assert only_error(refused.json(), "FORBIDDEN")
    assert caller.http.post("/bank-statements", content=DBBL).status_code == 401
