"""Rendering the Mushak forms (6.3, 6.7, 6.8): Jinja2 writes the HTML, WeasyPrint lays it out as PDF.

WeasyPrint shapes text with Pango and HarfBuzz, so Bengali conjuncts and vowel signs come out
joined, and it repeats a table's header row on every page a long table runs onto. The fonts
are Noto Sans and Noto Sans Bengali, shipped in `fonts/` under the SIL Open Font License; the
PDF embeds subsets of them, and the HTML loads them from `/assets/fonts/`.

One renderer of each format serves every form: a document is laid out by the form of what it is
of (an invoice, a note), with the same fonts and stylesheet.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from hisab.edge.fonts import css_string, font_faces_css
from hisab.invoicing.adapters.documents.forms import Form
from hisab.invoicing.adapters.documents.mushak63 import MUSHAK63
from hisab.invoicing.adapters.documents.note_form import NOTE_FORM
from hisab.invoicing.application.documents import Document
from hisab.invoicing.application.note_views import NoteView
from hisab.invoicing.application.views import InvoiceView

HERE = Path(__file__).parent
FONTS_DIRECTORY = HERE / "fonts"
FONTS_URL_PATH = "/assets/fonts"
FORMS: Mapping[type, Form[Any]] = {InvoiceView: MUSHAK63, NoteView: NOTE_FORM}

# Whatever a renderer is handed: the tax invoice of an invoice, or the credit or debit note of a note.
Printable = Document[InvoiceView] | Document[NoteView]


class _Templates:
    def __init__(self) -> None:
        self._environment = Environment(
            loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]), auto_reload=False
        )
        self._environment.filters["css_string"] = css_string
        # Trusted CSS of our own, placed in a <style> element as it is: the 6.3's layout, and what the notes add.
        self._stylesheet = Markup("\n").join(
            Markup((HERE / "templates" / name).read_text()) for name in ("mushak63.css", "notes.css")
        )

    @property
    def stylesheet(self) -> Markup:
        return self._stylesheet

    def html(self, document: Printable, styles: Markup) -> list[str]:
        """Each copy's pages as HTML, with `styles` (fonts and stylesheet) in its <style> element."""
        form = FORMS[type(document.subject)]
        template = self._environment.get_template(form.template)
        columns = form.columns(document)
        return [template.render(page=page, styles=styles, **columns) for page in form.pages(document)]


class HtmlRenderer:
    """The document for a browser, with the fonts served by this service."""

    media_type = "text/html; charset=utf-8"

    def __init__(self) -> None:
        self._templates = _Templates()
        self._styles = Markup("\n").join(
            (font_faces_css(lambda file: f"{FONTS_URL_PATH}/{file}"), self._templates.stylesheet)
        )

    def render(self, document: Printable) -> bytes:
        return "\n".join(self._templates.html(document, self._styles)).encode()


class PdfRenderer:
    """The printed document: each copy laid out on its own, so each counts its own pages."""

    media_type = "application/pdf"

    def __init__(self) -> None:
        self._templates = _Templates()
        # Pango's font map is not safe to share between threads that lay out at the same time.
        self._lock = threading.Lock()

    @cached_property
    def _style(self) -> tuple[FontConfiguration, CSS]:
        """Fonts and stylesheet are loaded once: loading them per document costs more than the layout."""
        fonts = FontConfiguration()
        css = CSS(
            string=font_faces_css(lambda file: f"{FONTS_DIRECTORY.as_uri()}/{file}")
            + "\n"
            + self._templates.stylesheet,
            font_config=fonts,
        )
        return fonts, css

    def render(self, document: Printable) -> bytes:
        with self._lock:
            fonts, css = self._style
            laid_out = [
                HTML(string=html).render(stylesheets=[css], font_config=fonts)
                for html in self._templates.html(document, Markup())
            ]
            everything = [sheet for copy in laid_out for sheet in copy.pages]
            pdf: bytes = laid_out[0].copy(everything).write_pdf()
        return pdf
