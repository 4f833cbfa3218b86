"""The Mushak forms' renderers as the pages use them, and the headers a framed document is served with."""

from __future__ import annotations

from functools import cache

from hisab.invoicing.adapters.documents.endpoint import Renderers
from hisab.invoicing.adapters.documents.renderer import HtmlRenderer, PdfRenderer

# A document is shown in a page's frame: framed by our pages only, and its own inline styles allowed.
DOCUMENT_HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "SAMEORIGIN",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; "
        "frame-ancestors 'self'"
    ),
}


@cache
def renderers() -> Renderers:
    """One renderer of each format for the web's documents: the fonts are loaded once, one PDF laid out at a time."""
    return Renderers(PdfRenderer(), HtmlRenderer())
