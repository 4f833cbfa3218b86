"""Where a Mushak-6.6 is served: /vds-certificates/{certificate_id}/mushak-6.6.pdf or .html, with ?lang=en|bn."""

from __future__ import annotations

from urllib.parse import quote

from hisab.kernel.language import Language

COLLECTION, FORM = "vds-certificates", "mushak-6.6"


def mushak66_path(certificate_id: str, language: Language, extension: str = "pdf") -> str:
    """Relative to the service's root, as the tax invoice's path is."""
    return f"/{COLLECTION}/{quote(certificate_id, safe='')}/{FORM}.{extension}?lang={language.value}"
