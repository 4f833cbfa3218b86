"""The Mushak-9.1 as HTML and PDF: Jinja2 writes the HTML, WeasyPrint lays it out, as for the Mushak-6.3.

The fonts are the invoice documents' (Noto Sans and Noto Sans Bengali, SIL Open Font License) under
the same family names (edge/fonts.py); their directory and the path the service serves them under
are handed in by the app, since the VAT return reads no other context's adapters.
"""

from __future__ import annotations

import threading
from functools import cached_property
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from hisab.edge.fonts import css_string, font_faces_css
from hisab.formatting.money import localized
from hisab.kernel.language import Language
from hisab.vat_return.adapters.documents.return_form import return_page
from hisab.vat_return.application.return_views import VatReturnView

TEMPLATES = Path(__file__).parent / "templates"
PDF_MEDIA_TYPE = "application/pdf"
HTML_MEDIA_TYPE = "text/html; charset=utf-8"


class ReturnDocuments:
    """Renders any tax period's return in either language; safe to share between threads."""

    def __init__(self, fonts_directory: Path, fonts_url_path: str) -> None:
        self._fonts_directory = fonts_directory
        self._fonts_url_path = fonts_url_path
        environment = Environment(
            loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), auto_reload=False
        )
        environment.filters["css_string"] = css_string
        self._template = environment.get_template("mushak91.html")
        self._stylesheet = (TEMPLATES / "mushak91.css").read_text()
        # Pango's font map is not safe to share between threads that lay out at the same time.
        self._lock = threading.Lock()

    @cached_property
    def _style(self) -> tuple[FontConfiguration, CSS]:
        """Fonts and stylesheet are loaded once: loading them per document costs more than the layout."""
        faces = font_faces_css(lambda file: (self._fonts_directory / file).as_uri())
        fonts = FontConfiguration()
        return fonts, CSS(string=faces + "\n" + self._stylesheet, font_config=fonts)

    def _page(self, view: VatReturnView, language: Language, styles: Markup) -> str:
        def digits(value: object) -> str:
            return localized(str(value), language)

        return self._template.render(page=return_page(view, language), styles=styles, digits=digits)

    def html(self, view: VatReturnView, language: Language) -> bytes:
        """The return for a browser, with the fonts served by this service."""
        faces = font_faces_css(lambda file: f"{self._fonts_url_path}/{file}")
        return self._page(view, language, Markup("\n").join((faces, Markup(self._stylesheet)))).encode()

    def pdf(self, view: VatReturnView, language: Language) -> bytes:
        with self._lock:
            fonts, css = self._style
            page = self._page(view, language, Markup())
            pdf: bytes = HTML(string=page).write_pdf(stylesheets=[css], font_config=fonts)
        return pdf
