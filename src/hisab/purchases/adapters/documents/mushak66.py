"""The Mushak-6.6 as PDF and HTML: the fields of bangladesh-vat-returns.md §3.2, in English or Bengali.

Jinja2 writes the HTML and WeasyPrint lays it out, as for the Mushak-6.3, 6.7 and 6.8, with the same
fonts (Noto Sans and Noto Sans Bengali, under the SIL Open Font License) under the same family
names; their directory and URL are handed in by the app, since purchases read no invoicing adapter.
Amounts are grouped in lakh and crore, and a Bengali certificate writes every digit in Bengali.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from hisab.edge.fonts import css_string, font_faces_css
from hisab.formatting.money import format_number, localized
from hisab.kernel.identifiers import format_bin
from hisab.kernel.language import Language
from hisab.purchases.adapters.documents.labels import LABELS, CertificateLabels
from hisab.purchases.application.certificates import CertificateDocument

TEMPLATES = Path(__file__).parent / "templates"
BLANK = "—"


@dataclass(frozen=True, slots=True)
class CertificatePage:
    """Every text of the certificate, decided here: the template only places them."""

    language: Language
    labels: CertificateLabels
    fields: dict[str, str]
    rows: tuple[tuple[str, ...], ...]
    totals: tuple[str, str, str]
    column_numbers: tuple[str, ...]


def certificate_page(document: CertificateDocument) -> CertificatePage:
    certificate, language = document.certificate, document.language
    issuer, unit, supplier = document.issuer, document.unit, certificate.supplier

    def digits(text: str) -> str:
        return localized(text, language)

    def amount(value: Decimal) -> str:
        return format_number(value, language)

    supplier_bin = digits(format_bin(supplier.bin)) if supplier.bin else BLANK
    fields = {
        "entity_name": issuer.name if issuer else BLANK,
        "entity_address": f"{unit.name}\n{unit.address}" if unit else BLANK,
        "entity_bin": digits(format_bin(issuer.bin)) if issuer else BLANK,
        "certificate_no": digits(certificate.certificate_number),
        "issue_date": digits(certificate.issued_on.strftime("%d/%m/%Y")),
        "payment_no": digits(certificate.payment_number),
        "officer": issuer.officer_name if issuer else BLANK,
        "designation": issuer.officer_designation if issuer else BLANK,
    }
    rows = tuple(
        (
            digits(str(position)), supplier.name, supplier_bin, digits(row.supplier_invoice_number),
            digits(row.supplier_invoice_date.strftime("%d/%m/%Y")), amount(row.total_value), amount(row.vat),
            amount(row.deducted),
        )
        for position, row in enumerate(certificate.rows, start=1)
    )  # fmt: skip
    totals = (amount(certificate.total_value), amount(certificate.total_vat), amount(certificate.total_deducted))
    numbers = tuple(digits(f"({n})") for n in range(1, 9))
    return CertificatePage(language, LABELS[language], fields, rows, totals, numbers)


class _Template:
    def __init__(self) -> None:
        environment = Environment(
            loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), auto_reload=False
        )
        environment.filters["css_string"] = css_string
        self._template = environment.get_template("mushak66.html")
        self.stylesheet = Markup((TEMPLATES / "mushak66.css").read_text())

    def html(self, document: CertificateDocument, styles: Markup) -> str:
        return self._template.render(page=certificate_page(document), styles=styles)


class CertificateHtml:
    """The certificate for a browser, with the fonts this service serves at `fonts_url`."""

    media_type = "text/html; charset=utf-8"

    def __init__(self, fonts_url: str) -> None:
        self._template = _Template()
        faces: Callable[[str], str] = lambda file: f"{fonts_url}/{file}"  # noqa: E731
        self._styles = Markup("\n").join((font_faces_css(faces), self._template.stylesheet))

    def render(self, document: CertificateDocument) -> bytes:
        return self._template.html(document, self._styles).encode()


class CertificatePdf:
    """The printed certificate; safe to share between threads."""

    media_type = "application/pdf"

    def __init__(self, fonts_directory: Path) -> None:
        self._fonts_directory = fonts_directory
        self._template = _Template()
        # Pango's font map is not safe to share between threads that lay out at the same time.
        self._lock = threading.Lock()

    @cached_property
    def _style(self) -> tuple[FontConfiguration, CSS]:
        """Fonts and stylesheet are loaded once: loading them per document costs more than the layout."""
        faces = font_faces_css(lambda file: (self._fonts_directory / file).as_uri())
        fonts = FontConfiguration()
        return fonts, CSS(string=faces + "\n" + self._template.stylesheet, font_config=fonts)

    def render(self, document: CertificateDocument) -> bytes:
        page = self._template.html(document, Markup())
        with self._lock:
            fonts, css = self._style
            pdf: bytes = HTML(string=page).write_pdf(stylesheets=[css], font_config=fonts)
        return pdf
