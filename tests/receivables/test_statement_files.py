"""Reading bank statement files: two banks' CSV exports and camt.053, and files refused by row and column."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hisab.receivables.domain.bank_statements import StatementFormat
from hisab.receivables.domain.statement_files import ParsedStatement, StatementFileError, read_statement

FILES = Path(__file__).parent / "files"
DBBL_HEADING = "Txn Date,Value Date,Particulars,Cheque No.,Withdrawal (Dr),Deposit (Cr),Balance\n"


def _read(name: str, source_format: StatementFormat | None = None) -> ParsedStatement:
    return read_statement((FILES / name).read_bytes(), source_format)


def _lines(parsed: ParsedStatement) -> list[tuple[date, str, str | None, str, str | None]]:
    return [
        (
            line.booked_on,
            str(line.amount),
            line.reference,
            line.description,
            str(line.balance) if line.balance else None,
        )
        for line in parsed.lines
    ]


def _refusal(content: bytes, source_format: StatementFormat | None = None) -> list[tuple[int, str, str]]:
    with pytest.raises(StatementFileError) as refused:
        read_statement(content, source_format)
    return [(e.row, e.column, e.rule) for e in refused.value.errors]


def test_a_dutch_bangla_bank_export_is_read_past_its_preamble_and_summary_rows() -> None:
    parsed = _read("dbbl_december_2026.csv")

    assert parsed.source_format is StatementFormat.DBBL_CSV
    assert _lines(parsed) == [
        (date(2026, 12, 1), "300000.00", "004512", "CLG CHQ DEP NORTHPOLE TRADERS SONALI BANK MOTIJHEEL", "1550000.00"),
        (date(2026, 12, 2), "115000.00", "FT26336ABC01", "BEFTN CR MEGHNA CEMENT MILLS LTD INV PAYMENT", "1665000.00"),
        (date(2026, 12, 3), "-575.00", None, "SMS ALERT AND ATM CHARGES", "1664425.00"),
        (
            date(2026, 12, 4),
            "575000.00",
            "RT2612040099",
            "RTGS CR ABUL KHAIR STEEL REF RCT/2026-27/000003",
            "2239425.00",
        ),
        (date(2026, 12, 6), "-86.25", None, "VAT ON CHARGES", "2239338.75"),
        (date(2026, 12, 7), "50000.00", "NP7788", "NPSB CR FUND TRANSFER", "2289338.75"),
    ]
    assert (str(parsed.opening_balance), str(parsed.closing_balance)) == ("1250000.00", "2289338.75")


def test_a_brac_bank_export_is_read_with_iso_dates_and_bengali_digits() -> None:
    parsed = _read("brac_december_2026.csv")

    assert parsed.source_format is StatementFormat.BRAC_CSV
    assert _lines(parsed) == [
        (date(2026, 12, 2), "250000.00", "BE26120200451", "BEFTN INWARD PADMA TEXTILES LTD", "1050000.00"),
        (date(2026, 12, 3), "45000.00", "BK2612030017", "bKash to Bank TrxID 8N7A6B5C4D", "1095000.00"),
        (date(2026, 12, 5), "-1150.00", None, "Service Charge incl VAT", "1093850.00"),
        (date(2026, 12, 8), "120000.00", "0087321", "INWARD CLEARING JAMUNA OIL CO LTD", "1213850.00"),
    ]
    assert (str(parsed.opening_balance), str(parsed.closing_balance)) == ("800000.00", "1213850.00")


def test_a_camt053_statement_gives_its_booked_entries_and_balances() -> None:
    parsed = _read("camt053_december_2026.xml")

    assert parsed.source_format is StatementFormat.CAMT053
    assert _lines(parsed) == [
        (date(2026, 12, 2), "230000.00", "BSRM-PAY-7781", "BSRM STEELS LTD PAYMENT AGAINST INVOICES NOV 2026", None),
        (date(2026, 12, 5), "155000.00", "EBL2612050044", "CHQ 0045678 PRAN FOODS LTD", None),
        (date(2026, 12, 7), "-575.00", "EBL2612070003", "ACCOUNT MAINTENANCE FEE INCL VAT", None),
    ]
    assert (str(parsed.opening_balance), str(parsed.closing_balance)) == ("500000.00", "884425.00")


def test_a_layout_named_for_the_file_must_be_its_own() -> None:
    content = (FILES / "dbbl_december_2026.csv").read_bytes()

    assert _refusal(content, StatementFormat.BRAC_CSV) == [(1, "file", "layout")]
    assert read_statement(content, StatementFormat.DBBL_CSV).source_format is StatementFormat.DBBL_CSV


def test_every_bad_cell_is_named_by_its_row_and_column() -> None:
    content = (
        DBBL_HEADING
        + "31/11/2026,,NO SUCH DAY,,,100.00,\n"
        + "01/12/2026,,BOTH SIDES,,10.00,20.00,\n"
        + "02/12/2026,,THREE PLACES,,,12.345,\n"
        + '03/12/2026,,FINE,,,"1,000.00",\n'
    ).encode()

    assert _refusal(content) == [
        (2, "Txn Date", "date"),
        (3, "Deposit (Cr)", "one_amount"),
        (4, "Deposit (Cr)", "amount"),
    ]


def test_a_negative_amount_in_a_debit_or_credit_column_is_refused() -> None:
    content = (DBBL_HEADING + "01/12/2026,,REVERSAL,,,-100.00,\n").encode()

    assert _refusal(content) == [(2, "Deposit (Cr)", "not_negative")]


def test_a_file_without_bookings_or_a_known_heading_is_refused() -> None:
    assert _refusal(DBBL_HEADING.encode()) == [(1, "file", "empty")]
    assert _refusal(b"Date,Amount\n01/12/2026,100\n") == [(1, "file", "layout")]
    assert _refusal(b"\xff\xfeD\x00") == [(1, "file", "encoding")]


def test_a_camt053_entry_without_a_date_or_indicator_is_named_by_its_place() -> None:
    content = b"""<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt>
      <Ntry><Amt Ccy="BDT">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>2026-12-01</Dt></BookgDt></Ntry>
      <Ntry><Amt Ccy="USD">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-12-02</Dt></BookgDt></Ntry>
      <Ntry><Amt Ccy="BDT">5.00</Amt><CdtDbtInd>XX</CdtDbtInd></Ntry>
    </Stmt></BkToCstmrStmt></Document>"""

    assert _refusal(content) == [
        (2, "Ntry/Amt", "currency"),
        (3, "Ntry/BookgDt", "date"),
        (3, "Ntry/CdtDbtInd", "indicator"),
    ]


def test_xml_that_is_no_camt053_or_declares_entities_is_refused() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><Document>&a;</Document>'

    assert _refusal(bomb) == [(1, "file", "xml")]
    assert _refusal(b"<Document><Other/></Document>") == [(1, "Document", "camt053")]
    assert _refusal(b"<Document><BkToCstmrStmt>") == [(1, "file", "xml")]
