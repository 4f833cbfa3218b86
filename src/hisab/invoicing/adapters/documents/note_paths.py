"""Where credit and debit notes' documents are served: /credit-notes/{id}/mushak-6.7.pdf and the 6.8 beside it."""

from __future__ import annotations

from urllib.parse import quote

from hisab.invoicing.domain.notes import NoteKind
from hisab.kernel.language import Language

COLLECTIONS = {NoteKind.CREDIT: "credit-notes", NoteKind.DEBIT: "debit-notes"}
FORMS = {NoteKind.CREDIT: "mushak-6.7", NoteKind.DEBIT: "mushak-6.8"}


def note_document_path(kind: NoteKind, note_id: str, language: Language, extension: str) -> str:
    """Relative to the service's root, as `mushak63_path` is for invoices."""
    return f"/{COLLECTIONS[kind]}/{quote(note_id, safe='')}/{FORMS[kind]}.{extension}?lang={language.value}"
