"""The reports as downloads over real HTTP: a posted entry shows in each file, and bad queries are named."""

from __future__ import annotations

import csv
import io
from typing import Any

import httpx
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.e2e.server import Caller, only_error, violated
from tests.pdf_text import pages_text

CREATE_ENTRY = (
    """mutation Create($input: CreateJournalEntryInput!) { createJournalEntry(input: $input) { id status } }"""
)
POST_ENTRY = """mutation Post($id: ID!) { postJournalEntry(id: $id) { number status } }"""
# The Steel Rods sale, paid into the bank at once, for the Tower A project.
STEEL_RODS = {
    "date": "2026-11-15",
    "narration": "Steel Rods sold to Rahim Builders, paid by bank transfer",
    "lines": [
        {"accountCode": "1121", "debit": 575000, "project": "Tower-A"},
        {"accountCode": "4100", "credit": 500000, "project": "Tower-A"},
        {"accountCode": "2210", "credit": 75000, "project": "Tower-A"},
    ],
}
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _posted_steel_rods(caller: Caller) -> str:
    entry_id: str = caller.data(CREATE_ENTRY, {"input": STEEL_RODS})["createJournalEntry"]["id"]
    number: str = caller.checker().data(POST_ENTRY, {"id": entry_id})["postJournalEntry"]["number"]
    return number


def _get(caller: Caller, path: str, **params: str) -> httpx.Response:
    return caller.http.get(path, params=params, headers={"Authorization": f"Bearer {caller.token}"})


