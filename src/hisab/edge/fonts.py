"""The fonts of every document Hisab prints (the Mushak forms, the reports), and the CSS that names them.

Noto Sans and Noto Sans Bengali ship with the service (invoicing/adapters/documents/fonts), so
a PDF looks the same on every machine, whatever fonts the system has.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

FONT_FACES = (
    ("HisabSans", "normal", "NotoSans-Regular.ttf"),
    ("HisabSans", "bold", "NotoSans-Bold.ttf"),
    ("HisabBengali", "normal", "NotoSansBengali-Regular.ttf"),
    ("HisabBengali", "bold", "NotoSansBengali-Bold.ttf"),
)


def font_faces_css(url_of: Callable[[str], str]) -> Markup:
    """One @font-face rule per face, each font file found at `url_of(file name)`."""
    return Markup(
        "\n".join(
            f'@font-face {{ font-family: {family}; font-weight: {weight}; src: url("{url_of(file)}"); }}'
            for family, weight, file in FONT_FACES
        )
    )


def css_string(text: str) -> Markup:
    """Text made safe inside a double-quoted CSS string in a <style> element, where HTML escapes do not apply."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ").replace("<", "\\3C ")
    return Markup(escaped)
