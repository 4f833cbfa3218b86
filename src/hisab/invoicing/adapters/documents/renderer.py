"""Rendering Mushak-6.3: Jinja2 writes the HTML, WeasyPrint lays it out as PDF.

WeasyPrint shapes text with Pango and HarfBuzz, so Bengali conjuncts and vowel signs come out
joined, and it repeats a table's header row on every page a long table runs onto. The fonts
are Noto Sans and Noto Sans Bengali, shipped in `fonts/` under the SIL Open Font License; the
PDF embeds subsets of them, and the HTML loads them from `/assets/fonts/`.
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
from hisab.invoicing.adapters.documents.mushak63 import Page, column_numbers, pages
from hisab.invoicing.application.documents import InvoiceDocument

HERE = Path(__file__).parent
FONTS_DIRECTORY = HERE / "fonts"
FONTS_URL_PATH = "/assets/fonts"
# Percent of the table per column, (1) to (11): the description gets the room, amounts fit crores.
COLUMN_WIDTHS = (4, 22, 6, 6, 8, 9, 8, 9, 7, 9, 12)


class _Template:
    def __init__(self) -> None:
        environment = Environment(
            loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]), auto_reload=False
        )
        environment.filters["css_string"] = css_string
        self._template = environment.get_template("mushak63.html")
        # Trusted CSS of our own, placed in a <style> element as it is.
        self._stylesheet = Markup((HERE / "templates" / "mushak63.css").read_text())

    @property
    def stylesheet(self) -> Markup:
        return self._stylesheet

    def html(self, page: Page, styles: Markup) -> str:
        """The page as HTML, with `styles` (fonts and stylesheet) in its <style> element."""
        return self._template.render(
            page=page,
            styles=styles,
            column_numbers=column_numbers(page.language),
            column_widths=COLUMN_WIDTHS,
        )


class HtmlRenderer:
    """The document for a browser, with the fonts served by this service."""

    media_type = "text/html; charset=utf-8"

    def __init__(self) -> None:
        self._template = _Template()
        self._styles = Markup("\n").join(
            (font_faces_css(lambda file: f"{FONTS_URL_PATH}/{file}"), self._template.stylesheet)
        )

    def render(self, document: InvoiceDocument) -> bytes:
        return "\n".join(self._template.html(page, self._styles) for page in pages(document)).encode()


class PdfRenderer:
    """The printed document: each copy laid out on its own, so each counts its own pages."""

    media_type = "application/pdf"

    def __init__(self) -> None:
        self._template = _Template()
        # Pango's font map is not safe to share between threads that lay out at the same time.
        self._lock = threading.Lock()

    @cached_property
    def _style(self) -> tuple[FontConfiguration, CSS]:
        """Fonts and stylesheet are loaded once: loading them per document costs more than the layout."""
        fonts = FontConfiguration()
        css = CSS(
            string=font_faces_css(lambda file: f"{FONTS_DIRECTORY.as_uri()}/{file}") + "\n" + self._template.stylesheet,
            font_config=fonts,
        )
        return fonts, css

    def render(self, document: InvoiceDocument) -> bytes:
        with self._lock:
            fonts, css = self._style
            laid_out = [
                HTML(string=self._template.html(page, Markup())).render(stylesheets=[css], font_config=fonts)
                for page in pages(document)
            ]
            everything = [sheet for copy in laid_out for sheet in copy.pages]
            pdf: bytes = laid_out[0].copy(everything).write_pdf()
        return pdf
