"""The languages Hisab writes in: English, and Bengali (with Bengali digits)."""

from __future__ import annotations

from enum import StrEnum


class Language(StrEnum):
    EN = "en"
    BN = "bn"
