"""A report as PDF: Jinja2 writes the HTML, WeasyPrint lays it out, as for Mushak-6.3.

The fonts are the ones the invoice documents ship (Noto Sans and Noto Sans Bengali, under the
SIL Open Font License), under the same family names; their directory is handed in by the app,
since the ledger reads no other context's adapters. Amounts are grouped in lakh and crore, and
a Bengali report writes every digit, codes and dates included, in Bengali.
"""

from __future__ import annotations

import threading
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from hisab.edge.fonts import css_string, font_faces_css
from hisab.formatting.money import format_number, localized
from hisab.kernel.language import Language
from hisab.ledger.adapters.reports.tables import ReportTable

MEDIA_TYPE = "application/pdf"
TEMPLATES = Path(__file__).parent / "templates"
# A trial balance's six amount columns need the width of a landscape page.
_LANDSCAPE_FROM_COLUMNS = 3


class ReportPdfWriter:
    """Renders any of the three reports; safe to share between threads."""

    def __init__(self, fonts_directory: Path) -> None:
        self._fonts_directory = fonts_directory
        environment = Environment(
            loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), auto_reload=False
        )
        environment.filters["css_string"] = css_string
        self._template = environment.get_template("report.html")
        # Pango's font map is not safe to share between threads that lay out at the same time.
        self._lock = threading.Lock()

    @cached_property
    def _style(self) -> tuple[FontConfiguration, CSS]:
        """Fonts and stylesheet are loaded once: loading them per report costs more than the layout."""
        faces = font_faces_css(lambda file: (self._fonts_directory / file).as_uri())
        fonts = FontConfiguration()
        stylesheet = (TEMPLATES / "report.css").read_text()
        return fonts, CSS(string=faces + "\n" + stylesheet, font_config=fonts)

    def html(self, table: ReportTable) -> str:
        language = table.language

        def amount(value: Decimal) -> str:
            return format_number(value, language)

        def digits(text: str) -> str:
            return localized(text, language)

        return self._template.render(
            table=table,
            amount=amount,
            digits=digits,
            landscape=len(table.amount_headers) >= _LANDSCAPE_FROM_COLUMNS,
            bengali_counters=language is Language.BN,
        )

    def render(self, table: ReportTable) -> bytes:
        page = self.html(table)
        with self._lock:
            fonts, css = self._style
            pdf: bytes = HTML(string=page).write_pdf(stylesheets=[css], font_config=fonts)
        return pdf
