"""What every field of the Mushak-9.1 shows, in one language: the template only places these strings.

Parts 1 and 2 come from the view's taxpayer, period and status; parts 3 to 11 are one table each, a
row per note of the form's catalogue, with the note's own columns filled (0.00 when it has nothing)
and the columns it does not have shaded, as the form does; part 12 is the declaration with space to
sign. After the form, a sub-form for every note with sources: its entries, by date and document
number, or for the deposit notes 58 and 59 the treasury challans. A return not yet submitted is
marked DRAFT on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from hisab.formatting.money import format_number, localized
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.identifiers import format_bin
from hisab.kernel.language import Language
from hisab.kernel.money import ZERO
from hisab.vat_return.adapters.documents.labels import RETURN_LABELS, ReturnLabels
from hisab.vat_return.application.return_views import (
    DepositView,
    NoteFigure,
    ReturnStatus,
    VatReturnView,
)
from hisab.vat_return.domain.entries import ReturnEntry
from hisab.vat_return.domain.form import NOTES, PARTS, Column, FormNote, Part, Words, notes_of

BLANK = "—"
FILED = frozenset({ReturnStatus.SUBMITTED, ReturnStatus.AMENDED})
# SL, document no., date, counterparty, BIN/NID, code, description, value, SD, VAT; and a challan's five.
ENTRY_WIDTHS = (4, 13, 7, 15, 10, 8, 17, 10, 7, 9)
DEPOSIT_WIDTHS = (6, 30, 16, 28, 20)
# A printed sub-form lists at most this many lines: WeasyPrint lays out about 120 a second, so a
# quarter of 100,000 invoices would take minutes to print. Its total is still the note's whole
# figure, and the JSON and CSV exports list every line (docs/decisions.md).
PRINTED_LINES = 250
# The notes whose sub-form is the period's treasury challans rather than documents' entries.
DEPOSIT_NOTES = {"VAT": 58, "SD": 59}


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    # A column the note does not have: the form shades it.
    shaded: bool = False


@dataclass(frozen=True, slots=True)
class NoteRow:
    note: str
    number: int
    # The group heading on the first row of its group, with the rows it spans; 0 on the group's later
    # rows (the heading spans them); None when the note has no group and its label takes both columns.
    group: str | None
    group_rows: int | None
    label: str
    formula: str | None
    account_code: str | None
    cells: tuple[Cell, ...]
    total: bool
    # The anchor of the note's sub-form when it has one to show.
    sub_form: str | None


@dataclass(frozen=True, slots=True)
class Section:
    number: int
    heading: str
    item_heading: str
    column_headings: tuple[str, ...]
    # Parts 3 and 4 have a group column before the label; part 9 an account-code column after it.
    grouped: bool
    with_account_code: bool
    rows: tuple[NoteRow, ...]


@dataclass(frozen=True, slots=True)
class SubForm:
    anchor: str
    note: str
    title: str
    label: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    totals: tuple[str, ...]
    # Percent of the table per column.
    widths: tuple[int, ...]
    # Says how many lines the printed sub-form leaves to the exports, when it is longer than it prints.
    more: str | None = None


@dataclass(frozen=True, slots=True)
class Choice:
    label: str
    chosen: bool


@dataclass(frozen=True, slots=True)
class ReturnPage:
    language: Language
    labels: ReturnLabels
    headings: dict[int, str]
    # DRAFT on every page of a return not yet filed; None once it is.
    draft: str | None
    running_head: str
    taxpayer: tuple[tuple[str, str], ...]
    period: str
    return_types: tuple[Choice, ...]
    activity: tuple[Choice, Choice]
    submission_date: str
    due_date: str
    status: str
    sections: tuple[Section, ...]
    sub_forms: tuple[SubForm, ...]


def return_page(view: VatReturnView, language: Language) -> ReturnPage:
    labels = RETURN_LABELS[language]
    draft = None if view.status in FILED else labels.draft
    figures = {figure.note: figure for figure in view.notes}
    sub_forms = _sub_forms(view, figures, language, labels)
    with_sub_form = {int(sub.anchor.removeprefix("sub-form-")) for sub in sub_forms}
    return ReturnPage(
        language=language,
        labels=labels,
        headings={part.number: _words(part.heading, language) for part in PARTS},
        draft=draft,
        running_head=" · ".join(part for part in (labels.form, localized(view.period, language), draft) if part),
        taxpayer=_taxpayer(view, language, labels),
        period=_period(view, language),
        return_types=tuple(Choice(text, kind is view.return_type) for kind, text in labels.return_types.items()),
        activity=(Choice(labels.yes, not view.nil), Choice(labels.no, view.nil)),
        submission_date=_day(_dhaka_day(view.submitted_at), language),
        due_date=_day(view.due_on, language),
        status=_status(view, language, labels),
        sections=tuple(_section(part, figures, with_sub_form, language, labels) for part in PARTS if part.columns),
        sub_forms=sub_forms,
    )


def _words(words: Words, language: Language) -> str:
    return words.bn if language is Language.BN else words.en


def _taxpayer(view: VatReturnView, language: Language, labels: ReturnLabels) -> tuple[tuple[str, str], ...]:
    taxpayer = view.taxpayer
    if taxpayer is None:
        return ((labels.bin, BLANK), (labels.taxpayer_name, BLANK), (labels.taxpayer_address, BLANK))
    bengali = language is Language.BN
    name = (taxpayer.name_bn if bengali else None) or taxpayer.name
    address = (taxpayer.address_bn if bengali else None) or taxpayer.address
    bin_text = localized(format_bin(taxpayer.bin), language) if taxpayer.bin else BLANK
    return ((labels.bin, bin_text), (labels.taxpayer_name, name), (labels.taxpayer_address, address or BLANK))


def _period(view: VatReturnView, language: Language) -> str:
    span = f"{_day(view.starts_on, language)} – {_day(view.ends_on, language)}"
    return f"{localized(view.period, language)} ({span})"


def _status(view: VatReturnView, language: Language, labels: ReturnLabels) -> str:
    moment = view.submitted_at if view.status in FILED else view.prepared_at
    return labels.statuses[view.status.value].format(
        day=_day(_dhaka_day(moment), language),
        reference=view.submission_reference or BLANK,
        count=localized(str(view.amendments), language),
    )


def _section(
    part: Part, figures: dict[int, NoteFigure], with_sub_form: set[int], language: Language, labels: ReturnLabels
) -> Section:
    notes = notes_of(part.number)
    grouped = any(note.group is not None for note in notes)
    return Section(
        number=part.number,
        heading=_words(part.heading, language),
        item_heading=_words(part.item_heading, language) if part.item_heading else "",
        column_headings=_column_headings(part, language, labels),
        grouped=grouped,
        with_account_code=any(note.account_code for note in notes),
        rows=tuple(
            _row(note, notes, figures.get(note.note), note.note in with_sub_form, part, language) for note in notes
        ),
    )


def _column_headings(part: Part, language: Language, labels: ReturnLabels) -> tuple[str, ...]:
    """Value (a), SD (b), VAT (c): the letters the formulas name the columns by."""
    if part.columns == (Column.AMOUNT,):
        return (labels.columns[Column.AMOUNT],)
    letters = ("ক", "খ", "গ") if language is Language.BN else ("a", "b", "c")
    return tuple(f"{labels.columns[column]} ({letters[n]})" for n, column in enumerate(part.columns))


def _row(
    note: FormNote,
    part_notes: Sequence[FormNote],
    figure: NoteFigure | None,
    has_sub_form: bool,
    part: Part,
    language: Language,
) -> NoteRow:
    group, group_rows = _group(note, part_notes, language)
    return NoteRow(
        note=localized(str(note.note), language),
        number=note.note,
        group=group,
        group_rows=group_rows,
        label=_words(note.label, language),
        formula=_words(note.formula, language) if note.formula else None,
        account_code=localized(note.account_code, language) if note.account_code else None,
        cells=tuple(_cell(column, note, figure, language) for column in part.columns),
        total=note.total,
        sub_form=f"sub-form-{note.note}" if has_sub_form else None,
    )


def _group(note: FormNote, part_notes: Sequence[FormNote], language: Language) -> tuple[str | None, int | None]:
    if note.group is None:
        return None, None
    members = [other for other in part_notes if other.group == note.group]
    if members[0] is not note:
        return None, 0
    return _words(note.group, language), len(members)


def _cell(column: Column, note: FormNote, figure: NoteFigure | None, language: Language) -> Cell:
    if column not in note.columns:
        return Cell("", shaded=True)
    return Cell(format_number(_amount(column, figure), language))


def _amount(column: Column, figure: NoteFigure | None) -> Decimal:
    """A figure the computation left empty is printed 0.00, as the NBR's own returns print it."""
    if figure is None:
        return ZERO
    amounts = {
        Column.VALUE: figure.value,
        Column.SD: figure.supplementary_duty,
        Column.VAT: figure.vat,
        Column.AMOUNT: figure.amount,
    }
    return amounts[column] or ZERO


