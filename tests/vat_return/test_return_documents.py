"""The Mushak-9.1 as printed: parts 1 to 12 with every note, both languages, the DRAFT mark, the sub-forms,
and the HTTP handler that serves it (against a stub of the return's application)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import date
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from hisab.audit.domain.reads import RecordRead
from hisab.edge.context import RECORDS_READ, Principal
from hisab.edge.permissions import Permission
from hisab.event_store.messages import Actor
from hisab.invoicing.adapters.documents.renderer import FONTS_DIRECTORY
from hisab.kernel.errors import NotFoundError
from hisab.kernel.language import Language
from hisab.kernel.services import Services
from hisab.vat_return.adapters.documents.renderer import ReturnDocuments
from hisab.vat_return.adapters.documents.return_form import ReturnPage, return_page
from hisab.vat_return.adapters.documents_endpoint import ReturnDocumentEndpoint, filename, mushak91_path
from hisab.vat_return.application.return_views import ReturnStatus, ReturnType, VatReturnView
from tests.pdf_text import drawn_glyphs, draws_word, pages_text
from tests.vat_return.return_view_builders import (
    INVOICE,
    entry,
    figure,
    return_view,
    with_status,
    worked_quarter,
)


def printed(formula: str) -> str:
    """A formula as written here with -, as printed with the minus sign."""
    return formula.replace(" - ", " \N{MINUS SIGN} ")


DOCUMENTS = ReturnDocuments(FONTS_DIRECTORY, "/assets/fonts")


def _rows(page: ReturnPage) -> dict[int, Any]:
    return {row.number: row for section in page.sections for row in section.rows}


def test_parts_3_to_11_print_every_note_in_order_under_their_headings() -> None:
    page = return_page(worked_quarter(), Language.EN)

    assert [section.number for section in page.sections] == list(range(3, 12))
    assert [row.number for section in page.sections for row in section.rows] == list(range(1, 69))
    assert page.sections[4].heading == "Part-7: Net tax calculation"
    assert page.headings[12] == "Part-12: Declaration"


def test_a_notes_own_columns_are_filled_and_those_it_lacks_are_shaded() -> None:
    rows = _rows(return_page(worked_quarter(), Language.EN))

    assert [(cell.text, cell.shaded) for cell in rows[1].cells] == [("20,00,000.00", False), ("", True), ("", True)]
    assert [cell.text for cell in rows[9].cells] == ["85,00,000.00", "20,000.00", "6,83,000.00"]
    assert [cell.text for cell in rows[23].cells] == ["11,00,000.00", "1,50,000.00"]
    assert [cell.text for cell in rows[34].cells] == ["4,84,500.00"]
    # Nothing this period: 0.00, as the NBR's own returns print an empty note.
    assert [cell.text for cell in rows[2].cells] == ["0.00", "", ""]
    assert [cell.text for cell in rows[67].cells] == ["0.00"]


def test_the_computed_notes_print_their_formula_and_the_deposits_their_account_code() -> None:
    rows = _rows(return_page(worked_quarter(), Language.EN))

    assert rows[34].formula == printed("34 = 9(c) - 23(b) + 28 - 33")
    assert rows[58].account_code == "1/1133/0015/0311"
    assert rows[4].formula is None


def test_grouped_notes_share_their_heading_across_their_rows() -> None:
    rows = _rows(return_page(worked_quarter(), Language.EN))

    assert (rows[1].group, rows[1].group_rows) == ("Zero-rated goods/services", 2)
    assert (rows[2].group, rows[2].group_rows) == (None, 0)
    assert (rows[3].group, rows[3].group_rows) == (None, None)


def test_bengali_prints_bengali_digits_in_lakh_groups_and_the_bengali_labels() -> None:
    page = return_page(worked_quarter(), Language.BN)
    rows = _rows(page)

    assert rows[7].cells[0].text == "৫০,০০,০০০.০০"
    assert rows[34].formula == printed("৩৪ = ৯(গ) - ২৩(খ) + ২৮ - ৩৩")
    assert rows[1].group == "শূন্যহার বিশিষ্ট পণ্য/সেবা"
    assert rows[1].label == "সরাসরি রপ্তানি"
    assert page.taxpayer[0] == ("বিআইএন", "০০০১২৩৪৫৬-০১০১")
    assert page.taxpayer[1] == ("করদাতার নাম", "মেঘনা বিল্ডার্স লিমিটেড")
    assert page.due_date == "১৫/১০/২০২৬"


def test_part_2_says_the_period_type_activity_submission_and_due_date() -> None:
    page = return_page(worked_quarter(), Language.EN)

    assert page.period == "2026-27/Q1 (01/07/2026 – 30/09/2026)"
    assert [choice.chosen for choice in page.return_types] == [True, False, False, False]
    assert [(c.label, c.chosen) for c in page.activity] == [("Yes", True), ("No", False)]
    # Submitted at 08:30 UTC on 12 October: 14:30 in Dhaka, the same day.
    assert page.submission_date == "12/10/2026"
    assert page.due_date == "15/10/2026"
    assert page.status == "Submitted on 12/10/2026, reference NBR-9.1-2026-0001234"


def test_a_late_nil_return_checks_late_and_no_activity() -> None:
    view = replace(return_view(nil=True), return_type=ReturnType.LATE)

    page = return_page(view, Language.EN)

    assert [choice.chosen for choice in page.return_types] == [False, True, False, False]
    assert [c.chosen for c in page.activity] == [False, True]
    assert page.submission_date == "—"


@pytest.mark.parametrize("status", [ReturnStatus.OPEN, ReturnStatus.PREPARED])
def test_a_return_not_yet_filed_is_marked_draft(status: ReturnStatus) -> None:
    page = return_page(with_status(worked_quarter(), status), Language.EN)

    assert page.draft == "DRAFT"
    assert page.running_head == "Mushak-9.1 · 2026-27/Q1 · DRAFT"


@pytest.mark.parametrize("status", [ReturnStatus.SUBMITTED, ReturnStatus.AMENDED])
def test_a_filed_return_has_no_draft_mark(status: ReturnStatus) -> None:
    page = return_page(worked_quarter(status), Language.EN)

    assert page.draft is None


def test_a_sub_form_for_every_note_with_sources_its_lines_by_date_and_document_number() -> None:
    late = entry(INVOICE, "INV/2026-27/000001", date(2026, 9, 1), 4, "100.00", "15.00")
    early = entry(INVOICE, "INV/2026-27/000008", date(2026, 7, 2), 4, "200.00", "30.00")
    page = return_page(return_view({4: figure(4, late, early)}), Language.EN)

    (sub_form,) = page.sub_forms
    assert (sub_form.anchor, sub_form.title) == ("sub-form-4", "Sub-form of note 4")
    assert [row[1] for row in sub_form.rows] == ["INV/2026-27/000008", "INV/2026-27/000001"]
    assert sub_form.rows[0][2:5] == ("02/07/2026", "Rupali Housing Ltd.", "000765432-0101")
    assert sub_form.totals == ("300.00", "0.00", "45.00")
    assert _rows(page)[4].sub_form == "sub-form-4"
    assert _rows(page)[3].sub_form is None


def test_the_worked_quarters_sub_forms_and_its_challans() -> None:
    page = return_page(worked_quarter(), Language.EN)

    expected = ["1", "3", "4", "7", "14", "15", "16", "24", "26", "29", "31", "58", "59"]
    assert [sub.note for sub in page.sub_forms] == expected
    challans = next(sub for sub in page.sub_forms if sub.note == "58")
    assert challans.rows == (("1", "TR-2026-10-0042", "12/10/2026", "1/1133/0015/0311", "4,84,500.00"),)


def test_the_html_escapes_what_the_records_say_and_loads_the_served_fonts() -> None:
    hostile = entry(INVOICE, "INV/2026-27/000007", date(2026, 8, 1), 4, "10.00", "1.50",
                    description="<script>alert(1)</script>")  # fmt: skip
    html = DOCUMENTS.html(return_view({4: figure(4, hostile)}), Language.EN).decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert 'url("/assets/fonts/NotoSansBengali-Regular.ttf")' in html
    assert ">DRAFT<" in html


def test_the_pdf_shows_every_part_the_figures_and_the_sub_forms() -> None:
    text = "\n".join(pages_text(DOCUMENTS.pdf(worked_quarter(), Language.EN)))

    for heading in ("Part-1: Taxpayer's information", "Part-7: Net tax calculation", "Part-12: Declaration"):
        assert heading in text
    for figure_text in ("85,00,000.00", "6,83,000.00", "1,50,000.00", "4,84,500.00", "57,500.00"):
        assert figure_text in text
    assert "Sub-form of note 7" in text
    assert "INV/2026-27/000003" in text
    assert "DRAFT" not in text


def test_a_draft_pdf_says_so() -> None:
    text = "\n".join(pages_text(DOCUMENTS.pdf(with_status(worked_quarter(), ReturnStatus.PREPARED), Language.EN)))

    assert "DRAFT" in text
    assert "Prepared: a draft frozen on 05/10/2026" in text


def test_the_bengali_pdf_draws_the_shaped_bengali_labels() -> None:
    glyphs = drawn_glyphs(DOCUMENTS.pdf(worked_quarter(), Language.BN))

    for word in ("রপ্তানি", "দাখিলপত্র", "সম্পূরক"):
        assert draws_word(glyphs, word, "NotoSansBengali-Regular.ttf"), word


# The HTTP handler, with a stub of the application's `vat_return_of` and of the guard.


class _Stub:
    def __init__(self, view: VatReturnView | None = None) -> None:
        self.view = view
        self.asked: list[tuple[Actor, str]] = []

    async def __call__(self, actor: Actor, period: str, services: Services) -> VatReturnView:
        self.asked.append((actor, period))
        if self.view is None:
            raise NotFoundError(f"no tax period {period}")
        return replace(self.view, period=period)


def _admit(permissions: frozenset[Permission]) -> Callable[[Request], Awaitable[Principal]]:
    async def admit(request: Request) -> Principal:
        return Principal("tenant-1", "user-1", permissions)

    return admit


class _RequestState:
    """What the app's lifespan and correlation middleware give every request; records what the handler leaves."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.records: tuple[RecordRead, ...] = ()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = scope.setdefault("state", {})
        state.update(services=Services(), correlation_id="corr-1")
        await self.app(scope, receive, send)
        self.records = state.get(RECORDS_READ, ())


