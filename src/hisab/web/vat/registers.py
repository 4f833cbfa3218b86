"""The purchase and sales registers for a from/to range: a keyset page with the range's totals, and downloads."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from functools import cache
from urllib.parse import urlencode

from starlette.responses import Response

from hisab.invoicing.adapters.documents.renderer import FONTS_DIRECTORY
from hisab.kernel.errors import InvalidInputError, NotFoundError
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.vat_return.adapters.reports import files
from hisab.vat_return.adapters.reports.tables import register_table
from hisab.vat_return.application.registers import Registers, whole_register
from hisab.vat_return.application.registers import register_page as page_of
from hisab.vat_return.domain.entries import Register
from hisab.web.pages import Page
from hisab.web.purchases.forms import FormReader

PAGE_SIZE = 50
REGISTERS = {"sales": Register.SALES, "purchases": Register.PURCHASES}
MEDIA_TYPES = {"xlsx": files.XLSX_MEDIA_TYPE, "csv": files.CSV_MEDIA_TYPE, "pdf": files.PDF_MEDIA_TYPE}


@cache
def register_pdf_writer() -> files.RegisterPdfWriter:
    """One register PDF writer for the web app, built at its first use (it loads the Mushak forms' fonts)."""
    return files.RegisterPdfWriter(FONTS_DIRECTORY)


def _register(page: Page) -> Register:
    name = page.request.path_params["register"]
    if name not in REGISTERS:
        raise NotFoundError(f"no register {name}")
    return REGISTERS[name]


def _range(page: Page) -> tuple[date, date]:
    params, reader = page.request.query_params, FormReader()
    today = _today()
    start = reader.day("from", params.get("from", "")) or today.replace(day=1)
    end = reader.day("to", params.get("to", "")) or today
    if reader.violations:
        raise InvalidInputError(reader.violations)
    return start, end


def _today() -> date:
    return datetime.now(BANGLADESH_TIME).date()


async def register_page(page: Page) -> Response:
    register = _register(page)
    params = page.request.query_params
    errors: dict[str, str] = {}
    found = None
    start, end = _today().replace(day=1), _today()
    try:
        start, end = _range(page)
        found = await page_of(register, start, end, PAGE_SIZE, params.get("after") or None, page.actor,
                              page.services.get(Registers))  # fmt: skip
    except InvalidInputError as error:
        errors = page.field_errors(error)
    span = {"from": start.isoformat(), "to": end.isoformat()}
    next_url = None
    if found is not None and found.has_next_page and found.rows:
        next_url = f"{page.request.url.path}?" + urlencode({**span, "after": found.rows[-1].cursor})
    name = page.request.path_params["register"]
    return await page.render(
        "vat/register.html", block="results", register=name, found=found, errors=errors, span=span,
        next_url=next_url, query=urlencode(span) + f"&lang={page.language.value}",
    )  # fmt: skip


async def download(page: Page) -> Response:
    register = _register(page)
    extension = page.request.path_params["extension"]
    if extension not in MEDIA_TYPES:
        raise NotFoundError(f"the registers are downloaded as xlsx, csv or pdf, not {extension}")
    start, end = _range(page)
    found = await whole_register(register, start, end, page.actor, page.services.get(Registers))
    table = register_table(found, page.language)
    write = {"xlsx": files.xlsx_bytes, "csv": files.csv_bytes, "pdf": register_pdf_writer().render}[extension]
    content = await asyncio.to_thread(write, table)
    return Response(
        content, media_type=MEDIA_TYPES[extension],
        headers={"Content-Disposition": f'attachment; filename="{table.filename}.{extension}"',
                 "Cache-Control": "no-store"},
    )  # fmt: skip