def sorted_sources(figure: NoteFigure) -> list[ReturnEntry]:
    """A sub-form's lines by date and document number (then line), as the online form lists them."""
    return sorted(figure.sources, key=lambda entry: (entry.document_date, entry.document_number, entry.line_id))


def deposits_of(view: VatReturnView, note: int) -> list[DepositView]:
    """The treasury challans of a deposit note (58 for VAT, 59 for SD), by date and challan number."""
    chosen = [deposit for deposit in view.deposits if DEPOSIT_NOTES.get(deposit.kind) == note]
    return sorted(chosen, key=lambda deposit: (deposit.deposit_date, deposit.challan_number))


def _sub_forms(
    view: VatReturnView, figures: dict[int, NoteFigure], language: Language, labels: ReturnLabels
) -> tuple[SubForm, ...]:
    forms: list[SubForm] = []
    for note in NOTES:
        figure = figures.get(note.note)
        if note.note in DEPOSIT_NOTES.values():
            deposits = deposits_of(view, note.note)
            if deposits:
                forms.append(_deposit_sub_form(note, deposits, language, labels))
        elif figure is not None and figure.sources:
            forms.append(_entry_sub_form(note, sorted_sources(figure), language, labels))
    return tuple(forms)


def _heading(note: FormNote, language: Language, labels: ReturnLabels) -> tuple[str, str, str]:
    number = localized(str(note.note), language)
    label = _words(note.label, language)
    if note.group is not None:
        label = f"{_words(note.group, language)}: {label}"
    return number, labels.sub_form_of.format(note=number), label


