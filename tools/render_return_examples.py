"""Render the worked quarter's Mushak-9.1 (the construction firm of the tests) as PNGs for docs/vat-return.md.

The view is the hand-made one the documents' tests use (tests/vat_return/return_view_builders.py),
rendered by the same ReturnDocuments the download endpoint uses, so the pictures change only when the
form does. The first page of each language is kept. Needs pdftoppm (poppler-utils), and the
repository root on the path for the tests' builders:

    PYTHONPATH=. .venv/bin/python tools/render_return_examples.py docs/images
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from tests.vat_return.return_view_builders import worked_quarter

from hisab.invoicing.adapters.documents.renderer import FONTS_DIRECTORY, FONTS_URL_PATH
from hisab.kernel.language import Language
from hisab.vat_return.adapters.documents.renderer import ReturnDocuments


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images")
    out.mkdir(parents=True, exist_ok=True)
    documents, view = ReturnDocuments(FONTS_DIRECTORY, FONTS_URL_PATH), worked_quarter()
    for language in Language:
        started = time.perf_counter()
        pdf = documents.pdf(view, language)
        print(f"Mushak-9.1 {view.period} {language.value}: {len(pdf)} bytes in {time.perf_counter() - started:.3f} s")
        target = out / f"vat-return-{language.value}.pdf"
        target.write_bytes(pdf)
        page = ["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile"]
        subprocess.run([*page, target, target.with_suffix("")], check=True)
        target.unlink()


if __name__ == "__main__":
    main()