_Serve = Callable[..., tuple[_RequestState, httpx.AsyncClient]]


@pytest.fixture
def serve() -> _Serve:
    """The handler alone in an app, its guard granting `permissions`; the app, and a client of it."""

    def client(
        stub: _Stub, permissions: frozenset[Permission] = frozenset({Permission.VAT_READ})
    ) -> tuple[_RequestState, httpx.AsyncClient]:
        endpoint = ReturnDocumentEndpoint(_admit(permissions), DOCUMENTS, stub)
        app = _RequestState(Starlette(routes=endpoint.routes()))
        return app, httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://hisab")

    return client


async def test_the_pdf_is_served_for_the_period_in_the_path_slash_and_all(serve: _Serve) -> None:
    stub = _Stub(worked_quarter())
    app, client = serve(stub)
    async with client:
        response = await client.get("/vat-returns/2026-27/Q1/mushak-9.1.pdf?lang=bn")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-disposition"] == 'inline; filename="mushak-9.1-2026-27-Q1-bn.pdf"'
    assert response.content.startswith(b"%PDF")
    assert stub.asked == [(Actor("tenant-1", "user-1", "corr-1"), "2026-27/Q1")]
    assert [(r.kind, r.record_id) for r in app.records] == [("VatReturn", "2026-27/Q1")]