def _entry_sub_form(note: FormNote, entries: list[ReturnEntry], language: Language, labels: ReturnLabels) -> SubForm:
    number, title, label = _heading(note, language, labels)
    printed = entries[:PRINTED_LINES]
    rows = tuple(
        (
            localized(str(position), language),
            localized(entry.document_number, language),
            _day(entry.document_date, language),
            entry.counterparty.name,
            _identity(entry, language),
            localized(entry.code, language) if entry.code else BLANK,
            entry.description,
            format_number(entry.value, language),
            format_number(entry.supplementary_duty, language),
            format_number(entry.vat, language),
        )
        for position, entry in enumerate(printed, start=1)
    )
    totals = tuple(
        format_number(sum((amount(entry) for entry in entries), ZERO), language) for amount in (_value, _sd, _vat)
    )
    left = len(entries) - len(printed)
    more = labels.more_lines.format(count=localized(str(left), language)) if left else None
    return SubForm(
        f"sub-form-{note.note}", number, title, label, labels.sub_form_columns, rows, totals, ENTRY_WIDTHS, more
    )


def _value(entry: ReturnEntry) -> Decimal:
    return entry.value


def _sd(entry: ReturnEntry) -> Decimal:
    return entry.supplementary_duty


def _vat(entry: ReturnEntry) -> Decimal:
    return entry.vat


def _deposit_sub_form(note: FormNote, deposits: list[DepositView], language: Language, labels: ReturnLabels) -> SubForm:
    number, title, label = _heading(note, language, labels)
    rows = tuple(
        (
            localized(str(position), language),
            localized(deposit.challan_number, language),
            _day(deposit.deposit_date, language),
            localized(deposit.account_code, language),
            format_number(deposit.amount, language),
        )
        for position, deposit in enumerate(deposits, start=1)
    )
    total = format_number(sum((deposit.amount for deposit in deposits), ZERO), language)
    return SubForm(
        f"sub-form-{note.note}", number, title, label, labels.deposit_columns, rows, (total,), DEPOSIT_WIDTHS
    )


def _identity(entry: ReturnEntry, language: Language) -> str:
    """The counterparty's BIN, or its NID where it has none (an unregistered buyer or supplier)."""
    party = entry.counterparty
    if party.bin:
        return localized(format_bin(party.bin), language)
    return localized(f"NID {party.nid}", language) if party.nid else BLANK


def _dhaka_day(moment: datetime | None) -> date | None:
    return moment.astimezone(BANGLADESH_TIME).date() if moment else None


def _day(day: date | None, language: Language) -> str:
    return localized(day.strftime("%d/%m/%Y"), language) if day else BLANK
