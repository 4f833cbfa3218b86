"""Importing parties and items from CSV and XLSX files in a real browser: the rows with errors, by their columns."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from playwright.sync_api import Page, expect

from tests.web.browser import accessibility_violations, sign_in, snap
from tests.web.server import WebServer

PARTIES_CSV = (
    "code,kind,legal_name,bin,phone\n"
    "C-1,CUSTOMER,Padma Textiles Ltd,000123456-0101,01711000000\n"
    "C-2,CUSTOMER,Jamuna Traders,12345,\n"
    "S-1,SUPPLIER,Meghna Cement Mills Ltd,,\n"
    "C-3,CUSTOMER,,,01811000000\n"
    "C-4,customer,Rupsha Foods,,\n"
)


def test_a_csv_with_bad_rows_shows_each_error_by_its_column_and_imports_nothing(
    page: Page, server: WebServer, tmp_path: Path
) -> None:
    user = server.user("clerk")
    bad = tmp_path / "parties.csv"
    bad.write_text(PARTIES_CSV, encoding="utf-8")
    sign_in(page, server, user, "/parties/import")
    page.get_by_label("File").set_input_files(bad)
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", name="The file has 2 errors; nothing was imported.")).to_be_visible()
    rows = page.locator("table.rejected-rows tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0).locator('th[scope="row"]')).to_have_text("3")
    expect(rows.nth(0).locator('td[data-column="bin"]')).to_contain_text("12345")
    expect(rows.nth(0).locator('td[data-column="bin"] .error')).to_contain_text("13 digits")
    expect(rows.nth(1).locator('th[scope="row"]')).to_have_text("5")
    expect(rows.nth(1).locator('td[data-column="legal_name"] .error')).to_contain_text("must not be empty")
    expect(rows.nth(1).locator('td[data-column="phone"]')).to_have_text("01811000000")
    snap(page, "masters-import-errors-en")
    assert accessibility_violations(page) == []
    page.get_by_role("button", name="বাংলা").click()
    page.get_by_label("ফাইল").set_input_files(bad)
    page.get_by_role("button", name="আমদানি").click()
    expect(page.locator("table.rejected-rows tbody tr")).to_have_count(2)
    snap(page, "masters-import-errors-bn")
    page.get_by_role("button", name="English").click()
    page.goto(f"{server.url}/parties")
    expect(page.locator("#results tbody tr")).to_have_text(["No party matches."])
    good = tmp_path / "good.csv"
    good.write_text("\n".join(line for n, line in enumerate(PARTIES_CSV.splitlines()) if n not in (2, 4)) + "\n")
    page.goto(f"{server.url}/parties/import")
    page.get_by_label("File").set_input_files(good)
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("status").last).to_contain_text("Imported: 3 records from 3 rows.")
    page.get_by_role("link", name="See the list").click()
    expect(page.locator("#results tbody tr")).to_have_count(3)
    expect(page.get_by_role("link", name="C-4")).to_be_visible()


def test_an_xlsx_file_of_items_is_imported(page: Page, server: WebServer, tmp_path: Path) -> None:
    user = server.user("clerk")
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["code", "name", "unit_price", "hs_code", "vat_category"])
    sheet.append(["CEM-50", "Portland cement, 50 kg", 550.5, "2523.29.00", "STANDARD"])
    sheet.append(["ROD-12", "MS rod 12 mm", 92, None, "STANDARD"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = tmp_path / "items.xlsx"
    file.write_bytes(buffer.getvalue())
    sign_in(page, server, user, "/items/import")
    page.get_by_label("File").set_input_files(file)
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("status").last).to_contain_text("Imported: 2 records from 2 rows.")
    assert accessibility_violations(page) == []
    page.goto(f"{server.url}/items")
    expect(page.get_by_role("link", name="CEM-50")).to_be_visible()
    expect(page.locator("#results")).to_contain_text("550.50")


def test_the_template_names_the_columns_and_a_viewer_may_not_import(page: Page, server: WebServer) -> None:
    viewer = server.user("viewer")
    with server.signed_in(viewer) as client:
        template = client.get("/items/import/template.csv")
        assert template.status_code == 200
        assert template.text.startswith("code,name,unit_price,name_bn,hs_code")
        assert client.get("/parties/import").status_code == 403
        refused = client.post("/parties/import", files={"file": ("p.csv", PARTIES_CSV.encode(), "text/csv")})
        assert refused.status_code == 403
