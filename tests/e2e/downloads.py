"""Downloading a report over HTTP as a caller, and reading back what it holds (a PDF's text, a sheet's rows)."""

from __future__ import annotations

import io
from typing import Any

import httpx
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.e2e.server import Caller
from tests.pdf_text import pages_text


def get(caller: Caller, path: str, **params: str) -> httpx.Response:
    return caller.http.get(path, params=params, headers={"Authorization": f"Bearer {caller.token}"})


def download(caller: Caller, path: str, filename: str, media_type: str, **params: str) -> bytes:
    """The body of a download that must succeed, as an attachment of this name and type, never cached."""
    response = get(caller, path, **params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media_type
    assert response.headers["content-disposition"] == f'attachment; filename="{filename}"'
    assert response.headers["cache-control"] == "no-store"
    return response.content


def pdf_text(pdf: bytes) -> str:
    """Every page's text, its whitespace runs made single spaces."""
    return " ".join(" ".join(pages_text(pdf)).split())


def sheet_rows(content: bytes) -> list[tuple[Any, ...]]:
    """The values of every row of a workbook's active sheet."""
    sheet = load_workbook(io.BytesIO(content)).active
    assert isinstance(sheet, Worksheet)
    return list(sheet.iter_rows(values_only=True))
