"""Reading back what a PDF shows: its text (pypdf) and the glyphs each font draws.

Text extraction goes through each font's ToUnicode map, which gives one text per glyph; a
shaped Bengali glyph that stands for a reordered vowel sign or a conjunct cannot be mapped
back faithfully, so Bengali words are checked as glyphs instead: the glyph ids HarfBuzz
gives for the word must be drawn, in order, with that font.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import uharfbuzz as hb
from pypdf import PdfReader
from pypdf.generic import ContentStream, TextStringObject

from hisab.invoicing.adapters.documents.renderer import FONTS_DIRECTORY

# The PDF names an embedded font after its CSS family (and weight): see the renderer's faces.
PDF_FONT_NAMES = {
    "NotoSansBengali-Regular.ttf": "HisabBengali",
    "NotoSansBengali-Bold.ttf": "HisabBengali-Bold",
    "NotoSans-Regular.ttf": "HisabSans",
    "NotoSans-Bold.ttf": "HisabSans-Bold",
}


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def drawn_glyphs(pdf: bytes) -> dict[str, list[int]]:
    """Per font (by its name without the subset tag), the glyph ids drawn, in drawing order."""
    reader = PdfReader(io.BytesIO(pdf))
    drawn: dict[str, list[int]] = {}
    for page in reader.pages:
        fonts = {name: str(font.get_object()["/BaseFont"]).split("+")[-1] for name, font in _fonts(page)}
        current = ""
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                current = fonts[operands[0]]
            elif operator in (b"TJ", b"Tj"):
                drawn.setdefault(current, []).extend(_glyph_ids(operands[0]))
    return drawn


def shaped_glyphs(text: str, font_file: str) -> list[int]:
    """The glyph ids HarfBuzz shapes `text` into with one of the shipped fonts."""
    face = hb.Face(hb.Blob.from_file_path(str(Path(FONTS_DIRECTORY) / font_file)))
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(hb.Font(face), buffer, {})
    return [info.codepoint for info in buffer.glyph_infos]


def one_glyph_per_character(text: str, font_file: str) -> list[int]:
    """What an unshaping renderer would draw: each code point's own glyph from the cmap."""
    font = hb.Font(hb.Face(hb.Blob.from_file_path(str(Path(FONTS_DIRECTORY) / font_file))))
    return [font.get_nominal_glyph(ord(character)) or 0 for character in text]


def draws_word(pdf_glyphs: dict[str, list[int]], word: str, font_file: str) -> bool:
    """Whether the font of `font_file` drew the HarfBuzz shaping of `word`, glyph for glyph."""
    wanted = shaped_glyphs(word, font_file)
    drawn = pdf_glyphs.get(PDF_FONT_NAMES[font_file], [])
    return any(drawn[start : start + len(wanted)] == wanted for start in range(len(drawn) - len(wanted) + 1))


def _fonts(page: Any) -> Iterator[tuple[str, Any]]:
    resources = page["/Resources"].get_object()
    yield from resources.get("/Font", {}).get_object().items()


def _glyph_ids(operand: Any) -> list[int]:
    parts = operand if isinstance(operand, list) else [operand]
    ids: list[int] = []
    for part in parts:
        if isinstance(part, (int, float)):
            continue
        raw = part.original_bytes if isinstance(part, TextStringObject) else bytes(part)
        ids.extend(int.from_bytes(raw[n : n + 2], "big") for n in range(0, len(raw), 2))
    return ids