def _downloaded(caller: Caller, path: str, filename: str, **params: str) -> bytes:
    """A report's file, checked to come as an attachment of the format its path names."""
    response = _get(caller, path, **params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == MEDIA_TYPES[path.rsplit(".", 1)[1]]
    assert response.headers["content-disposition"] == f'attachment; filename="{filename}"'
    assert response.headers["cache-control"] == "no-store"
    return response.content


def _csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _sheet_rows(content: bytes) -> list[tuple[Any, ...]]:
    sheet = load_workbook(io.BytesIO(content)).active
    assert isinstance(sheet, Worksheet)
    return list(sheet.iter_rows(values_only=True))


def _text(content: bytes) -> str:
    return " ".join(" ".join(pages_text(content)).split())


def test_a_posted_entry_shows_in_the_trial_balance_as_csv_xlsx_and_pdf(caller: Caller) -> None:
    assert _posted_steel_rods(caller) == "GJ/2026-27/000001"

    day = "2026-11-30"
    rows = _csv(_downloaded(caller, "/reports/trial-balance.csv", "trial-balance-2026-11-30.csv", asOf=day))
    workbook = _sheet_rows(
        _downloaded(caller, "/reports/trial-balance.xlsx", "trial-balance-2026-11-30.xlsx", asOf=day)
    )
    pdf = _text(_downloaded(caller, "/reports/trial-balance.pdf", "trial-balance-2026-11-30.pdf", asOf=day))

    assert rows == [
        ["Code", "Account", "Opening debit", "Opening credit", "Debit", "Credit", "Closing debit", "Closing credit"],
        ["1121", "Bank - current account", "0.00", "0.00", "575000.00", "0.00", "575000.00", "0.00"],
        ["2210", "VAT Output", "0.00", "0.00", "0.00", "75000.00", "0.00", "75000.00"],
        ["4100", "Sales", "0.00", "0.00", "0.00", "500000.00", "0.00", "500000.00"],
        ["", "Total", "0.00", "0.00", "575000.00", "575000.00", "575000.00", "575000.00"],
    ]
    assert ("1121", "Bank - current account", 0, 0, 575000, 0, 575000, 0) in workbook
    assert workbook[-1] == (None, "Total", 0, 0, 575000, 575000, 575000, 575000)
    assert "Balanced: debits equal credits" in pdf
    assert "Total 0.00 0.00 5,75,000.00 5,75,000.00 5,75,000.00 5,75,000.00" in pdf


def test_a_projects_trial_balance_in_bengali_has_bengali_names_digits_and_file_name(caller: Caller) -> None:
    _posted_steel_rods(caller)
    params = {"asOf": "2026-11-30", "project": "Tower-A", "lang": "bn"}

    rows = _csv(_downloaded(caller, "/reports/trial-balance.csv", "trial-balance-2026-11-30-Tower-A-bn.csv", **params))
    pdf = _text(_downloaded(caller, "/reports/trial-balance.pdf", "trial-balance-2026-11-30-Tower-A-bn.pdf", **params))
    elsewhere = _csv(_get(caller, "/reports/trial-balance.csv", asOf="2026-11-30", project="Tower-B").content)

    assert rows[0][:2] == ["কোড", "হিসাব"]
    assert rows[3] == ["4100", "বিক্রয়", "0.00", "0.00", "0.00", "500000.00", "0.00", "500000.00"]
    for shown in ("৩০/১১/২০২৬", "Tower-A", "১১২১", "৫,৭৫,০০০.০০", "৫,০০,০০০.০০", "৭৫,০০০.০০"):
        assert shown in pdf
    assert elsewhere[1:] == [["", "Total", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"]]


def test_the_income_statement_and_the_balance_sheet_download_with_their_totals(caller: Caller) -> None:
    _posted_steel_rods(caller)

    period = {"from": "2026-07-01", "to": "2026-11-30"}
    statement = _csv(
        _downloaded(caller, "/reports/income-statement.csv", "income-statement-2026-07-01-to-2026-11-30.csv", **period)
    )
    sheet = _sheet_rows(
        _downloaded(caller, "/reports/balance-sheet.xlsx", "balance-sheet-2026-11-30.xlsx", asOf=period["to"])
    )
    pdf = _text(
        _downloaded(
            caller, "/reports/balance-sheet.pdf", "balance-sheet-2026-11-30-bn.pdf", asOf=period["to"], lang="bn"
        )
    )

    assert statement[1] == ["Income", "4100", "Sales", "500000.00"]
    assert statement[-1] == ["", "", "Net profit (loss)", "500000.00"]
    assert (None, "Total assets", 575000) in sheet
    assert (None, "Earnings of the years not yet closed", 500000) in sheet
    assert sheet[-1] == (None, "Total liabilities and equity", 575000)
    assert "Balanced: assets equal liabilities and equity" in [row[0] for row in sheet]
    assert "৫,৭৫,০০০.০০" in pdf


def test_each_wrong_query_parameter_is_named_in_one_bad_user_input_answer(caller: Caller) -> None:
    wrong = {
        ("/reports/trial-balance.csv", ()): {("asOf", "required")},
        ("/reports/trial-balance.pdf", (("asOf", "2026-11-31"), ("lang", "fr"))): {
            ("asOf", "date"),
            ("lang", "language"),
        },
        ("/reports/trial-balance.xlsx", (("asOf", "30/11/2026"),)): {("asOf", "date")},
        ("/reports/income-statement.csv", (("from", "2026-12-01"), ("to", "2026-11-30"))): {("from", "date_order")},
        ("/reports/income-statement.csv", (("from", "2026-07-01"),)): {("to", "required")},
        ("/reports/balance-sheet.pdf", (("asOf", "2026-11-30"), ("project", "Tower-A"))): {("project", "not_accepted")},
    }

    for (path, params), named in wrong.items():
        response = _get(caller, path, **dict(params))
        assert response.status_code == 400, (path, params)
        assert violated(response.json()) == named, (path, params)


def test_downloads_need_ledger_read_and_one_of_the_three_formats(caller: Caller) -> None:
    officer = Caller(caller.http, caller.tenant_id, "officer-1", ("vat_officer",))

    refused = _get(officer, "/reports/trial-balance.csv", asOf="2026-11-30")
    anonymous = caller.http.get("/reports/balance-sheet.pdf", params={"asOf": "2026-11-30"})
    unknown = _get(caller, "/reports/trial-balance.docx", asOf="2026-11-30")

    assert refused.status_code == 403
    assert only_error(refused.json(), "FORBIDDEN")["message"] == "Forbidden: missing permission ledger:read"
    assert anonymous.status_code == 401
    assert unknown.status_code == 404
    only_error(unknown.json(), "NOT_FOUND")
