"""What every Mushak form Hisab prints shares: a page set per copy, its copy mark and running head, the
parties' blocks, and how values are written on it (BINs, Dhaka dates and times, Bengali digits).

Each form (mushak63.py, note_form.py) decides only its own fields, rows and totals.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from hisab.formatting.money import localized
from hisab.invoicing.adapters.documents.labels import COPY_MARKS, Labels
from hisab.invoicing.application.documents import Document
from hisab.invoicing.domain.printing import CopyKind
from hisab.kernel.identifiers import format_bin
from hisab.kernel.language import Language

BLANK = "—"
# How a field's value is set: a serial stands out; an address keeps its lines.
SERIAL, ADDRESS = "serial", "address"

L = TypeVar("L", bound=Labels)
S = TypeVar("S")


@dataclass(frozen=True, slots=True)
class Field:
    label: str
    value: str
    style: str = ""


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Page(Generic[L]):
    """One copy of a form, ready for its template: every text on it is decided here, none there."""

    language: Language
    labels: L
    mark: str | None
    watermark: str | None
    running_head: str
    serial: str
    # The fields above the table, two to a row: the supplier's beside the buyer's, and so on.
    parties: tuple[tuple[Field, Field], ...]
    fields: dict[str, str]
    rows: tuple[Row, ...]
    totals: tuple[str, ...]
    words: str


@dataclass(frozen=True, slots=True)
class Form(Generic[S]):
    """A printed form: the template (in templates/) that lays out its pages, and how a document fills them."""

    template: str
    pages: Callable[[Document[S]], Sequence[Page[Any]]]
    # What the template places the same on every page of a document: the numbers and widths of the columns.
    columns: Callable[[Document[S]], Mapping[str, object]]


def copies_to_print(document: Document[Any]) -> tuple[CopyKind | None, ...]:
    """One page set per copy; a screen view, an inspection copy or a draft is a single unmarked one."""
    return document.copies or (None,)


def copy_mark(copy: CopyKind | None, document: Document[Any], labels: Labels, *, issued: bool) -> str | None:
    """The copy's mark (rule 44); an issued form that is no print says that it is none."""
    if copy is not None:
        return COPY_MARKS[copy]
    if not issued:
        return None
    return labels.inspection_copy if document.for_inspection else labels.screen_view


def running_head(labels: Labels, serial: str | None, mark: str | None) -> str:
    """What the top of every page says, so that a loose page of a long form still says what it belongs to."""
    return " · ".join(part for part in (labels.form, serial, mark) if part)


def supplier_and_buyer(labels: Labels, fields: Mapping[str, str]) -> tuple[tuple[Field, Field], ...]:
    """The registered person's block beside the purchaser's: name, BIN, address."""
    return (
        (Field(labels.supplier_name, fields["supplier_name"]), Field(labels.buyer_name, fields["buyer_name"])),
        (Field(labels.supplier_bin, fields["supplier_bin"]), Field(labels.buyer_bin, fields["buyer_bin"])),
        (
            Field(labels.issuing_address, fields["issuing_address"], ADDRESS),
            Field(labels.buyer_address, fields["buyer_address"], ADDRESS),
        ),
    )


def issuer_fields(document: Document[Any], vendor_bin: str | None) -> dict[str, str]:
    """The supplier's block and the officer's, from the profile as it stood at the issue."""
    supplier, unit, language = document.supplier, document.unit, document.language
    return {
        "supplier_name": supplier.name if supplier else BLANK,
        "supplier_bin": bin_text(supplier.bin if supplier else vendor_bin, language),
        "issuing_address": f"{unit.name}\n{unit.address}" if unit else BLANK,
        "officer": supplier.officer_name if supplier else BLANK,
        "designation": supplier.officer_designation if supplier else BLANK,
    }


def bin_text(stored: str | None, language: Language) -> str:
    return localized(format_bin(stored), language) if stored else BLANK


def moment_text(moment: datetime | None, pattern: str, language: Language) -> str:
    """24-hour time and day/month/year dates, in Dhaka: as the form is filled in Bangladesh."""
    return localized(moment.strftime(pattern), language) if moment else BLANK


def column_numbers(count: int, language: Language) -> tuple[str, ...]:
    """(1), (2)...: the numbers a form gives its columns, which notes and returns refer to."""
    return tuple(localized(f"({n})", language) for n in range(1, count + 1))