@pytest.mark.parametrize(
    ("extension", "media_type", "starts"),
    [("html", "text/html; charset=utf-8", b"<!doctype html>"), ("json", "application/json", b"{"),
     ("csv", "text/csv; charset=utf-8", "\ufeffpart,note,line".encode())],
)  # fmt: skip
async def test_each_format_has_its_media_type(serve: _Serve, extension: str, media_type: str, starts: bytes) -> None:
    _, client = serve(_Stub(worked_quarter()))
    async with client:
        response = await client.get(f"/vat-returns/2026-07/mushak-9.1.{extension}")

    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert response.content.startswith(starts)
    if extension in ("json", "csv"):
        assert response.headers["content-disposition"] == f'attachment; filename="mushak-9.1-2026-07.{extension}"'


async def test_a_caller_without_vat_read_is_refused(serve: _Serve) -> None:
    stub = _Stub(worked_quarter())
    _, client = serve(stub, frozenset({Permission.INVOICE_READ}))
    async with client:
        response = await client.get("/vat-returns/2026-07/mushak-9.1.pdf")

    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert stub.asked == []


async def test_an_unknown_language_format_or_period_is_refused_as_json(serve: _Serve) -> None:
    _, client = serve(_Stub(None))
    async with client:
        language = await client.get("/vat-returns/2026-07/mushak-9.1.pdf?lang=fr")
        extension = await client.get("/vat-returns/2026-07/mushak-9.1.docx")
        period = await client.get("/vat-returns/2031-07/mushak-9.1.csv")

    assert language.status_code == 400
    assert language.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert extension.status_code == 404
    assert period.status_code == 404
    assert period.json()["errors"][0]["message"] == "no tax period 2031-07"


async def test_the_path_given_for_a_return_is_the_one_served(serve: _Serve) -> None:
    stub = _Stub(worked_quarter())
    _, client = serve(stub)
    path = mushak91_path("2026-27/Q2", "json", Language.BN)
    async with client:
        response = await client.get(path)

    assert path == "/vat-returns/2026-27/Q2/mushak-9.1.json?lang=bn"
    assert response.status_code == 200
    assert response.json()["language"] == "bn"
    assert stub.asked[0][1] == "2026-27/Q2"


def test_a_download_is_named_after_its_period_and_language() -> None:
    assert filename("2026-27/Q1", "csv", Language.EN) == "mushak-9.1-2026-27-Q1.csv"
    assert filename("2026-07", "pdf", Language.BN) == "mushak-9.1-2026-07-bn.pdf"


def test_a_long_sub_form_prints_its_first_250_lines_and_totals_them_all() -> None:
    lines = [
        entry(INVOICE, f"INV/2026-27/{n:06d}", date(2026, 7, 1), 4, "100.00", "15.00", line_id=str(n))
        for n in range(1, 253)
    ]
    (sub_form,) = return_page(return_view({4: figure(4, *lines)}), Language.EN).sub_forms

    assert len(sub_form.rows) == 250
    assert sub_form.rows[-1][1] == "INV/2026-27/000250"
    assert sub_form.more == "… and 2 more lines, counted in the total: the JSON and CSV exports list every line"
    assert sub_form.totals == ("25,200.00", "0.00", "3,780.00")
